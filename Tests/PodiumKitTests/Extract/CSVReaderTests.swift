import Foundation
import Testing
@testable import PodiumKit
import PodiumTestSupport

/// Reads `text` with every chunk size in `chunkSizes` and checks all give the same records.
private func records(_ text: String, chunkSizes: [Int] = [1, 2, 3, 7, 65536]) throws -> [[String]] {
    try records(Array(text.utf8), chunkSizes: chunkSizes).map(\.fields)
}

private func records(_ bytes: [UInt8], chunkSizes: [Int] = [1, 2, 3, 7, 65536]) throws -> [(line: Int, fields: [String])] {
    var results: [[(line: Int, fields: [String])]] = []
    for size in chunkSizes {
        var rows: [(line: Int, fields: [String])] = []
        try CSVReader(bytes: bytes, displayPath: "data/t.csv", chunkSize: size).read { rows.append(($0.line, $0.strings)) }
        results.append(rows)
    }
    for other in results.dropFirst() {
        #expect(other.map(\.fields) == results[0].map(\.fields))
        #expect(other.map(\.line) == results[0].map(\.line))
    }
    return results[0]
}

/// The single diagnostic `text` fails with, as text.
private func failure(_ text: String, chunkSize: Int = 65536) -> String? {
    failure(Array(text.utf8), chunkSize: chunkSize)
}

private func failure(_ bytes: [UInt8], chunkSize: Int = 65536) -> String? {
    do {
        try CSVReader(bytes: bytes, displayPath: "data/t.csv", chunkSize: chunkSize).read { _ in }
        return nil
    } catch let error as DiagnosticsError {
        return error.description
    } catch {
        return "unexpected \(error)"
    }
}

@Suite struct CSVReaderTests {
    @Test func readsPlainRecords() throws {
        #expect(try records("Name,NOC\nGANNA Filippo,Italy\n") == [["Name", "NOC"], ["GANNA Filippo", "Italy"]])
    }

    @Test func readsQuotedFieldsWithCommasAndDoubledQuotes() throws {
        #expect(try records("a,b\n\"Hong Kong, China\",\"say \"\"hi\"\"\"\n")
            == [["a", "b"], ["Hong Kong, China", "say \"hi\""]])
    }

    @Test func keepsLineBreaksInsideQuotesAndCountsLines() throws {
        let rows = try records(Array("a,b\n\"one\ntwo\",x\nlast,y\n".utf8))
        #expect(rows.map(\.fields) == [["a", "b"], ["one\ntwo", "x"], ["last", "y"]])
        #expect(rows.map(\.line) == [1, 2, 4])
    }

    @Test func acceptsCRLFAndLoneCR() throws {
        #expect(try records("a,b\r\n1,2\r\n\"x\r\ny\",3\r\n") == [["a", "b"], ["1", "2"], ["x\r\ny", "3"]])
        let rows = try records(Array("a\r1\r2".utf8))
        #expect(rows.map(\.fields) == [["a"], ["1"], ["2"]])
        #expect(rows.map(\.line) == [1, 2, 3])
    }

    @Test func skipsByteOrderMark() throws {
        #expect(try records([0xEF, 0xBB, 0xBF] + Array("Name\nCôte d'Ivoire\n".utf8)).map(\.fields)
            == [["Name"], ["Côte d'Ivoire"]])
    }

    @Test func readsLastRecordWithoutFinalNewline() throws {
        #expect(try records("a,b\n1,2") == [["a", "b"], ["1", "2"]])
        #expect(try records("a,b\n1,\"2\"") == [["a", "b"], ["1", "2"]])
        #expect(try records("a,b\n1,") == [["a", "b"], ["1", ""]])
    }

    @Test func readsEmptyFields() throws {
        #expect(try records("a,b,c\n,,\n\"\",x,\n") == [["a", "b", "c"], ["", "", ""], ["", "x", ""]])
    }

    @Test func skipsBlankLines() throws {
        let rows = try records(Array("a\n\n1\n\r\n2\n\n".utf8))
        #expect(rows.map(\.fields) == [["a"], ["1"], ["2"]])
        #expect(rows.map(\.line) == [1, 3, 5])
    }

    @Test func givesFieldBytesAndLocations() throws {
        var seen: [String] = []
        try CSVReader(bytes: Array("Name,NOC\n\"WANG Yang\",Côte d'Ivoire,x\n".utf8), displayPath: "data/t.csv")
            .read { record in
                for index in 0..<record.count {
                    let count = record.withBytes(index) { $0.count }
                    seen.append("\(record.location(of: index)) \(count) \(record.isEmpty(index))")
                }
            }
        #expect(seen == [
            "data/t.csv:1:1 4 false", "data/t.csv:1:6 3 false",
            "data/t.csv:2:1 9 false", "data/t.csv:2:13 14 false", "data/t.csv:2:27 1 false",
        ])
    }

    @Test func readsFileInSmallChunksLikeBytes() throws {
        let text = "Name,NOC\r\n\"Hong Kong, China\",\"a\"\"b\"\nCôte d'Ivoire,\"x\ny\"\n"
        let root = try makeTemporaryProject(["t.csv": text])
        defer { try? FileManager.default.removeItem(at: root) }
        for size in [1, 2, 3, 5, 64] {
            var rows: [[String]] = []
            try CSVReader(path: root.appendingPathComponent("t.csv").path, displayPath: "t.csv", chunkSize: size)
                .read { rows.append($0.strings) }
            #expect(rows == [["Name", "NOC"], ["Hong Kong, China", "a\"b"], ["Côte d'Ivoire", "x\ny"]])
        }
    }

    @Test func stopsWithTheErrorTheBodyThrows() {
        struct Stop: Error {}
        var count = 0
        #expect(throws: Stop.self) {
            try CSVReader(bytes: Array("a\n1\n2\n".utf8), displayPath: "t.csv").read { _ in
                count += 1
                if count == 2 { throw Stop() }
            }
        }
        #expect(count == 2)
    }

    // MARK: - Errors

    @Test func reportsMissingFile() {
        #expect(throws: DiagnosticsError.self) {
            try CSVReader(path: "/nonexistent/podium/x.csv", displayPath: "data/x.csv").read { _ in }
        }
        do {
            try CSVReader(path: "/nonexistent/podium/x.csv", displayPath: "data/x.csv").read { _ in }
        } catch {
            #expect("\(error)" == """
                data/x.csv: error: cannot find source file
                  hint: check the path in podium.yaml; paths are relative to the project root
                """)
        }
    }

    @Test func reportsUnreadableDirectory() {
        let error = #expect(throws: DiagnosticsError.self) {
            try CSVReader(path: NSTemporaryDirectory(), displayPath: "data").read { _ in }
        }
        #expect(error?.description.hasPrefix("data: error: cannot read source file: Is a directory") == true)
    }

    @Test func reportsEmptyFile() {
        #expect(failure("")?.hasPrefix("data/t.csv:1: error: source file is empty") == true)
        #expect(failure([0xEF, 0xBB, 0xBF])?.hasPrefix("data/t.csv:1: error: source file is empty") == true)
        #expect(failure("\n\n")?.hasPrefix("data/t.csv:1: error: source file is empty") == true)
    }

    @Test func reportsUnterminatedQuoteAtTheOpeningQuote() {
        for size in [1, 4, 65536] {
            #expect(failure("a,b\n1,\"open\n2,3\n", chunkSize: size) == """
                data/t.csv:2:3: error: quoted field is never closed
                  hint: add the closing quote ("); a quote inside a quoted field is written twice ("")
                """)
        }
    }

    @Test func reportsStrayQuote() {
        #expect(failure("a,b\n1,ab\"c\n")?.hasPrefix("data/t.csv:2:5: error: quote inside an unquoted field") == true)
    }

    @Test func reportsTextAfterClosingQuote() {
        #expect(failure("a,b\n\"q\" ,x\n")?.hasPrefix("data/t.csv:2:4: error: unexpected text after a closing quote") == true)
    }

    @Test func reportsInvalidUTF8WithLineAndColumn() {
        // "Côte" in Latin-1: 0xF4 is not followed by continuation bytes.
        let latin1: [UInt8] = Array("Name\nC".utf8) + [0xF4] + Array("te\n".utf8)
        for size in [1, 65536] {
            #expect(failure(latin1, chunkSize: size) == """
                data/t.csv:2:2: error: invalid UTF-8
                  hint: save the file as UTF-8 (for example "CSV UTF-8" in a spreadsheet)
                """)
        }
        #expect(failure(Array("a\nxé".utf8).dropLast().map { $0 })?.hasPrefix("data/t.csv:2:2: error: invalid UTF-8") == true)
        #expect(failure(Array("a\n".utf8) + [0xC0, 0xAF])?.hasPrefix("data/t.csv:2:1: error: invalid UTF-8") == true)
        #expect(failure(Array("a\n".utf8) + [0xED, 0xA0, 0x80])?.hasPrefix("data/t.csv:2:1: error: invalid UTF-8") == true)
        #expect(failure(Array("a\nok,".utf8) + [0x80])?.hasPrefix("data/t.csv:2:4: error: invalid UTF-8") == true)
    }

    @Test func reportsNulByte() {
        #expect(failure(Array("a,b\n1,".utf8) + [0, 0x32])?.hasPrefix("data/t.csv:2:3: error: NUL byte in a text file") == true)
    }

    @Test func readsRealAthletesFile() throws {
        let path = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("data/tokyo2021/Athletes.csv").path
        var count = 0
        var hongKong = 0
        try CSVReader(path: path, displayPath: "data/tokyo2021/Athletes.csv").read { record in
            #expect(record.count == 3)
            count += 1
            if record[1] == "Hong Kong, China" { hongKong += 1 }
        }
        #expect(count == 11086)
        #expect(hongKong > 0)
    }
}

@Suite struct CSVRoundTripTests {
    /// A tiny seeded generator, so the test is the same on every run.
    private struct Generator {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    @Test func writesAndReadsBackRandomRecordsAtEveryChunkSize() throws {
        var random = Generator(state: 2021)
        let pieces = ["a", "Côte d'Ivoire", ",", "\"", "\n", "\r\n", " ", "’", "<b>", "7", "", "é"]
        var expected: [[String]] = []
        var text = ""
        for row in 0..<200 {
            let fields = (0..<4).map { _ in (0..<random.next(4)).map { _ in pieces[random.next(pieces.count)] }.joined() }
            // A record of one empty field would be a blank line, which the reader skips.
            let record = row == 0 ? ["h1", "h2", "h3", "h4"] : fields
            expected.append(record)
            text += record.map { field in
                // Scalars, not Characters: "\r\n" is one Character in Swift.
                field.unicodeScalars.contains(where: { ",\"\r\n".unicodeScalars.contains($0) }) || random.next(3) == 0
                    ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
            }.joined(separator: ",")
            text += random.next(2) == 0 ? "\r\n" : "\n"
        }
        for size in [1, 2, 3, 5, 8, 13, 4096] {
            var rows: [[String]] = []
            try CSVReader(bytes: Array(text.utf8), displayPath: "r.csv", chunkSize: size).read { rows.append($0.strings) }
            let mismatch = zip(rows, expected).enumerated().first { $0.element.0 != $0.element.1 }
            #expect(rows.count == expected.count, "chunk size \(size)")
            #expect(mismatch == nil, "chunk size \(size): record \(mismatch?.offset ?? 0) is \(mismatch?.element.0 ?? [])")
        }
    }

    @Test func neverCrashesOnRandomBytes() {
        var random = Generator(state: 7)
        let alphabet: [UInt8] = Array("a,\"\r\n ".utf8) + [0xC3, 0xA9, 0xFF, 0x80, 0xE2]
        for _ in 0..<500 {
            let bytes = (0..<random.next(40)).map { _ in alphabet[random.next(alphabet.count)] }
            var outcomes: [String] = []
            for size in [1, 3, 64] {
                do {
                    var rows: [[String]] = []
                    try CSVReader(bytes: bytes, displayPath: "r.csv", chunkSize: size).read { rows.append($0.strings) }
                    outcomes.append("\(rows)")
                } catch {
                    outcomes.append("\(error)")
                }
            }
            #expect(Set(outcomes).count == 1, "\(bytes)")
        }
    }
}
