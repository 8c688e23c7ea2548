import ArgumentParser
import Foundation
import PodiumKit

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the pipeline and write the site (sources → warehouse → charts → HTML).")

    @OptionGroup var project: ProjectOptions

    @Flag(name: .long, help: "Print each stage's wall time.")
    var timings = false

    func run() throws {
        let printer = DiagnosticPrinter()
        let report = try printer.reporting {
            try Podium.build(BuildOptions(projectRoot: project.root))
        }
        printer.print(report.warnings)
        if timings {
            for timing in report.timings {
                let name = timing.stage.padding(toLength: max(16, timing.stage.count), withPad: " ", startingAt: 0)
                printer.info(name + String(format: " %8.1f ms", timing.seconds * 1000))
            }
        }
        printer.info("built \(report.pages) pages, \(report.charts) charts, \(report.files) files into \(report.output)/")
    }
}
