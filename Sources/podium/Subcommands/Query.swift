import ArgumentParser
import Foundation
import PodiumKit

extension TextTable.Format: ExpressibleByArgument {}

struct QueryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "Run read-only SQL against the warehouse (building it first if it does not exist).")

    @Argument(help: "One SELECT (or WITH) statement, for example \"select * from dim_country limit 5\".")
    var sql: String

    @OptionGroup var project: ProjectOptions
    @OptionGroup var warehouse: WarehouseOptions

    @Option(name: .long, help: "Output format: table (aligned, for reading), csv or json.")
    var format: TextTable.Format = .table

    func run() throws {
        let printer = DiagnosticPrinter()
        let result = try printer.reporting(failure: "query failed") {
            try Podium.query(sql, BuildOptions(projectRoot: project.root, warehouse: warehouse.url))
        }
        FileHandle.standardOutput.write(Data(TextTable.render(result, as: format).utf8))
    }
}
