import Foundation
import Testing
@testable import PodiumKit

/// Inputs the fuzzers found, kept as tests.
@Suite struct FuzzFindingTests {
    /// A page with CRLF and a lone CR after NUL bytes in a chart block: every diagnostic stays
    /// inside the file (at most one line past its end, where YAML reports the end of input).
    /// The fuzz harness once counted lines by Characters, where "\r\n" is one.
    @Test func diagnosticsOfACRLFPageStayInsideTheFile() throws {
        let data = try #require(Data(base64Encoded: "LS0tCnRpdGxlOiBbCnRpdGxlOiBbdW5jLG9zZWQKLQplOiBUCi0tLQpgYGBjaGFydAppZDogLi4AAAAxLVtzCg0KcGk="))
        let text = String(decoding: data, as: UTF8.self)
        let error = try #require(throws: DiagnosticsError.self) {
            _ = try PageParser.parse(text: text, path: "pages/fuzz.md", name: "fuzz")
        }
        #expect(error.diagnostics.compactMap(\.location?.line) == [5, 11])  // the file has 10 lines
    }
}
