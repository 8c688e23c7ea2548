import Foundation
import PodiumKit
import PodiumServe

/// Prints what the preview server reports to stderr, as `podium build` does (diagnostics in the
/// compiler format, coloured only on a terminal).
struct ServePrinter: Sendable {
    private let colour = isatty(STDERR_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil

    func report(_ event: ServeEvent, openBrowser: Bool) {
        switch event {
        case .listening(let url, let mechanism):
            info("serving \(url) — watching podium.yaml, sources, models, pages and templates (\(mechanism)); press Ctrl-C to stop")
            if openBrowser { openInBrowser(url) }
        case .waitingForLock:
            info("waiting for another build of this project to finish…")
        case .built(let report, let changed, let seconds, let pages):
            print(report.warnings)
            info(report.summary)
            // Files whose name starts with a dot (the output folder's marker) are not worth naming.
            let visible = changed.filter { !$0.hasPrefix(".") }
            if !visible.isEmpty {
                let shown = visible.prefix(5).joined(separator: ", ") + (visible.count > 5 ? ", …" : "")
                info(String(format: "changed in %.0f ms: ", seconds * 1000) + shown + "; told " + String(counting: pages, "open page"))
            }
        case .failed(let diagnostics, let hasSite):
            print(diagnostics)
            let errors = String(counting: diagnostics.filter { $0.severity == .error }.count, "error")
            info("build failed: \(errors); " + (hasSite ? "still serving the last good site, with the errors over every page"
                                                  : "no site yet: every address answers 404, with the errors over the page"))
        case .stopping:
            info("stopping podium serve")
        }
    }

    func print(_ diagnostics: [Diagnostic]) {
        for diagnostic in diagnostics { write(styled(diagnostic)) }
    }

    func info(_ line: String) { write(line) }

    private func styled(_ diagnostic: Diagnostic) -> String { diagnostic.styled(colour: colour) }

    private func write(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    private func openInBrowser(_ url: String) {
        let process = Process()
        #if os(macOS)
        process.executableURL = URL(fileURLWithPath: "/usr/bin/open")
        process.arguments = [url]
        #else
        let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        guard let opener = folders.map({ "\($0)/xdg-open" }).first(where: FileManager.default.isExecutableFile(atPath:)) else {
            info("no xdg-open to open a browser with; open \(url) yourself")
            return
        }
        process.executableURL = URL(fileURLWithPath: opener)
        process.arguments = [url]
        #endif
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            info("could not open a browser (\(error.localizedDescription)); open \(url) yourself")
        }
    }
}
