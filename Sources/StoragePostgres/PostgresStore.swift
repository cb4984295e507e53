import Domain
import Foundation
import Logging
import PostgresNIO
import ServiceLifecycle
import Storage

/// The PostgreSQL engine of every storage port, over postgres-nio's `PostgresClient` (a pool
/// of connections): what several Parley instances behind a load balancer share.
///
/// The store is a `Service`: its `run()` runs the client's connection pool, and nothing can be
/// read or written until it runs. The application adds the store to its service group (so the
/// pool closes gracefully on shutdown) and calls `migrate()` once it runs, before serving.
///
/// Each port method is one transaction: a single statement on its own, or `BEGIN ... COMMIT`
/// on one leased connection. Every value is a bound parameter. Rows are decoded by position
/// into tuples, without Codable. Writes that change a thread's shape (inserting a reply,
/// deleting) first lock the thread's root row, so that two instances changing one thread at
/// once take turns, as SQLite's single writer does, and a delete never misses a reply being
/// inserted under it.
public final class PostgresStore: SiteStore, Service {
    let client: PostgresClient
    let logger: Logger
    /// Where the server is, for messages: "host:port" or the socket's path. Never the password.
    let server: String
    /// Which database of which server, for messages: "host:port/database" (the socket's path for
    /// a socket). Never the user or the password.
    public let location: String
    /// The pool's settings for a single connection, with which `checkServer(within:)` finds out
    /// why a server cannot be used; nil for a store configured by its caller (tests).
    let checkConfiguration: PostgresConnection.Configuration?

    /// A store for the database at `url` (see `configuration(url:)` for the forms it takes).
    /// Throws `PostgresURLError` for a URL it cannot use; connects only once `run()` runs.
    public convenience init(url: String, logger: Logger) throws {
        self.init(
            configuration: try Self.configuration(url: url), logger: logger,
            checkConfiguration: try Self.connectionConfiguration(url: url))
    }

    /// A store over a client configured by the caller: for pool sizes, startup parameters, or
    /// a Unix socket.
    public convenience init(configuration: PostgresClient.Configuration, logger: Logger) {
        self.init(configuration: configuration, logger: logger, checkConfiguration: nil)
    }

    init(configuration: PostgresClient.Configuration, logger: Logger, checkConfiguration: PostgresConnection.Configuration?) {
        self.logger = logger
        server = configuration.unixSocketPath ?? "\(configuration.host ?? "?"):\(configuration.port ?? 5432)"
        // Without a database in the URL the server uses the one named after the user, as libpq does.
        location = "\(server)/\(configuration.database ?? configuration.username)"
        client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.checkConfiguration = checkConfiguration
    }

    /// Runs the connection pool until the task is cancelled or the service group shuts down
    /// gracefully. Call it once: the pool cannot be restarted.
    public func run() async throws {
        await client.run()
    }

    // MARK: Statements and transactions

    /// Every row of one statement, run on its own (so in a transaction of its own).
    func rows(_ query: PostgresQuery) async throws -> [PostgresRow] {
        do {
            return try await client.query(query, logger: logger).collect()
        } catch let error as PSQLError {
            throw Self.storeError(error)
        }
    }

    /// Runs several statements on one leased connection, without a transaction: for reads
    /// whose statements see only rows that never change once written (a comment's path), so
    /// that a snapshot would not change their answer.
    func withConnection<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        do {
            return try await client.withConnection { connection in try await body(connection) }
        } catch let error as PSQLError {
            throw Self.storeError(error)
        }
    }

    /// Runs `body` in one transaction (READ COMMITTED unless `begin` says otherwise) on one
    /// leased connection; rolls back when it throws. postgres-nio's own `withTransaction` wraps
    /// every error in a `PostgresTransactionError`; this one lets `StoreError`s through as they are.
    func transaction<T: Sendable>(
        begin: PostgresQuery = "BEGIN",
        _ body: (PostgresConnection) async throws -> T
    ) async throws -> T {
        try await withConnection { connection in
            try await connection.query(begin, logger: logger)
            let value: T
            do {
                value = try await body(connection)
            } catch {
                // If the connection broke, ROLLBACK fails too and the pool drops the connection;
                // the body's error is the one worth reporting.
                _ = try? await connection.query("ROLLBACK", logger: logger)
                throw error
            }
            try await connection.query("COMMIT", logger: logger)
            return value
        }
    }

    /// The foreign keys, by PostgreSQL's default constraint names, as the thing a write found missing.
    static let missingByConstraint: [String: String] = [
        "sessions_member_id_fkey": "member",
        "posts_author_id_fkey": "member",
        "comments_post_id_fkey": "post",
        "comments_parent_id_fkey": "parent",
        "comments_author_id_fkey": "member",
        "likes_comment_id_fkey": "comment",
        "likes_member_id_fkey": "member",
        "avatars_member_id_fkey": "member",
        "follows_member_id_fkey": "member",
        "follows_post_id_fkey": "post",
        "notifications_recipient_id_fkey": "member",
        "newsletter_sends_post_id_fkey": "post",
    ]

    /// PostgreSQL's constraint errors in the terms every store uses; anything else as it is.
    static func storeError(_ error: PSQLError) -> Error {
        guard let info = error.serverInfo else { return error }
        switch info[.sqlState] {
        case "23505":
            // "Key (email)=(ada@example.com) already exists." names the columns, the first of
            // which is the field, as SQLite's message does.
            if let detail = info[.detail], let open = detail.range(of: "Key ("),
                let close = detail.range(of: ")=", range: open.upperBound..<detail.endIndex)
            {
                let columns = detail[open.upperBound..<close.lowerBound]
                let first = columns.split(separator: ",").first.map { $0.trimmingCharacters(in: .whitespaces) }
                return StoreError.duplicate(field: first ?? "unknown")
            }
            return StoreError.duplicate(field: info[.constraintName] ?? "unknown")
        case "23503":
            return StoreError.missing(info[.constraintName].flatMap { missingByConstraint[$0] } ?? "referenced row")
        default:
            return error
        }
    }
}

extension PostgresConnection {
    /// Every row of `query` on this connection, read to the end so the next statement can run.
    func rows(_ query: PostgresQuery, _ logger: Logger) async throws -> [PostgresRow] {
        try await self.query(query, logger: logger).collect()
    }
}

extension Date {
    /// How a time is stored: BIGINT milliseconds since 1970.
    var stored: Int64 { millisecondsSince1970 }
}

extension Optional where Wrapped == Int64 {
    var date: Date? { map(Date.init(millisecondsSince1970:)) }
}
