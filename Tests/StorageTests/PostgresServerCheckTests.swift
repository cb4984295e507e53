import Foundation
import PostgresNIO
import Synchronization
import Testing

@testable import StoragePostgres

/// `checkServer`: a server that cannot be used is reported at once in one line; only one that
/// is starting up is waited for, and not for ever.
@Suite("Checking the PostgreSQL server before using it")
struct PostgresServerCheckTests {
    /// A port on 127.0.0.1 where nothing listens (bound, then closed).
    static func closedPort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        try #require(bound)
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// The error `checkServer` throws for `url`, and how long it took.
    static func failure(_ url: String, within timeout: Duration = .seconds(30)) async throws -> (PostgresStore.CannotConnectError, Duration)
    {
        let store = try PostgresStore(url: url, logger: PostgresTestDatabase.logger)
        let started = ContinuousClock.now
        let error = try #require(
            await #expect(throws: PostgresStore.CannotConnectError.self) { try await store.checkServer(within: timeout) })
        return (error, ContinuousClock.now - started)
    }

    @Test("Given a port where nothing listens, when the server is checked, then it fails at once: connection refused")
    func refused() async throws {
        let port = try Self.closedPort()
        let (error, took) = try await Self.failure("postgres://parley:secret@127.0.0.1:\(port)/parley?sslmode=disable")
        #expect(took < .seconds(5))
        #expect(error.description.contains("127.0.0.1:\(port)") && error.description.contains("connection refused"), "\(error)")
        #expect(!error.description.contains("secret"))
    }

    @Test("Given a host name that does not resolve, when the server is checked, then it fails at once saying so")
    func unresolvable() async throws {
        // .invalid never resolves (RFC 6761).
        let (error, took) = try await Self.failure("postgres://parley:secret@no-such-host.invalid/parley")
        #expect(took < .seconds(10))
        #expect(error.description.contains("no-such-host.invalid does not resolve"), "\(error)")
    }

    @Test("Given a server that is starting up (57P03), when it is checked, then it is asked again each second until the time runs out")
    func startingIsWaitedFor() async throws {
        let server = try StartingServer()
        defer { server.stop() }
        let (error, took) = try await Self.failure(
            "postgres://parley:secret@127.0.0.1:\(server.port)/parley?sslmode=disable",
            within: .seconds(2))
        #expect(took >= .seconds(2) && took < .seconds(6), "\(took)")
        #expect(server.connections >= 2, "asked \(server.connections) times")
        #expect(error.description.contains("57P03"), "\(error)")
    }

    @Test(
        "Given a wrong password, when the server is checked, then it fails at once with the server's reason",
        .enabled(if: PostgresTestDatabase.url != nil, "TEST_POSTGRES_URL is not set"))
    func wrongPassword() async throws {
        let base = try #require(PostgresTestDatabase.url)
        var url = try #require(URLComponents(string: base))
        url.password = "certainly-not-the-password"
        let (error, took) = try await Self.failure(try #require(url.string))
        #expect(took < .seconds(5))
        #expect(error.description.contains("28P01"), "\(error)")
        #expect(!error.description.contains("certainly-not-the-password"))
    }

    @Test(
        "Given a new schema, when asked whether it holds a site, then no until it is migrated",
        .enabled(if: PostgresTestDatabase.url != nil, "TEST_POSTGRES_URL is not set"))
    func holdsSiteOnceMigrated() async throws {
        try await PostgresTestDatabase.withSchema(migrate: false) { stores in
            #expect(try await !stores[0].holdsSite())
            try await stores[0].migrate()
            #expect(try await stores[0].holdsSite())
        }
    }
}

/// A TCP server on 127.0.0.1 that answers every PostgreSQL startup message as a server that is
/// starting up does: an ErrorResponse with SQLSTATE 57P03. Counts the connections.
final class StartingServer: Sendable {
    let port: Int
    private let socketFD: Int32
    private let accepted = Mutex(0)
    var connections: Int { accepted.withLock { $0 } }

    init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard fd >= 0, bound, listen(fd, 8) == 0 else { close(fd); throw CancellationError() }
        socketFD = fd
        port = Int(UInt16(bigEndian: address.sin_port))
        Thread.detachNewThread { [self] in
            while true {
                let client = accept(fd, nil, nil)
                guard client >= 0 else { return }
                accepted.withLock { $0 += 1 }
                // The startup message: its length (which counts itself), then the rest.
                var header = [UInt8](repeating: 0, count: 4)
                if read(client, &header, 4) == 4 {
                    let length = Int(header[0]) << 24 | Int(header[1]) << 16 | Int(header[2]) << 8 | Int(header[3])
                    var rest = [UInt8](repeating: 0, count: max(0, min(length - 4, 4096)))
                    _ = read(client, &rest, rest.count)
                    let reply = Self.errorResponse(sqlState: "57P03", message: "the database system is starting up")
                    _ = reply.withUnsafeBytes { write(client, $0.baseAddress, $0.count) }
                }
                close(client)
            }
        }
    }

    /// An ErrorResponse message: 'E', its length, then code-tagged zero-terminated fields.
    static func errorResponse(sqlState: String, message: String) -> [UInt8] {
        var fields: [UInt8] = []
        for (code, value) in [("S", "FATAL"), ("V", "FATAL"), ("C", sqlState), ("M", message)] {
            fields += Array(code.utf8) + Array(value.utf8) + [0]
        }
        fields.append(0)
        let length = UInt32(fields.count + 4)
        return [UInt8(ascii: "E")] + withUnsafeBytes(of: length.bigEndian, Array.init) + fields
    }

    func stop() {
        shutdown(socketFD, Int32(SHUT_RDWR))
        close(socketFD)
    }
}
