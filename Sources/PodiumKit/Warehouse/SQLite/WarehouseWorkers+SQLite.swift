import Foundation

extension WarehouseWorkers {
    /// The page cache of each connection, in KiB (SQLite's default is 2,000), which also bounds
    /// the memory of a sort before it spills to a temporary file. Each query reads a table
    /// once, so a larger cache saves nothing; with two connections at 2,000 KiB the stage's
    /// peak RSS was 6.6 MB higher at N = 100, 3.3 MB at 512 KiB, for the same time.
    static let cacheKiB = 512

    /// `count` read-only connections to the SQLite warehouse at `path` (at least one, and no
    /// more than there are cores); `besideWriter` while another connection writes the file in
    /// WAL mode (`WarehouseBuilder`'s models).
    static func sqlite(path: String, count: Int = ProcessInfo.processInfo.activeProcessorCount,
                       besideWriter: Bool = false) throws -> WarehouseWorkers {
        let connections = Swift.max(1, Swift.min(count, 4))
        // Beside a writer the file grows as it is read: read the usual way.
        let mapped = !besideWriter && (FileStamp.stat(path)?.size ?? .max) <= mapLimit
        let databases = try (0..<connections).map { _ in
            let database = try SQLiteDatabase(path: path, mode: besideWriter ? .readOnlyBesideWriter : .readOnly)
            try database.execute("PRAGMA cache_size = -\(cacheKiB)")
            if mapped { try database.execute("PRAGMA mmap_size = \(mapLimit)") }
            try database.sortOnIdleCores(busy: connections)
            return database
        }
        return WarehouseWorkers(engines: databases, close: { for database in databases { try? database.close() } })
    }

    /// The largest warehouse the connections read through a memory map instead of a `pread` per
    /// page (the Tokyo build made 1,300 of them). A mapped page that was read counts in the
    /// process's resident memory, so a large warehouse is read the usual way.
    static let mapLimit: Int64 = 64 << 20
}
