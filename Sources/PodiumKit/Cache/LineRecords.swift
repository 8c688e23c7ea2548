import Foundation

/// A record that is one line of ``LineFields``: its fields, and back.
protocol LineRecord: Equatable {
    var lineFields: [String] { get }
    init?(lineFields: ArraySlice<String>)
}

/// Dictionaries of records as lines, one per entry, `<section> <key> <field> <field> …`, each
/// section in key order. The state of a large site holds thousands of file stamps and result keys,
/// which JSONDecoder and JSONEncoder took tens of milliseconds over as objects, on every build that
/// is not a no-change one; as lines they take a few.
enum LineSections {
    /// Appends a section's lines to `bytes`.
    static func append<Record: LineRecord>(_ section: String, _ records: [String: Record], to bytes: inout [UInt8]) {
        for key in records.keys.sorted() {
            bytes += section.utf8
            bytes.append(UInt8(ascii: " "))
            LineFields.append(key, to: &bytes)
            for field in records[key]!.lineFields {
                bytes.append(UInt8(ascii: " "))
                LineFields.append(field, to: &bytes)
            }
            bytes.append(UInt8(ascii: "\n"))
        }
    }

    /// The lines of `bytes` by section (each line's fields after the section name).
    static func sections(of bytes: UnsafeRawBufferPointer) -> [String: [ArraySlice<String>]] {
        var sections: [String: [ArraySlice<String>]] = [:]
        for fields in LineFields.fields(of: bytes) where fields.count >= 2 {
            sections[fields[0], default: []].append(fields.dropFirst())
        }
        return sections
    }

    /// A section's records by key; nil when a line is damaged.
    static func records<Record: LineRecord>(_ lines: [ArraySlice<String>]?) -> [String: Record]? {
        var records: [String: Record] = [:]
        for line in lines ?? [] {
            guard let key = line.first, let record = Record(lineFields: line.dropFirst()) else { return nil }
            records[key] = record
        }
        return records
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
    /// `key content sql table fingerprint table fingerprint …`, tables by name (`-` for no content hash).
    var lineFields: [String] {
        [key, content ?? "-", sql] + tables.keys.sorted().flatMap { [$0, tables[$0]!] }
    }

    init?(lineFields fields: ArraySlice<String>) {
        let values = Array(fields)
        guard values.count >= 3, values.count % 2 == 1 else { return nil }
        var tables: [String: String] = [:]
        for index in stride(from: 3, to: values.count, by: 2) { tables[values[index]] = values[index + 1] }
        self.init(key: values[0], sql: values[2], tables: tables, content: values[1] == "-" ? nil : values[1])
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
