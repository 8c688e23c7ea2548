import Foundation
import PodiumTestSupport

/// A tiny project with hostile values: a quoted comma, apostrophes, accents, `&` and markup.
enum SmallProject {
    static let files: [String: String] = [
        "podium.yaml": """
            title: Small <Games> & "Co"
            sources:
              medals:
                path: data/medals.csv
                columns:
                  Team/NOC: {as: country, type: text, required: true}
                  Gold: {as: gold, type: integer, required: true}
                  Silver: {as: silver, type: integer}
                key: [country]
            models: models/
            pages: pages/
            output: site/

            """,
        "data/medals.csv": """
            Team/NOC,Gold,Silver
            "Hong Kong, China",1,2
            People's Republic of China,38,32
            Côte d'Ivoire,0,1
            Trinidad & Tobago,1,0
            <script>alert(1)</script>,2,1

            """,
        "models/medal_summary.sql": """
            select country, gold, silver, gold + silver as medals
            from src_medals

            """,
        "pages/index.md": """
            ---
            title: Overview
            ---
            # Medals

            Some *narrative*.

            ```chart
            id: medals
            type: bar
            title: Gold and silver
            sql: select country, gold, silver from medal_summary order by gold desc, country
            x: country
            y: [gold, silver]
            ```

            """,
        "pages/trend.md": """
            ---
            title: Trend
            order: 2
            ---
            ```chart
            id: totals
            type: line
            title: Medals per country
            sql: select country, medals from medal_summary order by country
            x: country
            y: medals
            ```

            """,
    ]

    /// Writes the project into a new temporary folder.
    static func make() throws -> URL { try makeTemporaryProject(files) }
}
