import Foundation
import Testing
@testable import PodiumKit

/// The diagnostics `body` throws, one rendered string each; records an issue if it throws
/// anything else or nothing.
func diagnostics(
    sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void
) -> [String] {
    do {
        try body()
        Issue.record("expected diagnostics, but nothing was thrown", sourceLocation: sourceLocation)
    } catch let error as DiagnosticsError {
        return error.diagnostics.map(\.description)
    } catch {
        Issue.record("expected diagnostics, got \(error)", sourceLocation: sourceLocation)
    }
    return []
}

/// The first line (the `file:line:col: error: message` part) of each diagnostic.
func headlines(sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void) -> [String] {
    diagnostics(sourceLocation: sourceLocation, body).map { String($0.prefix { $0 != "\n" }) }
}

/// The repository root, found from this file's path.
let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
