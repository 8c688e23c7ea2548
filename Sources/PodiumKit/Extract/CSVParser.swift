/// The RFC 4180 state machine behind `CSVReader`: fed one chunk at a time, it copies field bytes
/// into a reused buffer, validates UTF-8, tracks lines and columns, and emits whole records.
///
/// Line breaks are LF, CRLF or a lone CR; blank lines between records are skipped. Columns are
/// 1-based and count characters (not bytes).
struct CSVParser: ~Copyable {
    private enum State { case fieldStart, unquoted, quoted, afterClosingQuote }

    private static let comma = UInt8(ascii: ","), quote = UInt8(ascii: "\"")
    private static let lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")

    /// The most bytes one record may hold (its fields, unquoted): 16 MiB. Larger rows are
    /// refused, so memory stays bounded whatever the file holds (a quote that is never closed
    /// would otherwise swallow the rest of the file into one field).
    static let maxRecordBytes = 16 << 20
    /// The most fields one record may have.
    static let maxFields = 100_000

    let displayPath: String
    private(set) var recordCount = 0

    private var state = State.fieldStart
    // A record is refused once a chunk ends past the limit, so the buffer needs at most one
    // chunk (CSVReader reads 64 KiB) beyond it.
    private var buffer = ByteBuffer(softLimit: CSVParser.maxRecordBytes + (1 << 17))
    private var fields: ContiguousArray<CSVField> = []
    private var fieldStart = 0, fieldLine = 1, fieldColumn = 1
    private var recordLine = 1
    // Position of the next byte.
    private var line = 1, column = 1
    private var afterCR = false
    // UTF-8 validation: continuation bytes still expected, the allowed range of the next one,
    // and where the sequence started.
    private var utf8Needed = 0
    private var utf8Low: UInt8 = 0x80, utf8High: UInt8 = 0xBF
    private var utf8Line = 1, utf8Column = 1

    init(displayPath: String) {
        self.displayPath = displayPath
        fields.reserveCapacity(64)
    }

    /// Parses `chunk`, calling `emit` for every record it completes.
    mutating func consume(_ chunk: UnsafeBufferPointer<UInt8>, emit: (CSVRecord) throws -> Void) throws {
        guard let base = chunk.baseAddress else { return }
        let end = chunk.count
        var index = 0
        while index < end {
            let byte = base[index]
            // Fast paths for the common bytes, outside a multi-byte character. They do what the
            // general path below would do, without its per-byte bookkeeping.
            if utf8Needed == 0 {
                if Self.isPlain(byte) {
                    if state == .fieldStart {
                        beginField(line: line, column: column)
                        state = .unquoted
                    }
                    // A run of printable ASCII inside a field is copied as is.
                    if state == .unquoted || state == .quoted {
                        var runEnd = index + 1
                        while runEnd < end, Self.isPlain(base[runEnd]) { runEnd += 1 }
                        buffer.append(base + index, count: runEnd - index)
                        column += runEnd - index
                        afterCR = false
                        index = runEnd
                        continue
                    }
                } else if byte == Self.comma, state != .quoted {
                    // A comma ends a field (an empty one, at the start of a field).
                    if state == .fieldStart { beginField(line: line, column: column) }
                    endField()
                    state = .fieldStart
                    column += 1
                    afterCR = false
                    index += 1
                    continue
                } else if byte == Self.lf, state == .unquoted {
                    // An LF ends an unquoted last field and its record (no CR can precede it here).
                    line += 1
                    column = 1
                    afterCR = false
                    index += 1
                    endField()
                    try endRecord(emit)
                    continue
                }
            }
            index += 1
            let byteLine = line, byteColumn = column
            // Advance the position past this byte.
            if byte == Self.lf {
                if afterCR { afterCR = false } else { line += 1; column = 1 }
            } else if byte == Self.cr {
                line += 1; column = 1; afterCR = true
            } else {
                afterCR = false
                if byte & 0xC0 != 0x80 { column += 1 }
            }
            try validateUTF8(byte, line: byteLine, column: byteColumn)

            switch state {
            case .fieldStart:
                if byte == Self.comma {
                    beginField(line: byteLine, column: byteColumn)
                    endField()
                } else if byte == Self.lf || byte == Self.cr {
                    // A CRLF's LF, or a blank line, ends nothing.
                    if !fields.isEmpty {
                        beginField(line: byteLine, column: byteColumn)
                        endField()
                        try endRecord(emit)
                    }
                } else if byte == Self.quote {
                    beginField(line: byteLine, column: byteColumn)
                    state = .quoted
                } else {
                    beginField(line: byteLine, column: byteColumn)
                    buffer.append(byte)
                    state = .unquoted
                }
            case .unquoted:
                if byte == Self.comma {
                    endField()
                    state = .fieldStart
                } else if byte == Self.lf || byte == Self.cr {
                    endField()
                    try endRecord(emit)
                } else if byte == Self.quote {
                    throw CSVError.strayQuote(at: location(byteLine, byteColumn))
                } else {
                    buffer.append(byte)
                }
            case .quoted:
                if byte == Self.quote {
                    state = .afterClosingQuote
                } else {
                    buffer.append(byte)
                }
            case .afterClosingQuote:
                if byte == Self.quote {
                    buffer.append(byte)  // "" inside quotes is one quote
                    state = .quoted
                } else if byte == Self.comma {
                    endField()
                    state = .fieldStart
                } else if byte == Self.lf || byte == Self.cr {
                    endField()
                    try endRecord(emit)
                } else {
                    throw CSVError.textAfterClosingQuote(at: location(byteLine, byteColumn))
                }
            }
        }
        try checkRecordSize()
    }

    /// Refuses a record past ``maxRecordBytes`` or ``maxFields``; checked once per chunk (so a
    /// record may overshoot by one chunk before it is refused) and when a record ends.
    @inline(__always)
    private func checkRecordSize() throws {
        if buffer.count > Self.maxRecordBytes || fields.count > Self.maxFields {
            throw CSVError.recordTooLarge(at: Diagnostic.Location(file: displayPath, line: recordLine),
                                          maxBytes: Self.maxRecordBytes, maxFields: Self.maxFields)
        }
    }

    /// Ends the input: emits a last record without a final newline, or reports what is unfinished.
    mutating func finish(emit: (CSVRecord) throws -> Void) throws {
        if utf8Needed > 0 {
            throw CSVError.invalidUTF8(at: location(utf8Line, utf8Column))
        }
        switch state {
        case .quoted:
            throw CSVError.unterminatedQuote(at: location(fieldLine, fieldColumn))
        case .unquoted, .afterClosingQuote:
            endField()
            try endRecord(emit)
        case .fieldStart:
            if !fields.isEmpty {
                // The file ends right after a comma: the last field is empty.
                beginField(line: line, column: column)
                endField()
                try endRecord(emit)
            }
        }
    }

    /// Printable ASCII other than the quote and the comma: bytes that never change the state.
    @inline(__always)
    private static func isPlain(_ byte: UInt8) -> Bool {
        byte >= 0x20 && byte < 0x80 && byte != quote && byte != comma
    }

    // MARK: - Records

    @inline(__always)
    private mutating func beginField(line: Int, column: Int) {
        if fields.isEmpty { recordLine = line }
        fieldStart = buffer.count
        fieldLine = line
        fieldColumn = column
    }

    @inline(__always)
    private mutating func endField() {
        fields.append(CSVField(start: fieldStart, end: buffer.count, line: fieldLine, column: fieldColumn))
    }

    private mutating func endRecord(_ emit: (CSVRecord) throws -> Void) throws {
        try checkRecordSize()
        state = .fieldStart
        recordCount += 1
        let line = recordLine, base = UnsafePointer(buffer.base), path = displayPath
        try fields.withUnsafeBufferPointer { fields in
            try emit(CSVRecord(line: line, bytes: base, fields: fields, displayPath: path))
        }
        fields.removeAll(keepingCapacity: true)
        buffer.removeAll()
    }

    // MARK: - UTF-8

    @inline(__always)
    private mutating func validateUTF8(_ byte: UInt8, line: Int, column: Int) throws {
        if utf8Needed == 0 {
            if byte < 0x80 {
                if byte == 0 { throw CSVError.nulByte(at: location(line, column)) }
                return
            }
            utf8Line = line
            utf8Column = column
            utf8Low = 0x80
            utf8High = 0xBF
            switch byte {
            case 0xC2...0xDF: utf8Needed = 1
            case 0xE0: utf8Needed = 2; utf8Low = 0xA0  // no overlong forms
            case 0xE1...0xEC, 0xEE...0xEF: utf8Needed = 2
            case 0xED: utf8Needed = 2; utf8High = 0x9F  // no surrogates
            case 0xF0: utf8Needed = 3; utf8Low = 0x90
            case 0xF1...0xF3: utf8Needed = 3
            case 0xF4: utf8Needed = 3; utf8High = 0x8F  // nothing past U+10FFFF
            default: throw CSVError.invalidUTF8(at: location(line, column))
            }
        } else {
            guard byte >= utf8Low, byte <= utf8High else {
                throw CSVError.invalidUTF8(at: location(utf8Line, utf8Column))
            }
            utf8Low = 0x80
            utf8High = 0xBF
            utf8Needed -= 1
        }
    }

    private func location(_ line: Int, _ column: Int) -> Diagnostic.Location {
        Diagnostic.Location(file: displayPath, line: line, column: column)
    }
}
