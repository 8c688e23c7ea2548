import ArgumentParser

@main
struct PodiumCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "podium",
        abstract: "Build a static dashboard site from CSV data.",
        subcommands: [Build.self, New.self, Clean.self, CatalogCommand.self, QueryCommand.self])
}
