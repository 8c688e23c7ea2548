/// PostgreSQL's `RowSink`: appends valid rows to a buffer in `COPY … FROM STDIN` text format
/// (tab-separated, `\N` for NULL, backslash escapes) and hands the buffer to `send` each time it
/// holds `flushSize` bytes. Without `send` (`Failure` is then `Never`) the rows stay in `buffer`.
struct CopyRowSink<Failure: Error>: RowSink {
    /// COPY data not yet sent.
    private(set) var buffer: [UInt8] = []
    private var row: [UInt8] = []
    private var send: ((UnsafeRawBufferPointer) throws(Failure) -> Void)?

    /// How many bytes to collect before sending them.
    static var flushSize: Int { 512 * 1024 }

    /// PostgreSQL does not count values while loading (the catalog profiles them in SQL).
    var tallies: [ColumnTally]? { nil }

    init(send: ((UnsafeRawBufferPointer) throws(Failure) -> Void)?) {
        self.send = send
        buffer.reserveCapacity(Self.flushSize + 64 * 1024)
    }

    // MARK: - RowSink

    mutating func beginRow(line: Int) {
        row.removeAll(keepingCapacity: true)
        Self.appendDecimal(line, to: &row)
    }

    mutating func appendNull() {
        row.append(0x09)
        row.append(0x5C)  // \N
        row.append(0x4E)
    }

    mutating func append(text bytes: UnsafeBufferPointer<UInt8>) {
        row.append(0x09)
        Self.appendEscaped(bytes, to: &row)
    }

    mutating func append(integer value: Int64, spelled bytes: UnsafeBufferPointer<UInt8>) {
        row.append(0x09)
        row.append(contentsOf: bytes)
    }

    mutating func append(real value: Double, spelled bytes: UnsafeBufferPointer<UInt8>) {
        row.append(0x09)
        if !value.isFinite {
            row.append(contentsOf: (value < 0 ? "-Infinity" : "Infinity").utf8)
        } else if value == 0 {
            row.append(contentsOf: (value.sign == .minus ? "-0" : "0").utf8)  // underflow
        } else {
            row.append(contentsOf: bytes)
        }
    }

    mutating func append(date bytes: UnsafeBufferPointer<UInt8>) {
        row.append(0x09)
        row.append(contentsOf: bytes)
    }

    mutating func discardRow() {}

    mutating func endRow() throws(Failure) {
        row.append(0x0A)
        buffer.append(contentsOf: row)
        if buffer.count >= Self.flushSize { try flush() }
    }

    /// Sends what is left, then lets go of `send` (which may not outlive the COPY).
    mutating func finish() throws(Failure) {
        try flush()
        send = nil
    }

    // MARK: - Encoding

    /// Sends the buffer (kept when there is nowhere to send it).
    private mutating func flush() throws(Failure) {
        guard let send else { return }
        let sent = buffer.withUnsafeBytes { bytes in Result { () throws(Failure) in try send(bytes) } }
        try sent.get()
        buffer.removeAll(keepingCapacity: true)
    }

    /// Appends text with COPY's escapes: backslash, tab, newline and carriage return.
    private static func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, to row: inout [UInt8]) {
        for byte in bytes {
            switch byte {
            case 0x5C: row.append(0x5C); row.append(0x5C)
            case 0x09: row.append(0x5C); row.append(UInt8(ascii: "t"))
            case 0x0A: row.append(0x5C); row.append(UInt8(ascii: "n"))
            case 0x0D: row.append(0x5C); row.append(UInt8(ascii: "r"))
            default: row.append(byte)
            }
        }
    }

    private static func appendDecimal(_ value: Int, to row: inout [UInt8]) {
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        var rest = value
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[count] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
                count += 1
            } while rest > 0
            for index in stride(from: count - 1, through: 0, by: -1) { row.append(buffer[index]) }
        }
    }
}

/// The COPY encoding of rows checked by the shared validator, collected in memory.
typealias CopyRowEncoder = RowValidator<CopyRowSink<Never>>

extension RowValidator where Sink == CopyRowSink<Never> {
    /// Checks rows against `layout` and collects them in `buffer`.
    init(layout: StagingLayout, path: String, maxErrors: Int) {
        self.init(layout: layout, path: path, maxErrors: maxErrors, sink: CopyRowSink(send: nil))
    }

    /// The COPY text of the valid rows.
    var buffer: [UInt8] { sink.buffer }
}
