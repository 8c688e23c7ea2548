import Foundation

/// The one script Podium writes: two statements in each embed page that honour `?theme=dark` or
/// `?theme=light` (CSS cannot read a query string). The page's Content-Security-Policy allows
/// exactly this script by its SHA-256 hash, computed here at build time; pages have no script.
public enum EmbedTheme {
    /// The script: puts `theme-dark` or `theme-light` on `<html>` (the embed stylesheet's
    /// `:root.theme-…` rules then win over `prefers-color-scheme`) and sets the colour-scheme meta.
    public static let script = "var m=/[?&]theme=(dark|light)(&|$)/.exec(location.search);"
        + "if(m){document.documentElement.className=\"theme-\"+m[1];"
        + "document.querySelector(\"meta[name=color-scheme]\").content=m[1]}"

    /// The CSP source that allows `script`: `'sha256-<base64 of the digest>'`.
    public static let scriptSource: String = cspHashSource(script)

    /// What the embed template reads: `themeScript` (trusted, written raw inside `<script>`) and
    /// `themeScriptSource` (for `script-src`).
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
