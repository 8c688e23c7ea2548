/// CSV, the first source format: `CSVReader` and `CSVRecord` (Extract/) as staging reads them.

extension CSVRecord: SourceRecord {
    @inline(__always)
    func bytes(of i: Int) -> UnsafeBufferPointer<UInt8> {
        let field = fields[i]
        return UnsafeBufferPointer(start: bytes + field.start, count: field.end - field.start)
    }
}

extension CSVReader: SourceReader {
    func read<Handler: RecordHandler>(into handler: inout Handler) throws {
        try read { record in try handler.handle(record) }
    }
}
