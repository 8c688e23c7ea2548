import ArgumentParser
import Foundation
import PodiumKit

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Run the pipeline and write the site (sources → warehouse → charts → HTML).")

    @OptionGroup var project: ProjectOptions
    @OptionGroup var warehouse: WarehouseOptions

    @Flag(name: .long, help: "Say, for every table, result and output file, whether it was fresh or rebuilt and why.")
    var explain = false

    @Flag(name: .long, help: "Treat failed data tests as errors: exit 1 and publish nothing.")
    var strict = false

    @Flag(name: .long, help: "Print each stage's wall time.")
    var timings = false

    func run() throws {
        let printer = DiagnosticPrinter()
        let report = try printer.reporting {
            try Podium.build(BuildOptions(projectRoot: project.root, strict: strict, warehouse: warehouse.url, onWait: {
                DiagnosticPrinter().info("waiting for another build of this project to finish…")
            }))
        }
        printer.print(report.warnings)
        if explain {
            for explanation in report.explanations { printer.info(explanation.description) }
        }
        if timings {
            for timing in report.timings {
                let name = timing.stage.padding(toLength: max(16, timing.stage.count), withPad: " ", startingAt: 0)
                printer.info(name + String(format: " %8.1f ms", timing.seconds * 1000))
            }
        }
        let fresh = report.written == 0 && report.removed == 0
        printer.info("built \(report.pages) pages, \(report.charts) charts, \(report.files) files into \(report.output)/: "
            + (fresh ? "everything was fresh" : "\(report.written) written, \(report.removed) removed")
            + "; \(report.queriesRun) of \(report.charts) queries run")
    }
}
