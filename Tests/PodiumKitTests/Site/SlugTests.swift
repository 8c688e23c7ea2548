import Testing
@testable import PodiumKit

/// Entity page names: readable, transliterated, safe whatever the data holds, and stable.
@Suite struct SlugTests {
    @Test(arguments: [
        ("Côte d'Ivoire", "cote-d-ivoire"),
        ("United States of America", "united-states-of-america"),
        ("People's Republic of China", "people-s-republic-of-china"),
        ("Hong Kong, China", "hong-kong-china"),
        ("ROC", "roc"),
        ("  Trailing space ", "trailing-space"),
        ("Straße", "strasse"),
        ("Ærø", "aero"),
        ("ŁÓDŹ", "lodz"),
        ("Đakovo", "dakovo"),
        ("Þór", "thor"),
        ("İstanbul", "istanbul"),
        ("São Tomé & Príncipe", "sao-tome-principe"),
        ("Москва", "moskva"),
        ("Ελλάδα", "ellada"),
        ("2021", "2021"),
    ])
    func readableBase(value: String, slug: String) {
        #expect(Slug.base(value) == slug)
    }

    @Test func hostileValuesGiveSafeNames() {
        for value in ["../../etc/passwd", "<script>alert(1)</script>", "\"quoted\" 'too'", "a/b\\c", "..", ".", "",
                      "%2e%2e", "\u{0}nul", "a\nb", String(repeating: "long ", count: 40), "🙂", "&amp;"] {
            #expect(Slug.base(value).utf8.count <= Slug.maxLength, "\(value)")
            let slugs = [Slug.base(value), Slug.hashed(value), Slug.assign([value])[value]!]
            for (index, slug) in slugs.enumerated() {
                #expect(index == 0 || !slug.isEmpty, "\(value)")  // a base may be empty; a page name never
                #expect(slug.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }, "\(value) → \(slug)")
                #expect(!slug.hasPrefix("-") && !slug.hasSuffix("-") && !slug.contains("--"), "\(value) → \(slug)")
                #expect(slug.count <= Slug.maxLength + 7, "\(value) → \(slug)")
            }
        }
    }

    @Test func collidingValuesAreTellApartByTheirOwnHash() {
        let slugs = Slug.assign(["Côte d'Ivoire", "Cote d'Ivoire", "Japan", "Japan", "index", "日本", "🙂", "🙃"])
        #expect(slugs.count == 7)
        #expect(Set(slugs.values).count == 7, "\(slugs)")
        #expect(slugs["Japan"] == "japan")
        #expect(slugs["Côte d'Ivoire"] == Slug.hashed("Côte d'Ivoire") && slugs["Côte d'Ivoire"]!.hasPrefix("cote-d-ivoire-"))
        #expect(slugs["Cote d'Ivoire"] == Slug.hashed("Cote d'Ivoire"))
        #expect(slugs["index"] == Slug.hashed("index"))
        #expect(slugs["日本"] == "ri-ben")
        #expect(slugs["🙂"]!.hasPrefix("v-") && slugs["🙂"] != slugs["🙃"])
    }

    @Test func aValuesSlugDoesNotDependOnTheOthers() {
        let alone = Slug.assign(["Japan", "Kenya"])
        let more = Slug.assign(["Kenya", "Zambia", "Japan", "Chile", "Fiji"])
        #expect(alone["Japan"] == more["Japan"] && alone["Kenya"] == more["Kenya"])
        #expect(Slug.hashed("Kenya") == Slug.hashed("Kenya"))
    }
}
