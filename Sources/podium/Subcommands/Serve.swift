import ArgumentParser
import Foundation
import PodiumKit

struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Build the site, serve it on http://127.0.0.1:3000/, and rebuild and reload the browser on every change.",
        discussion: """
            Watches podium.yaml, the sources, models, pages and templates. A failed build keeps the \
            last good site and shows its errors over every open page. Ctrl-C stops the server. The \
            files in the output folder are those `podium build` writes: the reload script is added \
            only to what the server sends.
            """)

    @OptionGroup var project: ProjectOptions

    @Option(name: .long, help: "The port to listen on (0: any free port).")
    var port: Int = 3000

    @Option(name: .long, help: "The address to listen on. Any address but 127.0.0.1, ::1 or localhost lets other machines read the site and its data.")
    var host: String = "127.0.0.1"

    @Flag(name: .long, help: "Open the site in the default web browser.")
    var open = false

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535 (0: any free port)") }
    }

    /// Runs `podium-serve` (beside this program) in this process's place, so Ctrl-C reaches it
    /// directly. The server is a program of its own because its HTTP library links Foundation's
    /// networking, and with it libcurl and its libraries, which `podium build` must not load.
    func run() throws {
        let server = URL(fileURLWithPath: Bundle.main.executablePath ?? CommandLine.arguments[0])
            .resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("podium-serve").path
        guard FileManager.default.isExecutableFile(atPath: server) else {
            DiagnosticPrinter().print([.error("podium serve needs the program podium-serve beside podium, at \(server)",
                                              hint: "build it too: swift build -c release --static-swift-stdlib --product podium-serve")])
            throw ExitCode.failure
        }
        let arguments = [server, "--project", project.root.path, "--port", String(port), "--host", host] + (open ? ["--open"] : [])
        var cArguments = arguments.map { strdup($0) } + [nil]
        execv(server, &cArguments)
        DiagnosticPrinter().print([.error("cannot run \(server): \(String(cString: strerror(errno)))")])
        throw ExitCode.failure
    }
}
