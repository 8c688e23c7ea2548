extension String {
    /// The candidate closest to this string, if it is close enough to be a plausible typo
    /// ("did you mean 'columns'?"). Every candidate is compared: the nearest by its letters and
    /// digits alone wins (separators `_`, `-` and spaces are easy to drop or add, so `ytitle` is
    /// `y_title`, not `title`), then the nearest as written, then the one listed first.
    public func closestMatch(in candidates: [String]) -> String? {
        let letters = Self.withoutSeparators(self)
        var best: (candidate: String, spelled: Int, written: Int)?
        for candidate in candidates {
            let written = editDistance(to: candidate)
            let spelled = letters.editDistance(to: Self.withoutSeparators(candidate))
            guard (spelled == 0 && !letters.isEmpty) || written <= Swift.max(2, candidate.count / 3) else { continue }
            if let best, (best.spelled, best.written) <= (spelled, written) { continue }
            best = (candidate, spelled, written)
        }
        return best?.candidate
    }

    /// `text` without the separators `_`, `-` and space.
    private static func withoutSeparators(_ text: String) -> String {
        String(text.filter { $0 != "_" && $0 != "-" && $0 != " " })
    }

    /// Levenshtein distance, case-insensitive.
    func editDistance(to other: String) -> Int {
        let a = Array(lowercased()), b = Array(other.lowercased())
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
