import ArgumentParser
import Foundation

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

    @Flag(name: .long, help: "Print only warnings and errors: no progress line and no summary line.")
    var quiet = false

    var buildRun: BuildRun {
        BuildRun(projectRoot: project.root, warehouse: warehouse.url, explain: explain, strict: strict, timings: timings, quiet: quiet)
    }

    func run() throws {
        try buildRun.run()
    }
}
