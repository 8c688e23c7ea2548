import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file written through a 1 MiB buffer, for generating hundreds of megabytes quickly.
final class OutputFile {
    private let file: UnsafeMutablePointer<FILE>
    private var buffer: [UInt8] = []
    /// Bytes written so far.
    private(set) var byteCount = 0

    /// Creates (or truncates) the file at `path`.
    init(path: String) throws {
        guard let file = fopen(path, "wb") else { throw BenchError("cannot create \(path)") }
        self.file = file
        buffer.reserveCapacity(1 << 20)
    }

    /// Appends text.
    func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        byteCount += text.utf8.count
        if buffer.count >= 1 << 20 { flush() }
    }

    /// Appends one CSV record with minimal quoting (only fields holding a comma, a quote or a
    /// line break are quoted), as Python's csv.writer wrote the Tokyo files.
    func writeRecord(_ fields: [String]) {
        for (index, field) in fields.enumerated() {
            if index > 0 { write(",") }
            if field.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) {
                write("\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"")
            } else {
                write(field)
            }
        }
        write("\n")
    }

    /// Writes out the buffer and closes the file.
    func close() {
        flush()
        fclose(file)
    }

    private func flush() {
        buffer.withUnsafeBufferPointer { _ = fwrite($0.baseAddress, 1, $0.count, file) }
        buffer.removeAll(keepingCapacity: true)
    }
}

/// A benchmark failure, printed as is.
struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
