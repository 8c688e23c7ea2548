import ArgumentParser
import PodiumKit

@main
struct Podium: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build a static dashboard site from CSV data.")
}
