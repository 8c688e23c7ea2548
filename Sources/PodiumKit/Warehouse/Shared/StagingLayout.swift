/// How the columns of one source file map to staging columns: names, types, required flags.
struct StagingLayout {
    struct Column {
        var header: String
        var name: String
        /// Nil until inferred.
        var type: ColumnType?
        var required: Bool
        var spec: ColumnSpec?
        /// Whole fields that mean NULL here: the column's `null_values:`, else the source's.
        var nullTokens: [[UInt8]] = []

        /// Whether `bytes` is one of the column's null tokens.
        func isNullToken(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool { Self.matches(bytes, nullTokens) }

        /// Whether `bytes` is one of `tokens`, whole and exactly.
        @inline(__always)
        static func matches(_ bytes: UnsafeBufferPointer<UInt8>, _ tokens: [[UInt8]]) -> Bool {
            for token in tokens where token.count == bytes.count && token.elementsEqual(bytes) { return true }
            return false
        }
    }

    var columns: [Column]

    /// Indexes of the columns whose type must be inferred.
    var undeclaredTypeIndexes: [Int] { columns.indices.filter { columns[$0].type == nil } }

    /// The most columns a source may have: SQLite's default limit of 2000, less `_line`.
    static let maxColumns = 1999

    /// The name of the column holding each row's source line.
    static let lineColumn = "_line"

    /// Maps the header record to staging columns.
    /// - Throws: `DiagnosticsError` with every problem: declared headers missing from the file and
    ///   columns that would get the same staging name.
    /// - Parameter partitionKeys: for a multi-file source (nil for one file): `_file` is staged
    ///   first and a column per partition key last (declared in `columns:` by the key's name).
    init<Record: SourceRecord>(header: Record, source: SourceSpec, partitionKeys: [String]? = nil) throws {
        let headers = header.strings
        let declared = Dictionary(source.columns.map { ($0.header, $0) }, uniquingKeysWith: { first, _ in first })
        var problems: [Diagnostic] = []

        columns = headers.enumerated().map { index, text in
            if let spec = declared[text] {
                return Column(header: text, name: spec.name, type: spec.type, required: spec.required, spec: spec,
                              nullTokens: (spec.nullValues ?? source.nullValues).map { Array($0.utf8) })
            }
            let name = ColumnNaming.snakeCase(text)
            return Column(header: text, name: name.isEmpty ? "column_\(index + 1)" : name, type: nil,
                          required: false, spec: nil, nullTokens: source.nullValues.map { Array($0.utf8) })
        }

        let fileColumn = SourceFiles.fileColumn
        var extraLocations: [Diagnostic.Location] = []
        if let partitionKeys {
            let at = Diagnostic.Location(file: header.location(of: 0).file, line: header.line)
            columns.insert(Column(header: fileColumn, name: fileColumn, type: .text, required: false, spec: nil), at: 0)
            for key in partitionKeys {
                let spec = declared[key]
                let name = spec?.name ?? ColumnNaming.snakeCase(key)
                columns.append(Column(header: key, name: name.isEmpty ? "partition_\(columns.count)" : name, type: spec?.type,
                                      required: spec?.required ?? false, spec: spec,
                                      nullTokens: (spec?.nullValues ?? source.nullValues).map { Array($0.utf8) }))
            }
            extraLocations = Array(repeating: at, count: partitionKeys.count)
        }
        let offset = partitionKeys == nil ? 0 : 1
        func location(_ index: Int) -> Diagnostic.Location {
            if offset == 1, index == 0 { return .init(file: header.location(of: 0).file, line: header.line) }
            let field = index - offset
            return field < headers.count ? header.location(of: field) : extraLocations[field - headers.count]
        }

        if headers.count > Self.maxColumns - offset - (partitionKeys?.count ?? 0) {
            throw DiagnosticsError(.error(
                "the header has \(headers.count) columns; a source may have at most \(Self.maxColumns)",
                at: .init(file: offset == 1 ? header.location(of: 0).file : source.path, line: header.line),
                hint: "keep the columns the dashboard needs (SQLite tables hold at most 2000 columns)"))
        }
        for spec in source.columns where !headers.contains(spec.header) && !(partitionKeys ?? []).contains(spec.header) {
            problems.append(StagingError.missingHeader(spec, source: source, header: header, headers: headers))
        }

        var seen: [String: Int] = [:]  // lowercased name → index; SQLite names ignore ASCII case
        for (index, column) in columns.enumerated() {
            let key = column.name.lowercased()
            if key == Self.lineColumn || offset == 1 && index > 0 && key == fileColumn {
                problems.append(StagingError.reservedName(column, at: location(index)))
            } else if let first = seen[key] {
                problems.append(StagingError.duplicateName(
                    column, first: columns[first], at: location(index),
                    firstAt: location(first)))
            } else {
                seen[key] = index
            }
        }
        if !problems.isEmpty { throw DiagnosticsError(problems) }
    }
}

/// Turns headers into column names.
enum ColumnNaming {
    /// `"Team/NOC"` → `team_noc`, `"Rank by Total"` → `rank_by_total`, `"RankByTotal"` →
    /// `rank_by_total`. Letters are lowercased, anything but letters and digits becomes one `_`,
    /// and a name starting with a digit gets a leading `_`. Returns "" when nothing is left.
    static func snakeCase(_ header: String) -> String {
        let scalars = Array(header.unicodeScalars)
        var name = ""
        var separate = false
        for (index, scalar) in scalars.enumerated() {
            let isDigit = ("0"..."9").contains(scalar)
            guard isDigit || scalar.properties.isAlphabetic else {
                separate = true
                continue
            }
            if scalar.properties.isUppercase, index > 0 {
                let previous = scalars[index - 1].properties
                let nextIsLower = index + 1 < scalars.count && scalars[index + 1].properties.isLowercase
                if previous.isLowercase || ("0"..."9").contains(scalars[index - 1])
                    || (previous.isUppercase && nextIsLower) {
                    separate = true
                }
            }
            if separate, !name.isEmpty { name += "_" }
            separate = false
            name += scalar.properties.lowercaseMapping
        }
        if let first = name.unicodeScalars.first, ("0"..."9").contains(first) { name = "_" + name }
        return name
    }
}
