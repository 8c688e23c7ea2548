import ArgumentParser
import Foundation
import PodiumKit

extension Catalog.Format: ExpressibleByArgument {}

struct CatalogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalog",
        abstract: "Show every source's schema, fingerprint and column profiles, the models and the lineage.")

    @OptionGroup var project: ProjectOptions
    @OptionGroup var warehouse: WarehouseOptions

    @Option(name: .long, help: "Output format: table (aligned, for reading) or json (for programs).")
    var format: Catalog.Format = .table

    func run() throws {
        let printer = DiagnosticPrinter()
        let catalog = try printer.reporting(failure: "catalog failed") {
            try Podium.catalog(BuildOptions(projectRoot: project.root, warehouse: warehouse.url))
        }
        FileHandle.standardOutput.write(Data(catalog.rendered(as: format).utf8))
    }
}
