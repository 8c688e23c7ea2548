import ArgumentParser
import Foundation
import PodiumKit

struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Create a new project: podium.yaml, a sample CSV, a model, a page and a footer template to edit.")

    @Argument(help: "The folder to create (it must not exist, or be empty).", completion: .directory)
    var folder: String

    @Flag(help: ArgumentHelp("Copy every default template (layout, chart, embed, stylesheet), not only the footer.",
                             discussion: "A copied template replaces Podium's own for good: it keeps this version's markup when Podium's defaults improve."))
    var allTemplates = false

    func run() throws {
        let printer = DiagnosticPrinter()
        let files = try printer.reporting(failure: "podium new failed") { try Podium.new(at: URL(fileURLWithPath: folder, isDirectory: true), allTemplates: allTemplates) }
        printer.info("created \(String(counting: files.count, "file")) in \(folder)/; build it with: podium build --project \(folder)")
    }
}
