/// Turns a worksheet's XML (`<row r="5"><c r="B5" s="3" t="s"><v>7</v></c>…`) into records:
/// cells placed by their reference (gaps left empty), values converted by type and style.
struct XLSXRowAssembler: ~Copyable {
    private enum CellType { case number, shared, inline, formulaString, boolean, error, isoDate }
    private enum Capture { case none, value, inlineText }

    private let reader: XLSXReader
    private let workbook: XLSXWorkbook
    private var arena = ByteBuffer(capacity: 4096)
    private var fields: [Range<Int>] = []
    /// The highest column holding a value in the current row, or -1.
    private var lastFilled = -1
    private var headerWidth: Int?
    private var headerTexts: [String] = []
    private var errorTokens: [[String]] = []

    private var row = 0
    private var lastRow = 0
    private var column = -1
    private var type = CellType.number
    private var style = 0
    private var capture = Capture.none
    /// Whether a `<c>` is open: a stray `</c>` places nothing.
    private var inCell = false
    private var inInline = false
    private var inPhonetic = false
    private var value: [UInt8] = []
    private var hasValue = false

    init(reader: XLSXReader) {
        self.reader = reader
        workbook = reader.workbook
        value.reserveCapacity(256)
    }

    mutating func run(_ scanner: inout XMLScanner, _ body: (XLSXRecord) throws -> Void) throws {
        while true {
            switch try scanner.next() {
            case .start:
                if scanner.isName("c") {
                    try startCell(scanner)
                    if scanner.selfClosing { column = max(column, 0) }
                } else if scanner.isName("v") {
                    capture = scanner.selfClosing ? .none : .value
                } else if scanner.isName("is") {
                    inInline = !scanner.selfClosing
                } else if scanner.isName("t") {
                    if inInline, !inPhonetic, !scanner.selfClosing { capture = .inlineText }
                } else if scanner.isName("rPh") {
                    inPhonetic = !scanner.selfClosing
                } else if scanner.isName("row") {
                    try startRow(scanner)
                    if scanner.selfClosing { try finishRow(body) }
                } else if scanner.isName("f") || scanner.isName("extLst") {
                    try scanner.skipElement()
                }
            case .text:
                if capture != .none {
                    value.append(contentsOf: scanner.text)
                    hasValue = true
                }
            case .end:
                if scanner.isName("v") || scanner.isName("t") {
                    capture = .none
                } else if scanner.isName("c") {
                    try finishCell()
                } else if scanner.isName("row") {
                    try finishRow(body)
                } else if scanner.isName("is") {
                    inInline = false
                } else if scanner.isName("rPh") {
                    inPhonetic = false
                }
            case .endOfDocument:
                if headerWidth == nil {
                    throw reader.noted(XLSXError.headerPastEnd(workbook.displayPath, sheet: reader.sheet.name,
                                                               headerRow: reader.headerRow, lastRow: lastRow))
                }
                return
            }
        }
    }

    // MARK: - Rows

    private mutating func startRow(_ scanner: borrowing XMLScanner) throws {
        let number = scanner.attribute("r").flatMap { Self.decimal($0) } ?? row + 1
        guard number > row, number <= 1 << 24 else {
            throw XLSXError.badCell(at: reader.location(row: number, column: 0), "row number \(number) is out of order")
        }
        row = number
        lastRow = number
        column = -1
        inCell = false
        lastFilled = -1
        arena.removeAll()
        for index in fields.indices { fields[index] = 0..<0 }
    }

    private mutating func finishRow(_ body: (XLSXRecord) throws -> Void) throws {
        guard row >= reader.headerRow else { return }
        let width: Int
        if let headerWidth {
            guard lastFilled >= 0 else { return }  // a row without values, like a blank line
            if lastFilled >= headerWidth, let first = fields.indices.first(where: { $0 >= headerWidth && !fields[$0].isEmpty }) {
                throw XLSXError.valuePastHeader(at: reader.location(row: row, column: first),
                                                header: reader.location(row: reader.headerRow, column: first))
            }
            width = headerWidth
        } else {
            guard row == reader.headerRow, lastFilled >= 0 else {
                throw reader.noted(XLSXError.headerEmpty(at: reader.location(row: reader.headerRow, column: 0),
                                                         headerRow: reader.headerRow))
            }
            width = lastFilled + 1
            headerWidth = width
        }
        if fields.count < width { fields.append(contentsOf: repeatElement(0..<0, count: width - fields.count)) }
        try fields.withUnsafeBufferPointer { all in
            let record = XLSXRecord(line: row, bytes: UnsafePointer(arena.base), fields: UnsafeBufferPointer(rebasing: all[0..<width]),
                                    reader: reader)
            if headerTexts.isEmpty {
                headerTexts = record.strings
                errorTokens = headerTexts.map { reader.nullTokens($0) }
            }
            try body(record)
        }
    }

    // MARK: - Cells

    private mutating func startCell(_ scanner: borrowing XMLScanner) throws {
        if let reference = scanner.attribute("r") {
            guard let parsed = Self.column(of: reference) else {
                throw XLSXError.badCell(at: reader.location(row: row, column: max(column + 1, 0)),
                                        "has the invalid reference '\(String(decoding: reference, as: UTF8.self))'")
            }
            column = parsed
        } else {
            column += 1
        }
        guard column < XLSXReader.maxColumns else {
            throw XLSXError.badCell(at: reader.location(row: row, column: XLSXReader.maxColumns - 1), "lies past column XFD")
        }
        style = scanner.attribute("s").flatMap { Self.decimal($0) } ?? 0
        if let name = scanner.attribute("t") {
            if name.elementsEqual("s".utf8) {
                type = .shared
            } else if name.elementsEqual("n".utf8) {
                type = .number
            } else if name.elementsEqual("inlineStr".utf8) {
                type = .inline
            } else if name.elementsEqual("str".utf8) {
                type = .formulaString
            } else if name.elementsEqual("b".utf8) {
                type = .boolean
            } else if name.elementsEqual("e".utf8) {
                type = .error
            } else if name.elementsEqual("d".utf8) {
                type = .isoDate
            } else {
                throw XLSXError.badCell(at: reader.location(row: row, column: column),
                                        "has the unknown type '\(String(decoding: name, as: UTF8.self))'")
            }
        } else {
            type = .number
        }
        value.removeAll(keepingCapacity: true)
        hasValue = false
        capture = .none
        inCell = !scanner.selfClosing
    }

    private mutating func finishCell() throws {
        capture = .none
        guard inCell, column >= 0 else { return }
        inCell = false
        guard row >= reader.headerRow, hasValue, !value.isEmpty || type == .inline || type == .formulaString else { return }
        let start = arena.count
        switch type {
        case .shared:
            guard let index = Self.decimal(value[...]),
                  workbook.withSharedString(index, { arena.append($0.baseAddress ?? UnsafePointer(arena.base), count: $0.count) }) != nil
            else {
                throw XLSXError.badCell(at: here, "refers to shared string \(String(decoding: value, as: UTF8.self)), which the workbook does not have")
            }
        case .inline, .formulaString:
            var text: [UInt8] = []
            XLSXText.appendUnescaped(value, to: &text)
            guard Self.isValidUTF8(text) else { throw XLSXError.badCell(at: here, "holds invalid UTF-8") }
            append(text)
        case .boolean:
            let isTrue = value.elementsEqual("1".utf8) || value.elementsEqual("true".utf8)
            arena.append(isTrue ? UInt8(ascii: "1") : UInt8(ascii: "0"))
        case .error:
            let text = String(decoding: value, as: UTF8.self)
            let tokens = column < errorTokens.count ? errorTokens[column] : []
            guard headerWidth != nil, tokens.contains(text) else {
                throw XLSXError.errorCell(at: here, value: text, header: column < headerTexts.count ? headerTexts[column] : nil)
            }
            append(value)
        case .isoDate:
            append(Array(Self.isoDateText(String(decoding: value, as: UTF8.self)).utf8))
        case .number:
            let kind = style < workbook.styles.count ? workbook.styles[style] : .number
            if kind == .number, Self.isPlainInteger(value) {
                append(value)
            } else {
                guard let number = Double(String(decoding: value, as: UTF8.self)), number.isFinite else {
                    throw XLSXError.badCell(at: here, "holds '\(String(decoding: value, as: UTF8.self))', which is not a number")
                }
                if kind == .number {
                    append(Array(Self.numberText(number).utf8))
                } else {
                    do {
                        append(Array(try XLSXDate.text(number, kind: kind, date1904: workbook.date1904).utf8))
                    } catch XLSXDate.Failure.leapDay {
                        throw XLSXError.leapDay(at: here)
                    } catch {
                        append(Array(Self.numberText(number).utf8))  // not a date Excel could show: the number
                    }
                }
            }
        }
        if arena.count > start || type == .inline || type == .formulaString {
            if fields.count <= column { fields.append(contentsOf: repeatElement(0..<0, count: column + 1 - fields.count)) }
            fields[column] = start..<arena.count
            if arena.count > start { lastFilled = max(lastFilled, column) }
        }
    }

    private var here: Diagnostic.Location { reader.location(row: row, column: column) }

    private mutating func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { if let base = $0.baseAddress { arena.append(base, count: $0.count) } }
    }

    // MARK: - Values

    /// The shortest text that reads back as `number`: whole numbers without a fraction (`42`).
    static func numberText(_ number: Double) -> String {
        if number == number.rounded(), abs(number) < 1e15 { return String(Int64(number)) }
        return number.description
    }

    /// `2021-07-23T00:00:00Z` as `2021-07-23`; with a time of day, `2021-07-23 18:30:00`.
    static func isoDateText(_ text: String) -> String {
        let parts = text.split(separator: "T", maxSplits: 1)
        guard parts.count == 2 else { return text }
        let time = parts[1].prefix(8)
        return time.allSatisfy({ $0 == "0" || $0 == ":" }) ? String(parts[0]) : "\(parts[0]) \(time)"
    }

    /// An optional `-` and 1–15 digits: a number that is already in its shortest form.
    static func isPlainInteger(_ bytes: [UInt8]) -> Bool {
        var digits = bytes[...]
        if digits.first == UInt8(ascii: "-") { digits = digits.dropFirst() }
        guard (1...15).contains(digits.count), digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return false }
        return digits.count == 1 || digits.first != 0x30
    }

    /// The 0-based column of a reference such as `B12` (letters, then the row).
    static func column<Bytes: Collection<UInt8>>(of reference: Bytes) -> Int? {
        var column = 0
        var letters = 0
        for byte in reference {
            let upper = byte & ~0x20
            guard upper >= UInt8(ascii: "A"), upper <= UInt8(ascii: "Z") else { break }
            column = column * 26 + Int(upper - UInt8(ascii: "A")) + 1
            letters += 1
            if letters > 3 { return nil }
        }
        return letters == 0 ? nil : column - 1
    }

    static func decimal<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Int? {
        guard !bytes.isEmpty, bytes.count <= 18 else { return nil }
        var value = 0
        for byte in bytes {
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        return value
    }

    static func isValidUTF8<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Bool {
        if bytes.allSatisfy({ $0 < 0x80 }) { return true }
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue: continue
            case .emptyInput: return true
            case .error: return false
            }
        }
    }
}
