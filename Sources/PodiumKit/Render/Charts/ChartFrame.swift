/// The frames an inline chart is drawn for, and the CSS that shows, in each frame, the drawing
/// made for it.
///
/// An inline chart's `<svg>` takes the width of its frame (a page's column, an embed page's
/// iframe) and scales its viewBox to it, so text drawn 12 units high renders at 12 × frame width ÷
/// canvas width px. Instead of one drawing shrunk into a small frame, a chart is drawn once per
/// ``Tier``, each canvas about as wide as the frames it is shown in, so its text renders at 10.8 px
/// (the narrowest frame of the tier, less a page's margins) or more:
///
/// | tier   | canvas    | shown in frames | text, page and embed |
/// |--------|-----------|-----------------|----------------------|
/// | narrow | 320 × 340 | under 480 px    | 10.8–17.4 px         |
/// | medium | 480 × 280 | 480–767 px      | 11.2–18.8 px         |
/// | wide   | 720 × 340 | 768 px and up   | 12.3 px and up       |
///
/// Each drawing is laid out to its tier's height, which fits the usual frames of that width (a
/// phone, a 480 px high iframe in a blog column, a 16:9 window) with the embed page's title: the
/// category names are shortened (each keeps its full text in a tooltip) before the plot gets
/// lower than ``Tier/minPlotHeight``, and only then does the canvas grow (the frame scrolls
/// vertically; nothing shrinks and nothing scrolls sideways).
///
/// Bars whose names would be set at an angle are also drawn as horizontal bars in the narrow and
/// medium tiers (``isTall``): every name in full, one row each, but tall. Pages show those. An
/// embed page fitted to its frame's height (`class="podium-fit-height"` on its `<html>`) shows them
/// only in a frame tall enough for them (its aspect ratio, ``embedRules(scopeClass:_:_:)``), and the
/// upright bars fitted to the tier's height otherwise. A chart's drawings stay within
/// ``budget``: the horizontal alternatives are dropped first.
struct ChartFrame: Equatable {
    /// A range of frame widths and the canvas drawn for them.
    enum Tier: CaseIterable {
        case narrow, medium, wide

        /// The canvas width.
        var width: Double {
            switch self {
            case .narrow: 320
            case .medium: 480
            case .wide: 720
            }
        }

        /// The canvas height a drawing is laid out to.
        var height: Double {
            switch self {
            case .narrow: 340
            case .medium: 280
            case .wide: 340
            }
        }

        /// The lowest plot (between the top and bottom margins) before the canvas grows.
        var minPlotHeight: Double { (height * 0.5).rounded() }

        /// The narrowest frame (CSS px) the tier is shown in; the next tier's is the widest.
        var minFrameWidth: Int {
            switch self {
            case .narrow: 320
            case .medium: 480
            case .wide: 768
            }
        }

        /// The media condition that selects the tier by the frame's width.
        var media: String {
            switch self {
            case .narrow: "(max-width:\(Tier.medium.minFrameWidth - 1).98px)"
            case .medium: "(min-width:\(minFrameWidth)px) and (max-width:\(Tier.wide.minFrameWidth - 1).98px)"
            case .wide: "(min-width:\(minFrameWidth)px)"
            }
        }

        var name: String {
            switch self {
            case .narrow: "narrow"
            case .medium: "medium"
            case .wide: "wide"
            }
        }
    }

    var tier: Tier
    /// The horizontal-bar alternative of a tier (pages, and embed frames tall enough for it).
    var isTall = false

    /// The most the inline drawings of one chart may weigh together (UTF-8 bytes), so that an
    /// embed page with all of them stays under 40 KB.
    static let budget = 34_000
    /// The frame width the embed snippet's height is computed for.
    static let snippetWidth = 640

    var width: Double { tier.width }

    /// The classes that select the drawing: its tier's (`pc-narrow`), and `pc-tall` for a
    /// horizontal alternative or `pc-short` for the fitted drawing that has one.
    func className(hasTall: Bool) -> String {
        "pc-\(tier.name)" + (isTall ? " pc-tall" : hasTall ? " pc-short" : "")
    }

    /// What the drawing's ids end with: nothing for the wide one (the first, which holds the
    /// title, description and stylesheet), `-n`/`-m` for the others, `-nt`/`-mt` for the tall ones.
    var idSuffix: String {
        switch (tier, isTall) {
        case (.wide, _): ""
        case (.medium, false): "-m"
        case (.medium, true): "-mt"
        case (.narrow, false): "-n"
        case (.narrow, true): "-nt"
        }
    }

    // MARK: - CSS

    /// The rules every inline chart's stylesheet holds: each drawing is shown in its tier's frames;
    /// a fitted drawing that has a tall alternative (`pc-short`) gives way to it.
    static let sharedRules: String = {
        var css = ".podium-chart:is(" + Tier.allCases.map { ".pc-\($0.name)" }.joined(separator: ",") + "){display:none}"
        for tier in Tier.allCases {
            css += "@media \(tier.media){.podium-chart.pc-\(tier.name){display:block}}"
        }
        return css + ".podium-chart.pc-short{display:none}\n"
    }()

    /// The rules of one chart for an embed page fitted to its frame's height: in a frame of a
    /// tier too short for its tall drawing, the fitted one instead.
    /// - Parameters:
    ///   - scopeClass: the chart's class (`pc-<token>`).
    ///   - talls: the tall drawings kept, each with its canvas height.
    ///   - chrome: the embed page's title and links at a frame width (``embedChrome(_:frameWidth:)``).
    static func embedRules(scopeClass: String, _ talls: [(tier: Tier, height: Double)], chrome: (Int) -> Double) -> String {
        var css = ""
        for (tier, height) in talls {
            // The tall drawing fits when chrome + height × (frame width − margins) ÷ canvas width
            // is at most the frame's height; taken at the tier's narrowest frame, as an aspect ratio.
            let width = tier.minFrameWidth
            let needed = chrome(width) + height * (Double(width) - EmbedPage.margins) / tier.width
            let ratio = "\(width)/\(Int(needed.rounded(.up)))"
            css += "@media \(tier.media) and (min-aspect-ratio:\(ratio)){"
                + ".podium-fit-height svg.\(scopeClass).pc-\(tier.name).pc-tall{display:none}"
                + ".podium-fit-height svg.\(scopeClass).pc-\(tier.name).pc-short{display:block}}"
        }
        return css.isEmpty ? "" : css + "\n"
    }
}

/// What the embed page (the default `embed.mustache`) puts around a block, for sizing its frame:
/// an 8 px padding, the title (14 px, line height 1.4, semibold), the subtitle (12 px) and the
/// line of links below (12 px, 4 px above).
enum EmbedPage {
    /// The padding left and right of the block (CSS px, both sides together).
    static let margins = 16.0

    /// The height of everything but the block in a frame `frameWidth` wide, in CSS px.
    static func chrome(title: String, subtitle: String?, frameWidth: Int) -> Double {
        let width = Double(frameWidth) - margins
        let titleLines = Double(TextMetrics.wrap(title, toWidth: width, fontSize: 14 * 1.05, maxLines: 9).count)
        let subtitleLines = Double(subtitle.map { TextMetrics.wrap($0, toWidth: width, maxLines: 9).count } ?? 0)
        return 16 + titleLines * 19.6 + subtitleLines * 16.8 + 4 + 4 + 16.8
    }
}
