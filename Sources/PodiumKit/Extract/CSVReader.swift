#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A streaming RFC 4180 CSV reader.
///
/// It reads the file in fixed-size chunks, so memory does not grow with the file, and hands out
/// one record at a time. It accepts quoted fields with doubled quotes and line breaks inside,
/// LF, CRLF or CR line endings, a UTF-8 byte order mark, a missing final newline, and empty
/// fields; blank lines are skipped. Problems are thrown as a `DiagnosticsError` at
/// `file:line:column`: a missing or unreadable file, an empty file, a quoted field that is never
/// closed, a stray quote, invalid UTF-8 and NUL bytes.
public struct CSVReader {
    private enum Input {
        case file(String)
        case bytes([UInt8])
    }

    /// The default chunk size: 64 KiB.
    static let defaultChunkSize = 64 * 1024

    private let input: Input
    private let displayPath: String
    private let chunkSize: Int

    /// A reader for the file at `path`.
    /// - Parameters:
    ///   - path: The file system path to read.
    ///   - displayPath: The path shown in diagnostics, relative to the project root.
    public init(path: String, displayPath: String) {
        self.init(path: path, displayPath: displayPath, chunkSize: Self.defaultChunkSize)
    }

    /// A reader over bytes in memory (for tests and fuzzing).
    public init(bytes: [UInt8], displayPath: String) {
        self.init(bytes: bytes, displayPath: displayPath, chunkSize: Self.defaultChunkSize)
    }

    /// A file reader with a given chunk size (tests use tiny chunks to hit chunk boundaries).
    init(path: String, displayPath: String, chunkSize: Int) {
        input = .file(path)
        self.displayPath = displayPath
        self.chunkSize = max(chunkSize, 1)
    }

    /// A reader over bytes in memory with a given chunk size.
    init(bytes: [UInt8], displayPath: String, chunkSize: Int) {
        input = .bytes(bytes)
        self.displayPath = displayPath
        self.chunkSize = max(chunkSize, 1)
    }

    /// Calls `body` once per record, in file order; the header is record 1.
    ///
    /// The record is only valid during the call. An error thrown by `body` stops reading and is
    /// rethrown unchanged.
    /// - Throws: `DiagnosticsError` for an unreadable, empty or malformed file.
    public func read(_ body: (CSVRecord) throws -> Void) throws {
        var parser = CSVParser(displayPath: displayPath)
        switch input {
        case .bytes(let bytes):
            try bytes.withUnsafeBufferPointer { all in
                var offset = Self.hasByteOrderMark(all) ? 3 : 0
                while offset < all.count {
                    let end = min(offset + chunkSize, all.count)
                    try parser.consume(UnsafeBufferPointer(rebasing: all[offset..<end]), emit: body)
                    offset = end
                }
            }
        case .file(let path):
            try readFile(path, into: &parser, body)
        }
        try parser.finish(emit: body)
        if parser.recordCount == 0 { throw CSVError.empty(displayPath) }
    }

    private func readFile(_ path: String, into parser: inout CSVParser, _ body: (CSVRecord) throws -> Void) throws {
        guard let file = fopen(path, "rb") else {
            let code = errno
            if code == ENOENT || code == ENOTDIR { throw CSVError.fileNotFound(displayPath) }
            throw CSVError.unreadable(displayPath, reason: String(cString: strerror(code)))
        }
        defer { fclose(file) }
        let capacity = max(chunkSize, 3)
        let chunk = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: capacity)
        defer { chunk.deallocate() }

        // Read at least three bytes first, so the byte order mark is seen whole.
        var count = 0
        while count < 3 {
            let n = fread(chunk.baseAddress! + count, 1, capacity - count, file)
            if n == 0 { break }
            count += n
        }
        var first = UnsafeBufferPointer(rebasing: chunk[0..<count])
        if Self.hasByteOrderMark(first) { first = UnsafeBufferPointer(rebasing: first.dropFirst(3)) }
        try parser.consume(first, emit: body)
        while count > 0 {
            count = fread(chunk.baseAddress!, 1, chunkSize, file)
            try parser.consume(UnsafeBufferPointer(rebasing: chunk[0..<count]), emit: body)
        }
        if ferror(file) != 0 {
            throw CSVError.unreadable(displayPath, reason: String(cString: strerror(errno)))
        }
    }

    private static func hasByteOrderMark(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
    }
}
