import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A plain TCP connection to 127.0.0.1, for sending exactly the bytes a test means (half a
/// request, two Host headers) and seeing when the server closes it. Every wait is bounded, and
/// runs on a Dispatch thread: blocking the few threads of Swift's cooperative pool would
/// starve the very server under test.
final class RawConnection: Sendable {
    private let socket: Int32

    init(port: Int) throws {
        #if os(Linux)
            socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
            socket = Darwin.socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard socket >= 0 else { throw RawConnectionError("socket() failed: \(errno)") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        // Not closed here: once `socket` is set, a throw still runs `deinit`, which closes it.
        // Closing it twice closed whatever descriptor the number had been given to meanwhile
        // (the server's own listening socket, once), and NIO stopped on the EBADF.
        guard connected == 0 else { throw RawConnectionError("connect to 127.0.0.1:\(port) failed: \(errno)") }
    }

    deinit { if socket >= 0 { Self.closeDescriptor(socket) } }

    /// Ends the connection (the descriptor itself is released with the object).
    func close() {
        _ = shutdown(socket, Int32(SHUT_RDWR))
    }

    private static func closeDescriptor(_ descriptor: Int32) {
        #if os(Linux)
            _ = Glibc.close(descriptor)
        #else
            _ = Darwin.close(descriptor)
        #endif
    }

    func send(_ text: String) throws {
        let bytes = Array(text.utf8)
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { raw -> Int in
                #if os(Linux)
                    Glibc.send(socket, raw.baseAddress, raw.count, Int32(MSG_NOSIGNAL))
                #else
                    Darwin.send(socket, raw.baseAddress, raw.count, 0)
                #endif
            }
            guard count > 0 else { throw RawConnectionError("send failed: \(errno)") }
            sent += count
        }
    }

    /// What the server sent until it closed the connection or `seconds` passed.
    func readUntilClosed(within seconds: Double) async -> (text: String, closed: Bool) {
        await offThePool { self.blockingReadUntilClosed(within: seconds) }
    }

    /// One whole response with a Content-Length, read within `seconds`; the connection stays open.
    func readResponse(within seconds: Double) async throws -> String {
        try await offThePool { Result { try self.blockingReadResponse(within: seconds) } }.get()
    }

    private func offThePool<Value: Sendable>(_ work: @escaping @Sendable () -> Value) async -> Value {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: work()) }
        }
    }

    private func blockingReadUntilClosed(within seconds: Double) -> (text: String, closed: Bool) {
        var received: [UInt8] = []
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            let left = deadline.timeIntervalSinceNow
            guard left > 0 else { return (String(decoding: received, as: UTF8.self), false) }
            var ready = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
            guard poll(&ready, 1, Int32(left * 1000) + 1) > 0 else { continue }
            var buffer = [UInt8](repeating: 0, count: 4096)
            let count = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            // 0 is the server's FIN; an error (a reset) is a close too.
            guard count > 0 else { return (String(decoding: received, as: UTF8.self), true) }
            received += buffer[..<count]
        }
    }

    private func blockingReadResponse(within seconds: Double) throws -> String {
        var received: [UInt8] = []
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            let text = String(decoding: received, as: UTF8.self)
            if let end = text.range(of: "\r\n\r\n") {
                let head = text[..<end.lowerBound].lowercased()
                let length =
                    head.split(separator: "\r\n").first { $0.hasPrefix("content-length:") }
                    .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) } ?? 0
                if text.utf8.distance(from: end.upperBound.samePosition(in: text.utf8)!, to: text.utf8.endIndex) >= length { return text }
            }
            let left = deadline.timeIntervalSinceNow
            guard left > 0 else { throw RawConnectionError("no whole response within \(seconds) s; got \(text.debugDescription)") }
            var ready = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
            guard poll(&ready, 1, Int32(left * 1000) + 1) > 0 else { continue }
            var buffer = [UInt8](repeating: 0, count: 4096)
            let count = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { throw RawConnectionError("closed before a whole response; got \(text.debugDescription)") }
            received += buffer[..<count]
        }
    }
}

struct RawConnectionError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
