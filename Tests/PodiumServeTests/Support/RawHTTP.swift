import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An HTTP/1.1 client on a plain TCP socket: the request line is sent exactly as written (no
/// client-side normalisation of `..` or `%2e`), so tests see what the server does with it.
struct RawHTTP {
    struct Response {
        var status: Int
        var headers: [String: String]  // lower-cased names
        var body: Data
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    /// A connected socket to 127.0.0.1:`port`, with a receive timeout.
    final class Connection {
        let socket: Int32

        init(port: UInt16, timeout: TimeInterval = 10) throws {
            socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard socket >= 0 else { throw TestFailure("socket: \(errno)") }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = port.bigEndian
            address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard connected == 0 else {
                close(socket)
                throw TestFailure("cannot connect to 127.0.0.1:\(port): errno \(errno)")
            }
            var wait = timeval(tv_sec: Int(timeout), tv_usec: Int((timeout - Double(Int(timeout))) * 1_000_000))
            setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &wait, socklen_t(MemoryLayout<timeval>.size))
        }

        func send(_ text: String) {
            var bytes = Array(text.utf8)
            _ = bytes.withUnsafeMutableBytes { Glibc.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        }

        /// The next bytes, or nil at the end of the stream or on timeout.
        func receive() -> Data? {
            var buffer = [UInt8](repeating: 0, count: 65536)
            let count = recv(socket, &buffer, buffer.count, 0)
            return count > 0 ? Data(buffer[..<count]) : nil
        }

        deinit { close(socket) }
    }

    /// `GET path` (or another method), read to the end (`Connection: close`).
    static func request(_ path: String, port: UInt16, method: String = "GET", host: String? = nil) throws -> Response {
        let connection = try Connection(port: port)
        connection.send("\(method) \(path) HTTP/1.1\r\nHost: \(host ?? "127.0.0.1:\(port)")\r\nConnection: close\r\n\r\n")
        var data = Data()
        while let chunk = connection.receive() { data += chunk }
        guard let split = data.range(of: Data("\r\n\r\n".utf8)) else { throw TestFailure("no HTTP response to \(path): \(String(decoding: data, as: UTF8.self))") }
        let head = String(decoding: data[..<split.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
        let status = Int(head[0].split(separator: " ").dropFirst().first ?? "") ?? 0
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return Response(status: status, headers: headers, body: Data(data[split.upperBound...]))
    }
}

/// The server's event stream, read as it arrives.
final class EventStreamReader {
    private let connection: RawHTTP.Connection
    private(set) var received = ""

    init(port: UInt16) throws {
        connection = try RawHTTP.Connection(port: port, timeout: 0.2)
        connection.send("GET /__podium/events HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nAccept: text/event-stream\r\n\r\n")
        try waitFor("event: status")
    }

    /// Reads until the stream (after `after` characters) holds `text`; returns what was received.
    @discardableResult
    func waitFor(_ text: String, after: Int = 0, timeout: TimeInterval = 30) throws -> String {
        let deadline = Date(timeIntervalSinceNow: timeout)
        while !String(received.dropFirst(after)).contains(text) {
            if Date() > deadline { throw TestFailure("no '\(text)' in the event stream within \(timeout) s; received:\n\(received)") }
            if let data = connection.receive() { received += String(decoding: data, as: UTF8.self) }
        }
        return received
    }
}
