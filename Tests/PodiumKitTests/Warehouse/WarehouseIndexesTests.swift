import Testing
@testable import PodiumKit

/// The columns a page template's queries look rows up by, which the build indexes.
@Suite struct WarehouseIndexesTests {
    private let tables: Set<String> = ["fact_athlete_entry", "fact_medal_tally", "dim_discipline", "dim_country"]

    private func keys(_ sql: String) -> [String] {
        WarehouseIndexes.keys(in: sql, tables: tables).map { "\($0.table).\($0.column)" }
    }

    @Test func aQualifiedColumnComparedWithAParameter() {
        #expect(keys("""
            select d.discipline, count(*) from fact_athlete_entry as f join dim_discipline as d using (discipline_id)
            where f.country_id = :country_id group by d.discipline
            """) == ["fact_athlete_entry.country_id"])
        #expect(keys("select * from fact_athlete_entry f where :id = f.country_id") == ["fact_athlete_entry.country_id"])
        #expect(keys("select * from \"fact_athlete_entry\" where fact_athlete_entry.country_id = :id") == ["fact_athlete_entry.country_id"])
    }

    @Test func anUnqualifiedColumnBelongsToTheTableNamedLastBeforeIt() {
        #expect(keys("""
            select (select count(*) from fact_athlete_entry) as athletes,
              (select gold from fact_medal_tally where country_id = :country_id) as gold
            """) == ["fact_medal_tally.country_id"])
    }

    @Test func otherComparisonsAndUnknownTablesAreNotKeys() {
        #expect(keys("select * from fact_athlete_entry as f where f.country_id >= :a or f.country_id <> :b") == [])
        #expect(keys("select * from fact_athlete_entry as f where f.country_id = 3 and f.athlete = 'a:b'") == [])
        #expect(keys("select * from other as o where o.country_id = :id") == [])
        #expect(keys("select * from fact_athlete_entry as f where g.country_id = :id") == [])
    }

    @Test func onlyTemplatePagesAreRead() throws {
        let template = try PageParser.parse(text: """
            ---
            title: "{{each.country}}"
            each:
              sql: select country_id, country from dim_country
            ---
            # {{each.country}}

            ```chart
            id: disciplines
            type: bar
            title: Athletes by discipline
            sql: select discipline_id, count(*) as n from fact_athlete_entry where country_id = :country_id group by discipline_id
            x: discipline_id
            y: n
            ```
            """, path: "pages/delegation.md", name: "delegation")
        var plain = template
        plain.each = nil
        #expect(WarehouseIndexes.keys(for: [template], tables: tables) == [.init(table: "fact_athlete_entry", column: "country_id")])
        #expect(WarehouseIndexes.keys(for: [plain], tables: tables) == [])
    }
}
