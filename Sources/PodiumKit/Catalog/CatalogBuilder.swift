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

    /// Builds the catalog.
    /// - Parameters:
    ///   - database: the warehouse.
    ///   - summary: what the warehouse build staged and ran.
    ///   - charts: every chart with the output path of its page, in site order.
    public func build(database: any WarehouseEngine, summary: WarehouseSummary,
                      charts: [(page: String, chart: ChartSpec)]) throws -> Catalog {
        var catalogSources: [Catalog.Source] = []
        for table in summary.tables {
            let url = projectRoot.appendingPathComponent(table.path)
            let bytes = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? NSNumber)?.intValue ?? 0
            let spec = sources.first { $0.name == table.sourceName }
            var columns: [Catalog.ColumnProfile] = []
            for column in table.columns {
                let required = spec?.columns.first { $0.header == column.header }?.required ?? false
                columns.append(try profile(column, table: table.name, required: required, database: database))
            }
            catalogSources.append(Catalog.Source(
                name: table.sourceName, table: table.name, path: table.path, bytes: bytes,
                sha256: try knownHashes[table.path] ?? SHA256.hex(fileAt: url.path), rowCount: table.rowCount, columns: columns))
        }
        let models = try summary.models.map { model in
            Catalog.Model(
                name: model.name, path: model.path, rowCount: model.rowCount,
                columns: try database.columns(of: model.name).map { .init(name: $0.name, type: $0.declaredType) },
                reads: model.dependencies)
        }
        let known = Set(summary.tables.map(\.name) + summary.models.map(\.name))
        let catalogCharts = charts.map { entry in
            Catalog.Chart(id: entry.chart.id, title: entry.chart.title, page: entry.page,
                          reads: Array(Set(Models.references(in: entry.chart.sql, to: known).map(\.name))).sorted())
        }
        return Catalog(sources: catalogSources, models: models, charts: catalogCharts)
    }

    private func profile(_ column: StagedTable.Column, table: String, required: Bool,
                         database: any WarehouseEngine) throws -> Catalog.ColumnProfile {
        let name = SQLText.quote(column.name), from = SQLText.quote(table)
        let counts = try database.readQuery("SELECT count(*) - count(\(name)), count(DISTINCT \(name)), min(\(name)), max(\(name)) FROM \(from)")
            .rows[0]
        let ordered = column.type != .text
        let top = try database.readQuery("""
            SELECT \(name), count(*) AS n FROM \(from) WHERE \(name) IS NOT NULL
            GROUP BY \(name) ORDER BY n DESC, \(name) LIMIT 5
            """).rows.map { Catalog.Frequency(value: $0[0], count: Int($0[1].number ?? 0)) }
        var longest: String?
        if column.type == .text {
            let value = try database.readScalar(
                "SELECT \(name) FROM \(from) WHERE \(name) IS NOT NULL ORDER BY length(\(name)) DESC, \(name) LIMIT 1")
            if case .text(let text) = value { longest = text }
        }
        return Catalog.ColumnProfile(
            name: column.name, header: column.header, type: column.type, isDeclared: column.isDeclared,
            nullable: !required, nulls: Int(counts[0].number ?? 0), distinct: Int(counts[1].number ?? 0),
            min: ordered && counts[2] != .null ? counts[2] : nil, max: ordered && counts[3] != .null ? counts[3] : nil,
            top: top, longest: longest)
    }
}
