/// A small HTML table builder for the catalog and quality pages. Every text is escaped; numbers
/// get class `num` (right-aligned by the theme).
struct HTMLTable {
    /// One cell: trusted HTML (built from escaped parts) and whether it holds a number.
    struct Cell {
        var html: String
        var numeric = false

        /// A text cell (escaped).
        static func text(_ text: String) -> Cell { Cell(html: Escape.html(text)) }
        /// A number cell, with thousands separators.
        static func number(_ value: Int) -> Cell { Cell(html: TickFormat.grouped(String(value)), numeric: true) }
        /// A query value: numbers right-aligned, null shown as an em dash.
        static func value(_ value: Value) -> Cell {
            switch value {
            case .null: Cell(html: "<span class=\"podium-null\">NULL</span>")
            case .integer, .real: Cell(html: Escape.html(value.text), numeric: true)
            case .text(let text): .text(text)
            }
        }
        /// Code (escaped, in `<code>`).
        static func code(_ text: String) -> Cell { Cell(html: "<code>\(Escape.html(text))</code>") }
    }

    var caption: String?
    var header: [String]
    var numericColumns: Set<Int> = []
    var rows: [[Cell]]

    /// The table, wrapped in a horizontally scrolling `div`.
    var html: String {
        var out = "<div class=\"podium-catalog-table\" style=\"overflow-x:auto\">\n<table class=\"podium-data\">\n"
        if let caption { out += "<caption>\(Escape.html(caption))</caption>\n" }
        out += "<thead><tr>"
        for (index, name) in header.enumerated() {
            out += numericColumns.contains(index) ? "<th scope=\"col\" class=\"num\">" : "<th scope=\"col\">"
            out += Escape.html(name) + "</th>"
        }
        out += "</tr></thead>\n<tbody>\n"
        for row in rows {
            out += "<tr>" + row.map { $0.numeric ? "<td class=\"num\">\($0.html)</td>" : "<td>\($0.html)</td>" }.joined() + "</tr>\n"
        }
        return out + "</tbody>\n</table>\n</div>\n"
    }
}
