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
}

/// The header, then the values of the columns whose type is inferred.
private struct LayoutReading: RecordHandler {
    let source: SourceSpec
    var layout: StagingLayout?
    var inferred: [Int] = []
    var inferences: [TypeInference] = []

    init(source: SourceSpec) {
        self.source = source
    }

    mutating func handle<Record: SourceRecord>(_ record: Record) throws {
        guard let known = layout else {
            let header = try StagingLayout(header: record, source: source)
            layout = header
            inferred = header.undeclaredTypeIndexes
            if inferred.isEmpty { throw StopReading() }  // every type is declared
            inferences = Array(repeating: TypeInference(), count: header.columns.count)
            return
        }
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
