import ArgumentParser
import Foundation
import PodiumKit

struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Create a new project: podium.yaml, a sample CSV, a model, a page and the default templates.")

    @Argument(help: "The folder to create (it must not exist, or be empty).", completion: .directory)
    var folder: String

    func run() throws {
        let printer = DiagnosticPrinter()
        let files = try printer.reporting(failure: "podium new failed") { try Podium.new(at: URL(fileURLWithPath: folder, isDirectory: true)) }
        printer.info("created \(String(counting: files.count, "file")) in \(folder)/; build it with: podium build --project \(folder)")
    }
}
