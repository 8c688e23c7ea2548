/// Parquet's RLE / bit-packing hybrid encoding, for definition levels (whether each value of an
/// optional column is present: 1, or null: 0).
///
/// The output is a sequence of runs. An RLE run is a varint header `count << 1` followed by the
/// repeated value in `ceil(bitWidth / 8)` bytes; a bit-packed run is a header
/// `(groups << 1) | 1` followed by groups of 8 values packed `bitWidth` bits each, least
/// significant bit first. A repeat of 8 or more values becomes an RLE run; everything else is
/// bit-packed, in whole groups (the last group padded with zeros: the page's value count says
/// where the values end). Reference: parquet-format `Encodings.md`, "Run Length Encoding /
/// Bit-Packing Hybrid".
struct RLEHybridEncoder {
    /// Bits per value, 1…8.
    let bitWidth: Int

    /// Creates an encoder for values of `bitWidth` bits (1 for the levels of a flat optional column).
    init(bitWidth: Int) {
        precondition((1...8).contains(bitWidth), "levels of up to 8 bits")
        self.bitWidth = bitWidth
    }

    /// The encoded runs of `values`, without the 4-byte length that precedes them in a data page.
    func encode(_ values: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        var literals: [UInt8] = []
        var index = 0
        while index < values.count {
            let value = values[index]
            var end = index + 1
            while end < values.count, values[end] == value { end += 1 }
            var run = end - index
            if run >= 8 {
                // Fill the pending literals to a whole group first: bit-packed runs hold groups of 8.
                let fill = (8 - literals.count % 8) % 8
                literals.append(contentsOf: repeatElement(value, count: fill))
                run -= fill
            }
            if run >= 8 {
                flush(&literals, into: &output)
                writeVarint(UInt64(run) << 1, into: &output)
                output.append(value)  // bitWidth ≤ 8: one byte
            } else {
                literals.append(contentsOf: repeatElement(value, count: run))
            }
            index = end
        }
        flush(&literals, into: &output)
        return output
    }

    /// Writes `literals` as one bit-packed run, padded to whole groups of 8, and empties it.
    private func flush(_ literals: inout [UInt8], into output: inout [UInt8]) {
        guard !literals.isEmpty else { return }
        let groups = (literals.count + 7) / 8
        writeVarint(UInt64(groups) << 1 | 1, into: &output)
        var packed = [UInt8](repeating: 0, count: groups * bitWidth)
        for (position, value) in literals.enumerated() {
            let bit = position * bitWidth
            let word = UInt16(value) << (bit % 8)
            packed[bit / 8] |= UInt8(truncatingIfNeeded: word)
            if word > 0xFF { packed[bit / 8 + 1] |= UInt8(truncatingIfNeeded: word >> 8) }
        }
        output.append(contentsOf: packed)
        literals.removeAll(keepingCapacity: true)
    }

    private func writeVarint(_ value: UInt64, into output: inout [UInt8]) {
        var rest = value
        while rest >= 0x80 {
            output.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        output.append(UInt8(rest))
    }
}
