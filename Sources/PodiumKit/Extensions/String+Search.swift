/// Substring search by UTF-8 bytes.
///
/// Foundation's `range(of:)` and `contains(_:)` bridge to NSString and compare canonically
/// equivalent text as equal; each call cost 100–700 k instructions on a page. Podium searches
/// only for its own ASCII placeholder tokens, where an exact byte match is what is meant.
extension StringProtocol {
    /// The range of the first occurrence of `needle`, compared byte for byte; nil if there is
    /// none or `needle` is empty.
    func firstRange(ofBytes needle: String) -> Range<Index>? {
        let haystack = utf8, pattern = Array(needle.utf8)
        guard let first = pattern.first, haystack.count >= pattern.count else { return nil }
        var start = haystack.startIndex
        while let candidate = haystack[start...].firstIndex(of: first) {
            if let end = haystack.index(candidate, offsetBy: pattern.count, limitedBy: haystack.endIndex),
               haystack[candidate..<end].elementsEqual(pattern) {
                return candidate..<end
            }
            start = haystack.index(after: candidate)
        }
        return nil
    }

    /// Whether `needle` occurs, compared byte for byte.
    func containsBytes(_ needle: String) -> Bool {
        firstRange(ofBytes: needle) != nil
    }
}
