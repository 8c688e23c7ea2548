import Foundation
import PodiumKit

/// One `podium build`: its options as plain values, and the run that prints the report.
///
/// `Build` (the ArgumentParser command) fills it from parsed options; `init?(fastArguments:)`
/// fills it straight from the command line for the common forms, so that a build with nothing to
/// do does not pay for ArgumentParser's reflection (a few milliseconds of a ~10 ms run).
struct BuildRun: Equatable {
    var projectRoot = URL(fileURLWithPath: ".", isDirectory: true)
    /// `--warehouse`, else a non-empty `PODIUM_WAREHOUSE`, else nil (podium.yaml decides).
    var warehouse: String?
    var explain = false
    var strict = false
    var timings = false
    var quiet = false

    func run() throws {
        let printer = DiagnosticPrinter()
        // On a terminal, a line saying what a long build is doing (not with --quiet).
        let progress = quiet ? nil : ProgressLine.onTerminal()
        let onProgress: (@Sendable (BuildProgress) -> Void)? = progress.map { line in { @Sendable event in line.report(event) } }
        let onWait: @Sendable () -> Void = {
            progress?.clear()
            DiagnosticPrinter().info("waiting for another build of this project to finish…")
        }
        let options = BuildOptions(projectRoot: projectRoot, strict: strict, warehouse: warehouse, onWait: onWait, progress: onProgress)
        let report = try printer.reporting { () throws -> BuildReport in
            defer { progress?.finish() }  // before anything else is printed
            return try Podium.build(options)
        }
        printer.print(report.warnings)
        if explain {
            for explanation in report.explanations { printer.info(explanation.description) }
        }
        if timings {
            for timing in report.timings {
                let name = timing.stage.padding(toLength: max(16, timing.stage.count), withPad: " ", startingAt: 0)
                let peak = timing.peakMemoryBytes.map { String(format: "   peak %6.1f MiB", Double($0) / 1_048_576) } ?? ""
                printer.info(name + String(format: " %8.1f ms", timing.seconds * 1000) + peak)
            }
        }
        if !quiet { printer.info(report.summary) }
    }
}

extension BuildRun {
    /// The build that `arguments` (without the program name) ask for, if they are `build`
    /// followed only by `--explain`, `--strict`, `--timings`, `--quiet`, `--project DIR` and
    /// `--warehouse URL` (also as `--name=value`), each at most once. Anything else — help,
    /// another command, a mistake — is nil and goes to ArgumentParser, which owns the messages.
    init?(fastArguments arguments: [String]) {
        guard arguments.first == "build" else { return nil }
        var seen = Set<String>()
        var project: String?
        var rest = arguments.dropFirst()[...]
        while let argument = rest.popFirst() {
            var name = argument
            var value: String?
            if let equals = argument.firstIndex(of: "=") {
                name = String(argument[..<equals])
                value = String(argument[argument.index(after: equals)...])
            }
            guard seen.insert(name).inserted else { return nil }
            switch name {
            case "--explain" where value == nil: explain = true
            case "--strict" where value == nil: strict = true
            case "--timings" where value == nil: timings = true
            case "--quiet" where value == nil: quiet = true
            case "--project", "--warehouse":
                guard let given = value ?? rest.popFirst(), !given.isEmpty, !given.hasPrefix("-") else { return nil }
                if name == "--project" { project = given } else { warehouse = given }
            default: return nil
            }
        }
        if let project { projectRoot = URL(fileURLWithPath: project, isDirectory: true) }
        if warehouse == nil { warehouse = Self.environmentWarehouse }
    }

    /// A non-empty `PODIUM_WAREHOUSE`.
    static var environmentWarehouse: String? {
        guard let value = getenv("PODIUM_WAREHOUSE").map({ String(cString: $0) }), !value.isEmpty else { return nil }
        return value
    }
}
