extension BuildReport {
    /// Everything fresh: the report of a build that found nothing to do.
    mutating func explainFresh(_ state: BuildState) {
        tables = state.tables.count
        charts = state.charts
        tableBlocks = state.tableBlocks
        kpiBlocks = state.kpiBlocks
        pages = state.pages
        files = state.outputs.count
        dataTests = (state.tests.count - state.testsFailed, state.testsFailed)
        explanations = state.tables.keys.sorted().map { .init(kind: .table, name: $0, status: .fresh) }
            + state.tests.keys.sorted().map { .init(kind: .test, name: $0, status: .fresh) }
            + state.profiles.keys.sorted().map { .init(kind: .profile, name: $0, status: .fresh) }
            + state.results.keys.sorted().map { .init(kind: .result, name: $0, status: .fresh) }
            + state.outputs.keys.sorted().map { .init(kind: .file, name: $0, status: .fresh) }
    }

    /// One explanation per output file, and per file removed.
    mutating func explainFiles(_ files: [OutputFile], changes: SiteWriter.Changes, reasons: OutputReasons) {
        let added = Set(changes.added), changed = Set(changes.changed)
        for file in files {
            if added.contains(file.path) || changed.contains(file.path) {
                explanations.append(.init(kind: .file, name: file.path, status: .rebuilt,
                                          reason: reasons.reason(for: file.path, isNew: added.contains(file.path))))
            } else {
                explanations.append(.init(kind: .file, name: file.path, status: .fresh))
            }
        }
        for path in changes.removed {
            explanations.append(.init(kind: .file, name: path, status: .removed, reason: "no longer part of the site"))
        }
    }
}
