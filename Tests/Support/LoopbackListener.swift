import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A listening TCP socket on 127.0.0.1, on a port the kernel chooses, that hands each accepted
/// connection to a handler on its own accept thread (`serve`). The stand-in servers of tests (a PostgreSQL
/// that is starting up, one that refuses TLS) are then only their few lines of protocol.
///
/// Threads, not the cooperative pool: the servers block on reads, and blocking the few
/// threads of Swift's pool would starve the client under test.
public final class LoopbackListener: Sendable {
    public let port: Int
    private let socketFD: Int32

    /// Starts listening; connections wait in the queue until `serve` is called.
    public init() throws {
        let (fd, port) = try Self.bindLoopback()
        guard listen(fd, 8) == 0 else {
            close(fd)
            throw LoopbackListenerError("listen() failed: \(errno)")
        }
        socketFD = fd
        self.port = port
    }

    /// Accepts connections until `stop`. `handler` gets each connection's descriptor and owns
    /// it: it closes it, or hands it to a thread of its own to keep it open.
    public func serve(_ handler: @escaping @Sendable (Int32) -> Void) {
        let fd = socketFD
        Thread.detachNewThread {
            // The accept thread alone closes the socket, once it has stopped accepting: were
            // `stop` to close it, this loop could call accept on the number after the kernel
            // gave it to another socket.
            defer { close(fd) }
            while true {
                let client = accept(fd, nil, nil)
                guard client >= 0 else { return }
                handler(client)
            }
        }
    }

    /// Stops accepting: `accept` fails on a shut-down listening socket, which ends the accept
    /// thread, and that thread closes the socket.
    public func stop() {
        shutdown(socketFD, Int32(SHUT_RDWR))
    }

    /// A port of 127.0.0.1 nothing listens on now: the kernel's choice, released at once.
    public static func freePort() throws -> Int {
        let (fd, port) = try bindLoopback()
        close(fd)
        return port
    }

    /// A TCP socket bound to 127.0.0.1 on a port the kernel chose, and that port.
    private static func bindLoopback() throws -> (Int32, Int) {
        #if os(Linux)
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
            let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw LoopbackListenerError("socket() failed: \(errno)") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else {
            close(fd)
            throw LoopbackListenerError("bind to 127.0.0.1 failed: \(errno)")
        }
        return (fd, Int(UInt16(bigEndian: address.sin_port)))
    }
}

/// Why a loopback socket could not be set up.
public struct LoopbackListenerError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
