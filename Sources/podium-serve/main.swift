import Foundation
import PodiumKit
import PodiumServe

// `podium serve` checks its options (with the help text), then runs this program in its place with
// `--project DIR --port N --host H [--open]`; see Sources/podium/Subcommands/Serve.swift.
Podium.limitAllocatorArenas()  // see there: each rebuild would otherwise grow the arenas of its threads
let printer = ServePrinter()
guard let arguments = ServeArguments(CommandLine.arguments.dropFirst()) else {
    printer.info("usage: podium serve [--project DIR] [--port N] [--host H] [--open]  (see podium serve --help)")
    exit(64)
}
let options = ServeOptions(projectRoot: arguments.project, host: arguments.host, port: arguments.port,
                           forcePolling: ProcessInfo.processInfo.environment["PODIUM_SERVE_POLL"] == "1")
if !options.isLoopback {
    printer.print([.warning("serving on \(arguments.host): anyone who can reach this machine can read the site and its data",
                            hint: "leave out --host (or use --host 127.0.0.1) to serve this machine only")])
}
do {
    try PreviewServer.run(options) { event in printer.report(event, openBrowser: arguments.open) }
} catch let error as DiagnosticsError {
    printer.print(error.diagnostics)
    printer.info("podium serve failed: \(String(counting: error.diagnostics.filter { $0.severity == .error }.count, "error"))")
    exit(1)
} catch {
    printer.info("internal error: \(error)")
    printer.info("this is a bug in Podium; please report it with the command you ran")
    exit(1)
}
