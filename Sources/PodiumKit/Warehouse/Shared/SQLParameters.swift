/// Named parameters in a query written for every engine: `:country` in a page template's SQL
/// becomes the dialect's numbered parameter (`?1` on SQLite, `$1` on PostgreSQL) and the value
/// is bound, never spliced into the text.
///
/// A parameter is `:` followed by a letter or `_` and then letters, digits and `_`, outside string
/// literals, quoted identifiers and comments; `::` (PostgreSQL's cast) is not a parameter.
public enum SQLParameters {
    /// One `:name` in the SQL: its name and its 1-based line and column.
    public struct Reference: Equatable, Sendable {
        public var name: String
        public var line: Int
        public var column: Int
    }

    /// The `:name` parameters of `sql`, in order of appearance.
    public static func references(in sql: String) -> [Reference] {
        scan(sql).references
    }

    /// `sql` with each `:name` replaced by the dialect's parameter, and the values to bind, in
    /// order: each distinct name gets one number.
    /// - Parameter value: the value of a name, or nil when there is none.
    /// - Returns: nil when a name has no value (`unknown` names it).
    public static func bind(_ sql: String, dialect: SQLDialect,
                            value: (String) -> Value?) -> (sql: String, bindings: [Value], unknown: Reference?) {
        let found = scan(sql)
        guard !found.references.isEmpty else { return (sql, [], nil) }
        var numbers: [String: Int] = [:]
        var bindings: [Value] = []
        var output = ""
        var cursor = sql.startIndex
        for (reference, range) in zip(found.references, found.ranges) {
            let number: Int
            if let known = numbers[reference.name] {
                number = known
            } else {
                guard let bound = value(reference.name) else { return (sql, [], reference) }
                bindings.append(bound)
                number = bindings.count
                numbers[reference.name] = number
            }
            output += sql[cursor..<range.lowerBound]
            output += dialect.parameter(number)
            cursor = range.upperBound
        }
        output += sql[cursor...]
        return (output, bindings, nil)
    }

    private static func scan(_ sql: String) -> (references: [Reference], ranges: [Range<String.Index>]) {
        var references: [Reference] = []
        var ranges: [Range<String.Index>] = []
        let scalars = sql.unicodeScalars
        var index = scalars.startIndex
        var line = 1, column = 1
        func peek(_ offset: Int = 0) -> Unicode.Scalar? {
            var position = index
            for _ in 0..<offset {
                guard position < scalars.endIndex else { return nil }
                position = scalars.index(after: position)
            }
            return position < scalars.endIndex ? scalars[position] : nil
        }
        func advance() {
            if scalars[index] == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
            index = scalars.index(after: index)
        }
        func skip(until close: Unicode.Scalar, doubles: Bool) {
            advance()
            while index < scalars.endIndex {
                if scalars[index] == close {
                    advance()
                    if doubles, index < scalars.endIndex, scalars[index] == close {
                        advance()
                        continue
                    }
                    return
                }
                advance()
            }
        }
        func isNameStart(_ scalar: Unicode.Scalar) -> Bool {
            scalar == "_" || ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
        }
        func isNameScalar(_ scalar: Unicode.Scalar) -> Bool { isNameStart(scalar) || ("0"..."9").contains(scalar) }
        var previous: Unicode.Scalar?
        while index < scalars.endIndex {
            let scalar = scalars[index]
            switch scalar {
            case "'": skip(until: "'", doubles: true)
            case "\"": skip(until: "\"", doubles: true)
            case "`": skip(until: "`", doubles: true)
            case "[": skip(until: "]", doubles: false)
            case "-" where peek(1) == "-":
                while index < scalars.endIndex, scalars[index] != "\n" { advance() }
            case "/" where peek(1) == "*":
                advance(); advance()
                while index < scalars.endIndex, !(scalars[index] == "*" && peek(1) == "/") { advance() }
                if index < scalars.endIndex { advance(); advance() }
            case ":" where peek(1) == ":":
                advance(); advance()
            case ":" where peek(1).map(isNameStart) == true && !(previous.map(isNameScalar) ?? false):
                let start = index, startLine = line, startColumn = column
                advance()
                var name = ""
                while index < scalars.endIndex, isNameScalar(scalars[index]) {
                    name.unicodeScalars.append(scalars[index])
                    advance()
                }
                references.append(Reference(name: name, line: startLine, column: startColumn))
                ranges.append(start..<index)
                previous = nil
                continue
            default:
                advance()
            }
            previous = scalar
        }
        return (references, ranges)
    }
}
