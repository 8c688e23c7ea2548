import Yams

/// Reads the `tests:` section of podium.yaml, and the `accepted_values:` of source columns.
///
/// ```yaml
/// tests:
///   dim_country:                       # a model or a staging table (src_<source>)
///     country_id: [unique, not_null]
///     country: [unique, {accepted_values: [a, b]}]
///     total: [{range: {min: 0, max: 500}}, {references: other_table.column}]
///     row_count: {min: 1, max: 300}    # a mapping: the table's row count bounds
///   checks:                            # named SQL: no rows, or one row holding true
///     - name: medal totals reconcile
///       sql: select sum(total) = (select sum(total) from src_medals) from fact_medal_tally
/// ```
enum DataTestParser {
    /// The column test names.
    static let columnTestNames = ["unique", "not_null", "references", "accepted_values", "range"]
    static let checkKeys = ["name", "sql"]
    static let boundKeys = ["min", "max"]

    /// Parses the `tests:` mapping; reports every problem to `diagnostics`.
    static func parse(_ node: Node, reader: YAMLReader, diagnostics: DiagnosticCollector) -> [DataTest] {
        guard let tables = YAMLMapping(node, what: "'tests'", reader: reader, diagnostics: diagnostics) else { return [] }
        var tests: [DataTest] = []
        for pair in tables.pairs {
            if pair.key == "checks" {
                tests += parseChecks(pair.value, reader: reader, diagnostics: diagnostics)
                continue
            }
            guard SQLName.isPlain(pair.key) else {
                diagnostics.emit(.error("'\(pair.key)' in 'tests' is not a table name", at: reader.location(of: pair.keyNode),
                                        hint: "name a model or a staging table (src_<source>), or use `checks:`"))
                continue
            }
            guard let columns = YAMLMapping(pair.value, what: "tests of '\(pair.key)'", reader: reader, diagnostics: diagnostics)
            else { continue }
            for column in columns.pairs {
                if column.key == "row_count", case .mapping = column.value {
                    if let (min, max) = bounds(column.value, what: "row_count", integer: true, reader: reader, diagnostics: diagnostics) {
                        tests.append(DataTest(table: pair.key, kind: .rowCount(min: min.map { Int($0) }, max: max.map { Int($0) }),
                                              location: reader.location(of: column.keyNode)))
                    }
                    continue
                }
                tests += parseColumn(column.key, node: column.value, table: pair.key, reader: reader, diagnostics: diagnostics)
            }
        }
        return tests
    }

    /// Parses `accepted_values: [a, b]` of a source column into a test on its staging table.
    static func acceptedValues(_ node: Node, column: String, source: SourceSpec, reader: YAMLReader,
                               diagnostics: DiagnosticCollector) -> DataTest? {
        guard let values = reader.stringList(node, key: "accepted_values", diagnostics: diagnostics) else { return nil }
        return DataTest(table: source.tableName, kind: .acceptedValues(column: column, values: values),
                        location: reader.location(of: node))
    }

    // MARK: - Columns

    private static func parseColumn(_ column: String, node: Node, table: String, reader: YAMLReader,
                                    diagnostics: DiagnosticCollector) -> [DataTest] {
        let items: [Node]
        switch node {
        case .sequence(let sequence): items = Array(sequence)
        default: items = [node]
        }
        var tests: [DataTest] = []
        for item in items {
            let location = reader.location(of: item)
            switch item {
            case .scalar(let scalar):
                switch scalar.string {
                case "unique": tests.append(DataTest(table: table, kind: .unique(column: column), location: location))
                case "not_null": tests.append(DataTest(table: table, kind: .notNull(column: column), location: location))
                default: unknownTest(scalar.string, at: location, diagnostics: diagnostics)
                }
            case .mapping(let mapping):
                guard mapping.count == 1, let (keyNode, value) = mapping.first, let key = keyNode.string else {
                    diagnostics.emit(.error("a test of '\(table).\(column)' must have exactly one name", at: location,
                                            hint: "write one test per list item, as in `[unique, {range: {min: 0}}]`"))
                    continue
                }
                if let kind = parseParameterized(key, value: value, column: column, at: location, reader: reader,
                                                 diagnostics: diagnostics) {
                    tests.append(DataTest(table: table, kind: kind, location: location))
                }
            default:
                diagnostics.emit(.error("a test of '\(table).\(column)' must be a name or `{name: value}`", at: location,
                                        hint: "write e.g. `\(column): [unique, not_null]`"))
            }
        }
        return tests
    }

    private static func parseParameterized(_ key: String, value: Node, column: String, at location: Diagnostic.Location,
                                           reader: YAMLReader, diagnostics: DiagnosticCollector) -> DataTest.Kind? {
        switch key {
        case "references":
            let target = reader.string(value, key: key, diagnostics: diagnostics) ?? ""
            let parts = target.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 2, SQLName.isPlain(parts[0]), SQLName.isPlain(parts[1]) else {
                diagnostics.emit(.error("references '\(target)' must name `table.column`", at: reader.location(of: value),
                                        hint: "write it as `{references: dim_country.country_id}`"))
                return nil
            }
            return .references(column: column, table: parts[0], targetColumn: parts[1])
        case "accepted_values":
            guard let values = reader.stringList(value, key: key, diagnostics: diagnostics) else { return nil }
            return .acceptedValues(column: column, values: values)
        case "range":
            guard let (min, max) = bounds(value, what: "range", integer: false, reader: reader, diagnostics: diagnostics)
            else { return nil }
            return .range(column: column, min: min, max: max)
        case "unique", "not_null":
            diagnostics.emit(.error("'\(key)' takes no value", at: location, hint: "write it as a plain name: `[\(key)]`"))
            return nil
        default:
            unknownTest(key, at: location, diagnostics: diagnostics)
            return nil
        }
    }

    private static func unknownTest(_ name: String, at location: Diagnostic.Location, diagnostics: DiagnosticCollector) {
        diagnostics.emit(.error("unknown column test '\(name)'", at: location,
                                hint: name.closestMatch(in: columnTestNames).map { "did you mean '\($0)'?" }
                                    ?? "use one of: \(columnTestNames.joined(separator: ", "))"))
    }

    /// `{min: a, max: b}`, both optional but not both missing.
    private static func bounds(_ node: Node, what: String, integer: Bool, reader: YAMLReader,
                               diagnostics: DiagnosticCollector) -> (Double?, Double?)? {
        guard let mapping = YAMLMapping(node, what: "'\(what)'", reader: reader, diagnostics: diagnostics) else { return nil }
        mapping.checkKeys(boundKeys, in: "'\(what)'", reader: reader, diagnostics: diagnostics)
        var values: [Double?] = []
        var valid = true
        for key in boundKeys {
            guard let value = mapping[key] else {
                values.append(nil)
                continue
            }
            let text = value.string ?? ""
            let number = integer ? Int(text).map(Double.init) : Double(text)
            if number == nil || !(number!.isFinite) {
                diagnostics.emit(.error("'\(key)' of '\(what)' must be \(integer ? "a whole number" : "a number"), found '\(text)'",
                                        at: reader.location(of: value), hint: "write e.g. `\(what): {min: 0, max: 100}`"))
                valid = false
            }
            values.append(number)
        }
        if valid, values.allSatisfy({ $0 == nil }) {
            diagnostics.emit(.error("'\(what)' needs a 'min' or a 'max'", at: reader.location(of: node),
                                    hint: "write e.g. `\(what): {min: 1}`"))
            return nil
        }
        if valid, let min = values[0], let max = values[1], min > max {
            diagnostics.emit(.error("'\(what)' has min \(NumberFormat.plain(min)) above max \(NumberFormat.plain(max))",
                                    at: reader.location(of: node), hint: "swap the bounds"))
            return nil
        }
        return valid ? (values[0], values[1]) : nil
    }

    // MARK: - Checks

    private static func parseChecks(_ node: Node, reader: YAMLReader, diagnostics: DiagnosticCollector) -> [DataTest] {
        guard case .sequence(let sequence) = node else {
            diagnostics.emit(.error("'checks' must be a list of `{name, sql}`", at: reader.location(of: node),
                                    hint: "write `- name: …` and `sql: …` lines under `checks:`"))
            return []
        }
        var tests: [DataTest] = []
        var names: [String: Diagnostic.Location] = [:]
        for item in sequence {
            guard let mapping = YAMLMapping(item, what: "a check", reader: reader, diagnostics: diagnostics) else { continue }
            mapping.checkKeys(checkKeys, in: "a check", reader: reader, diagnostics: diagnostics)
            let location = reader.location(of: item)
            let name = reader.string(mapping["name"], key: "name", diagnostics: diagnostics)
            let sql = reader.string(mapping["sql"], key: "sql", diagnostics: diagnostics)
            if mapping["name"] == nil {
                diagnostics.emit(.error("a check has no 'name'", at: location, hint: "add `name: what the check proves`"))
            }
            if mapping["sql"] == nil {
                diagnostics.emit(.error("a check has no 'sql'", at: location,
                                        hint: "add `sql:` with a query returning no rows, or one row holding true"))
            }
            guard let name, let sql else { continue }
            if let first = names[name] {
                diagnostics.emit(.error("two checks are named '\(name)'", at: location,
                                        notes: [.init("the first is here", at: first)], hint: "give each check its own name"))
                continue
            }
            names[name] = location
            tests.append(DataTest(table: "", kind: .check(name: name, sql: sql), location: location))
        }
        return tests
    }
}
