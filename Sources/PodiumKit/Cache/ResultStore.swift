import Foundation

/// The materialized query results (the SPICE counterpart): one checksummed file per result in
/// `.podium/results/`, named by its key — the hash of the query text, the fingerprints of the
/// tables it reads and the tool. A damaged file reads as a miss, so it is re-queried, never served.
///
/// Data test results (`<key>.test`) and staging tables' column profiles (`<key>.profile`) are
/// kept beside the query results in the same way (`QualityCache`).
struct ResultStore: Sendable {
    let folder: URL

    /// What a stored file holds: its name's extension.
    enum Kind: String, CaseIterable, Sendable {
        case result, test, profile
    }

    /// The key of a query's result.
    static func key(sql: String, tables: [String: String], tool: String) -> String {
        var hasher = SHA256()
        hasher.update("podium-result 1\n\(tool)\n")
        for name in tables.keys.sorted() { hasher.update("\(name)=\(tables[name]!)\n") }
        hasher.update(sql)
        return hasher.finalize()
    }

    /// The stored result for `key`, or nil when missing or damaged.
    func result(for key: String) -> QueryResult? {
        guard let body = ChecksummedFile.read(url(key)) else { return nil }
        return StoredResultReader.decode(body)
    }

    /// Stores a result atomically.
    func store(_ result: QueryResult, for key: String) throws {
        let encoded = Self.encode(result)
        try store(encoded, for: key)
    }

    /// Stores a result already encoded (see ``encode(_:)``) atomically.
    func store(_ encoded: Encoded, for key: String) throws {
        try ChecksummedFile.write(encoded.body, checksum: encoded.contentHash, to: url(key))
    }

    /// A result in its stored form, and the SHA-256 (hex) of that form (its columns and every
    /// value, typed): equal results, equal hashes. It is also the stored file's checksum.
    struct Encoded: Sendable {
        var body: Data
        var contentHash: String
    }

    /// `result` in its stored form, with its hash.
    static func encode(_ result: QueryResult) -> Encoded {
        let body = StoredResult.encode(result)
        var hasher = SHA256()
        body.withUnsafeBytes { hasher.update($0) }
        return Encoded(body: body, contentHash: hasher.finalize())
    }

    /// The stored body of another kind of entry for `key`, or nil when missing or damaged.
    func data(for key: String, kind: Kind) -> Data? {
        ChecksummedFile.read(url(key, kind))
    }

    /// Stores another kind of entry atomically.
    func store(_ body: Data, for key: String, kind: Kind) throws {
        try ChecksummedFile.write(body, to: url(key, kind))
    }

    /// Removes every stored entry (of every kind) whose key is not in `keep`.
    func prune(keeping keep: Set<String>) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return }
        for name in names {
            guard let dot = name.lastIndex(of: "."), Kind(rawValue: String(name[name.index(after: dot)...])) != nil,
                  !keep.contains(String(name[..<dot])) else { continue }
            try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
        }
    }

    private func url(_ key: String, _ kind: Kind = .result) -> URL { folder.appendingPathComponent("\(key).\(kind.rawValue)") }
}

/// One value as a tagged string, as the stored results write it: `i:42`, `r:0.5`, `t:text`; nil
/// for NULL.
enum TaggedValue {
    static func encode(_ value: Value) -> String? {
        switch value {
        case .null: nil
        case .integer(let number): "i:\(number)"
        case .real(let number): "r:\(number)"  // Swift's description round-trips exactly
        case .text(let text): "t:" + text
        }
    }

    /// The value of a tagged cell (nil: NULL); nil when the cell is damaged.
    static func decode(_ cell: String?) -> Value? {
        guard let cell else { return .null }
        let payload = String(cell.dropFirst(2))
        switch cell.prefix(2) {
        case "i:": return Int64(payload).map(Value.integer)
        case "r:": return Double(payload).map(Value.real)
        case "t:": return .text(payload)
        default: return nil
        }
    }
}

/// A query result in a lossless JSON form: each cell a tagged string (`i:42`, `r:0.5`, `t:text`)
/// or null. ``StoredResultReader`` reads it back.
private enum StoredResult {
    /// `result` in this form, written straight into bytes: no copy of every cell as a tagged
    /// string and no JSONEncoder tree, which together held about three times a large result
    /// while it was stored.
    static func encode(_ result: QueryResult) -> Data {
        var out = Data()
        out.append(contentsOf: #"{"columns":["#.utf8)
        for (index, column) in result.columns.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            appendString(column, to: &out)
        }
        out.append(contentsOf: #"],"rows":["#.utf8)
        for (rowIndex, row) in result.rows.enumerated() {
            out.append(contentsOf: (rowIndex > 0 ? ",[" : "[").utf8)
            for (index, value) in row.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                switch value {
                case .null: out.append(contentsOf: "null".utf8)
                case .integer(let number): appendString("i:\(number)", to: &out)
                case .real(let number): appendString("r:\(number)", to: &out)  // Swift's description round-trips exactly
                case .text(let text): appendString("t:" + text, to: &out)
                }
            }
            out.append(UInt8(ascii: "]"))
        }
        out.append(contentsOf: "]}".utf8)
        return out
    }

    /// A JSON string literal: quotes, backslashes and control characters escaped.
    private static func appendString(_ text: String, to out: inout Data) {
        out.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                out.append(contentsOf: [UInt8(ascii: "\\"), byte])
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: Array(#"\u00"#.utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 15)]])
            default:
                out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
