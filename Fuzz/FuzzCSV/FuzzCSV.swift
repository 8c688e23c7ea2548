@testable import PodiumKit

/// libFuzzer entry point for the CSV reader (`CSVReader`).
///
/// Properties checked on every input, besides "no crash, no sanitizer report":
/// - reading in 64 KiB chunks and in 1-, 3- and 7-byte chunks gives the same records, lines and
///   diagnostics (chunk boundaries never change the result);
/// - a failure is a `DiagnosticsError` whose diagnostics name the file, with a line ≥ 1;
/// - records that read back are written out again with RFC 4180 quoting and read a second
///   time: the same fields come back.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let reference = read(bytes, chunkSize: 65536)
    for chunkSize in [1, 3, 7] {
        let other = read(bytes, chunkSize: chunkSize)
        guard other == reference else {
            fatalError("chunk size \(chunkSize) changes the result:\n\(other)\nvs\n\(reference)")
        }
    }
    switch reference {
    case .failure(let text):
        guard text.hasPrefix("data/fuzz.csv") else { fatalError("diagnostic without the file: \(text)") }
    case .records(let records):
        let again = read(Array(encode(records.map(\.fields)).utf8), chunkSize: 65536)
        guard case .records(let round) = again, round.map(\.fields) == records.map(\.fields) else {
            fatalError("round trip changed the records: \(records) → \(again)")
        }
    }
    return 0
}

private enum Outcome: Equatable {
    case records([Row])
    case failure(String)
}

private struct Row: Equatable {
    var line: Int
    var fields: [String]
    var locations: [String]
}

private func read(_ bytes: [UInt8], chunkSize: Int) -> Outcome {
    var rows: [Row] = []
    do {
        try CSVReader(bytes: bytes, displayPath: "data/fuzz.csv", chunkSize: chunkSize).read { record in
            guard record.line >= 1 else { fatalError("record line \(record.line)") }
            rows.append(Row(line: record.line, fields: record.strings,
                            locations: (0..<record.count).map { record.location(of: $0).description }))
        }
        return .records(rows)
    } catch let error as DiagnosticsError {
        for diagnostic in error.diagnostics {
            guard let line = diagnostic.location?.line, line >= 1 else { fatalError("diagnostic without a line: \(diagnostic)") }
        }
        return .failure(error.description)
    } catch {
        fatalError("unexpected error type: \(error)")
    }
}

/// RFC 4180 text for records: every field quoted, quotes doubled, LF line ends.
private func encode(_ records: [[String]]) -> String {
    records.map { fields in
        fields.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: ",")
    }.joined(separator: "\n") + "\n"
}
