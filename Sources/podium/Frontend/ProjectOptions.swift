import ArgumentParser
import Foundation

/// The `--project` option shared by every command that works on a project.
struct ProjectOptions: ParsableArguments {
    @Option(name: .long, help: "The project folder, holding podium.yaml (default: the current folder).",
            completion: .directory)
    var project: String = "."

    var root: URL { URL(fileURLWithPath: project, isDirectory: true) }
}
