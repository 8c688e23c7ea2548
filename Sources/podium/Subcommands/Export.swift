import ArgumentParser
import Foundation
import PodiumKit

extension ExportOptions.Format: ExpressibleByArgument {}

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write warehouse tables as Parquet files, one <table>.parquet per table (building the warehouse first if it does not exist).")

    @Option(name: .long, help: "File format (Parquet is the only one so far).")
    var format: ExportOptions.Format = .parquet

    @Option(name: .long, help: "The folder to write into: new, empty, or written by an earlier export (created if missing; relative to the current folder).",
            completion: .directory)
    var out: String

    @Option(name: .customLong("table"), help: "A table to export (repeat for several; default: every staging table and model).")
    var tables: [String] = []

    @OptionGroup var project: ProjectOptions
    @OptionGroup var warehouse: WarehouseOptions

    func run() throws {
        let printer = DiagnosticPrinter()
        let report = try printer.reporting(failure: "export failed") {
            try Podium.export(ExportOptions(
                build: BuildOptions(projectRoot: project.root, warehouse: warehouse.url), format: format,
                output: URL(fileURLWithPath: out, isDirectory: true), tables: tables))
        }
        for file in report.files {
            let groups = String(counting: file.rowGroups, "row group")
            printer.info("wrote \(file.name): \(String(counting: Int(file.rows), "row")), \(groups), \(file.columns.count) columns")
        }
        for name in report.removed { printer.info("removed \(name): its table is no longer in the warehouse") }
        printer.info(report.summary)
    }
}
