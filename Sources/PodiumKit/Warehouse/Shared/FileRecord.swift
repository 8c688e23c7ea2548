/// The fields a multi-file source adds to each record of one of its files: the file's path
/// (`_file`, first) and its partition values (last), kept in one buffer for the file's lifetime so
/// their bytes can be handed out like a record's own.
final class FileFields {
    /// The file, relative to the project.
    let path: String
    private let buffer: UnsafeMutableBufferPointer<UInt8>
    private let bounds: [Range<Int>]

    /// - Parameter partitions: the file's partition values, in the order of the source's keys.
    init(path: String, partitions: [String]) {
        self.path = path
        let values = [path] + partitions
        buffer = .allocate(capacity: max(1, values.reduce(0) { $0 + $1.utf8.count }))
        var bounds: [Range<Int>] = []
        var offset = 0
        for value in values {
            let bytes = Array(value.utf8)
            _ = UnsafeMutableBufferPointer(rebasing: buffer[offset..<(offset + bytes.count)]).initialize(from: bytes)
            bounds.append(offset..<(offset + bytes.count))
            offset += bytes.count
        }
        self.bounds = bounds
    }

    deinit { buffer.deallocate() }

    /// The number of added fields: the path and each partition.
    var count: Int { bounds.count }

    /// Added field `i` (0: the path; then the partitions).
    @inline(__always)
    func bytes(_ i: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: buffer[bounds[i]])
    }
}

/// A record of one file of a multi-file source, as staging sees it: `_file`, the file's fields,
/// then the partition values. Its locations name the file.
struct FileRecord<Base: SourceRecord>: SourceRecord {
    let base: Base
    let fields: FileFields

    var line: Int { base.line }
    var count: Int { base.count + fields.count }

    /// Which added field index `i` is, or nil for a field of the base record.
    @inline(__always)
    private func added(_ i: Int) -> Int? {
        if i == 0 { return 0 }
        return i > base.count ? i - base.count : nil
    }

    subscript(i: Int) -> String {
        if let extra = added(i) { return String(decoding: fields.bytes(extra), as: UTF8.self) }
        return base[i - 1]
    }

    var strings: [String] { (0..<count).map { self[$0] } }

    func withBytes<R>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try body(bytes(of: i))
    }

    @inline(__always)
    func bytes(of i: Int) -> UnsafeBufferPointer<UInt8> {
        if let extra = added(i) { return fields.bytes(extra) }
        return base.bytes(of: i - 1)
    }

    func isEmpty(_ i: Int) -> Bool {
        if let extra = added(i) { return fields.bytes(extra).isEmpty }
        return base.isEmpty(i - 1)
    }

    func location(of i: Int) -> Diagnostic.Location {
        if added(i) != nil { return .init(file: fields.path, line: base.line) }
        return base.location(of: i - 1)
    }
}
