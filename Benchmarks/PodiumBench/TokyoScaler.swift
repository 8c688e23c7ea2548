import Foundation
import PodiumKit

/// Writes a whole Podium project whose data is the Tokyo dataset scaled by a factor: podium.yaml,
/// models, pages and templates copied from the repository, data generated with a seeded PRNG.
///
/// - Athletes, Coaches and Teams get `scale` copies of their rows. Copy 1 is the original file;
///   later copies give each person the given name of another random row of the same file
///   (`SURNAME Given` kept), and suffix team labels with the copy number so the Teams key stays
///   unique. Countries, disciplines and events are unchanged, so every reference still resolves.
/// - The quirks stay, once per copy: quoted commas (`"Hong Kong, China"`), apostrophes
///   (`People's Republic of China`), accents (`Côte d'Ivoire`, `Épée`, `Côte d’Ivoire`), the
///   trailing space of `GIRAUD Aurelien `, the blank Coaches events and the duplicate rows.
/// - EntriesGender has its counts multiplied by `scale` (Total = Female + Male still holds);
///   Medals, one row per medal-winning delegation, is copied as is.
/// - `pages/scale.md` adds a line chart whose result grows with the data (about 111 × scale
///   points), to exercise downsampling.
struct TokyoScaler {
    /// The repository root holding podium.yaml, models/, pages/, templates/ and data/tokyo2021/.
    var repository: URL
    /// How many copies of the row-per-person files to write (1 = the original data).
    var scale: Int
    /// The PRNG seed: the same seed and scale give byte-identical files.
    var seed: UInt64 = 2021

    /// What was written.
    struct Summary {
        var athleteRows = 0
        var totalRows = 0
        var csvBytes = 0
    }

    static let dataFolder = "data/tokyo2021"

    /// Writes the project into `project`, replacing its data, models, pages and templates.
    func generate(into project: URL) throws -> Summary {
        let files = FileManager.default
        try files.createDirectory(at: project, withIntermediateDirectories: true)
        for item in ["podium.yaml", "models", "pages", "templates"] {
            let target = project.appendingPathComponent(item)
            try? files.removeItem(at: target)
            try files.copyItem(at: repository.appendingPathComponent(item), to: target)
        }
        try Self.scalePage.write(to: project.appendingPathComponent("pages/scale.md"), atomically: true, encoding: .utf8)

        let data = project.appendingPathComponent(Self.dataFolder)
        try? files.removeItem(at: data)
        try files.createDirectory(at: data, withIntermediateDirectories: true)
        var summary = Summary()
        func write(_ name: String, _ body: ([[String]], OutputFile) -> Int) throws {
            let rows = try readRows(name)
            let output = try OutputFile(path: data.appendingPathComponent(name).path)
            output.writeRecord(rows[0])
            let count = body(Array(rows.dropFirst()), output)
            output.close()
            summary.totalRows += count
            summary.csvBytes += output.byteCount
            if name == "Athletes.csv" { summary.athleteRows = count }
        }
        try write("Athletes.csv") { rows, out in writePeople(rows, nameColumn: 0, copySeed: 1, to: out) }
        try write("Coaches.csv") { rows, out in writePeople(rows, nameColumn: 0, copySeed: 2, to: out) }
        try write("Teams.csv") { rows, out in
            for copy in 0..<scale {
                for row in rows {
                    var row = row
                    if copy > 0 { row[0] += " \(copy + 1)" }
                    out.writeRecord(row)
                }
            }
            return rows.count * scale
        }
        try write("EntriesGender.csv") { rows, out in
            for row in rows {
                out.writeRecord([row[0]] + row[1...].map { String((Int($0) ?? 0) * scale) })
            }
            return rows.count
        }
        try write("Medals.csv") { rows, out in
            rows.forEach(out.writeRecord)
            return rows.count
        }
        return summary
    }

    /// Writes `scale` copies of a row-per-person file; see the type's documentation.
    private func writePeople(_ rows: [[String]], nameColumn: Int, copySeed: UInt64, to out: OutputFile) -> Int {
        var random = SplitMix64(seed: seed &* 31 &+ copySeed)
        let names = rows.map { Self.split($0[nameColumn]) }
        for copy in 0..<scale {
            for (index, row) in rows.enumerated() {
                // Copy 1, and the rows that carry a quirk (trailing space, duplicates), stay as they are.
                let keep = copy == 0 || row[nameColumn].hasSuffix(" ")
                    || (index > 0 && rows[index - 1] == row) || (index + 1 < rows.count && rows[index + 1] == row)
                guard !keep else {
                    out.writeRecord(row)
                    continue
                }
                var row = row
                let donor = names[random.next(below: names.count)].given
                row[nameColumn] = names[index].surname + (donor.isEmpty ? "" : " " + donor)
                out.writeRecord(row)
            }
        }
        return rows.count * scale
    }

    /// `SURNAME Given Names` → surname (the leading all-capitals words) and given names.
    static func split(_ name: String) -> (surname: String, given: String) {
        let words = name.split(separator: " ", omittingEmptySubsequences: false)
        var count = 0
        while count < words.count, !words[count].isEmpty, words[count] == words[count].uppercased() { count += 1 }
        count = max(count, 1)
        return (words[..<min(count, words.count)].joined(separator: " "), words[min(count, words.count)...].joined(separator: " "))
    }

    private func readRows(_ name: String) throws -> [[String]] {
        var rows: [[String]] = []
        let path = repository.appendingPathComponent(Self.dataFolder).appendingPathComponent(name).path
        try CSVReader(path: path, displayPath: name).read { rows.append($0.strings) }
        return rows
    }

    /// A page with one line chart over a result that grows with the data.
    static let scalePage = """
        ---
        title: Scale
        order: 99
        description: A line chart over a result that grows with the data (benchmark only).
        ---
        # Scale

        Athlete entries per block of 100 source lines: about 111 points per copy of the data.

        ```chart
        id: entries-per-block
        type: line
        title: Athlete entries per block of 100 lines
        sql: |
          select source_line / 100 as block, count(*) as entries, sum(length(athlete)) as name_chars
          from fact_athlete_entry
          group by block
          order by block
        x: block
        y: [entries, name_chars]
        ```

        """
}
