import Testing
@testable import PodiumKit

/// The drawings of an inline chart per frame width, and the rules that pick one.
@Suite struct ChartFrameTests {
    /// Text is drawn 12 units high; shown in the narrowest frame of its tier, less a page's
    /// 2 × 16 px margins (an embed page has 2 × 8), it stays at 10 px or more.
    @Test func textStaysReadableInEveryTiersNarrowestFrame() {
        for tier in ChartFrame.Tier.allCases {
            let scale = Double(tier.minFrameWidth - 32) / tier.width
            #expect(ChartLayout.fontSize * scale >= 10.5, "\(tier)")
        }
        // The tiers follow each other without a gap.
        #expect(ChartFrame.Tier.allCases.map(\.minFrameWidth) == [320, 480, 768])
        #expect(ChartFrame.Tier.narrow.media == "(max-width:479.98px)")
        #expect(ChartFrame.Tier.medium.media == "(min-width:480px) and (max-width:767.98px)")
        #expect(ChartFrame.Tier.wide.media == "(min-width:768px)")
    }

    /// Upright bars are laid out to the tier's height: long names are shortened (whole in a
    /// tooltip) rather than the plot squeezed or the canvas grown.
    @Test func fittedLayoutKeepsTheTiersHeight() {
        let spec = ChartFixtures.spec("m", .bar, x: "country", y: ["gold", "silver", "bronze"], yTitle: "Medals")
        let data = ChartData(spec, ChartFixtures.medals)
        for tier in ChartFrame.Tier.allCases {
            let layout = ChartLayout(spec, data, standalone: false, canvas: .init(tier))
            #expect(layout.height == tier.height, "\(tier)")
            #expect(layout.plot.height >= tier.minPlotHeight, "\(tier)")
        }
        // The standalone file shows names up to 170 px, and grows for them.
        let standalone = ChartLayout(spec, data, standalone: true, canvas: .standalone)
        guard case .bands(let categories) = standalone.x else { Issue.record("bands expected"); return }
        #expect(categories.shown.contains("People's Republic of China"))
    }

    /// The embed page's rules: in a frame of a tier too short for the horizontal bars (by its
    /// aspect ratio, with the page's title counted), the upright bars instead.
    @Test func embedRulesSwapByAspectRatio() {
        let css = ChartFrame.embedRules(scopeClass: "pc-x", [(.narrow, 600)]) { _ in 60 }
        // At 320 px: 60 + 600 × (320 − 16) ÷ 320 = 630 px needed.
        #expect(css == "@media (max-width:479.98px) and (min-aspect-ratio:320/630){"
            + ".podium-fit-height svg.pc-x.pc-narrow.pc-tall{display:none}"
            + ".podium-fit-height svg.pc-x.pc-narrow.pc-short{display:block}}\n")
        #expect(ChartFrame.embedRules(scopeClass: "pc-x", []) { _ in 60 } == "")
    }

    /// The embed page takes the horizontal alternatives out first when its drawings would pass
    /// the budget; the page keeps them.
    @Test func embedDrawingsStayWithinTheBudget() {
        let rows: [[Value]] = (0..<60).map { [.text("Delegation number \($0) with a long name"), .integer(Int64(60 - $0)),
                                              .integer(Int64($0 % 7)), .integer(Int64($0 % 5))] }
        let result = QueryResult(columns: ["country", "gold", "silver", "bronze"], rows: rows)
        let spec = ChartFixtures.spec("big", .bar, x: "country", y: ["gold", "silver", "bronze"])
        let page = ChartRenderer.svg(spec, result), embed = ChartRenderer.embedSVG(spec, result)
        #expect(page.contains("pc-tall"))
        #expect(!embed.contains(" pc-tall pc-big\"") && !embed.contains(" pc-short pc-big\""))
        #expect(embed.components(separatedBy: "<svg ").count - 1 == 3)
    }
}
