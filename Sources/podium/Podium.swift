import ArgumentParser
import PodiumKit

@main
struct PodiumCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "podium",
        abstract: "Build a static dashboard site from CSV data.",
        subcommands: [Build.self, Serve.self, New.self, Clean.self, CatalogCommand.self, QueryCommand.self,
                      ExportCommand.self])

    /// `podium build` in its common forms skips ArgumentParser (see `BuildRun(fastArguments:)`);
    /// everything else is parsed by it.
    static func main() {
        Podium.limitAllocatorArenas()
        if let build = BuildRun(fastArguments: Array(CommandLine.arguments.dropFirst())) {
            do {
                try build.run()
            } catch {
                exit(withError: error)
            }
            return
        }
        main(nil)
    }
}
