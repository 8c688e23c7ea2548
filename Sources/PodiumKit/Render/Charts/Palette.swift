import Foundation

/// Series colours and the chart's stylesheet.
///
/// The default palette is Okabe–Ito (colour-blind safe). Every colour is a CSS custom property with
/// a fallback, so a site theme can restyle charts: `--podium-series-1…8`, `--podium-fg`,
/// `--podium-muted`, `--podium-grid`, `--podium-axis`, `--podium-bg`, `--podium-font`. The
/// stylesheet is scoped by the `podium-chart` class on the `<svg>` and has its own
/// `prefers-color-scheme: dark` block, so it works inline, in an embed page and as a file.
enum Palette {
    /// Okabe–Ito, in the order that keeps the first colours furthest apart; the eighth is black.
    static let light = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]
    /// The same hues on a dark background: blue lightened for contrast, black turned light grey.
    static let dark = ["#3D9BE0", "#E69F00", "#19B88A", "#E8743B", "#D98CBA", "#56B4E9", "#F0E442", "#D0D7DE"]

    /// Light-mode fallbacks written as presentation attributes, for renderers without CSS.
    static let text = "#59636e"
    static let strongText = "#1f2328"
    static let grid = "#e1e4e8"
    static let axis = "#8c959f"
    static let background = "#ffffff"

    /// The light fallback colour of series `index` (0-based); the palette repeats after eight.
    static func fallback(_ index: Int) -> String { light[index % light.count] }

    /// The class naming series `index` (0-based): `pc-s1`…`pc-s8`.
    static func seriesClass(_ index: Int) -> String { "pc-s\(index % light.count + 1)" }

    /// `color` if it is safe, plain CSS colour syntax, else nil: `#rgb`, `#rgba`, `#rrggbb`,
    /// `#rrggbbaa`, `rgb(…)`/`rgba(…)`/`hsl(…)`/`hsla(…)` with numbers only, or a name of letters
    /// (`teal`). Anything else (`url(…)`, `;`, quotes, `var(…)`) is rejected so it is never injected.
    static func validated(_ color: String) -> String? {
        let color = color.trimmingCharacters(in: .whitespaces)
        let scalars = Array(color.unicodeScalars)
        guard !scalars.isEmpty, scalars.count <= 64 else { return nil }
        func isHex(_ s: Unicode.Scalar) -> Bool {
            ("0"..."9").contains(s) || ("a"..."f").contains(s) || ("A"..."F").contains(s)
        }
        if scalars[0] == "#" {
            let digits = scalars.dropFirst()
            return [3, 4, 6, 8].contains(digits.count) && digits.allSatisfy(isHex) ? color : nil
        }
        if scalars.allSatisfy({ ("a"..."z").contains($0) || ("A"..."Z").contains($0) }) {
            return scalars.count <= 30 ? color.lowercased() : nil
        }
        let lower = color.lowercased()
        for function in ["rgb(", "rgba(", "hsl(", "hsla("] where lower.hasPrefix(function) && lower.hasSuffix(")") {
            let inner = lower.dropFirst(function.count).dropLast()
            let allowed = inner.unicodeScalars.allSatisfy {
                ("0"..."9").contains($0) || " ,.%/".unicodeScalars.contains($0) || $0 == "d" || $0 == "e" || $0 == "g"
            }
            // Letters only as a `deg` unit.
            let lettersOK = inner.replacingOccurrences(of: "deg", with: "").unicodeScalars
                .allSatisfy { !("a"..."z").contains($0) }
            return allowed && lettersOK && !inner.isEmpty ? lower : nil
        }
        return nil
    }

    /// The stylesheet for one chart: the shared rules, then per-chart colour overrides scoped by
    /// `scopeClass`. `overrides` maps 0-based series indexes to validated colours.
    static func stylesheet(scopeClass: String, overrides: [(index: Int, color: String)]) -> String {
        guard !overrides.isEmpty else { return sharedRules }
        var css = sharedRules + ".podium-chart.\(scopeClass){"
        for (index, color) in overrides { css += "--pc-s\(index % light.count + 1):\(color);" }
        css += "}\n"
        return css
    }

    /// The rules every chart's stylesheet starts with, built once (they do not depend on the chart).
    private static let sharedRules: String = {
        func variables(_ colors: [String], fg: String, muted: String, grid: String, axis: String, bg: String) -> String {
            var css = "--pc-fg:var(--podium-fg,\(fg));--pc-muted:var(--podium-muted,\(muted));"
            css += "--pc-grid:var(--podium-grid,\(grid));--pc-axis:var(--podium-axis,\(axis));"
            css += "--pc-bg:var(--podium-bg,\(bg));"
            for (index, color) in colors.enumerated() {
                css += "--pc-s\(index + 1):var(--podium-series-\(index + 1),\(color));"
            }
            return css
        }
        var css = ".podium-chart{" + variables(light, fg: strongText, muted: text, grid: grid, axis: axis, bg: background)
        css += "font-family:var(--podium-font,system-ui,-apple-system,Segoe UI,Roboto,sans-serif)}\n"
        css += "@media (prefers-color-scheme:dark){.podium-chart{"
        css += variables(dark, fg: "#e6edf3", muted: "#9198a1", grid: "#30363d", axis: "#656c76", bg: "#0d1117") + "}}\n"
        css += ".podium-chart text{fill:var(--pc-muted)}\n"
        css += ".podium-chart .pc-strong{fill:var(--pc-fg)}\n"
        css += ".podium-chart .pc-grid{stroke:var(--pc-grid)}\n"
        css += ".podium-chart .pc-axis{stroke:var(--pc-axis)}\n"
        css += ".podium-chart .pc-halo{stroke:var(--pc-bg)}\n"
        css += ".podium-chart .pc-background{fill:var(--pc-bg)}\n"
        for index in light.indices {
            css += ".podium-chart .pc-s\(index + 1){--pc-c:var(--pc-s\(index + 1))}"
        }
        css += "\n.podium-chart .pc-fill{fill:var(--pc-c)}\n"
        css += ".podium-chart .pc-stroke{stroke:var(--pc-c)}\n"
        // Inline charts come in a drawing per frame width; show the one made for the frame.
        return css + ChartFrame.sharedRules
    }()
}
