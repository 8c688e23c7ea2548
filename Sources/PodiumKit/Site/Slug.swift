import Foundation

/// Readable, safe file names for values from the data (one page per entity): `Côte d'Ivoire` →
/// `cote-d-ivoire`, `Straße` → `strasse`, `日本` → `ri-ben`.
///
/// A slug holds only `a-z`, `0-9` and single inner hyphens, at most `maxLength` characters, so
/// whatever the data holds it cannot climb out of its folder (`..`, `/`), quote or inject markup.
/// It is a function of the value alone; where two distinct values of one set share a slug (or a
/// value has none, or it is reserved, such as `index`), each such value gets a short hash of its
/// own text after it (`cote-d-ivoire-3fa2c1`), so which page a value has never depends on the
/// order or the set of the others beyond that collision.
public enum Slug {
    /// The longest slug base, in characters (a hash suffix adds 7).
    public static let maxLength = 60
    /// Bases that would clash with the files of an entity folder.
    static let reserved: Set<String> = ["index"]

    /// The readable part of `value`'s slug; empty when nothing of it can be spelled in ASCII.
    public static func base(_ value: String) -> String {
        var ascii = ""
        for character in latin(value) {
            for scalar in String(character).decomposedStringWithCanonicalMapping.unicodeScalars {
                if let spelled = letters[scalar] {
                    ascii += spelled
                } else if scalar.isASCII {
                    ascii.unicodeScalars.append(scalar)
                }  // combining marks and anything else are left out
            }
        }
        var slug = ""
        var pendingHyphen = false
        for byte in ascii.lowercased().utf8 {
            let isWordByte = (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
            guard isWordByte else {
                pendingHyphen = !slug.isEmpty
                continue
            }
            if slug.utf8.count + (pendingHyphen ? 2 : 1) > maxLength { break }
            if pendingHyphen {
                slug += "-"
                pendingHyphen = false
            }
            slug.unicodeScalars.append(Unicode.Scalar(byte))
        }
        while slug.hasSuffix("-") { slug.removeLast() }
        return slug
    }

    /// `value`'s slug with the hash of its text: unique for distinct values whatever they spell.
    public static func hashed(_ value: String) -> String {
        let hash = String(SHA256.hex(value).prefix(6))
        let base = base(value)
        return base.isEmpty ? "v-" + hash : base + "-" + hash
    }

    /// A slug for each distinct value: its base, or `hashed` where the base is empty, reserved or
    /// shared with another value of `values`.
    public static func assign(_ values: some Sequence<String>) -> [String: String] {
        let distinct = Set(values)
        var byBase: [String: [String]] = [:]
        for value in distinct { byBase[base(value), default: []].append(value) }
        var slugs: [String: String] = [:]
        for (base, group) in byBase {
            let unique = group.count == 1 && !base.isEmpty && !reserved.contains(base)
            for value in group { slugs[value] = unique ? base : hashed(value) }
        }
        return slugs
    }

    /// Latin letters without a canonical decomposition, spelled in ASCII.
    private static let letters: [Unicode.Scalar: String] = [
        "Æ": "AE", "æ": "ae", "Ø": "O", "ø": "o", "ß": "ss", "ẞ": "SS", "Ł": "L", "ł": "l",
        "Đ": "D", "đ": "d", "Ð": "D", "ð": "d", "Þ": "Th", "þ": "th", "Œ": "OE", "œ": "oe",
        "ı": "i", "Ħ": "H", "ħ": "h", "ŀ": "l", "Ŀ": "L", "ŉ": "n", "’": "'", "‘": "'",
    ]

    /// `value` with other scripts transliterated to Latin (ICU, through Foundation), only when it
    /// holds any: most values never load the transliterator.
    private static func latin(_ value: String) -> String {
        let needsTransform = value.unicodeScalars.contains { scalar in
            scalar.value >= 0x370 && scalar.properties.isAlphabetic  // past Latin and its marks
        }
        guard needsTransform else { return value }
        return value.applyingTransform(.toLatin, reverse: false) ?? value
    }
}
