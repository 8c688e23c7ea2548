import ArgumentParser
import Foundation
import PodiumKit
import PodiumServe

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

    func run() throws {
        let printer = DiagnosticPrinter()
        let options = ServeOptions(projectRoot: project.root, host: host, port: UInt16(port),
                                   forcePolling: ProcessInfo.processInfo.environment["PODIUM_SERVE_POLL"] == "1")
        if !options.isLoopback {
            printer.print([.warning("serving on \(host): anyone who can reach this machine can read the site and its data",
                                    hint: "leave out --host (or use --host 127.0.0.1) to serve this machine only")])
        }
        let openBrowser = open
        try printer.reporting(failure: "podium serve failed") {
            try PreviewServer.run(options) { event in
                Self.report(event, printer: printer, openBrowser: openBrowser)
            }
        }
    }

    private static func report(_ event: ServeEvent, printer: DiagnosticPrinter, openBrowser: Bool) {
        switch event {
        case .listening(let url, let mechanism):
            printer.info("serving \(url) — watching podium.yaml, sources, models, pages and templates (\(mechanism)); press Ctrl-C to stop")
            if openBrowser { Self.openInBrowser(url, printer: printer) }
        case .waitingForLock:
            printer.info("waiting for another build of this project to finish…")
        case .built(let report, let changed, let seconds, let pages):
            printer.print(report.warnings)
            printer.info(report.summary)
            if !changed.isEmpty {
                let shown = changed.prefix(5).joined(separator: ", ") + (changed.count > 5 ? ", …" : "")
                printer.info(String(format: "changed in %.0f ms: %@; told %@", seconds * 1000, shown,
                                    String(counting: pages, "open page")))
            }
        case .failed(let diagnostics):
            printer.print(diagnostics)
            let errors = String(counting: diagnostics.filter { $0.severity == .error }.count, "error")
            printer.info("build failed: \(errors); still serving the last good site, with the errors over every page")
        case .stopping:
            printer.info("stopping podium serve")
        }
    }

    private static func openInBrowser(_ url: String, printer: DiagnosticPrinter) {
        let process = Process()
        #if os(macOS)
        process.executableURL = URL(fileURLWithPath: "/usr/bin/open")
        process.arguments = [url]
        #else
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["xdg-open", url]
        #endif
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            printer.info("could not open a browser (\(error.localizedDescription)); open \(url) yourself")
        }
    }
}
