import Foundation
import Testing
@testable import PodiumKit
import PodiumTestSupport

@Suite struct ScaleTests {
    @Test func niceStepsAreOneTwoOrFiveTimesAPowerOfTen() {
        #expect(LinearScale.niceStep(span: 39, count: 5) == 10)
        #expect(LinearScale.niceStep(span: 1000, count: 5) == 200)
        #expect(LinearScale.niceStep(span: 1, count: 5) == 0.2)
        #expect(LinearScale.niceStep(span: 23, count: 5) == 5)
        #expect(LinearScale.niceStep(span: 0.037, count: 5) == 0.01)
    }

    @Test func niceDomainWidensToRoundTicks() {
        let domain = LinearScale.niceDomain(0, 39, count: 5)
        #expect(domain.lower == 0 && domain.upper == 40 && domain.step == 10)
        #expect(LinearScale.ticks(domain.lower, domain.upper, step: domain.step) == [0, 10, 20, 30, 40])

        let negative = LinearScale.niceDomain(-14, 12.5, count: 5)
        #expect(negative.lower == -15 && negative.upper == 15 && negative.step == 5)
    }

    @Test func degenerateDomainsGetARange() {
        let zeros = LinearScale.niceDomain(0, 0, count: 5)
        #expect(zeros.lower == 0 && zeros.upper == 1)
        let single = LinearScale.niceDomain(42, 42, count: 5)
        #expect(single.lower == 0 && single.upper == 50)
        let negative = LinearScale.niceDomain(-3, -3, count: 5)
        #expect(negative.lower == -3 && negative.upper == 0)
    }

    @Test func ticksDoNotDrift() {
        #expect(LinearScale.ticks(0, 1, step: 0.1) == [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1])
        #expect(LinearScale.ticks(1996, 2021, step: 5) == [2000, 2005, 2010, 2015, 2020])
    }

    @Test func scaleMapsDomainToRange() {
        let scale = LinearScale(domain: (0, 50), range: (400, 100))
        #expect(scale(0) == 400)
        #expect(scale(50) == 100)
        #expect(scale(25) == 250)
    }
}

@Suite struct TickFormatTests {
    @Test func valuesGetThousandsSeparators() {
        #expect(TickFormat.value(12345) == "12,345")
        #expect(TickFormat.value(1234567.5) == "1,234,567.5")
        #expect(TickFormat.value(999) == "999")
        #expect(TickFormat.value(-12345) == "\u{2212}12,345")
        #expect(TickFormat.value(.text("n/a")) == "n/a")
        #expect(TickFormat.value(.null) == "")
    }

    @Test func largeTicksUseCompactUnits() {
        #expect(TickFormat.labels([0, 10_000, 20_000], step: 10_000) == ["0", "10k", "20k"])
        #expect(TickFormat.labels([0, 2_500, 5_000, 7_500, 10_000], step: 2_500) == ["0", "2.5k", "5k", "7.5k", "10k"])
        #expect(TickFormat.labels([1_000_000, 1_200_000], step: 200_000) == ["1M", "1.2M"])
        #expect(TickFormat.labels([0, 2e9], step: 1e9) == ["0", "2B"])
    }

    @Test func smallTicksKeepSeparatorsAndNeededDecimals() {
        #expect(TickFormat.labels([0, 2_000, 4_000, 6_000], step: 2_000) == ["0", "2,000", "4,000", "6,000"])
        #expect(TickFormat.labels([0, 0.25, 0.5], step: 0.25) == ["0", "0.25", "0.5"])
        #expect(TickFormat.labels([-10, -5, 0], step: 5) == ["\u{2212}10", "\u{2212}5", "0"])
    }

    @Test func yearsArePlain() {
        #expect(TickFormat.plainLabels([2000, 2010, 2020], step: 10) == ["2000", "2010", "2020"])
    }
}

@Suite struct DownsampleTests {
    @Test func keepsEverythingUnderTheThreshold() {
        #expect(Downsample.lttb(x: [0, 1, 2], y: [1, 5, 2], threshold: 10) == [0, 1, 2])
    }

    @Test func keepsEndsAndPeaks() {
        // A flat line with one spike in the middle: the spike must survive.
        let x = (0..<100).map(Double.init)
        var y = [Double](repeating: 0, count: 100)
        y[50] = 100
        let kept = Downsample.lttb(x: x, y: y, threshold: 10)
        #expect(kept.count == 10)
        #expect(kept.first == 0 && kept.last == 99)
        #expect(kept.contains(50))
        #expect(kept == kept.sorted())
    }

    @Test func matchesReferenceBuckets() {
        // 8 points down to 4: buckets {1,2,3} and {4,5,6}; the largest triangles pick 2 and 5.
        let x: [Double] = [0, 1, 2, 3, 4, 5, 6, 7]
        let y: [Double] = [0, 1, 9, 1, 1, -7, 1, 0]
        #expect(Downsample.lttb(x: x, y: y, threshold: 4) == [0, 2, 5, 7])
    }

    @Test func longLinesAreDownsampledInTheSVG() {
        let rows: [[Value]] = (0..<5000).map { [.integer(Int64($0)), .real(Double(($0 * 37) % 101))] }
        let spec = ChartFixtures.spec("long", .line, x: "t", y: ["v"])
        let data = ChartData(spec, QueryResult(columns: ["t", "v"], rows: rows))
        let svg = ChartRenderer.document(spec, data, ChartRenderer.layout(spec, data, canvas: .init(.wide), standalone: false),
                                         frame: ChartFrame(tier: .wide), limit: 200)
        let path = svg.render().split(separator: "\n").first { $0.contains("class=\"pc-line\"") } ?? ""
        let vertices = path.filter { $0 == "L" }.count + 1
        #expect(vertices == 200)
    }
}

@Suite struct ValueAxisTests {
    @Test func countsGetWholeNumberTicks() {
        #expect(Axis.Value(lower: 0, upper: 3, count: 5, integers: true).labels == ["0", "1", "2", "3"])
        #expect(Axis.Value(lower: 0, upper: 0, count: 5, integers: true).labels == ["0", "1"])
        #expect(Axis.Value(lower: 0, upper: 1, count: 5).labels == ["0", "0.2", "0.4", "0.6", "0.8", "1"])
    }
}

/// `niceDomain` over many seeded random data sets: the domain always holds the data, its ends
/// are multiples of its step, and the step is 1, 2 or 5 × 10^k.
@Suite struct NiceDomainPropertyTests {
    /// One random data set's smallest and largest value, of a random kind.
    private static func dataSet(_ random: inout SplitMix64) -> (lower: Double, upper: Double) {
        func unit() -> Double { Double(random.next() >> 11) / Double(1 << 53) }
        let magnitude = pow(10, Double(Int(random.next() % 41) - 20))  // 1e-20 … 1e20
        let count = 1 + Int(random.next() % 12)
        var values: [Double]
        switch random.next() % 6 {
        case 0: values = (0..<count).map { _ in unit() * magnitude }  // positive
        case 1: values = (0..<count).map { _ in (unit() - 0.5) * magnitude }  // mixed sign
        case 2: values = (0..<count).map { _ in -unit() * magnitude }  // negative
        case 3: values = Array(repeating: (unit() - 0.5) * magnitude, count: count)  // all equal
        case 4: values = Array(repeating: 0, count: count)  // all zero
        default:  // decimals as a CSV holds them: a few digits after the point
            let digits = Double(random.next() % 4)
            values = (0..<count).map { _ in ((unit() - 0.3) * 1000 * pow(10, digits)).rounded() / pow(10, digits) }
        }
        return (values.min()!, values.max()!)
    }

    @Test func theDomainHoldsTheDataAndItsEndsAreMultiplesOfTheStep() {
        var random = SplitMix64(seed: 20_210_723)
        for run in 0..<20_000 {
            let (lower, upper) = Self.dataSet(&random)
            let count = 2 + Int(random.next() % 9)
            let domain = LinearScale.niceDomain(lower, upper, count: count)
            let context = "run \(run): data [\(lower), \(upper)], count \(count) → \(domain)"
            #expect(domain.lower <= lower && domain.upper >= upper, "the domain must hold the data: \(context)")
            #expect(domain.lower < domain.upper, "\(context)")
            #expect(domain.step > 0 && domain.step.isFinite, "\(context)")
            let power = pow(10, (log10(domain.step)).rounded(.down))
            let factor = (domain.step / power * 1e6).rounded() / 1e6
            #expect([1, 2, 5, 10].contains(factor), "the step is 1, 2 or 5 × 10^k: \(context)")
            for end in [domain.lower, domain.upper] {
                let multiple = end / domain.step
                #expect(abs(multiple - multiple.rounded()) < 1e-6, "\(end) is a multiple of the step: \(context)")
            }
            if domain.lower > lower || domain.upper < upper { break }  // one counterexample is enough
        }
    }
}
