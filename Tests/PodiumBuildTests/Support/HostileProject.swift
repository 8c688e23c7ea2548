import Foundation
import PodiumTestSupport

/// A project whose every user-controlled string is hostile: data values, column names, the site,
/// page and chart titles, axis titles and the page's Markdown hold markup, quotes, `&`, `</svg>`,
/// `]]>`, `javascript:` URLs, Mustache tags and Unicode direction marks.
enum HostileProject {
    /// Data values of the `name` column, in row order (the rows are ordered by `value`).
    static let values = [
        "<script>alert('x')</script>",
        "\"double\" & 'single'",
        "</svg><svg onload=alert(1)>",
        "]]><![CDATA[x",
        "javascript:alert(1)",
        "\u{202E}gnp.exe\u{202C} \u{2066}iso\u{2069} \u{200F}rtl",
        "<img src=x onerror=alert(1)>",
        "{{siteTitle}} {{{body}}} {{> footer}}",
        "&lt;already escaped&gt; &amp;",
    ]
    /// The chart's column names, as the query aliases them: x, then two series.
    static let xColumn = "<th onclick=alert(1)>"
    static let yColumns = ["\"&'</svg>", "javascript:void(0)"]

    static let siteTitle = "Site <script>alert(1)</script> & \"Co\" '\u{202E}'"
    static let pageTitle = "Page </title><script>alert(1)</script>"
    static let pageDescription = "\"><script>alert(1)</script>"
    static let chartTitle = "Chart ]]> </svg><script>alert(1)</script> & ' \""
    static let chartSubtitle = "javascript:alert(1) \u{202E}reversed"
    static let axisTitle = "<b>{{title}}</b>"
    /// A table block's column heading (`titles:`).
    static let tableHeading = "</th><script>alert(1)</script>&amp;"
    /// Text of the page that must come out as text.
    static let pageText = "Text & \u{202E}direction\u{202C} {{siteTitle}}"

    /// Prose quoting the data's values: the script, the quotes and `&`, the Mustache tags (never
    /// expanded again) and a `javascript:` value as a link destination.
    static let inlineValues = "Inline: {{evil.name}} / {{evil#2.name}} / {{evil#8.name}} "
        + "[link](page.html?v={{evil#5.name}}) [{{evil#5.name}}]({{evil#5.name}})"

    /// Every string that must appear, unchanged, as text in the pages and SVG files.
    static var textPayloads: [String] {
        values + [xColumn] + yColumns + [siteTitle, pageTitle, chartTitle, chartSubtitle, axisTitle]
    }

    /// A YAML double-quoted scalar.
    static func yaml(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default:
                if scalar.value > 0x7E || scalar.value < 0x20 {
                    out += String(format: "\\u%04X", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// A CSV field, always quoted.
    static func csv(_ text: String) -> String { "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

    /// An SQL identifier.
    static func sqlName(_ text: String) -> String { "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

    /// A KPI block whose title, labels, note, comparison label and columns are hostile; its
    /// first row's text value is `values[0]`, its comparison "+1 vs " + `values[2]`.
    static func kpiBlock(select: String) -> String {
        """
        ```kpi
        id: evil-kpi
        title: \(yaml(chartTitle))
        sql: \(yaml(select))
        series: \(yaml("select value as \(sqlName(yColumns[0])) from src_evil order by value"))
        tiles:
          - value: \(yaml(xColumn))
            label: \(yaml(axisTitle))
            note: \(yaml(chartSubtitle))
          - value: \(yaml(yColumns[0]))
            label: \(yaml(values[6]))
            compare: \(yaml(yColumns[1]))
            compare_label: \(yaml(values[2]))
            sparkline: \(yaml(yColumns[0]))
        ```
        """
    }

    static func files(allowHTML: Bool) -> [String: String] {
        let rows = values.enumerated().map { index, value in "\(csv(value)),\(index + 1),\((index * 7) % 5)" }
        let select = "select name as \(sqlName(xColumn)), value as \(sqlName(yColumns[0])), other as \(sqlName(yColumns[1]))"
            + " from src_evil order by value"
        func chart(id: String, type: String) -> String {
            """
            ```chart
            id: \(id)
            type: \(type)
            title: \(yaml(chartTitle))
            subtitle: \(yaml(chartSubtitle))
            sql: \(yaml(select))
            x: \(yaml(xColumn))
            y: [\(yColumns.map(yaml).joined(separator: ", "))]
            x_title: \(yaml(axisTitle))
            y_title: \(yaml(axisTitle))
            ```
            """
        }
        return [
            "podium.yaml": """
                title: \(yaml(siteTitle))
                description: \(yaml(pageDescription))
                allow_html: \(allowHTML)
                sources:
                  evil:
                    path: data/evil.csv
                    columns:
                      "<b>Name</b>": {as: name, type: text, required: true}
                      "Value\\" onmouseover=\\"x": {as: value, type: integer}
                      "]]>": {as: other, type: integer}

                """,
            "data/evil.csv": "\(csv("<b>Name</b>")),\(csv("Value\" onmouseover=\"x")),\(csv("]]>"))\n"
                + rows.joined(separator: "\n") + "\n",
            "pages/index.md": """
                ---
                title: \(yaml(pageTitle))
                description: \(yaml(pageDescription))
                queries:
                  evil: "select name, value from src_evil order by value"
                ---
                # Heading <script>alert(1)</script>

                \(pageText)

                \(inlineValues)

                Raw <b onclick="alert(1)">bold</b>, [a link](javascript:alert(1)), <javascript:alert(2)>,
                ![image](javascript:alert(3)) and <img src=x onerror=alert(4)>.

                <iframe src="https://evil.example/"></iframe>

                \(chart(id: "evil-bars", type: "bar"))

                \(chart(id: "evil-lines", type: "line"))

                ```chart
                id: evil-table
                type: table
                title: \(yaml(chartTitle))
                subtitle: \(yaml(chartSubtitle))
                sql: \(yaml(select))
                titles: {\(yaml(yColumns[1])): \(yaml(tableHeading))}
                bar: \(yaml(yColumns[0]))
                ```

                \(kpiBlock(select: select))

                """,
        ]
    }

    /// Writes the project into a new temporary folder.
    static func make(allowHTML: Bool = false) throws -> URL { try makeTemporaryProject(files(allowHTML: allowHTML)) }
}
