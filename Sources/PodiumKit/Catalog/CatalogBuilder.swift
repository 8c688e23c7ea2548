import Foundation

/// Profiles a built warehouse into a `Catalog`, with read-only SQL.
///
/// Per source: file size and SHA-256, row count, and per column the nulls, distinct values,
/// min/max (numbers and dates), five most frequent values and longest text. Per model: columns,
/// declared types, row count and the tables it reads. Per chart: the tables its SQL names.
public struct CatalogBuilder {
    /// The folder source paths are relative to.
    public var projectRoot: URL
    /// The project's sources (for `required` flags).
    public var sources: [SourceSpec]
    /// SHA-256 of source files already hashed by the build's fingerprints (path → hex); others
    /// are hashed here.
    public var knownHashes: [String: String] = [:]

    /// Creates a builder.
    public init(projectRoot: URL, sources: [SourceSpec]) {
        self.projectRoot = projectRoot
        self.sources = sources
    }

    /// Every block that reads the warehouse, for the catalog's lineage: each chart and table
    /// block, each KPI block, and each page's named queries (one entry per page: the values in
    /// its prose), with the output path of its page (the home page is `index.html`, as in
    /// `SiteModel.outputPath(of:)`).
    static func blocks(of pages: [Page]) -> [Catalog.Block] {
        let home = pages.first(where: \.isIndex) ?? pages.first
        return pages.flatMap { page -> [Catalog.Block] in
            let path = page.name == home?.name ? "index.html" : "\(page.name).html"
            var blocks = page.charts.map {
                Catalog.Block(id: $0.id, title: $0.title, page: path, kind: $0.table == nil ? "chart" : "table", sql: [$0.sql])
            }
            blocks += page.kpis.map {
                Catalog.Block(id: $0.id, title: $0.title ?? "Key figures", page: path, kind: "kpi", sql: [$0.sql] + ($0.series.map { [$0] } ?? []))
            }
            let named = page.queries.filter { $0.name != EachSpec.queryName }
            if !named.isEmpty {
                blocks.append(Catalog.Block(id: "\(page.name) prose", title: "Values quoted in the prose of \(page.path)",
                                            page: path, kind: "prose", sql: named.map(\.sql)))
            }
            if page.each != nil { for index in blocks.indices { blocks[index].onTemplate = true } }
            return blocks
        }
    }

    /// Builds the catalog.
    /// - Parameters:
    ///   - database: the warehouse.
    ///   - summary: what the warehouse build staged and ran.
    ///   - charts: every chart with the output path of its page, in site order.
    public func build(database: any WarehouseEngine, summary: WarehouseSummary,
                      charts: [Catalog.Block]) throws -> Catalog {
        let profiles = try profileJobs(summary: summary).map { try $0.run(database) }
        return try build(database: database, summary: summary, charts: charts, profiles: profiles)
    }

    /// One job per column of every staging table, in order: its profile. A column counted while
    /// it was staged (`StagedTable.Column.stats`) reads no table.
    func profileJobs(summary: WarehouseSummary) -> [WarehouseJob<Catalog.ColumnProfile>] {
        summary.tables.flatMap { profileJobs($0, required: required($0)) }
    }

    /// Whether each column of `table` is declared `required`, in column order.
    func required(_ table: StagedTable) -> [Bool] {
        let spec = sources.first { $0.name == table.sourceName }
        return table.columns.map { column in spec?.columns.first { $0.header == column.header }?.required ?? false }
    }

    /// One job per column of `table`, in order (`required` as `required(_:)` gives it).
    func profileJobs(_ table: StagedTable, required: [Bool]) -> [WarehouseJob<Catalog.ColumnProfile>] {
        zip(table.columns, required).map { column, required in
            if let stats = column.stats {
                return WarehouseJob(reads: []) { _ in Self.profile(column, required: required, stats: stats) }
            }
            return WarehouseJob(reads: [table.name]) { try Self.profile(column, table: table.name, required: required, database: $0) }
        }
    }

    /// The catalog, given the profiles `profileJobs(summary:)` computed, in order.
    func build(database: any WarehouseEngine, summary: WarehouseSummary,
               charts: [Catalog.Block], profiles: [Catalog.ColumnProfile]) throws -> Catalog {
        var catalogSources: [Catalog.Source] = []
        var remaining = profiles[...]
        for table in summary.tables {
            let url = projectRoot.appendingPathComponent(table.path)
            // A plain stat: FileManager's attributes also look up the owner's user and group names.
            var bytes = Int(FileStamp.stat(url.path)?.size ?? 0)
            var sha256 = knownHashes[table.path]
            if let files = table.files {  // a multi-file source: its files together
                let paths = files.map(\.path)
                bytes = paths.reduce(0) { $0 + Int(FileStamp.stat(projectRoot.appendingPathComponent($1).path)?.size ?? 0) }
                if sha256 == nil {
                    sha256 = SourceFiles.contentHash(try paths.map { path in
                        (path, try knownHashes[path] ?? SHA256.hex(fileAt: projectRoot.appendingPathComponent(path).path))
                    })
                }
            }
            let columns = Array(remaining.prefix(table.columns.count))
            remaining = remaining.dropFirst(table.columns.count)
            catalogSources.append(Catalog.Source(
                name: table.sourceName, table: table.name, path: table.path, bytes: bytes,
                sha256: try sha256 ?? SHA256.hex(fileAt: url.path), rowCount: table.rowCount, columns: columns))
        }
        let models = try summary.models.map { model in
            Catalog.Model(
                name: model.name, path: model.path, rowCount: model.rowCount,
                columns: try ModelColumnTypes.columns(of: model.name, in: database),
                reads: model.dependencies)
        }
        let known = Set(summary.tables.map(\.name) + summary.models.map(\.name))
        let catalogCharts = charts.map { block in
            Catalog.Chart(id: block.id, title: block.title, page: block.page, kind: block.kind, onTemplate: block.onTemplate,
                          reads: Array(Set(block.sql.flatMap { Models.references(in: $0, to: known).map(\.name) })).sorted())
        }
        return Catalog(sources: catalogSources, models: models, charts: catalogCharts)
    }

    private static func profile(_ column: StagedTable.Column, table: String, required: Bool,
                         database: any WarehouseEngine) throws -> Catalog.ColumnProfile {
        var profiler = ColumnProfiler()
        try database.scanRows(ColumnProfiler.sql(column: column.name, table: table, type: column.type)) {
            profiler.add($0)
            return true
        }
        profiler.finish()
        return profile(column, required: required, stats: ColumnStats(
            nulls: profiler.nulls, distinct: profiler.distinct, min: profiler.min, max: profiler.max,
            top: profiler.top, longest: profiler.longest?.text))
    }

    /// The catalog's profile of `column`: min and max for numbers and dates only.
    static func profile(_ column: StagedTable.Column, required: Bool, stats: ColumnStats) -> Catalog.ColumnProfile {
        let ordered = column.type != .text
        return Catalog.ColumnProfile(
            name: column.name, header: column.header, type: column.type, isDeclared: column.isDeclared,
            nullable: !required, nulls: stats.nulls, distinct: stats.distinct,
            min: ordered ? stats.min : nil, max: ordered ? stats.max : nil,
            top: stats.top, longest: column.type == .text ? stats.longest : nil)
    }
}
