import Foundation
import PodiumKit
import Synchronization

/// The one line on a terminal that says what a long build is doing:
/// `staging athletes: 734,208 rows (612,340 rows/s)`, then `data tests and charts…`. It appears
/// once the build has taken a second, is rewritten in place (at most five times a second, by a
/// thread of its own, so a stage that reports nothing still shows), and is cleared before anything else is printed. Nothing
/// is shown when stderr is not a terminal, so logs stay clean.
final class ProgressLine: Sendable {
    private struct State {
        var text = ""
        var stageStarted: UInt64 = 0
        var shown = ""
        var finished = false
    }

    private let started = DispatchTime.now().uptimeNanoseconds
    private let state = Mutex(State())

    /// A progress line on stderr, or nil when stderr is not a terminal.
    static func onTerminal() -> ProgressLine? {
        isatty(STDERR_FILENO) == 1 ? ProgressLine() : nil
    }

    private init() {
        // Redraws five times a second, so a stage that reports nothing still shows.
        Thread.detachNewThread { [self] in
            while !state.withLock(\.finished) {
                usleep(200_000)
                draw()
            }
        }
    }

    /// Takes one event of the build.
    func report(_ event: BuildProgress) {
        let now = DispatchTime.now().uptimeNanoseconds
        state.withLock { state in
            switch event {
            case .stage(let name):
                state.stageStarted = now
                state.text = Self.words[name] ?? name
            case .staging(let source, let rows):
                let seconds = Double(now - state.stageStarted) / 1e9
                let rate = seconds > 0.2 ? " (\(Self.grouped(Int(Double(rows) / seconds))) rows/s)" : ""
                state.text = rows == 0 ? "staging \(source)…" : "staging \(source): \(Self.grouped(rows)) rows\(rate)"
            }
        }
    }

    /// Stops the timer and clears the line, if it was shown.
    func finish() {
        state.withLock { $0.finished = true }
        clear()
    }

    /// Clears the line, if it is shown, so another line can be printed; the next report draws it again.
    func clear() {
        state.withLock { state in
            if !state.shown.isEmpty { Self.write("\r\u{1B}[K") }
            state.shown = ""
        }
    }

    private func draw() {
        guard DispatchTime.now().uptimeNanoseconds - started >= 1_000_000_000 else { return }
        state.withLock { state in
            guard !state.finished, !state.text.isEmpty, state.text != state.shown else { return }
            let columns = Self.terminalColumns()
            let line = "podium: " + state.text
            Self.write("\r\u{1B}[K" + String(line.prefix(max(10, columns - 1))))
            state.shown = state.text
        }
    }

    /// How a stage is named on the line.
    private static let words = [
        "fingerprint": "checking what changed…",
        "build warehouse": "building the warehouse…",
        "models": "running the models…",
        "data tests": "running data tests…",
        "query": "running chart queries and data tests…",
        "query alone": "running chart queries…",
        "render": "rendering pages…",
        "publish": "writing the site…",
    ]

    private static func grouped(_ number: Int) -> String {
        let digits = String(number)
        var out = ""
        for (index, character) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out += "," }
            out.append(character)
        }
        return out
    }

    private static func terminalColumns() -> Int {
        var size = winsize()
        return ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0 && size.ws_col > 0 ? Int(size.ws_col) : 80
    }

    private static func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
