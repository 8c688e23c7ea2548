import Foundation
import Synchronization
/// One problem found while building: what is wrong, where, and what to do about it.
///
/// Its `description` is the compiler format:
/// `data/Medals.csv:48:3: error: column 'Gold' expects an integer, found "n/a"` followed by
/// indented `note:` and `hint:` lines.
public struct Diagnostic: Error, Equatable, Sendable, Codable, CustomStringConvertible {
    /// How serious a diagnostic is.
    public enum Severity: String, Sendable, Comparable, Codable {
        case error, warning, note

        private var rank: Int { self == .error ? 2 : self == .warning ? 1 : 0 }
        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
    }

    /// A place in a file: a path relative to the project root, 1-based line and column.
    public struct Location: Equatable, Hashable, Sendable, Codable, CustomStringConvertible {
        public var file: String
        public var line: Int?
        public var column: Int?

        public init(file: String, line: Int? = nil, column: Int? = nil) {
            self.file = file
            self.line = line
            self.column = column
        }

        public var description: String {
            var text = file
            if let line { text += ":\(line)" }
            if line != nil, let column { text += ":\(column)" }
            return text
        }
    }

    /// Extra context attached to a diagnostic, optionally at its own location.
    public struct Note: Equatable, Sendable, Codable {
        public var message: String
        public var location: Location?

        public init(_ message: String, at location: Location? = nil) {
            self.message = message
            self.location = location
        }
    }

    public var severity: Severity
    public var message: String
    public var location: Location?
    public var notes: [Note]
    /// What the user should do about it.
    public var hint: String?

    public init(
        _ severity: Severity, _ message: String, at location: Location? = nil,
        notes: [Note] = [], hint: String? = nil
    ) {
        self.severity = severity
        self.message = message
        self.location = location
        self.notes = notes
        self.hint = hint
    }

    /// An error diagnostic.
    public static func error(
        _ message: String, at location: Location? = nil, notes: [Note] = [], hint: String? = nil
    ) -> Diagnostic {
        Diagnostic(.error, message, at: location, notes: notes, hint: hint)
    }

    /// A warning diagnostic.
    public static func warning(
        _ message: String, at location: Location? = nil, notes: [Note] = [], hint: String? = nil
    ) -> Diagnostic {
        Diagnostic(.warning, message, at: location, notes: notes, hint: hint)
    }

    /// The diagnostic as printed on a terminal: its severity word in bold colour (red errors,
    /// yellow warnings), or plain `description` when `colour` is false.
    public func styled(colour: Bool) -> String {
        guard colour else { return description }
        let code = severity == .error ? "31" : severity == .warning ? "33" : "36"
        let text = description
        let marker = "\(severity.rawValue):"
        return text.replacingOccurrences(of: marker, with: "\u{1B}[1;\(code)m\(marker)\u{1B}[0m", options: [],
                                         range: text.range(of: marker))
    }

    /// The same diagnostic with another severity (a check declared `severity: warn`).
    public func with(severity: Severity) -> Diagnostic {
        var copy = self
        copy.severity = severity
        return copy
    }

    public var description: String {
        var lines: [String] = []
        let prefix = location.map { "\($0): " } ?? ""
        lines.append("\(prefix)\(severity.rawValue): \(message)")
        for note in notes {
            let notePrefix = note.location.map { "\($0): " } ?? ""
            lines.append("  note: \(notePrefix)\(note.message)")
        }
        if let hint { lines.append("  hint: \(hint)") }
        return lines.joined(separator: "\n")
    }
}

/// Thrown when a stage stops because of one or more errors; carries every diagnostic found.
public struct DiagnosticsError: Error, CustomStringConvertible, Sendable {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
    public init(_ diagnostic: Diagnostic) { self.diagnostics = [diagnostic] }

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

/// Collects recoverable problems so a run reports all of them, not only the first.
///
/// Safe to share between threads (the build reads pages on one thread while it stages on
/// another): the list is behind a mutex, and each call sees it whole.
public final class DiagnosticCollector: Sendable {
    private let storage = Mutex<[Diagnostic]>([])

    public init() {}

    /// Everything recorded so far, in the order it was recorded.
    public var diagnostics: [Diagnostic] { storage.withLock { $0 } }

    /// Records one diagnostic.
    public func emit(_ diagnostic: Diagnostic) { storage.withLock { $0.append(diagnostic) } }

    /// Records several diagnostics.
    public func emit(contentsOf more: [Diagnostic]) { storage.withLock { $0.append(contentsOf: more) } }

    /// Whether any error (not warning) has been recorded.
    public var hasErrors: Bool { storage.withLock { $0.contains { $0.severity == .error } } }

    /// Throws a `DiagnosticsError` carrying every error collected, if any was recorded.
    public func throwIfErrors() throws {
        let errors = storage.withLock { $0.filter { $0.severity == .error } }
        if !errors.isEmpty { throw DiagnosticsError(errors) }
    }
}
