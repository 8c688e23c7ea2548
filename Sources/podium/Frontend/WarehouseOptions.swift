import ArgumentParser
import Foundation

/// The `--warehouse URL` option of the commands that build or read the warehouse.
struct WarehouseOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "A PostgreSQL warehouse, postgres://user@host:port/database, replacing podium.yaml's `warehouse:` (default: $PODIUM_WAREHOUSE).",
        discussion: "The password comes from PGPASSWORD or ~/.pgpass, never from the URL."))
    var warehouse: String?

    /// `--warehouse`, else a non-empty `PODIUM_WAREHOUSE`, else nil (podium.yaml decides).
    var url: String? {
        warehouse ?? BuildRun.environmentWarehouse
    }
}
