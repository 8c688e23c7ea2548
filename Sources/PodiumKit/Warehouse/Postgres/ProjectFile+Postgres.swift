extension ProjectFile {
    /// The PostgreSQL warehouse this build uses, or nil for the SQLite file.
    /// - Parameter override: `--warehouse URL` or `PODIUM_WAREHOUSE`, which replace `warehouse:`.
    /// - Throws: `DiagnosticsError` for an override that is not a postgres:// URL, a URL holding
    ///   a password, or a bad `warehouse_schema`.
    public func postgresLocation(override: String?) throws -> PostgresLocation? {
        if let override {
            guard PostgresLocation.isURL(override) else {
                throw DiagnosticsError(.error(
                    "the warehouse \(PostgresLocation.redacted(override)) given by --warehouse or PODIUM_WAREHOUSE is not a postgres:// URL",
                    hint: "write it as postgres://user@host:port/database, or set `warehouse:` in podium.yaml for a SQLite file"))
            }
            return try PostgresLocation(url: override, schema: warehouseSchema)
        }
        guard PostgresLocation.isURL(warehouse) else { return nil }
        return try PostgresLocation(url: warehouse, schema: warehouseSchema, origin: warehouseLocation)
    }
}
