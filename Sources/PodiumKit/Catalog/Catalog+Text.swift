/// The catalog as text for `podium catalog`: aligned tables for a terminal, or JSON.
extension Catalog {
    /// Output formats of `podium catalog`.
    public enum Format: String, CaseIterable, Sendable {
        case table, json
    }

    /// The catalog in `format`, ending with a newline.
    public func rendered(as format: Format) -> String {
        switch format {
        case .table: textTables()
        case .json: json.rendered() + "\n"
        }
    }

    private func textTables() -> String {
        var out = ""
        for source in sources {
            out += "source \(source.name): \(source.path) → \(source.table)\n"
            out += "  \(source.rowCount) rows, \(source.bytes) bytes, sha256 \(source.sha256)\n\n"
            let rows = source.columns.map { column -> [String] in
                [column.name, column.type.rawValue + (column.isDeclared ? "" : "*"), column.nullable ? "yes" : "no",
                 String(column.nulls), String(column.distinct),
                 column.min.map(TextTable.cell) ?? "", column.max.map(TextTable.cell) ?? "",
                 column.longest.map { $0.count > 40 ? String($0.prefix(39)) + "…" : $0 } ?? "",
                 column.top.map { "\(TextTable.cell($0.value)) (\($0.count))" }.joined(separator: ", ")]
            }
            out += TextTable.aligned(
                header: ["column", "type", "nullable", "nulls", "distinct", "min", "max", "longest", "most frequent"],
                rows: rows, rightAligned: [3, 4]).split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.isEmpty ? "" : "  " + $0 }.joined(separator: "\n")
            out += "\n"
        }
        if sources.contains(where: { $0.columns.contains { !$0.isDeclared } }) {
            out += "(* type inferred from the values)\n\n"
        }
        if !models.isEmpty {
            out += "models\n"
            out += TextTable.aligned(
                header: ["model", "rows", "reads", "columns"],
                rows: models.map { [$0.name, String($0.rowCount), $0.reads.joined(separator: ", "),
                                    $0.columns.map { $0.type.isEmpty ? $0.name : "\($0.name) \($0.type.lowercased())" }.joined(separator: ", ")] },
                rightAligned: [1]) + "\n"
        }
        if !charts.isEmpty {
            out += "blocks (charts, tables, KPI blocks, values in prose)\n"
            out += TextTable.aligned(header: ["block", "kind", "page", "reads"],
                                     rows: charts.map { [$0.id, $0.kind, $0.page, $0.reads.joined(separator: ", ")] })
        }
        return out
    }

    /// The catalog as JSON: `{"sources": [...], "models": [...], "charts": [...]}`.
    var json: JSON {
        .object([
            ("sources", .array(sources.map { source in
                .object([
                    ("name", .string(source.name)), ("table", .string(source.table)), ("path", .string(source.path)),
                    ("bytes", .int(Int64(source.bytes))), ("sha256", .string(source.sha256)),
                    ("rows", .int(Int64(source.rowCount))),
                    ("columns", .array(source.columns.map { column in
                        .object([
                            ("name", .string(column.name)), ("header", .string(column.header)),
                            ("type", .string(column.type.rawValue)), ("declared", .bool(column.isDeclared)),
                            ("nullable", .bool(column.nullable)), ("nulls", .int(Int64(column.nulls))),
                            ("distinct", .int(Int64(column.distinct))),
                            ("min", column.min.map(JSON.init) ?? .null), ("max", column.max.map(JSON.init) ?? .null),
                            ("top", .array(column.top.map { .object([("value", JSON($0.value)), ("count", .int(Int64($0.count)))]) })),
                            ("longest", .string(column.longest)),
                        ])
                    })),
                ])
            })),
            ("models", .array(models.map { model in
                .object([
                    ("name", .string(model.name)), ("path", .string(model.path)), ("rows", .int(Int64(model.rowCount))),
                    ("columns", .array(model.columns.map { .object([("name", .string($0.name)), ("type", .string($0.type))]) })),
                    ("reads", .array(model.reads.map { .string($0) })),
                ])
            })),
            ("charts", .array(charts.map { chart in
                .object([("id", .string(chart.id)), ("kind", .string(chart.kind)), ("title", .string(chart.title)), ("page", .string(chart.page)),
                         ("reads", .array(chart.reads.map { .string($0) }))])
            })),
        ])
    }
}
