import CZlib

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The limits that keep a hostile workbook (a "zip bomb") from using unbounded time, memory or
/// disk. Every entry is inflated as a stream and checked as it goes, whatever its header claims.
struct ZipLimits: Sendable {
    /// The most an entry may expand: inflated bytes per compressed byte (Apache POI's default).
    var maxRatio = 100
    /// The ratio is checked once an entry has inflated this much (small entries compress well).
    var ratioGrace = 1 << 20
    /// The most one streamed entry (a worksheet) may inflate to: 4 GiB, ZIP's own limit without ZIP64.
    var maxEntryBytes: Int64 = 4 << 30
    /// The most an entry read whole into memory (shared strings, styles) may inflate to.
    var maxInMemoryBytes: Int64 = 1 << 30

    static let `default` = ZipLimits()
}

/// One file inside a ZIP archive, from its central directory record.
struct ZipEntry {
    var name: String
    var method: UInt16
    var crc: UInt32
    var compressedSize: Int64
    var size: Int64
    var localHeaderOffset: Int64
}

/// A ZIP archive read through its central directory (no ZIP64, no encryption, no multi-disk):
/// what an XLSX workbook is. Entries are streamed with `ZipEntryStream`.
final class ZipArchive {
    let displayPath: String
    let entries: [String: ZipEntry]
    let limits: ZipLimits
    fileprivate let fd: Int32
    fileprivate let fileSize: Int64

    /// Opens the archive at `path` and reads its central directory.
    /// - Throws: `DiagnosticsError` naming `displayPath` when the file is missing, unreadable or
    ///   not a ZIP archive.
    init(path: String, displayPath: String, limits: ZipLimits = .default) throws {
        self.displayPath = displayPath
        self.limits = limits
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            let code = errno
            if code == ENOENT || code == ENOTDIR { throw CSVError.fileNotFound(displayPath) }
            throw CSVError.unreadable(displayPath, reason: String(cString: strerror(code)))
        }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw CSVError.unreadable(displayPath, reason: reason)
        }
        self.fd = fd
        fileSize = Int64(info.st_size)
        do {
            entries = try Self.readDirectory(fd: fd, fileSize: fileSize, displayPath: displayPath)
        } catch {
            close(fd)
            throw error
        }
    }

    deinit { close(fd) }

    /// The entry named `name`, or nil.
    func entry(_ name: String) -> ZipEntry? { entries[name] }

    /// Reads exactly `count` bytes at `offset`.
    fileprivate func readFully(_ buffer: UnsafeMutableRawPointer, count: Int, at offset: Int64) throws -> Bool {
        var done = 0
        while done < count {
            let n = pread(fd, buffer + done, count - done, off_t(offset) + off_t(done))
            if n < 0 {
                if errno == EINTR { continue }
                throw CSVError.unreadable(displayPath, reason: String(cString: strerror(errno)))
            }
            if n == 0 { return false }
            done += n
        }
        return true
    }

    private static func readDirectory(fd: Int32, fileSize: Int64, displayPath: String) throws -> [String: ZipEntry] {
        // The end-of-central-directory record: 22 bytes and a comment of up to 65,535 at the end.
        let tailSize = Int(min(fileSize, 22 + 65_535))
        guard tailSize >= 22 else { throw XLSXError.notAWorkbook(displayPath) }
        var tail = [UInt8](repeating: 0, count: tailSize)
        let got = tail.withUnsafeMutableBytes { pread(fd, $0.baseAddress, tailSize, off_t(fileSize) - off_t(tailSize)) }
        guard got == tailSize else { throw XLSXError.notAWorkbook(displayPath) }
        var end = -1
        var index = tailSize - 22
        while index >= 0 {
            if tail.le32(index) == 0x0605_4B50 { end = index; break }
            index -= 1
        }
        guard end >= 0 else { throw XLSXError.notAWorkbook(displayPath) }
        let count = Int(tail.le16(end + 10))
        let directorySize = Int64(tail.le32(end + 12))
        let directoryOffset = Int64(tail.le32(end + 16))
        if count == 0xFFFF || directorySize == 0xFFFF_FFFF || directoryOffset == 0xFFFF_FFFF {
            throw XLSXError.unsupported(displayPath, "it uses ZIP64 (an archive over 4 GiB)")
        }
        guard directoryOffset + directorySize <= fileSize, directorySize < 64 << 20 else {
            throw XLSXError.corrupt(displayPath, "its central directory lies outside the file")
        }
        var directory = [UInt8](repeating: 0, count: Int(directorySize))
        let read = directory.withUnsafeMutableBytes { pread(fd, $0.baseAddress, Int(directorySize), off_t(directoryOffset)) }
        guard read == Int(directorySize) else { throw XLSXError.corrupt(displayPath, "its central directory is cut short") }

        var entries: [String: ZipEntry] = [:]
        var offset = 0
        for _ in 0..<count {
            guard offset + 46 <= directory.count, directory.le32(offset) == 0x0201_4B50 else {
                throw XLSXError.corrupt(displayPath, "its central directory is damaged")
            }
            let flags = directory.le16(offset + 8)
            let nameLength = Int(directory.le16(offset + 28))
            let extraLength = Int(directory.le16(offset + 30))
            let commentLength = Int(directory.le16(offset + 32))
            guard offset + 46 + nameLength <= directory.count else {
                throw XLSXError.corrupt(displayPath, "its central directory is damaged")
            }
            let name = String(decoding: directory[(offset + 46)..<(offset + 46 + nameLength)], as: UTF8.self)
            let entry = ZipEntry(
                name: name, method: directory.le16(offset + 10), crc: directory.le32(offset + 16),
                compressedSize: Int64(directory.le32(offset + 20)), size: Int64(directory.le32(offset + 24)),
                localHeaderOffset: Int64(directory.le32(offset + 42)))
            if flags & 1 != 0 { throw XLSXError.unsupported(displayPath, "it is encrypted (password-protected)") }
            if entry.size == 0xFFFF_FFFF || entry.compressedSize == 0xFFFF_FFFF || entry.localHeaderOffset == 0xFFFF_FFFF {
                throw XLSXError.unsupported(displayPath, "it uses ZIP64 (an entry over 4 GiB)")
            }
            entries[name] = entries[name] ?? entry
            offset += 46 + nameLength + extraLength + commentLength
        }
        return entries
    }
}

/// An entry of a `ZipArchive`, inflated as it is read, in bounded memory, with the limits of
/// `ZipLimits` checked as it goes and its CRC-32 at the end.
final class ZipEntryStream {
    private let archive: ZipArchive
    private let entry: ZipEntry
    private let maxBytes: Int64
    private var stream = z_stream()
    private var input: UnsafeMutablePointer<UInt8>
    private let inputCapacity = 64 * 1024
    private var nextInputOffset: Int64
    private var inputLeft: Int64
    private var produced: Int64 = 0
    private var crc: UInt = 0
    private var finished = false
    private var ended = false
    private var inflating = false

    /// A stream over `entry` of `archive`, inflating at most `maxBytes` (default: the archive's
    /// `maxEntryBytes`).
    init(_ archive: ZipArchive, _ entry: ZipEntry, maxBytes: Int64? = nil) throws {
        // Everything that can fail is checked before `input` is allocated: a class whose init
        // throws after every property is set runs its deinit, which frees it.
        let maxBytes = maxBytes ?? archive.limits.maxEntryBytes
        var header = [UInt8](repeating: 0, count: 30)
        let complete = try header.withUnsafeMutableBytes {
            try archive.readFully($0.baseAddress!, count: 30, at: entry.localHeaderOffset)
        }
        guard complete, header.le32(0) == 0x0403_4B50 else {
            throw XLSXError.corrupt(archive.displayPath, "the entry \(entry.name) is damaged")
        }
        let dataOffset = entry.localHeaderOffset + 30 + Int64(header.le16(26)) + Int64(header.le16(28))
        guard dataOffset + entry.compressedSize <= archive.fileSize else {
            throw XLSXError.corrupt(archive.displayPath, "the entry \(entry.name) is cut short")
        }
        guard entry.method == 0 || entry.method == 8 else {
            throw XLSXError.unsupported(archive.displayPath, "the entry \(entry.name) uses compression method \(entry.method)")
        }
        if entry.size > maxBytes { throw XLSXError.tooLarge(archive.displayPath, entry: entry.name, maxBytes: maxBytes) }

        self.archive = archive
        self.entry = entry
        self.maxBytes = maxBytes
        nextInputOffset = dataOffset
        inputLeft = entry.compressedSize
        input = .allocate(capacity: inputCapacity)
        crc = CZlib.crc32(0, nil, 0)
        if entry.method == 8 {
            guard podium_inflate_init_raw(&stream) == Z_OK else {
                throw XLSXError.corrupt(archive.displayPath, "cannot start inflating \(entry.name)")
            }
            inflating = true
        }
    }

    deinit {
        if inflating { inflateEnd(&stream) }
        input.deallocate()
    }

    /// Fills `buffer` with the next bytes of the entry; returns how many (0 at the end).
    /// - Throws: `DiagnosticsError` for a damaged entry or one that breaks the limits.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        if finished || buffer.count == 0 { return 0 }
        let out = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
        var count = 0
        if entry.method == 0 {
            let want = Int(min(Int64(buffer.count), inputLeft))
            if want > 0, try !archive.readFully(out, count: want, at: nextInputOffset) {
                throw XLSXError.corrupt(archive.displayPath, "the entry \(entry.name) is cut short")
            }
            nextInputOffset += Int64(want)
            inputLeft -= Int64(want)
            count = want
        } else {
            stream.next_out = out
            stream.avail_out = UInt32(buffer.count)
            while stream.avail_out > 0 && !ended {
                if stream.avail_in == 0 && inputLeft > 0 {
                    let want = Int(min(Int64(inputCapacity), inputLeft))
                    if try !archive.readFully(input, count: want, at: nextInputOffset) {
                        throw XLSXError.corrupt(archive.displayPath, "the entry \(entry.name) is cut short")
                    }
                    nextInputOffset += Int64(want)
                    inputLeft -= Int64(want)
                    stream.next_in = input
                    stream.avail_in = UInt32(want)
                }
                let status = inflate(&stream, Z_NO_FLUSH)
                if status == Z_STREAM_END {
                    ended = true
                } else if status == Z_BUF_ERROR && stream.avail_in == 0 && inputLeft == 0 {
                    throw XLSXError.corrupt(archive.displayPath, "the entry \(entry.name) is cut short")
                } else if status != Z_OK && status != Z_BUF_ERROR {
                    throw XLSXError.corrupt(archive.displayPath, "the entry \(entry.name) does not inflate")
                }
            }
            count = buffer.count - Int(stream.avail_out)
        }
        produced += Int64(count)
        if produced > maxBytes { throw tooLarge() }
        let consumed = entry.compressedSize - inputLeft - Int64(entry.method == 8 ? stream.avail_in : 0)
        if produced > archive.limits.ratioGrace, produced > Int64(archive.limits.maxRatio) * max(consumed, 1) {
            throw XLSXError.expansion(archive.displayPath, entry: entry.name, limits: archive.limits)
        }
        if produced > entry.size {
            throw XLSXError.corrupt(archive.displayPath, "the entry \(entry.name) is larger than its header says")
        }
        if count > 0 { crc = CZlib.crc32(crc, out, UInt32(count)) }
        if entry.method == 0 ? inputLeft == 0 : ended {
            if produced != entry.size || UInt32(truncatingIfNeeded: crc) != entry.crc {
                throw XLSXError.corrupt(archive.displayPath, "the entry \(entry.name) fails its checksum")
            }
            finished = true
        }
        return count
    }

    private func tooLarge() -> DiagnosticsError {
        XLSXError.tooLarge(archive.displayPath, entry: entry.name, maxBytes: maxBytes)
    }

    /// The whole entry, for the small parts read into memory.
    func readAll() throws -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(min(entry.size, 1 << 20)))
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 1)
        defer { chunk.deallocate() }
        while true {
            let n = try read(into: chunk)
            if n == 0 { break }
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: chunk[0..<n]))
        }
        return bytes
    }
}

extension Array where Element == UInt8 {
    /// The little-endian 16-bit number at `offset`.
    func le16(_ offset: Int) -> UInt16 { UInt16(self[offset]) | UInt16(self[offset + 1]) << 8 }
    /// The little-endian 32-bit number at `offset`.
    func le32(_ offset: Int) -> UInt32 {
        UInt32(self[offset]) | UInt32(self[offset + 1]) << 8 | UInt32(self[offset + 2]) << 16 | UInt32(self[offset + 3]) << 24
    }
}
