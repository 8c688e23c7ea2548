import Testing
@testable import PodiumKit

/// The Thrift compact encoder against bytes worked out by hand from the protocol's specification.
@Suite struct ThriftCompactWriterTests {
    /// A struct exercising each kind of field Parquet's footer uses.
    private struct Sample: ThriftStruct {
        var body: (inout ThriftCompactWriter) -> Void
        func writeFields(to writer: inout ThriftCompactWriter) { body(&writer) }
    }

    private func encode(_ body: @escaping (inout ThriftCompactWriter) -> Void) -> [UInt8] {
        ThriftCompactWriter.encode(Sample(body: body))
    }

    @Test func shortFieldHeadersHoldTheIdDeltaAndType() {
        // i32 1 at field 1: header 0x15 (delta 1, type 5), zigzag 2; stop.
        #expect(encode { $0.field(1, i32: 1) } == [0x15, 0x02, 0x00])
        // A SchemaElement: type INT64 (field 1), OPTIONAL (field 3, delta 2), name "x" (field 4, binary).
        let element = Parquet.SchemaElement(type: .int64, repetition: .optional, name: "x")
        #expect(ThriftCompactWriter.encode(element) == [0x15, 0x04, 0x25, 0x02, 0x18, 0x01, 0x78, 0x00])
    }

    @Test func largeDeltasUseTheLongFormAndIntegersAreZigzagVarints() {
        let bytes = encode {
            $0.field(1, i32: -1)           // 0x15, zigzag(-1) = 1
            $0.field(17, i64: 300)         // delta 16: type byte 0x06, then id 17 as zigzag varint 0x22; 600 = 0xD8 0x04
            $0.field(18, bool: true)       // delta 1, type 1 (true), no value byte
            $0.field(19, bool: false)      // delta 1, type 2 (false)
            $0.field(21, binary: [0x61, 0x62])  // delta 2, type 8; length 2
            $0.field(22, i64: -300)        // zigzag 599 = 0xD7 0x04
            $0.field(23, i16: 5)           // type 4 (i16)
        }
        #expect(bytes == [0x15, 0x01, 0x06, 0x22, 0xD8, 0x04, 0x11, 0x12, 0x28, 0x02, 0x61, 0x62, 0x16, 0xD7, 0x04, 0x14, 0x0A, 0x00])
    }

    @Test func listsHaveTheirSizeInTheHeaderUpTo14() {
        #expect(encode { $0.field(2, i32List: [1, 2, 3]) } == [0x29, 0x35, 0x02, 0x04, 0x06, 0x00])
        let fifteen = encode { $0.field(1, i32List: Array(repeating: 0, count: 15)) }
        #expect(Array(fifteen.prefix(3)) == [0x19, 0xF5, 0x0F])
        #expect(fifteen.count == 3 + 15 + 1)
        #expect(encode { $0.field(3, stringList: ["ab"]) } == [0x39, 0x18, 0x02, 0x61, 0x62, 0x00])
    }

    @Test func nestedStructsRestartFieldIdsAndRestoreTheOuterOnes() {
        let bytes = encode {
            $0.field(3, struct: Parquet.Statistics(nullCount: 2))  // 0x3C, inner field 3 i64: 0x36 0x04, stop
            $0.field(4, i32: 0)                                     // 0x15: delta 1 from the outer 3 (not 4 from 0)
        }
        #expect(bytes == [0x3C, 0x36, 0x04, 0x00, 0x15, 0x00, 0x00])
    }

    @Test func pageHeaderEncodesAsParquetReadersExpect() {
        let header = Parquet.PageHeader(uncompressedPageSize: 10, compressedPageSize: 12,
                                        dataPageHeader: Parquet.DataPageHeader(numValues: 3))
        #expect(ThriftCompactWriter.encode(header) == [
            0x15, 0x00,  // type DATA_PAGE
            0x15, 0x14,  // uncompressed 10
            0x15, 0x18,  // compressed 12
            0x2C,        // field 5: data_page_header
            0x15, 0x06, 0x15, 0x00, 0x15, 0x06, 0x15, 0x06, 0x00,  // 3 values, PLAIN, RLE, RLE
            0x00,
        ])
    }

    @Test func logicalTypesAreUnionsOfEmptyStructs() {
        #expect(ThriftCompactWriter.encode(Parquet.LogicalType.string) == [0x1C, 0x00, 0x00])
        #expect(ThriftCompactWriter.encode(Parquet.LogicalType.date) == [0x6C, 0x00, 0x00])
    }
}
