import Foundation

/// Reads the GNU build id of an ELF file: a hash of the linked binary that the linker writes into
/// a note (`.note.gnu.build-id`). It fingerprints the podium binary without reading all of it
/// (a release binary with a static runtime is about 80 MB).
enum BuildID {
    /// The build id in hex, or nil for a file that is not a 64-bit little-endian ELF file or has none.
    static func read(_ path: String) -> String? {
        guard let file = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? file.close() }
        func bytes(at offset: UInt64, count: Int) -> [UInt8]? {
            guard (try? file.seek(toOffset: offset)) != nil,
                  let data = try? file.read(upToCount: count), data.count == count else { return nil }
            return Array(data)
        }
        guard let header = bytes(at: 0, count: 64), header[0..<4] == [0x7F, 0x45, 0x4C, 0x46],
              header[4] == 2, header[5] == 1 else { return nil }  // ELFCLASS64, little-endian
        let programHeaders = integer(header, 32, 8), entrySize = Int(integer(header, 54, 2))
        let count = Int(integer(header, 56, 2))
        guard entrySize >= 56, count < 256,
              let table = bytes(at: programHeaders, count: entrySize * count) else { return nil }
        for index in 0..<count {
            let entry = index * entrySize
            guard integer(table, entry, 4) == 4 else { continue }  // PT_NOTE
            let size = Int(integer(table, entry + 32, 8))
            guard size < 1 << 20, let notes = bytes(at: integer(table, entry + 8, 8), count: size) else { continue }
            var offset = 0
            while offset + 12 <= notes.count {
                let nameSize = Int(integer(notes, offset, 4)), descSize = Int(integer(notes, offset + 4, 4))
                let type = integer(notes, offset + 8, 4)
                let name = offset + 12, desc = name + (nameSize + 3) / 4 * 4
                guard desc + descSize <= notes.count else { break }
                if type == 3, nameSize == 4, notes[name..<name + 4] == [0x47, 0x4E, 0x55, 0] {  // NT_GNU_BUILD_ID, "GNU"
                    return notes[desc..<desc + descSize].map { String($0, radix: 16).leftPadded(to: 2) }.joined()
                }
                offset = desc + (descSize + 3) / 4 * 4
            }
        }
        return nil
    }

    /// A little-endian unsigned integer of `size` bytes at `offset`.
    private static func integer(_ bytes: [UInt8], _ offset: Int, _ size: Int) -> UInt64 {
        var value: UInt64 = 0
        for index in (0..<size).reversed() { value = value << 8 | UInt64(bytes[offset + index]) }
        return value
    }
}
