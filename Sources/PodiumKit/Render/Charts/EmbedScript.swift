import Foundation

/// The one script Podium writes, in each embed page, allowed by the page's Content-Security-Policy
/// by its SHA-256 hash (computed here at build time); the site's pages have no script.
///
/// It does three things CSS cannot:
/// - `?theme=dark` or `?theme=light` puts `theme-dark` or `theme-light` on `<html>` (the embed
///   stylesheet's `:root.theme-…` rules then win over `prefers-color-scheme`) and sets the
///   colour-scheme meta;
/// - `?height=auto` (the responsive snippet, whose host sizes the frame to the chart) takes
///   `podium-fit-height` off `<html>`, so the chart is drawn for the frame's width alone, as on a
///   page, instead of also fitting the frame's height;
/// - framed, it posts `{podium: "height", height: <CSS px>}` to its parent (and no other window)
///   whenever its content's height changes, for `assets/podium-embed.js` on the host's page.
///   The message holds nothing but that number, so it is posted to any origin.
public enum EmbedScript {
    /// The script.
    public static let script = "var d=document.documentElement,q=location.search,m=/[?&]theme=(dark|light)(&|$)/.exec(q);"
        + "if(m){d.classList.add(\"theme-\"+m[1]);document.querySelector(\"meta[name=color-scheme]\").content=m[1]}"
        + "if(/[?&]height=auto(&|$)/.test(q))d.classList.remove(\"podium-fit-height\");"
        + "if(parent!==window){var h=0;new ResizeObserver(function(){var n=Math.ceil(d.getBoundingClientRect().height);"
        + "if(n!==h){h=n;parent.postMessage({podium:\"height\",height:n},\"*\")}}).observe(d)}"

    /// The CSP source that allows `script`: `'sha256-<base64 of the digest>'`.
    public static let scriptSource: String = cspHashSource(script)

    /// What the embed template reads: `themeScript` (trusted, written raw inside `<script>`) and
    /// `themeScriptSource` (for `script-src`); the names predate the script's other duties, and
    /// stay for embed templates copied from earlier default themes.
    public static let templateContext: [String: String] = ["themeScript": script, "themeScriptSource": scriptSource]

    /// The CSP hash source of an inline script or style: `'sha256-…'`, the Base64 of the raw
    /// SHA-256 digest of its UTF-8 text, exactly as written between the tags.
    public static func cspHashSource(_ text: String) -> String {
        "'sha256-" + base64(hexBytes(SHA256.hex(text))) + "'"
    }

    /// The bytes of a string of hex digit pairs (`"0aff"` → `[10, 255]`); invalid pairs are skipped.
    static func hexBytes(_ hex: String) -> [UInt8] {
        let digits = Array(hex.utf8)
        return stride(from: 0, to: digits.count - 1, by: 2).compactMap { index in
            UInt8(String(decoding: digits[index...index + 1], as: UTF8.self), radix: 16)
        }
    }

    /// Standard Base64 with padding (RFC 4648 §4).
    static func base64(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
    }
}
