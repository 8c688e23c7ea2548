extension String {
    /// Every `"` doubled (`a"b` → `a""b`), as SQL identifiers and CSV fields quote it. Identifiers
    /// are quoted in every SQL statement Podium writes, so this avoids Foundation's string search.
    var doublingQuotes: String {
        guard utf8.contains(UInt8(ascii: "\"")) else { return self }
        var out = ""
        out.reserveCapacity(utf8.count + 2)
        for character in self {
            out.append(character)
            if character == "\"" { out.append("\"") }
        }
        return out
    }
}
