import ArgumentParser
import Foundation
import PodiumKit

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the pipeline and write the site (sources → warehouse → charts → HTML).")

    @OptionGroup var project: ProjectOptions

    @Flag(name: .long, help: "Print each stage's wall time.")
    var timings = false

    @Flag(name: .long, help: "Make failed data tests errors: exit with status 1 and publish nothing.")
    var strict = false

    func run() throws {
        let printer = DiagnosticPrinter()
        let report = try printer.reporting {
            try Podium.build(BuildOptions(projectRoot: project.root, strict: strict))
        }
        printer.print(report.warnings)
        if timings {
            for timing in report.timings {
                printer.info(String(format: "%-16@ %8.1f ms", timing.stage as NSString, timing.seconds * 1000))
            }
        }
        printer.info("built \(report.pages) pages, \(report.charts) charts, \(report.files) files into \(report.output)/")
    }
}
