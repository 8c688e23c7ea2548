import Foundation
import Synchronization

/// The data tests and column profiles that read staging tables only, run while the models are
/// built (`ReadsBesideModels`): on a two-core machine the models' one writer leaves a core idle,
/// and the largest checks of a project are often over its raw tables (the Tokyo ×1000 build's
/// duplicate-row check and the profile of 11 M athlete names: 12 s of the data tests' 24 s).
/// `QualityStage.run` then takes their results as it takes cached ones, and runs the rest.
final class BesideModelsQuality: Sendable {
    /// What ran beside the models.
    struct Found: Sendable {
        /// Results by the test's index in the project's tests.
        var tests: [Int: DataTestResult] = [:]
        /// Every column's profile, by staging table name.
        var profiles: [String: [Catalog.ColumnProfile]] = [:]
        /// How long the work took.
        var seconds = 0.0
    }

    private let found = Mutex<Found?>(nil)
    private let stopped = Mutex(false)

    /// What ran, once the builder has waited for it; nil if nothing ran.
    var results: Found? { found.withLock { $0 } }

    /// The work to hand to the warehouse build: one connection, taking the jobs that read the
    /// most rows first, until the models are built.
    func work(_ stage: QualityStage, models: Set<String>) -> ReadsBesideModels {
        { [self] readers, tables in
            let done = Parallel.Background { [self] in
                let started = DispatchTime.now().uptimeNanoseconds
                guard let workers = try? readers(1) else { return }
                defer { workers.close() }
                var found = stage.runBesideModels(workers: workers, tables: tables, models: models) { [self] in
                    stopped.withLock { $0 }
                }
                found.seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
                self.found.withLock { $0 = found }
            }
            return BesideModels(stop: { [self] in stopped.withLock { $0 = true } }, wait: { _ = try? done.wait() })
        }
    }
}

extension QualityStage {
    /// Runs the tests that read only the staged `tables` (not a model of `models`), and profiles
    /// their columns, except what the cache holds, until `stopped`. A test whose query fails, or
    /// whose job did not start, is left out, to be run (and reported) with the others.
    func runBesideModels(workers: WarehouseWorkers, tables: [StagedTable], models: Set<String>,
                         stopped: @escaping @Sendable () -> Bool = { false }) -> BesideModelsQuality.Found {
        let staged = Set(tables.map(\.name))
        let ids = DataTest.ids(project.tests)
        var runner = DataTestRunner(tests: [], sources: project.sources)
        runner.known = DataTestRunner.known(WarehouseSummary(tables: tables, models: []))
        var indices: [Int] = []
        for (index, test) in project.tests.enumerated() where Self.reads(test, only: staged, models: models) {
            let cached = cache?.lookup(test, id: ids[index], sourcePath: runner.sourcePath(of: test),
                                       sampleSize: runner.sampleSize).cached
            if cached == nil { indices.append(index) }
        }
        runner.tests = indices.map { project.tests[$0] }
        let builder = CatalogBuilder(projectRoot: projectRoot, sources: project.sources)
        var profiled: [(table: String, jobs: Range<Int>)] = []
        var profileJobs: [WarehouseJob<Catalog.ColumnProfile>] = []
        for table in tables {
            let required = builder.required(table)
            guard cache?.lookup(table, required: required).cached == nil else { continue }
            let jobs = builder.profileJobs(table, required: required)
            profiled.append((table.name, profileJobs.count..<profileJobs.count + jobs.count))
            profileJobs += jobs
        }

        var found = BesideModelsQuality.Found()
        let plan = try? runner.plan(on: workers.engines[0])
        let testJobs = plan?.jobs ?? []
        var rows: [String: Int] = [:]
        for table in tables { rows[table.name] = table.rowCount }
        let outcomes = workers.run(testJobs.map { $0.map(Job.tests) } + profileJobs.map { $0.map(Job.profile) },
                                   rows: rows, stopped: stopped)
        for (index, step) in zip(indices, plan?.steps ?? []) {
            switch step {
            case .known(let result): found.tests[index] = result
            case .job(let job, let position, _):
                if let results = try? outcomes[job].get().tests { found.tests[index] = results[position] }
            case .invalid, .reused: break
            }
        }
        // A column profiled from the staging counts reads nothing: one the stop left is made now.
        let profiles = zip(profileJobs, outcomes.dropFirst(testJobs.count)).map { job, outcome in
            (try? outcome.get().profile) ?? (job.reads.isEmpty ? try? job.run(workers.engines[0]) : nil)
        }
        for (table, jobs) in profiled {
            let columns = profiles[profiles.startIndex + jobs.lowerBound..<profiles.startIndex + jobs.upperBound]
            if columns.allSatisfy({ $0 != nil }) { found.profiles[table] = columns.map { $0! } }
        }
        return found
    }

    /// Whether `test` reads the `staged` tables only: a column test or row count on one (a
    /// reference, with its target staged too), or a check whose SQL names staged tables and no
    /// model.
    static func reads(_ test: DataTest, only staged: Set<String>, models: Set<String>) -> Bool {
        switch test.kind {
        case .check(_, let sql):
            let names = Models.references(in: sql, to: staged.union(models)).map(\.name)
            return !names.isEmpty && names.allSatisfy(staged.contains)
        case .references(_, let target, _):
            return staged.contains(test.table) && staged.contains(target)
        default:
            return staged.contains(test.table)
        }
    }
}
