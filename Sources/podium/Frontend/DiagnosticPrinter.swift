import ArgumentParser
import Foundation
import PodiumKit

/// Prints diagnostics to stderr in the compiler format, coloured only on a terminal, and turns
/// failures into exit status 1.
struct DiagnosticPrinter {
    private let colour = isatty(STDERR_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil

    /// Runs `body`; prints the diagnostics of a failure, then a last line counting its errors,
    /// and exits with status 1.
    /// - Parameter failure: what failed, for that line (`query failed: 1 error`); nil for a build,
    ///   whose line also says that nothing was published.
    func reporting<T>(failure: String? = nil, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DiagnosticsError {
            print(error.diagnostics)
            let count = String(counting: error.diagnostics.filter { $0.severity == .error }.count, "error")
            info(failure.map { "\($0): \(count)" } ?? "build failed: \(count); nothing was published")
            throw ExitCode.failure
        } catch let error as Diagnostic {
            print([error])
            throw ExitCode.failure
        } catch {
            // PodiumKit's entry points convert file-system errors; one that escapes from here is
            // still the user's to fix, not a bug.
            if let diagnostic = Diagnostic(fileError: error) {
                print([diagnostic])
                throw ExitCode.failure
            }
            info("internal error: \(error)")
            info("this is a bug in Podium; please report it with the command you ran")
            throw ExitCode.failure
        }
    }

    /// Prints each diagnostic.
    func print(_ diagnostics: [Diagnostic]) {
        for diagnostic in diagnostics {
            write(styled(diagnostic))
        }
    }

    /// Prints one line of information to stderr.
    func info(_ line: String) { write(line) }

    private func styled(_ diagnostic: Diagnostic) -> String { diagnostic.styled(colour: colour) }

    private func write(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
