import Foundation
import PostgresNIO
import Synchronization
import TestSupport
import Testing

@testable import StoragePostgres

/// `checkServer`: a server that cannot be used is reported at once in one line; only one that
/// is starting up is waited for, and not for ever.
@Suite("Checking the PostgreSQL server before using it")
struct PostgresServerCheckTests {
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
        let port = try LoopbackListener.freePort()
        // A wait of 120 s: failing at once stays far below it even on a loaded machine (18 s seen
        // under the whole suite), while waiting out the time would not.
        let (error, took) = try await Self.failure(
            "postgres://parley:secret@127.0.0.1:\(port)/parley?sslmode=disable", within: .seconds(120))
        #expect(took < .seconds(60), "well under the 120 s it may wait: \(took)")
        #expect(error.description.contains("127.0.0.1:\(port)") && error.description.contains("connection refused"), "\(error)")
        #expect(!error.description.contains("secret"))
    }

    @Test("Given a host name that does not resolve, when the server is checked, then it fails at once saying so")
    func unresolvable() async throws {
        // .invalid never resolves (RFC 6761).
        let (error, took) = try await Self.failure("postgres://parley:secret@no-such-host.invalid/parley", within: .seconds(120))
        // Well under the 120 s it may wait; a loaded machine's resolver may take seconds.
        #expect(took < .seconds(60), "\(took)")
        #expect(error.description.contains("no-such-host.invalid does not resolve"), "\(error)")
    }

    @Test("Given a server that is starting up (57P03), when it is checked, then it is asked again, and a real refusal then ends the wait")
    func startingIsAskedAgain() async throws {
        // Given a server that starts up, then refuses the password: only the second answer is final
        let server = try StartingServer(answers: [StartingServer.startingUp, StartingServer.wrongPassword])
        defer { server.stop() }
        // When it is checked with plenty of time
        let (error, took) = try await Self.failure(
            "postgres://parley:secret@127.0.0.1:\(server.port)/parley?sslmode=disable",
            within: .seconds(60))
        // Then it was asked twice, a second apart, and the refusal ended the wait long before the limit
        #expect(server.connections == 2, "asked \(server.connections) times")
        #expect(took >= .seconds(1) && took < .seconds(30), "\(took)")
        #expect(error.description.contains("28P01"), "\(error)")
    }

    @Test("Given a server that stays starting up (57P03), when it is checked, then the wait ends when the time runs out")
    func startingIsNotWaitedForEver() async throws {
        let server = try StartingServer(answers: [StartingServer.startingUp])
        defer { server.stop() }
        let (error, took) = try await Self.failure(
            "postgres://parley:secret@127.0.0.1:\(server.port)/parley?sslmode=disable",
            within: .seconds(2))
        // Bounded by the limit plus one last attempt, however slow the machine (29 s seen with
        // both cores busy building): a wait that never ended would take the test's whole time.
        #expect(took >= .seconds(2) && took < .seconds(60), "\(took)")
        #expect(error.description.contains("57P03"), "\(error)")
    }

    @Test(
        "Given a wrong password, when the server is checked, then it fails at once with the server's reason",
        .enabled(if: PostgresTestDatabase.url != nil, "TEST_POSTGRES_URL is not set"))
    func wrongPassword() async throws {
        let base = try #require(PostgresTestDatabase.url)
        var url = try #require(URLComponents(string: base))
        url.password = "certainly-not-the-password"
        let (error, took) = try await Self.failure(try #require(url.string), within: .seconds(120))
        #expect(took < .seconds(60), "well under the 120 s it may wait: \(took)")
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

/// A TCP server on 127.0.0.1 that answers each PostgreSQL startup message with an ErrorResponse:
/// the nth connection gets the nth of `answers` (the last one again after that). Counts the
/// connections.
final class StartingServer: Sendable {
    typealias Answer = (sqlState: String, message: String)
    static let startingUp: Answer = ("57P03", "the database system is starting up")
    static let wrongPassword: Answer = ("28P01", "password authentication failed for user \"parley\"")

    private let listener: LoopbackListener
    private let accepted = Mutex(0)
    var port: Int { listener.port }
    var connections: Int { accepted.withLock { $0 } }

    init(answers: [Answer]) throws {
        listener = try LoopbackListener()
        listener.serve { [self] client in
            let answer = answers[
                min(
                    accepted.withLock {
                        $0 += 1; return $0
                    } - 1, answers.count - 1)]
            // The startup message: its length (which counts itself), then the rest.
            var header = [UInt8](repeating: 0, count: 4)
            if read(client, &header, 4) == 4 {
                let length = Int(header[0]) << 24 | Int(header[1]) << 16 | Int(header[2]) << 8 | Int(header[3])
                var rest = [UInt8](repeating: 0, count: max(0, min(length - 4, 4096)))
                _ = read(client, &rest, rest.count)
                let reply = StartingServer.errorResponse(sqlState: answer.sqlState, message: answer.message)
                _ = reply.withUnsafeBytes { write(client, $0.baseAddress, $0.count) }
            }
            close(client)
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

    func stop() { listener.stop() }
}
