extension String {
    /// A count and its noun, the noun plural unless the count is one: `1 row`, `0 rows`, `2 queries`.
    /// - Parameters:
    ///   - count: how many.
    ///   - singular: the noun for one.
    ///   - plural: the noun for any other count; `singular` + "s" when nil.
    public init(counting count: Int, _ singular: String, plural: String? = nil) {
        self = "\(count) " + (count == 1 ? singular : plural ?? singular + "s")
    }
}
