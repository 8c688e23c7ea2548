import Foundation
@testable import podium
import Testing

/// `podium build` in its common forms is parsed without ArgumentParser; it must mean exactly what
/// ArgumentParser would make of it, and leave everything else to ArgumentParser.
@Suite struct FastBuildArgumentsTests {
    @Test func commonFormsMeanWhatArgumentParserMakesOfThem() throws {
        let forms: [[String]] = [
            ["--project", "/tmp/a project", "--explain", "--timings"],
            ["--project=/tmp/p", "--strict"],
            ["--strict", "--warehouse", "postgres://me@localhost/db", "--project", "relative/dir"],
            ["--warehouse=postgres://me@localhost/db", "--timings", "--explain", "--strict"],
            ["--quiet", "--timings"],
            [],
        ]
        for form in forms {
            let fast = try #require(BuildRun(fastArguments: ["build"] + form), "\(form)")
            let parsed = try Build.parse(form).buildRun
            #expect(fast == parsed, "\(form)")
        }
        let run = try #require(BuildRun(fastArguments: ["build", "--project=/tmp/p", "--explain"]))
        #expect(run.projectRoot.path == "/tmp/p" && run.explain && !run.strict && !run.timings)
    }

    @Test func everythingElseGoesToArgumentParser() {
        let others: [[String]] = [
            [], ["new", "x"], ["clean"], ["build", "--help"], ["build", "-h"], ["build", "--nope"],
            ["build", "--explain", "--explain"], ["build", "--project"], ["build", "--project", "--explain"],
            ["build", "--project="], ["build", "--explain=yes"], ["build", "--quiet", "--quiet"], ["build", "extra"], ["build", "--generate-completion-script"],
        ]
        for arguments in others {
            #expect(BuildRun(fastArguments: arguments) == nil, "\(arguments)")
        }
    }
}
