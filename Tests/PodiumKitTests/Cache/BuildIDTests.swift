import Foundation
import Testing
@testable import PodiumKit

@Suite struct BuildIDTests {
    /// The id read from the file equals what `readelf -n` prints for it.
    @Test func readsTheLinkersBuildID() throws {
        let path = PackageResources.executablePath
        let id = try #require(BuildID.read(path))
        #expect(id.count >= 32 && id.allSatisfy(\.isHexDigit))
        let readelf = Process()
        readelf.executableURL = URL(fileURLWithPath: "/usr/bin/readelf")
        readelf.arguments = ["-n", path]
        let pipe = Pipe()
        readelf.standardOutput = pipe
        guard (try? readelf.run()) != nil else { return }  // no binutils: the format check above stands
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        readelf.waitUntilExit()
        #expect(output.contains("Build ID: \(id)"), "\(output)")
    }

    @Test func aFileThatIsNotELFHasNone() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("not-elf-\(UUID().uuidString)")
        try Data("#!/bin/sh\necho hi\n".utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(BuildID.read(url.path) == nil)
    }
}
