import Foundation
import Testing
@testable import PodiumKit

/// The reader of stored results takes what the writer makes, and any of JSON's escapes in its
/// strings; anything else reads as damaged.
@Suite struct StoredResultReaderTests {
    private func decode(_ text: String) -> QueryResult? {
        StoredResultReader.decode(Data(text.utf8))
    }

    @Test func readsEscapesTheWriterDoesNotMake() {
        let result = decode(#"{"columns":["a\/b"],"rows":[["t:\n\t\u00e9\ud83c\udfc5 \"q\" \\"],[null],["i:-7"],["r:1e-05"]]}"#)
        #expect(result == QueryResult(columns: ["a/b"], rows: [
            [.text("\n\té🏅 \"q\" \\")], [.null], [.integer(-7)], [.real(1e-05)],
        ]))
        #expect(decode(#"{"columns":[],"rows":[]}"#) == QueryResult(columns: [], rows: []))
        #expect(decode(#"{"columns":[],"rows":[[],[]]}"#) == QueryResult(columns: [], rows: [[], []]))
    }

    @Test func anythingElseIsDamaged() {
        for text in [
            "",
            #"{"columns":["a"],"rows":[["i:1"]]"#,  // truncated
            #"{"columns":["a"],"rows":[["i:1"]]} "#,  // trailing bytes
            #"{ "columns":["a"],"rows":[]}"#,  // other spacing
            #"{"rows":[],"columns":["a"]}"#,  // other order
            #"{"columns":["a","b"],"rows":[["i:1"]]}"#,  // a short row
            #"{"columns":["a"],"rows":[["x:1"]]}"#,  // an unknown tag
            #"{"columns":["a"],"rows":[["i:one"]]}"#,  // not a number
            #"{"columns":["a"],"rows":[["i:99999999999999999999"]]}"#,  // past Int64
            #"{"columns":["a"],"rows":[["t:\ud83c"]]}"#,  // half a surrogate pair
            #"{"columns":["a"],"rows":[["t:\x"]]}"#,  // an unknown escape
            #"{"columns":["a"],"rows":[["t:open]]}"#,  // an unclosed string
        ] {
            #expect(decode(text) == nil, "\(text)")
        }
    }
}
