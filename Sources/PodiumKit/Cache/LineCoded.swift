import Foundation

/// A record that is one line of ``LineFields``: its fields, and back.
protocol LineRecord: Equatable {
    var lineFields: [String] { get }
    init?(lineFields: ArraySlice<String>)
}

/// A dictionary of records kept in `state.json` as one string, a line per entry in key order
/// (`<key> <field> <field> …`). The state of a large site holds thousands of file stamps and result
/// keys, which JSONDecoder and JSONEncoder took tens of milliseconds over as objects, on every
/// build that is not a no-change one; as lines they take about a millisecond.
@propertyWrapper
struct LineCoded<Record: LineRecord>: Codable, Equatable {
    var wrappedValue: [String: Record]

    init(wrappedValue: [String: Record]) { self.wrappedValue = wrappedValue }

    init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        var records: [String: Record] = [:]
        for fields in Array(text.utf8).withUnsafeBytes({ LineFields.fields(of: $0) }) {
            guard let key = fields.first, let record = Record(lineFields: fields.dropFirst()) else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "a damaged line"))
            }
            records[key] = record
        }
        wrappedValue = records
    }

    func encode(to encoder: any Encoder) throws {
        var text = ""
        for key in wrappedValue.keys.sorted() {
            text += ([key] + wrappedValue[key]!.lineFields).map(LineFields.escape).joined(separator: " ")
            text += "\n"
        }
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }
}

extension FileStamp: LineRecord {
    /// `size mtime inode ctime sha256` (`-` for an empty hash).
    var lineFields: [String] {
        ["\(size)", "\(modified)", "\(inode)", "\(changed)", sha256.isEmpty ? "-" : sha256]
    }

    init?(lineFields fields: ArraySlice<String>) {
        let values = Array(fields)
        guard values.count == 5, let size = Int64(values[0]), let modified = Int64(values[1]),
              let inode = UInt64(values[2]), let changed = Int64(values[3]) else { return nil }
        self.init(sha256: values[4] == "-" ? "" : values[4], size: size, modified: modified, inode: inode, changed: changed)
    }
}

extension ResultStamp: LineRecord {
    /// `key sql table fingerprint table fingerprint …`, tables by name.
    var lineFields: [String] {
        [key, sql] + tables.keys.sorted().flatMap { [$0, tables[$0]!] }
    }

    init?(lineFields fields: ArraySlice<String>) {
        let values = Array(fields)
        guard values.count >= 2, values.count % 2 == 0 else { return nil }
        var tables: [String: String] = [:]
        for index in stride(from: 2, to: values.count, by: 2) { tables[values[index]] = values[index + 1] }
        self.init(key: values[0], sql: values[1], tables: tables)
    }
}

extension PageRender: LineRecord {
    /// The page's warnings, kept as JSON in one field (few pages have any).
    private struct Warnings: Codable {
        var inline: [Diagnostic], kpi: [Diagnostic], empty: [Diagnostic]
    }

    /// `key count file… warnings`: the warnings as JSON, `-` for none.
    var lineFields: [String] {
        var warnings = "-"
        if !(inline.isEmpty && kpi.isEmpty && empty.isEmpty) {
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            warnings = (try? encoder.encode(Warnings(inline: inline, kpi: kpi, empty: empty)))
                .map { String(decoding: $0, as: UTF8.self) } ?? "-"
        }
        return [key, "\(files.count)"] + files + [warnings]
    }

    init?(lineFields fields: ArraySlice<String>) {
        let values = Array(fields)
        guard values.count >= 3, let count = Int(values[1]), values.count == count + 3 else { return nil }
        self.init(key: values[0], files: Array(values[2..<(2 + count)]))
        if values[count + 2] != "-" {
            guard let warnings = try? JSONDecoder().decode(Warnings.self, from: Data(values[count + 2].utf8)) else { return nil }
            (inline, kpi, empty) = (warnings.inline, warnings.kpi, warnings.empty)
        }
    }
}
