import ArgumentParser
import PodiumKit

struct Clean: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clean",
        abstract: "Delete the build cache (.podium/: warehouse, results, state). The site is kept.")

    @OptionGroup var project: ProjectOptions

    func run() throws {
        let printer = DiagnosticPrinter()
        let removed = try printer.reporting(failure: "podium clean failed") { try Podium.clean(projectRoot: project.root) }
        printer.info(removed.isEmpty ? "nothing to clean" : "removed \(removed.joined(separator: ", "))")
    }
}
