import PodiumTestSupport
import Testing
@testable import PodiumKit

/// The RLE / bit-packing hybrid encoder against bytes worked out from parquet-format's Encodings.md.
@Suite struct RLEHybridEncoderTests {
    private let levels = RLEHybridEncoder(bitWidth: 1)

    @Test func aRepeatIsOneRLERun() {
        // 100 present values: header 100 << 1 = 200 = varint 0xC8 0x01, then the value in one byte.
        #expect(levels.encode(Array(repeating: 1, count: 100)) == [0xC8, 0x01, 0x01])
        #expect(levels.encode(Array(repeating: 0, count: 8) + Array(repeating: 1, count: 8)) == [0x10, 0x00, 0x10, 0x01])
    }

    @Test func mixedValuesAreBitPackedLeastSignificantBitFirst() {
        // One group: header (1 << 1) | 1 = 3; 1,0,1,1,0,0,0,1 → 0b10001101.
        #expect(levels.encode([1, 0, 1, 1, 0, 0, 0, 1]) == [0x03, 0x8D])
        // A short tail is padded with zeros to a whole group.
        #expect(levels.encode([1, 1, 0]) == [0x03, 0x03])
        #expect(levels.encode([]) == [])
    }

    @Test func literalsAreFilledToAWholeGroupBeforeARun() {
        // [1, 0] then ten 1s: six 1s complete the group, four remain (< 8) and stay literal.
        #expect(levels.encode([1, 0] + Array(repeating: 1, count: 10)) == [0x05, 0xFD, 0x0F])
        // [1, 0] then twenty 1s: the group is completed, then an RLE run of the other 14.
        #expect(levels.encode([1, 0] + Array(repeating: 1, count: 20)) == [0x03, 0xFD, 0x1C, 0x01])
    }

    @Test func widerValuesFollowTheSpecificationsExample() {
        // Encodings.md: 0…7 with bit width 3 pack to 10001000 11000110 11111010.
        #expect(RLEHybridEncoder(bitWidth: 3).encode([0, 1, 2, 3, 4, 5, 6, 7]) == [0x03, 0x88, 0xC6, 0xFA])
    }

    @Test func seededRandomLevelsDecodeToThemselves() throws {
        var random = SplitMix64(seed: 16)
        for length in [1, 7, 8, 9, 63, 64, 65, 1000, 20_000] {
            for nullShare in [0.0, 0.01, 0.5, 0.99] {
                let values: [UInt8] = (0..<length).map { _ in Double(random.next() >> 11) / Double(1 << 53) < nullShare ? 0 : 1 }
                let decoded = try ParquetTestFile.decodeLevels(levels.encode(values), count: length)
                #expect(decoded == values, "length \(length), null share \(nullShare)")
            }
        }
    }
}
