import Foundation
import Testing
@testable import PodiumKit

@Suite struct PathGlobTests {
    @Test func wildcardsMatchWithinOneSegment() {
        let glob = PathGlob("data/results/*.csv")
        #expect(glob.matches("data/results/a.csv"))
        #expect(glob.matches("data/results/.csv") == false)  // hidden
        #expect(glob.matches("data/results/x/a.csv") == false)
        #expect(glob.matches("data/results/a.tsv") == false)
        #expect(PathGlob("data/day-??.csv").matches("data/day-01.csv"))
        #expect(PathGlob("data/day-??.csv").matches("data/day-1.csv") == false)
        #expect(PathGlob("data/[ab]*.csv").matches("data/b1.csv"))
        #expect(PathGlob("data/[!ab]*.csv").matches("data/b1.csv") == false)
        #expect(PathGlob("data/[a-c]x.csv").matches("data/cx.csv"))
        #expect(PathGlob("data/[a-c]x.csv").matches("data/dx.csv") == false)
        #expect(PathGlob("data/*a*b*.csv").matches("data/xxaxxbxx.csv"))
        #expect(PathGlob("data/é?.csv").matches("data/éü.csv"))
    }

    @Test func doubleStarMatchesZeroOrMoreFolders() {
        let glob = PathGlob("data/**/part-*.csv")
        #expect(glob.matches("data/part-1.csv"))
        #expect(glob.matches("data/year=2021/part-1.csv"))
        #expect(glob.matches("data/year=2021/month=01/part-1.csv"))
        #expect(glob.matches("data/.hidden/part-1.csv") == false)
        #expect(glob.matches("other/part-1.csv") == false)
        #expect(glob.base == "data")
        #expect(PathGlob("*.csv").base == ".")
        #expect(PathGlob("data/a/b*/c.csv").base == "data/a")
    }

    @Test func whetherAPatternReachesIntoAFolder() {
        #expect(PathGlob("*.csv").mayMatch(under: "site") == false)
        #expect(PathGlob("*/x.csv").mayMatch(under: "site"))
        #expect(PathGlob("**/x.csv").mayMatch(under: "out/site"))
        #expect(PathGlob("data/*/x.csv").mayMatch(under: "data/site"))
        #expect(PathGlob("data/*/x.csv").mayMatch(under: "site") == false)
        #expect(PathGlob("data/*/x.csv").mayMatch(under: "data/a/b") == false)
        #expect(PathGlob("*/x.csv").mayMatch(under: ".podium") == false)
        #expect(PathGlob("data/**/x.csv").mayMatch(under: "data"))
        #expect(PathGlob("data/**/x.csv").mayMatch(under: "other") == false)

        // In podium.yaml: a pattern in the project folder is fine unless it can reach the output.
        #expect(throws: Never.self) { try ProjectFile.parse("title: t\nsources:\n  a:\n    path: '*.csv'\n") }
        let error = #expect(throws: DiagnosticsError.self) { try ProjectFile.parse("title: t\nsources:\n  a:\n    path: '**/*.csv'\n") }
        #expect(error?.diagnostics.first?.message == "the output folder 'site' is inside '**/*.csv' (source 'a')")
    }

    @Test func badPatternsAreExplained() {
        #expect(PathGlob.problem("data/a**.csv")?.contains("'**' inside a name") == true)
        #expect(PathGlob.problem("data/[ab.csv")?.contains("not closed") == true)
        #expect(PathGlob.problem("data/**")?.contains("ends with '**'") == true)
        #expect(PathGlob.problem("data/[]a]*.csv") == nil)
        #expect(PathGlob.isPattern("data/a.csv") == false)
    }

    @Test func filesAreListedInPathOrder() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("podium-glob-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        for path in ["data/B.csv", "data/a.csv", "data/x/day=10/p.csv", "data/x/day=9/p.csv", "data/x/.h/p.csv", "data/n.txt"] {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data("a\n1\n".utf8).write(to: url)
        }
        #expect(PathGlob("data/*.csv").files(under: root.path) == ["data/B.csv", "data/a.csv"])
        #expect(PathGlob("data/**/*.csv").files(under: root.path)
            == ["data/B.csv", "data/a.csv", "data/x/day=10/p.csv", "data/x/day=9/p.csv"])
        #expect(PathGlob("data/x/*/p.csv").files(under: root.path) == ["data/x/day=10/p.csv", "data/x/day=9/p.csv"])
        #expect(PathGlob("nowhere/*.csv").files(under: root.path).isEmpty)
        #expect(SourceFiles.partitions(of: "data/x/day=10/p.csv").map(\.key) == ["day"])
        #expect(SourceFiles.partitions(of: "data/x/day=10/p.csv").map(\.value) == ["10"])
    }

    @Test func inferencesMergeAcrossFiles() {
        func inference(_ values: [String]) -> TypeInference {
            var result = TypeInference()
            for value in values { var value = value; value.withUTF8 { result.observe($0) } }
            return result
        }
        var merged = inference(["1", "2"])
        merged.merge(TypeInference(code: inference(["1.5"]).code))
        #expect(merged.type == .real)
        var empty = inference([])
        empty.merge(inference(["2021-01-01"]))
        #expect(empty.type == .date)
        #expect(TypeInference(code: inference(["x"]).code).type == .text)
    }
}
