import Testing
@testable import PodiumKit

/// `ParquetFileWriter` on small tables, read back with `ParquetTestFile` (our own reader).
@Suite struct ParquetFileWriterTests {
    final class MemoryOutput: ParquetOutput {
        var bytes: [UInt8] = []
        func write(_ more: [UInt8]) throws { bytes += more }
    }

    static let columns = [
        ParquetColumn(name: "id", kind: .int64), ParquetColumn(name: "score", kind: .double),
        ParquetColumn(name: "name", kind: .string), ParquetColumn(name: "day", kind: .date),
    ]

    /// Ten rows with nulls in every column but `id`, and hostile text.
    static let rows: [[Value]] = (0..<10).map { index in
        let names = ["Côte d'Ivoire", "Hong Kong, China", "Trinidad & Tobago", "<em>x</em>", ""]
        return [.integer(Int64(index) - 3),
                index % 3 == 0 ? .null : .real(Double(index) / 4),
                index % 4 == 1 ? .null : .text(names[index % names.count]),
                index % 5 == 2 ? .null : .text(["1970-01-01", "1969-12-31", "2021-07-23", "2000-02-29"][index % 4])]
    }

    func write(_ rows: [[Value]], columns: [ParquetColumn] = columns, limits: ParquetLimits = .standard) throws -> (ParquetTestFile, ParquetFileWriter.Summary) {
        let output = MemoryOutput()
        let writer = try ParquetFileWriter(columns: columns, output: output, createdBy: "podium version test", limits: limits)
        for row in rows { try writer.append(row) }
        let summary = try writer.finish()
        #expect(summary.bytes == Int64(output.bytes.count))
        return (try ParquetTestFile(output.bytes), summary)
    }

    @Test func footerDescribesSchemaTypesAndRows() throws {
        let (file, summary) = try write(Self.rows)
        #expect(summary == .init(rows: 10, rowGroups: 1, bytes: summary.bytes))
        #expect(file.numRows == 10)
        #expect(file.createdBy == "podium version test")
        #expect(file.footer[1]?.int == 1)
        #expect(file.schema.first?[4]?.string == "schema")
        #expect(file.schema.first?[5]?.int == 4)
        #expect(file.columnNames == ["id", "score", "name", "day"])
        // Physical type, repetition OPTIONAL, converted type, logical type (union field id).
        let described = file.schema.dropFirst().map { ($0[1]?.int, $0[3]?.int, $0[6]?.int, $0[10]?.fields?.keys.first) }
        #expect(described.map { $0.0 } == [2, 5, 6, 1])
        #expect(described.allSatisfy { $0.1 == 1 })
        #expect(described.map { $0.2 } == [nil, nil, 0, 6])
        #expect(described.map { $0.3 } == [nil, nil, 1, 6])
        #expect(file.footer[7]?.list?.count == 4)  // column orders
    }

    @Test func valuesAndNullsReadBack() throws {
        let (file, _) = try write(Self.rows)
        #expect(try file.values(ofColumn: 0) == (0..<10).map { .int(Int64($0) - 3) })
        #expect(try file.values(ofColumn: 1) == Self.rows.map { row in row[1].number.map { .double($0) } })
        #expect(try file.values(ofColumn: 2) == Self.rows.map { row in
            if case .text(let text) = row[2] { .binary(Array(text.utf8)) } else { nil }
        })
        let days: [String: Int64] = ["1970-01-01": 0, "1969-12-31": -1, "2021-07-23": 18831, "2000-02-29": 11016]
        #expect(try file.values(ofColumn: 3) == Self.rows.map { row in
            if case .text(let text) = row[3] { .int(days[text]!) } else { nil }
        })
    }

    @Test func statisticsHoldMinMaxAndNullCounts() throws {
        let (file, _) = try write(Self.rows)
        let statistics = try #require(file.rowGroups.first?[1]?.list).map { $0[3]?[12] }
        #expect(statistics.map { $0?[3]?.int } == [0, 4, 3, 2])
        func little(_ value: ThriftValue?) -> Int64? {
            value?.bytes.map { bytes in
                let raw = bytes.reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
                return bytes.count == 4 ? Int64(Int32(truncatingIfNeeded: raw)) : Int64(bitPattern: raw)
            }
        }
        #expect(little(statistics[0]?[6]) == -3)
        #expect(little(statistics[0]?[5]) == 6)
        #expect(little(statistics[1]?[6]).map { Double(bitPattern: UInt64(bitPattern: $0)) } == 0.25)
        #expect(little(statistics[1]?[5]).map { Double(bitPattern: UInt64(bitPattern: $0)) } == 2.0)
        // Text compares by unsigned bytes: "" first, "Côte…" ("C" 0x43) before "Hong…", "<" (0x3C) before both.
        #expect(statistics[2]?[6]?.string == "")
        #expect(statistics[2]?[5]?.string == "Trinidad & Tobago")
        #expect(little(statistics[3]?[6]) == -1)
        #expect(little(statistics[3]?[5]) == 18831)
    }

    @Test func rowGroupsAndPagesAreCutAtTheirLimits() throws {
        let rows: [[Value]] = (0..<1000).map { [.integer(Int64($0)), .real(Double($0)), .text(String(repeating: "x", count: $0 % 50)), .null] }
        let limits = ParquetLimits(rowGroupRows: 300, rowGroupBytes: 1 << 30, pageValues: 64, pageBytes: 1 << 20)
        let (file, summary) = try write(rows, limits: limits)
        #expect(summary.rowGroups == 4)
        #expect(file.rowGroups.map { $0[3]?.int } == [300, 300, 300, 100])
        #expect(try file.values(ofColumn: 0) == (0..<1000).map { .int(Int64($0)) })
        #expect(try file.values(ofColumn: 3) == Array(repeating: nil, count: 1000))
        // An all-null chunk has a null count and no bounds.
        let lastStatistics = file.rowGroups[3][1]?.list?[3][3]?[12]
        #expect(lastStatistics?[3]?.int == 100)
        #expect(lastStatistics?[5] == nil && lastStatistics?[6] == nil)
        // Row group offsets and sizes add up: each starts where the last ended.
        var expected: Int64 = 4
        for group in file.rowGroups {
            #expect(group[5]?.int == expected)
            expected += group[6]?.int ?? 0
        }

        // By bytes: 1,000 text values of up to 49 bytes in pages of at most 256 bytes, row groups of at most 2 KB.
        let small = ParquetLimits(rowGroupRows: 1 << 20, rowGroupBytes: 2048, pageValues: 1 << 20, pageBytes: 256)
        let (bySize, sized) = try write(rows, limits: small)
        #expect(sized.rowGroups > 10)
        #expect(try bySize.values(ofColumn: 2).count == 1000)
    }

    @Test func sameRowsGiveIdenticalBytesAndAnEmptyTableHasNoRowGroup() throws {
        let first = MemoryOutput(), second = MemoryOutput()
        for output in [first, second] {
            let writer = try ParquetFileWriter(columns: Self.columns, output: output, createdBy: "podium version test")
            for row in Self.rows { try writer.append(row) }
            _ = try writer.finish()
        }
        #expect(first.bytes == second.bytes)
        let (empty, summary) = try write([])
        #expect(summary.rowGroups == 0)
        #expect(empty.numRows == 0)
        #expect(empty.columnNames.count == 4)
    }

    @Test func boundsFollowTheSpecificationsRulesForNaNZeroAndLongText() throws {
        let columns = [ParquetColumn(name: "x", kind: .double), ParquetColumn(name: "t", kind: .string)]
        func bounds(_ rows: [[Value]]) throws -> [(min: [UInt8]?, max: [UInt8]?)] {
            let (file, _) = try write(rows, columns: columns)
            #expect(file.footer[4]?.list?.first?[1]?.list?.allSatisfy { $0[2]?.int == 0 } == true)  // deprecated file_offset
            return try #require(file.rowGroups.first?[1]?.list).map { ($0[3]?[12]?[6]?.bytes, $0[3]?[12]?[5]?.bytes) }
        }
        func double(_ bytes: [UInt8]?) -> Double? {
            bytes.map { Double(bitPattern: $0.reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }) }
        }
        // NaN is never a bound; a zero bound is -0.0 as min and +0.0 as max.
        let zeros = try bounds([[.real(.nan), .text("a")], [.real(0.0), .text("b")], [.real(-0.0), .null]])
        #expect(double(zeros[0].min)?.sign == .minus && double(zeros[0].min) == 0)
        #expect(double(zeros[0].max)?.sign == .plus && double(zeros[0].max) == 0)
        #expect(zeros[1].min == Array("a".utf8) && zeros[1].max == Array("b".utf8))
        let onlyNaN = try bounds([[.real(.nan), .text(String(repeating: "z", count: 257))], [.null, .text("a")]])
        #expect(onlyNaN[0].min == nil && onlyNaN[0].max == nil)
        // A text bound over 256 bytes leaves both out; 256 bytes is kept.
        #expect(onlyNaN[1].min == nil && onlyNaN[1].max == nil)
        let longest = String(repeating: "z", count: 256)
        let kept = try bounds([[.null, .text(longest)], [.null, .text("a")]])
        #expect(kept[1].max == Array(longest.utf8))
    }

    @Test func aValueOfAnotherTypeIsAnError() throws {
        let writer = try ParquetFileWriter(columns: [ParquetColumn(name: "day", kind: .date)], output: MemoryOutput(), createdBy: "t")
        #expect(throws: ParquetValueError(column: "day", kind: .date, value: .text("23/07/2021"))) {
            try writer.append([.text("23/07/2021")])
        }
    }

    @Test func columnTypesOfModelsAreInferredFromTheirValues() {
        func kind(_ values: [Value], declared: String = "") -> ParquetColumn.Kind {
            var inference = ColumnKindInference(declaredType: declared)
            for value in values { inference.add(value) }
            return inference.kind
        }
        #expect(kind([.integer(1), .null]) == .int64)
        #expect(kind([.integer(1), .real(2.5)]) == .double)
        #expect(kind([.text("2021-07-23"), .null]) == .date)
        #expect(kind([.text("2021-07-23"), .text("2021-02-30")]) == .string)
        #expect(kind([.text("2021-07-23"), .integer(3)]) == .string)
        #expect(kind([.null], declared: "INT") == .int64)
        #expect(kind([], declared: "double precision") == .double)
        #expect(kind([]) == .string)
    }
}
