import Foundation
import PodiumTestSupport
import Testing

/// The helper that runs child processes for the CLI tests reads stdout and stderr together, so
/// a child that fills one pipe while the other is being read cannot block the test.
@Suite struct CommandRunnerTests {
    @Test func aChildWritingMoreThanAPipeToStderrFinishes() throws {
        // 200,000 bytes on stderr before anything on stdout: reading stdout to its end first would
        // wait forever on a child blocked writing to the full stderr pipe (64 KiB).
        let result = try runCommand(URL(fileURLWithPath: "/bin/sh"),
                                    ["-c", "head -c 200000 /dev/zero >&2; echo out"],
                                    in: FileManager.default.temporaryDirectory)
        #expect(result.status == 0)
        #expect(result.stdout == "out\n")
        #expect(result.stderr.utf8.count == 200_000)
    }

    @Test func aChildWritingMoreThanAPipeToBothFinishes() throws {
        let result = try runCommand(URL(fileURLWithPath: "/bin/sh"),
                                    ["-c", "head -c 150000 /dev/zero; head -c 150000 /dev/zero >&2; head -c 150000 /dev/zero; exit 3"],
                                    in: FileManager.default.temporaryDirectory)
        #expect(result.status == 3)
        #expect(result.stdout.utf8.count == 300_000)
        #expect(result.stderr.utf8.count == 150_000)
    }
}
