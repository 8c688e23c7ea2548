/// Collects the problems of a build's queries, reporting a problem that every page of a template
/// shares once: a typo in a template's SQL would otherwise be 206 identical errors, one per
/// delegation.
///
/// A problem of a page made from a template is compared with its siblings' after its own id and
/// entity are taken out of the message (`chart 'delegation-disciplines--japan' for delegation
/// 'Japan' (pages/delegation.md)` → `chart 'delegation-disciplines'`). A problem only one entity
/// has keeps its own message, naming it.
struct EntityProblems {
    private let entities: [String: EntityOrigin]
    private var plain: [Diagnostic] = []
    /// Problems of template pages by (location, message without entity), in order of first sight.
    private var shared: [(key: String, diagnostic: Diagnostic, generic: Diagnostic, origins: [EntityOrigin])] = []

    init(_ entities: [String: EntityOrigin]) { self.entities = entities }

    /// Adds a problem of the result `id`.
    mutating func emit(_ diagnostic: Diagnostic, for id: String) {
        guard let origin = entities[id] else {
            plain.append(diagnostic)
            return
        }
        let message = diagnostic.message
            .replacingOccurrences(of: " for \(origin.label)", with: "")
            .replacingOccurrences(of: "'\(origin.id)'", with: "'\(origin.templateID)'")
        let key = "\(diagnostic.severity) \(String(describing: diagnostic.location)) \(message)"
        if let index = shared.firstIndex(where: { $0.key == key }) {
            shared[index].origins.append(origin)
        } else {
            let generic = Diagnostic(diagnostic.severity, message, at: diagnostic.location, notes: diagnostic.notes,
                                     hint: diagnostic.hint)
            shared.append((key, diagnostic, generic, [origin]))
        }
    }

    /// Every problem: one per problem shared by several pages of a template, naming a few of them.
    var diagnostics: [Diagnostic] {
        plain + shared.map { group in
            guard group.origins.count > 1, let first = group.origins.first else { return group.diagnostic }
            let shown = group.origins.prefix(3).map { "'\($0.value)'" }
            let more = group.origins.count - shown.count
            let names = more > 0 ? shown.joined(separator: ", ") + " and \(more) more" : ValueFormat.list(shown)
            var diagnostic = group.generic
            diagnostic.message += " (on \(group.origins.count) pages of \(first.template): \(names))"
            return diagnostic
        }
    }

    /// Throws the errors, if any.
    func throwIfErrors() throws {
        let errors = diagnostics.filter { $0.severity == .error }
        if !errors.isEmpty { throw DiagnosticsError(errors) }
    }
}
