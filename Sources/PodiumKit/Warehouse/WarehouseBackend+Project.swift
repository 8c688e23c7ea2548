import Foundation

extension ProjectFile {
    /// The warehouse this project builds: the one place that chooses an engine, from `warehouse:`
    /// in podium.yaml or the override.
    /// - Parameters:
    ///   - override: `--warehouse URL` or `PODIUM_WAREHOUSE`, which replace `warehouse:`.
    ///   - scratchFolder: where a SQLite warehouse is built instead of the project's (the catalog
    ///     builds one it does not publish); a PostgreSQL warehouse is built beside the published
    ///     schema anyway.
    /// - Throws: `DiagnosticsError` for a warehouse that cannot be named (see `postgresLocation`).
    func warehouseBackend(root: URL, override: String?, scratchFolder: URL? = nil) throws -> any WarehouseBackend {
        if let location = try postgresLocation(override: override) {
            return PostgresWarehouse(location: location)
        }
        let file = scratchFolder?.appendingPathComponent("warehouse.sqlite") ?? root.appendingPathComponent(warehouse)
        return SQLiteWarehouse(file: file, identity: warehouse, projectRoot: root)
    }
}
