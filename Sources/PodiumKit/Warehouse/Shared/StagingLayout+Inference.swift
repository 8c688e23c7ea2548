extension StagingLayout {
    /// Reads the header and, when some types are not declared, infers them in one pass.
    static func read<Reader: SourceReader>(_ source: SourceSpec, reader: Reader) throws -> StagingLayout {
        var reading = LayoutReading(source: source)
        do {
            try reader.read(into: &reading)
        } catch is StopReading {}
        // The reader throws for a file without records, so the header has been read here.
        guard var result = reading.layout else { throw CSVError.empty(source.path) }
        for index in reading.inferred { result.columns[index].type = reading.inferences[index].type }
        return result
    }

    /// One file of a multi-file source: its layout (undeclared types left nil), its own header
    /// and the line it is on, and the inference of each column over the file's values (only
    /// those of undeclared types are meaningful).
    /// - Parameter expected: the header the file must have (the first file's), with where it is.
    static func readFile<Reader: SourceReader>(_ source: SourceSpec, reader: Reader, fields: FileFields, keys: [String],
                                               expected: (headers: [String], path: String, line: Int)?) throws
        -> (layout: StagingLayout, headers: [String], headerLine: Int, inferences: [TypeInference]) {
        var reading = LayoutReading(source: source)
        reading.file = (fields, keys)
        reading.expectedHeader = expected
        do {
            try reader.read(into: &reading)
        } catch is StopReading {}
        guard let layout = reading.layout else { throw CSVError.empty(fields.path) }
        let inferences = reading.inferences.isEmpty ? Array(repeating: TypeInference(), count: layout.columns.count) : reading.inferences
        return (layout, reading.headers, reading.headerLine, inferences)
    }
}

/// The header, then the values of the columns whose type is inferred.
private struct LayoutReading: RecordHandler {
    let source: SourceSpec
    var layout: StagingLayout?
    var inferred: [Int] = []
    var inferences: [TypeInference] = []
    /// For a file of a multi-file source: its added fields and the source's partition keys.
    var file: (fields: FileFields, keys: [String])?
    /// The header as the file has it, and its line.
    var headers: [String] = []
    var headerLine = 1
    /// The header every file must have: the first file's, with its path and line.
    var expectedHeader: (headers: [String], path: String, line: Int)?

    init(source: SourceSpec) {
        self.source = source
    }

    mutating func handle<Record: SourceRecord>(_ record: Record) throws {
        if let file {
            guard layout != nil else {
                headers = record.strings
                headerLine = record.line
                if let expected = expectedHeader, expected.headers != headers {
                    throw DiagnosticsError(StagingError.headerMismatch(
                        file: file.fields.path, line: record.line, headers: headers, expected: expected.headers,
                        firstFile: expected.path, firstLine: expected.line, source: source))
                }
                return try handleHeader(record, partitionKeys: file.keys)
            }
            return observe(FileRecord(base: record, fields: file.fields))
        }
        guard layout != nil else { return try handleHeader(record, partitionKeys: nil) }
        observe(record)
    }

    private mutating func handleHeader<Record: SourceRecord>(_ record: Record, partitionKeys: [String]?) throws {
        let header = try StagingLayout(header: record, source: source, partitionKeys: partitionKeys)
        layout = header
        inferred = header.undeclaredTypeIndexes
        if inferred.isEmpty { throw StopReading() }  // every type is declared
        inferences = Array(repeating: TypeInference(), count: header.columns.count)
    }

    @inline(__always)
    private mutating func observe<Record: SourceRecord>(_ record: Record) {
        guard let known = layout else { return }
        guard record.count == known.columns.count else { return }  // reported while loading
        for index in inferred {
            let bytes = record.bytes(of: index)
            if known.columns[index].isNullToken(bytes) { continue }  // NULL, like an empty field
            inferences[index].observe(bytes)
        }
    }
}

/// Ends a read once every type is known.
private struct StopReading: Error {}
