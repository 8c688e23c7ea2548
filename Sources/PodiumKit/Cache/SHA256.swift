import CCrypto
import Foundation

/// SHA-256 through the system's libcrypto (OpenSSL), streaming so large files need little memory.
///
/// It uses the direct `SHA256_*` functions rather than `EVP_Digest*`: the EVP interface loads
/// OpenSSL's providers and object tables on first use (about a millisecond, and as long again in
/// its exit handler), which is most of what a no-change build would spend on hashing.
public struct SHA256 {
    private var context = SHA256_CTX()

    public init() {
        SHA256_Init(&context)
    }

    /// Adds bytes to the digest.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        SHA256_Update(&context, base, bytes.count)
    }

    /// Adds the UTF-8 bytes of `text`.
    public mutating func update(_ text: String) {
        var text = text
        text.withUTF8 { update(UnsafeRawBufferPointer($0)) }
    }

    /// Finishes the digest, returns it as 64 lower-case hex digits and starts a new one.
    public mutating func finalize() -> String {
        var digest = [UInt8](repeating: 0, count: Int(SHA256_DIGEST_LENGTH))
        SHA256_Final(&digest, &context)
        SHA256_Init(&context)
        let digits = Array("0123456789abcdef".utf8)
        return String(unsafeUninitializedCapacity: digest.count * 2) { text in
            for (index, byte) in digest.enumerated() {
                text[2 * index] = digits[Int(byte >> 4)]
                text[2 * index + 1] = digits[Int(byte & 0x0F)]
            }
            return digest.count * 2
        }
    }

    /// The SHA-256 of a string's UTF-8 bytes.
    public static func hex(_ text: String) -> String {
        var hasher = SHA256()
        hasher.update(text)
        return hasher.finalize()
    }

    /// The SHA-256 of a file, read in 256 KiB chunks into one uninitialised buffer (a zeroed
    /// 1 MiB array per file cost more than hashing the small files of a typical project).
    public static func hex(fileAt path: String) throws -> String {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw DiagnosticsError(.error("cannot read \(path): \(String(cString: strerror(errno)))",
                                          at: .init(file: path), hint: "check that the file exists and is readable"))
        }
        defer { close(descriptor) }
        var hasher = SHA256()
        try withUnsafeTemporaryAllocation(byteCount: 1 << 18, alignment: 64) { buffer in
            while true {
                let count = read(descriptor, buffer.baseAddress, buffer.count)
                if count == 0 { break }
                if count < 0 {
                    if errno == EINTR { continue }
                    throw DiagnosticsError(.error("cannot read \(path): \(String(cString: strerror(errno)))",
                                                  at: .init(file: path), hint: "check that the file is readable"))
                }
                hasher.update(UnsafeRawBufferPointer(rebasing: buffer[..<count]))
            }
        }
        return hasher.finalize()
    }
}

extension String {
    func leftPadded(to length: Int, with pad: Character = "0") -> String {
        count >= length ? self : String(repeating: pad, count: length - count) + self
    }
}
