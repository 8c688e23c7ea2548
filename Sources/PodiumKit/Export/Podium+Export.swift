import Foundation

/// What `podium export` was asked to do.
public struct ExportOptions: Sendable {
    /// The file formats `podium export` writes.
    public enum Format: String, Sendable, CaseIterable {
        /// Apache Parquet: one `<table>.parquet` per table.
        case parquet
    }

    /// The project and warehouse to read (as for `podium query`).
    public var build: BuildOptions
    /// The file format (`--format`).
    public var format: Format
    /// The folder to write into (created if missing).
    public var output: URL
    /// The tables to export; empty for every staging table and model.
    public var tables: [String]

    /// Creates export options; `tables` empty exports every table.
    public init(build: BuildOptions, format: Format = .parquet, output: URL, tables: [String] = []) {
        self.build = build
        self.format = format
        self.output = output
        self.tables = tables
    }
}

/// What `podium export` wrote.
public struct ExportReport: Equatable, Sendable {
    /// One file written.
    public struct File: Equatable, Sendable {
        /// The warehouse table.
        public var table: String
        /// The file's name in the output folder.
        public var name: String
        /// The rows written.
        public var rows: Int64
        /// The row groups written.
        public var rowGroups: Int
        /// The file's size.
        public var bytes: Int64
        /// Each column's name and Parquet type, such as `int64` or `string`.
        public var columns: [(name: String, type: String)]

        /// Files are equal when every property is (the columns are tuples, which are not `Equatable`).
        public static func == (lhs: File, rhs: File) -> Bool {
            (lhs.table, lhs.name, lhs.rows, lhs.rowGroups, lhs.bytes) == (rhs.table, rhs.name, rhs.rows, rhs.rowGroups, rhs.bytes)
                && lhs.columns.map(\.name) == rhs.columns.map(\.name) && lhs.columns.map(\.type) == rhs.columns.map(\.type)
        }
    }

    /// The output folder as given.
    public var folder: String
    /// The files written, in table order.
    public var files: [File]
    /// Files of an earlier export removed because their table is gone.
    public var removed: [String]

    /// One line: `exported 12 tables to export/: 23,512 rows, 1.2 MB; removed 0 files`.
    public var summary: String {
        let rows = files.reduce(0) { $0 + $1.rows }, bytes = files.reduce(0) { $0 + $1.bytes }
        return "exported \(String(counting: files.count, "table")) to \(folder): \(String(counting: Int(rows), "row")), "
            + "\(Self.size(bytes)); removed \(String(counting: removed.count, "file"))"
    }

    /// A size in bytes for people: `812 B`, `4.1 KB`, `38.2 MB` (decimal units).
    static func size(_ bytes: Int64) -> String {
        if bytes < 1000 { return "\(bytes) B" }
        let units = ["KB", "MB", "GB", "TB"]
        var value = Double(bytes) / 1000, unit = 0
        while value >= 1000, unit < units.count - 1 { value /= 1000; unit += 1 }
        return String(format: "%.1f %@", locale: Locale(identifier: "en_US_POSIX"), value, units[unit])
    }
}

extension Podium {
    /// Exports warehouse tables as files: for Parquet, `<table>.parquet` per table (see
    /// `TableExporter` for the types and `ParquetLimits` for row group and page sizes).
    ///
    /// Reads the published warehouse, building the project first when there is none yet (as
    /// `query(_:_:)` does). The output folder must be missing, empty, or one an earlier export
    /// wrote (`ExportFolder`); each file is written under a temporary name and renamed into place.
    /// The same warehouse gives byte-identical files.
    ///
    /// - Parameter options: the project, warehouse, output folder and tables.
    /// - Returns: the files written and removed.
    /// - Throws: `DiagnosticsError` for an unknown table (with a suggestion), an output folder that
    ///   may not be written, or a failed build.
    public static func export(_ options: ExportOptions) throws -> ExportReport {
        try FileSystem.reportingErrors(path: options.output.relativePath) { try exportUnchecked(options) }
    }

    private static func exportUnchecked(_ options: ExportOptions) throws -> ExportReport {
        var folder = try ExportFolder.check(options.output)
        let root = options.build.projectRoot
        let project = try ProjectFile.load(root: root)
        let backend = try project.warehouseBackend(root: root, override: options.build.warehouse)
        func exportTables(_ engine: any WarehouseEngine) throws -> ExportReport {
            try writeTables(from: engine, into: &folder, options,
                            staged: BuildState.load(from: root.appendingPathComponent(".podium"))?.summary)
        }
        if let report = try backend.readPublished(exportTables) { return report }
        _ = try build(options.build)
        guard let report = try backend.readPublished(exportTables) else {
            throw DiagnosticsError(.error("the build did not publish a warehouse to export", hint: "run 'podium build' and look at its output"))
        }
        return report
    }

    private static func writeTables(from engine: any WarehouseEngine, into folder: inout ExportFolder, _ options: ExportOptions,
                               staged: WarehouseSummary?) throws -> ExportReport {
        let available = try engine.tableNames()
        let tables = try selectedTables(options.tables, among: available)
        let names = tables.map { $0 + ".parquet" }
        try folder.open(writing: names)
        let exporter = TableExporter(engine: engine, stagedTables: Dictionary((staged?.tables ?? []).map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a }),
                                     createdBy: "podium version \(version)")
        var files: [ExportReport.File] = []
        for (table, name) in zip(tables, names) {
            let columns = try exporter.columns(of: table)
            let summary = try folder.writeFile(named: name) { output in
                do {
                    return try exporter.export(table, columns: columns, to: output)
                } catch let error as ParquetValueError {
                    throw DiagnosticsError(.error(
                        "table \(table), column \(error.column): \(describe(error.value)) cannot be written as \(error.kind.rawValue)",
                        hint: "this is a bug in Podium's type mapping, or the table changed while it was read; run 'podium build', then export again"))
                }
            }
            files.append(ExportReport.File(table: table, name: name, rows: summary.rows, rowGroups: summary.rowGroups,
                                           bytes: summary.bytes, columns: columns.map { ($0.name, $0.kind.rawValue) }))
        }
        let removed = try folder.close(written: names, keepOthers: !options.tables.isEmpty)
        return ExportReport(folder: options.output.relativePath, files: files, removed: removed)
    }

    /// A value as a message quotes it: text in quotes, numbers as they are.
    private static func describe(_ value: Value) -> String {
        switch value {
        case .null: "NULL"
        case .integer(let number): String(number)
        case .real(let number): "\(number)"
        case .text(let text): "\"\(text)\""
        }
    }

    /// The tables named (in the order given, without repeats), or every table; unknown names are
    /// errors with a suggestion.
    private static func selectedTables(_ requested: [String], among available: [String]) throws -> [String] {
        guard !requested.isEmpty else { return available }
        var seen = Set<String>()
        let unique = requested.filter { seen.insert($0).inserted }
        let unknown = unique.filter { !available.contains($0) }
        guard unknown.isEmpty else {
            throw DiagnosticsError(unknown.map { name in
                let suggestion = name.closestMatch(in: available).map { "; did you mean '\($0)'?" } ?? ""
                return .error("unknown table '\(name)'\(suggestion)",
                              hint: "the warehouse's tables are \(available.joined(separator: ", "))")
            })
        }
        return unique
    }
}
