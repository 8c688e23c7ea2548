import CZstd

/// zstd compression of Parquet pages through libzstd, one reusable context per writer.
///
/// The level is fixed, and compression is single-threaded and one-shot, so the same bytes always
/// compress to the same bytes (with the same libzstd).
final class ZstdCompressor {
    /// zstd's default level: about as fast as Snappy to decode, a third smaller on our data.
    static let level: Int32 = 3

    private let context: OpaquePointer
    private var output: [UInt8] = []

    /// Creates a compressor. - Throws: `ZstdError` when libzstd cannot allocate a context.
    init() throws {
        guard let context = ZSTD_createCCtx() else { throw ZstdError(message: "cannot create a compression context") }
        self.context = context
    }

    deinit { ZSTD_freeCCtx(context) }

    /// The zstd frame holding `input`.
    /// - Throws: `ZstdError` with libzstd's message.
    func compress(_ input: [UInt8]) throws -> [UInt8] {
        let bound = ZSTD_compressBound(input.count)
        if output.count < bound { output = [UInt8](repeating: 0, count: bound) }
        let size = input.withUnsafeBytes { source in
            output.withUnsafeMutableBytes { destination in
                ZSTD_compressCCtx(context, destination.baseAddress, destination.count,
                                  source.baseAddress, source.count, Self.level)
            }
        }
        if ZSTD_isError(size) != 0 { throw ZstdError(message: String(cString: ZSTD_getErrorName(size))) }
        return Array(output[..<size])
    }
}

/// A failure inside libzstd.
struct ZstdError: Error, CustomStringConvertible {
    var message: String
    var description: String { "zstd: \(message)" }
}
