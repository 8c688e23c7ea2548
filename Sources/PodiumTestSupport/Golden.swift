import Foundation
import Testing

/// Compares `actual` with the golden file `<directory>/<named>.svg`.
///
/// - A missing golden, or any golden when `RECORD_GOLDENS=1` is set, is written and the test fails
///   with "recorded new golden <path>; review and commit it". Never when `CI` is set: then a
///   missing golden is simply a failure.
/// - On a mismatch the test fails with a compact line diff, and the actual output is written
///   beside the golden as `<named>-changed.svg` (gitignored) to open side by side.
/// - Parameters:
///   - actual: the rendered text.
///   - named: the golden's file name without `.svg`.
///   - directory: the golden folder, usually computed from the test's `#filePath`.
public func assertGolden(_ actual: String, named: String, directory: String,
                         sourceLocation: SourceLocation = #_sourceLocation) {
    let environment = ProcessInfo.processInfo.environment
    let onCI = environment["CI"].map { !$0.isEmpty && $0 != "0" && $0.lowercased() != "false" } ?? false
    let record = !onCI && environment["RECORD_GOLDENS"] == "1"
    let url = URL(fileURLWithPath: directory).appendingPathComponent(named + ".svg")
    let changedURL = URL(fileURLWithPath: directory).appendingPathComponent(named + "-changed.svg")
    let expected = try? String(contentsOf: url, encoding: .utf8)

    if record || (expected == nil && !onCI) {
        if expected == actual {
            try? FileManager.default.removeItem(at: changedURL)
            return
        }
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: url)
            try? FileManager.default.removeItem(at: changedURL)
            Issue.record("recorded new golden \(url.path); review and commit it", sourceLocation: sourceLocation)
        } catch {
            Issue.record("could not write golden \(url.path): \(error)", sourceLocation: sourceLocation)
        }
        return
    }
    guard let expected else {
        Issue.record("missing golden \(url.path); run with RECORD_GOLDENS=1 outside CI to create it",
                     sourceLocation: sourceLocation)
        return
    }
    if expected == actual {
        try? FileManager.default.removeItem(at: changedURL)
        return
    }
    try? Data(actual.utf8).write(to: changedURL)
    Issue.record("""
        output differs from golden \(url.path) (actual written to \(changedURL.lastPathComponent); \
        rerun with RECORD_GOLDENS=1 to accept):
        \(lineDiff(expected: expected, actual: actual))
        """, sourceLocation: sourceLocation)
}

/// A compact line diff: the changed region between the common prefix and suffix, as `-`/`+`
/// lines with line numbers, limited to `maxLines` lines per side.
public func lineDiff(expected: String, actual: String, maxLines: Int = 20) -> String {
    let old = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let new = actual.split(separator: "\n", omittingEmptySubsequences: false)
    var prefix = 0
    while prefix < old.count, prefix < new.count, old[prefix] == new[prefix] { prefix += 1 }
    var suffix = 0
    while suffix < old.count - prefix, suffix < new.count - prefix,
          old[old.count - 1 - suffix] == new[new.count - 1 - suffix] { suffix += 1 }
    let removed = old[prefix..<(old.count - suffix)]
    let added = new[prefix..<(new.count - suffix)]
    var lines = ["@@ line \(prefix + 1): -\(removed.count) +\(added.count) @@"]
    for line in removed.prefix(maxLines) { lines.append("- " + line) }
    if removed.count > maxLines { lines.append("- … \(removed.count - maxLines) more") }
    for line in added.prefix(maxLines) { lines.append("+ " + line) }
    if added.count > maxLines { lines.append("+ … \(added.count - maxLines) more") }
    return lines.joined(separator: "\n")
}
