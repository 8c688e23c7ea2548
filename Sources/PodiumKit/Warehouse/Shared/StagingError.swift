/// The diagnostics staging reports, kept next to each other so their wording stays consistent.
enum StagingError {
    // MARK: - Header

    static func missingHeader(
        _ spec: ColumnSpec, source: SourceSpec, header: some SourceRecord, headers: [String]
    ) -> Diagnostic {
        var hint = "fix the column name in podium.yaml, or add the column to \(source.path)"
        if let match = spec.header.closestMatch(in: headers) {
            hint = "did you mean '\(match)'? " + hint
        }
        return .error(
            "column '\(spec.header)' of source '\(source.name)' is not in \(source.path)",
            at: spec.location ?? source.location,
            notes: [.init("the header row is here; its columns are \(list(headers))",
                          at: .init(file: source.isMultiFile ? header.location(of: 0).file : source.path, line: header.line))],
            hint: hint)
    }

    static func duplicateName(
        _ column: StagingLayout.Column, first: StagingLayout.Column,
        at location: Diagnostic.Location, firstAt firstLocation: Diagnostic.Location
    ) -> Diagnostic {
        if first.header == column.header {
            return .error(
                "the header names column '\(column.header)' twice", at: location,
                notes: [.init("first named here", at: firstLocation)],
                hint: "rename or remove one of the two columns in the file: podium.yaml refers to columns by their header")
        }
        return .error(
            "columns '\(first.header)' and '\(column.header)' would both be staged as '\(column.name)'",
            at: location,
            notes: [.init("'\(first.header)' is here", at: firstLocation)],
            hint: "give one of them another name in podium.yaml: columns: {\"\(column.header)\": {as: other_name}}")
    }

    static func reservedName(_ column: StagingLayout.Column, at location: Diagnostic.Location) -> Diagnostic {
        .error(
            "column '\(column.header)' cannot be staged as '\(column.name)': the name is reserved for \(column.name.lowercased() == SourceFiles.fileColumn ? "source files" : "source lines")",
            at: location, hint: "give it another name in podium.yaml (columns.\(column.header).as)")
    }

    /// A file of a multi-file source whose header is not the first file's.
    static func headerMismatch(file: String, line: Int, headers: [String], expected: [String], firstFile: String,
                               firstLine: Int, source: SourceSpec) -> Diagnostic {
        let missing = expected.filter { !headers.contains($0) }
        let extra = headers.filter { !expected.contains($0) }
        var differences: [String] = []
        if !missing.isEmpty { differences.append("it lacks \(list(missing))") }
        if !extra.isEmpty { differences.append("it has \(list(extra)) in addition") }
        if differences.isEmpty {
            differences.append(headers.count == expected.count ? "it has the same columns in another order" : "it names a column twice")
        }
        return .error(
            "the header of \(file) differs from the other files of source '\(source.name)': \(differences.joined(separator: ", and "))",
            at: .init(file: file, line: line),
            notes: [.init("the first file's header (\(list(expected))) is here", at: .init(file: firstFile, line: firstLine))],
            hint: "every file matched by '\(source.path)' must have the same columns in the same order: "
                + "fix the file's header, or change `path:` so that it does not match the file")
    }

    static func noRows(in source: SourceSpec) -> Diagnostic {
        .error(
            "\(source.path) has a header but no rows", at: .init(file: source.path, line: 2),
            hint: "export the data again; a source must hold at least one row (source '\(source.name)')")
    }

    // MARK: - Rows

    static func raggedRow(fields: Int, expected: Int, at location: Diagnostic.Location) -> Diagnostic {
        .error(
            "row has \(String(counting: fields, "field")), but the header has \(expected)",
            at: location,
            hint: fields > expected
                ? "a value containing a comma must be quoted, as in \"Hong Kong, China\""
                : "add the missing fields; an empty field is written as nothing between commas (a,,c)")
    }

    static func typeMismatch(
        _ column: StagingLayout.Column, type: ColumnType, value: String, at location: Diagnostic.Location
    ) -> Diagnostic {
        .error(
            "column '\(column.header)' expects \(noun(type)), found \(quoted(value))",
            at: location,
            hint: typeMismatchHint(column, type: type, value: value))
    }

    /// What to do about a value that is not of its column's type: a null token to declare, or
    /// the type that fits the value.
    static func typeMismatchHint(_ column: StagingLayout.Column, type: ColumnType, value: String) -> String {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if looksLikeNullToken(trimmed) {
            return "if '\(trimmed)' means a missing value, declare it: `null_values: [\"\(trimmed)\"]` on the source "
                + "(every column) or on columns.\(column.header); otherwise fix the value"
        }
        let bytes = Array(value.utf8)
        let fits: ColumnType? = bytes.withUnsafeBufferPointer { buffer in
            if ValueParser.int64(buffer) != nil { return .integer }
            if ValueParser.double(buffer) != nil { return .real }
            if ValueParser.isDate(buffer) { return .date }
            return nil
        }
        let better: ColumnType = switch (type, fits) {
        case (.integer, .real?): .real  // `1.0` in an integer column: real, not text
        default: .text
        }
        var hint = "fix the value, or declare the column as \(better.rawValue) in podium.yaml (columns.\(column.header).type: \(better.rawValue))"
        if better == .text, let fits, fits != type { hint += "; the value reads as \(noun(fits))" }
        return hint
    }

    /// Spellings of "no value" that data sets use: NA, N/A, NaN, NULL, None, nil, -, ?, . and the like.
    static func looksLikeNullToken(_ value: String) -> Bool {
        ["na", "n/a", "n.a.", "nan", "null", "none", "nil", "-", "--", "?", ".", "missing", "#n/a", "(null)"]
            .contains(value.lowercased())
    }

    static func requiredEmpty(_ column: StagingLayout.Column, value: String = "", at location: Diagnostic.Location) -> Diagnostic {
        .error(
            "column '\(column.header)' is required but " + (value.isEmpty ? "empty" : "\(quoted(value)), one of its null_values"),
            at: location,
            hint: "fill in the value, or drop 'required: true' from columns.\(column.header) in podium.yaml")
    }

    static func more(_ count: Int, in path: String) -> Diagnostic {
        .error(
            "and \(String(counting: count, "more error")) in \(PathGlob.isPattern(path) ? "these files" : "this file")",
            at: .init(file: path),
            hint: "fix the errors above and build again to see the rest")
    }

    // MARK: - Keys and references

    static func unknownColumn(
        _ name: String, role: String, of source: SourceSpec, columns: [String], at location: Diagnostic.Location?
    ) -> Diagnostic {
        let suggestion = name.closestMatch(in: columns).map { "did you mean '\($0)'? " } ?? ""
        return .error(
            "\(role) column '\(name)' is not a column of source '\(source.name)'",
            at: location,
            hint: "\(suggestion)use a staging column name: \(list(columns))")
    }

    static func unknownSource(_ name: String, source: SourceSpec, sources: [String]) -> Diagnostic {
        let suggestion = name.closestMatch(in: sources).map { "did you mean '\($0)'? " } ?? ""
        return .error(
            "source '\(source.name)' references unknown source '\(name)'",
            at: source.location,
            hint: "\(suggestion)a reference names another source and its column, as in 'athletes.country'")
    }

    static func emptyKey(_ column: String, source: SourceSpec, line: Int, file: String? = nil) -> Diagnostic {
        .error(
            "key column '\(column)' of source '\(source.name)' is empty",
            at: .init(file: file ?? source.path, line: line),
            hint: "every row needs a value in each key column (\(list(source.key)))")
    }

    static func duplicateKey(source: SourceSpec, values: [Value], line: Int, firstLine: Int,
                             file: String? = nil, firstFile: String? = nil) -> Diagnostic {
        let key = source.key.count == 1 ? source.key[0] : "(\(source.key.joined(separator: ", ")))"
        let shown = values.count == 1 ? show(values[0]) : "(\(values.map(show).joined(separator: ", ")))"
        return .error(
            "duplicate key \(key) = \(shown) in source '\(source.name)'",
            at: .init(file: file ?? source.path, line: line),
            notes: [.init("the first row with this key", at: .init(file: firstFile ?? source.path, line: firstLine))],
            hint: "remove the duplicate row, or change 'key:' of source '\(source.name)' in podium.yaml")
    }

    /// One value that is not found, however many rows hold it: `"SGP" in column 'noc' (349 rows,
    /// first at lines 580, 3010, 4022, …) is not a 'noc' of source 'regions'`, at its first line.
    static func danglingReference(
        _ reference: SourceSpec.Reference, value: Value, source: SourceSpec, target: SourceSpec,
        places: [RowPlace], rows: Int
    ) -> Diagnostic {
        // A one-file source names lines; a multi-file source, files and lines.
        let oneFile = places.allSatisfy { $0.file == source.path }
        let rowsText = rows == 1 ? "" : " (\(rows) rows, first at \(oneFile ? "lines " : "")"
            + places.map { oneFile ? String($0.line) : "\($0.file):\($0.line)" }.joined(separator: ", ")
            + (rows > places.count ? ", …)" : ")")
        return .error(
            "\(show(value)) in column '\(reference.column)'\(rowsText) is not a '\(reference.targetColumn)' "
                + "of source '\(target.name)'",
            at: .init(file: places.first?.file ?? source.path, line: places.first?.line ?? 0),
            notes: [.init("source '\(target.name)' is read from \(target.path)")],
            hint: "fix the value, or the reference in podium.yaml (references.\(reference.column))")
    }

    // MARK: - Formatting

    private static func noun(_ type: ColumnType) -> String {
        switch type {
        case .integer: "an integer"
        case .real: "a number"
        case .date: "a date (YYYY-MM-DD)"
        case .text: "text"
        }
    }

    /// `"n/a"`, with quotes and line breaks escaped and long values shortened.
    static func quoted(_ text: String) -> String {
        var shown = text.count > 60 ? String(text.prefix(57)) + "…" : text
        shown = shown.replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\r", with: "\\r")
            .replacingOccurrences(of: "\n", with: "\\n")
        return "\"\(shown)\""
    }

    private static func show(_ value: Value) -> String {
        if case .text(let text) = value { return quoted(text) }
        return value.text
    }

    private static func list(_ names: [String]) -> String {
        names.map { "'\($0)'" }.joined(separator: ", ")
    }
}
