import Foundation
import Logging
import NIOCore
import NIOPosix
import PostgresNIO

extension PostgresStore {
    /// The server cannot be used, and will not become usable by waiting: no such host, nothing
    /// listening, a refused password, no such database, TLS that does not match.
    public struct CannotConnectError: Error, CustomStringConvertible, Sendable {
        public let server: String
        /// Why, in words: never the password.
        public let reason: String

        public var description: String { "cannot connect to PostgreSQL at \(server): \(reason)" }
    }

    /// Connects once, on a connection of its own, and says at once why the server cannot be
    /// used. Only a server that is starting up (SQLSTATE 57P03) is waited for, once a second,
    /// for at most `timeout`; anything else throws `CannotConnectError` on the first attempt.
    ///
    /// postgres-nio's pool retries every failed connection for ever, logging each attempt, so
    /// without this a mistyped host or a stopped server gave half a minute of raw errors
    /// before the operator learnt anything. Does nothing for a store configured by its caller.
    public func checkServer(within timeout: Duration = .seconds(30)) async throws {
        guard let checkConfiguration else { return }
        // The connection's own log lines would repeat, rawly, what the error below says.
        let quiet = Logger(label: "parley.postgres-check", factory: { _ in SwiftLogNoOpLogHandler() })
        let deadline = ContinuousClock.now + timeout
        for attempt in 1... {
            do {
                let connection = try await PostgresConnection.connect(configuration: checkConfiguration, id: attempt, logger: quiet)
                try? await connection.close()
                return
            } catch let error as PSQLError where error.serverInfo?[.sqlState] == "57P03" && ContinuousClock.now < deadline {
                if attempt == 1 {
                    logger.notice("PostgreSQL at \(server) is starting up; waiting for it (at most \(timeout.components.seconds) s)")
                }
                try await Task.sleep(for: .seconds(1))
            } catch {
                throw CannotConnectError(server: server, reason: Self.reason(error))
            }
        }
    }

    /// Whether the database holds a Parley site: whether its migrations ledger exists.
    public func holdsSite() async throws -> Bool {
        let row = try await rows("SELECT to_regclass('schema_migrations') IS NOT NULL").first
        return try row?.decode(Bool.self) ?? false
    }

    /// One line on why a connection failed, from what postgres-nio and SwiftNIO report.
    static func reason(_ error: any Error) -> String {
        if let error = error as? PSQLError {
            if let info = error.serverInfo {
                let state = info[.sqlState].map { " (SQLSTATE \($0))" } ?? ""
                return "the server refused: \(info[.message] ?? "no message")\(state)"
            }
            switch error.code {
            case .sslUnsupported: return "the server does not offer TLS, and the URL's sslmode requires it"
            case .connectionError, .serverClosedConnection, .uncleanShutdown:
                if let underlying = error.underlying { return reason(underlying) }
            default: break
            }
            return "\(error.code)"
        }
        if let error = error as? NIOConnectionError {
            if error.connectionErrors.isEmpty, error.dnsAError != nil || error.dnsAAAAError != nil {
                return "the host name \(error.host) does not resolve"
            }
            if let first = error.connectionErrors.first { return reason(first.error) }
            return "no address of \(error.host) could be reached"
        }
        if let error = error as? IOError {
            switch error.errnoCode {
            case ECONNREFUSED: return "connection refused (is PostgreSQL running, and on this port?)"
            case ENOENT: return "no such socket (is PostgreSQL running?)"
            case ENETUNREACH, EHOSTUNREACH: return "the network or host is unreachable"
            default: return "\(error)"
            }
        }
        if let error = error as? ChannelError, case .connectTimeout(let amount) = error {
            return "no answer within \(amount.nanoseconds / 1_000_000_000) s"
        }
        return String(describing: error)
    }
}
