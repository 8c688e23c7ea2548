import CPosix
import Foundation

extension Podium {
    /// Caps the C allocator's arenas at one per core (glibc; elsewhere it does nothing). A command
    /// calls it first, before any thread starts.
    ///
    /// glibc gives threads arenas of their own, up to eight per core, and memory freed in one
    /// arena serves only the threads using it. Publishing writes files on eight threads
    /// (`Parallel.fileThreads`), each making data files from results it reads back: each arena
    /// kept the high-water mark of the results its thread had read. Tokyo ×1000: publishing
    /// peaked at 148–156 MiB, and at 93–95 MiB with one arena per core, in the same time.
    public static func limitAllocatorArenas() {
        _ = podium_limit_malloc_arenas(Int32(max(1, ProcessInfo.processInfo.activeProcessorCount)))
    }
}
