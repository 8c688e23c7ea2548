import Foundation

/// A new project for `podium new DIR`: a podium.yaml, a sample CSV, a model, a page with a chart,
/// and a copy of the default footer to edit. It builds as it is.
///
/// Only the footer is copied (every default with `--all-templates`): a template in the project
/// replaces Podium's own for good, so a copy nobody edited would keep a new project on this
/// version's layout and stylesheet when Podium's defaults gain features.
enum Scaffold {
    /// The files of a new project, by path relative to its folder.
    static let files: [(path: String, text: String)] = [
        ("podium.yaml", """
            # A Podium project. Build it with `podium build`; the format is in Podium's README.
            title: My dashboard
            description: A first Podium project.
            # url: https://example.org/dashboard/   # where the site will be published: absolute embed snippets, canonical links, sitemap.xml
            sources:
              sales:
                path: data/sales.csv
                columns:
                  Month: {as: month, type: date, required: true}
                  Region: {as: region, type: text, required: true}
                  Units: {as: units, type: integer, required: true}
            models: models/
            pages: pages/
            templates: templates/
            output: site/
            tests:
              monthly_sales:
                units: [not_null, {range: {min: 0}}]

            """),
        ("data/sales.csv", """
            Month,Region,Units
            2024-01-01,North,120
            2024-01-01,South,95
            2024-02-01,North,132
            2024-02-01,South,101
            2024-03-01,North,128
            2024-03-01,South,117
            2024-04-01,North,141
            2024-04-01,South,125

            """),
        ("models/monthly_sales.sql", """
            -- One row per month and region.
            select month, region, sum(units) as units
            from src_sales
            group by month, region

            """),
        ("pages/index.md", """
            ---
            title: Sales
            queries:
              best: |
                select month, sum(units) as units from monthly_sales
                group by month order by units desc, month limit 1
            ---
            # Sales by month

            Write the story of your data here, in Markdown. Figures can come from the data, so the
            text stays true when it changes: the best month was {{best.month | date}}, with
            {{best.units | integer}} units sold (the query `best` above; see "Values in prose" in
            Podium's README).

            ```chart
            id: units-by-month
            type: line
            title: Units sold per month
            sql: |
              select month,
                sum(case when region = 'North' then units end) as north,
                sum(case when region = 'South' then units end) as south
              from monthly_sales
              group by month
              order by month
            x: month
            y: [north, south]
            y_title: Units
            ```

            """),
    ]

    /// What the footer copy says first (a Mustache comment: it renders as nothing).
    static let footerNote = """
        {{! This file replaces Podium's default footer: edit it freely. The other templates (layout,
            chart, embed, assets/podium.css) are Podium's own until a file of the same name is put
            here; `podium new DIR --all-templates` writes copies of them all to start from. }}

        """

    /// Writes a new project into `folder`, which must not exist or be empty.
    /// - Returns: the paths written, relative to `folder`.
    static func create(at folder: URL, allTemplates: Bool = false) throws -> [String] {
        let fileManager = FileManager.default
        if let existing = try? fileManager.contentsOfDirectory(atPath: folder.path), !existing.isEmpty {
            throw DiagnosticsError(.error("'\(folder.path)' is not empty", at: .init(file: folder.path),
                                          hint: "choose a new folder name; podium new never overwrites files"))
        }
        var written: [String] = []
        func write(_ bytes: [UInt8], to path: String) throws {
            let url = folder.appendingPathComponent(path)
            try fileManager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: url)
            written.append(path)
        }
        for (path, text) in files { try write(Array(text.utf8), to: path) }
        for file in try TemplateLibrary.defaultThemeFiles() where allTemplates || file.path == "footer.mustache" {
            let note = allTemplates ? "" : Self.footerNote
            try write(Array(note.utf8) + file.contents, to: "templates/\(file.path)")
        }
        return written.sorted()
    }
}

extension Podium {
    /// Creates a new project in `folder` (`podium new DIR`) that builds as it is.
    /// - Returns: the files written, relative to `folder`.
    /// - Throws: `DiagnosticsError` if the folder exists and is not empty, or cannot be written.
    /// - Parameter allTemplates: copy every default template, not only the footer.
    public static func new(at folder: URL, allTemplates: Bool = false) throws -> [String] {
        try FileSystem.reportingErrors(path: folder.path, action: "create the project") {
            try Scaffold.create(at: folder, allTemplates: allTemplates)
        }
    }
}
