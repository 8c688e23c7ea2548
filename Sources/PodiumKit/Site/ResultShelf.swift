import Foundation

/// The query results the renderer reads, by id: those held in memory, and those only stored in
/// the result cache (`.podium/results/`), decoded each time a page or a data file needs them and
/// let go after. A build never holds every result at once: at Tokyo ×1000 they are 100 MiB in
/// memory (the delegation pages' coach tables, the scale chart's points), 24 MB stored.
struct ResultShelf: Sendable {
    /// Results in memory, by id (tests pass them all; a build its small ones and the template rows).
    var held: [String: QueryResult] = [:]
    /// The store of the others.
    var store: ResultStore?
    /// The key of each stored result, by id.
    var stored: [String: String] = [:]

    /// Whether there is a result for `id`, without reading it.
    func contains(_ id: String) -> Bool {
        held[id] != nil || stored[id] != nil
    }

    /// The result for `id`: the held one, else the stored one decoded; nil for an unknown id.
    /// - Throws: `DiagnosticsError` when a stored result can no longer be read.
    func result(_ id: String) throws -> QueryResult? {
        if let result = held[id] { return result }
        guard let key = stored[id], let store else { return nil }
        guard let result = store.result(for: key) else {
            throw DiagnosticsError(.error("the cached result of '\(id)' is missing or damaged",
                                          at: .init(file: store.folder.lastPathComponent),
                                          hint: "another program changed .podium/results during the build; build again"))
        }
        return result
    }

    /// The results of the ids known, by id (a page's, for the time it is rendered).
    func results(_ ids: some Sequence<String>) throws -> [String: QueryResult] {
        var found: [String: QueryResult] = [:]
        for id in ids where found[id] == nil {
            found[id] = try result(id)
        }
        return found
    }
}
