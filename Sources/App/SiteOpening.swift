import Foundation
import Logging
import ServiceLifecycle
import Storage
import StoragePostgres
import StorageSQLite
import UseCases

/// Why a site could not be opened, in words for the operator.
public struct SiteOpeningError: Error, CustomStringConvertible {
    public let description: String
}

/// A site's store and bus, with what must run for them to work.
public struct OpenedSite: Sendable {
    public let store: any SiteStore
    public let events: any EventBus
    /// Long-lived parts (the PostgreSQL client, the LISTEN connection) the process must run.
    public let services: [any Service]
    /// Brings the schema up to date; runs once the services are running.
    public let prepare: @Sendable () async throws -> Void
    /// Which engine, for logs.
    public let engine: String
    /// Where the site is, for messages: the SQLite file's path, or "host:port/database" on
    /// PostgreSQL. Never a password.
    public let location: String
    /// Whether a site is there already; runs once the services are running, before `prepare`.
    public let holdsSite: @Sendable () async throws -> Bool
}

/// The one place that knows there are database engines to choose from.
public enum SiteOpening {
    /// True when `url` names PostgreSQL: the only kind of URL `--database` takes.
    public static func isPostgres(_ url: String?) -> Bool {
        guard let url = url?.lowercased() else { return false }
        return url.hasPrefix("postgres://") || url.hasPrefix("postgresql://")
    }

    /// Opens the site named by the configuration: PostgreSQL for a postgres:// URL, else the
    /// SQLite file in the data folder.
    ///
    /// With `creating` (what `serve` does), a data folder without a site gets a new, empty one;
    /// without it, such a folder is refused naming its path, so that a mistyped `--data` is
    /// not taken for a new site. No default: each caller says which it is, so that a new one
    /// cannot make sites by accident. Any other kind of `--database` URL is refused, never ignored.
    public static func open(_ configuration: ParleyConfiguration, logger: Logger, creating: Bool) throws -> OpenedSite {
        if let url = configuration.databaseURL, !url.isEmpty {
            guard isPostgres(url) else {
                // Only the scheme is repeated: the rest of a URL may hold a password.
                let scheme = url.split(separator: ":", maxSplits: 1).first.map { "\($0):" } ?? "that"
                throw SiteOpeningError(
                    description: "--database takes a postgres:// or postgresql:// URL, not a \(scheme) one; "
                        + "for the embedded SQLite database leave it unset and choose the folder with --data.")
            }
            let store: PostgresStore
            do {
                store = try PostgresStore(url: url, logger: logger)
            } catch {
                throw SiteOpeningError(description: "--database: \(error)")
            }
            // The bus listens only once the server proved usable: before that its retries would
            // log the raw errors of a server that `prepare` explains in one line.
            let bus = PostgresEventBus(store: store, logger: logger)
            let listening = AfterReady(bus)
            return OpenedSite(
                store: store, events: bus, services: [store, listening],
                prepare: {
                    _ = try await explained { try await store.migrate() }
                    listening.ready()
                },
                engine: "PostgreSQL", location: store.location,
                holdsSite: {
                    try await explained {
                        try await store.checkServer(); return try await store.holdsSite()
                    }
                })
        }
        let exists = FileManager.default.fileExists(atPath: configuration.sqlitePath)
        guard exists || creating else {
            throw SiteOpeningError(
                description: "\(configuration.dataDirectory) holds no Parley site (there is no "
                    + "\(configuration.sqlitePath)); check --data, or run `parley serve --data \(configuration.dataDirectory)` once to create one."
            )
        }
        do {
            try FileManager.default.createDirectory(atPath: configuration.dataDirectory, withIntermediateDirectories: true)
        } catch {
            throw SiteOpeningError(
                description: "Cannot create the data folder \(configuration.dataDirectory): \(error.localizedDescription)")
        }
        do {
            let store = try SQLiteStore(path: configuration.sqlitePath)
            return OpenedSite(
                store: store, events: LocalEventBus(), services: [], prepare: {}, engine: "SQLite",
                location: configuration.sqlitePath, holdsSite: { exists })
        } catch {
            throw SiteOpeningError(description: "Cannot open the database \(configuration.sqlitePath): \(error)")
        }
    }

    /// `body`, with a server that cannot be used reported as one line for the operator.
    private static func explained<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error where error is PostgresStore.CannotConnectError || error is PostgresStore.UnavailableError {
            throw SiteOpeningError(description: "--database: \(error)")
        }
    }

    /// Runs `body` with the site open and its services running, then stops them: what a
    /// command-line command that works on a site needs. Without `creating`, a site must be
    /// there already (see `open`): only `serve`, and commands that fill a new site (benchmark
    /// seeding, the target of `migrate-data`), make one.
    public static func withSite<T: Sendable>(
        _ configuration: ParleyConfiguration, logger: Logger = Logger(label: "parley"),
        creating: Bool = false,
        _ body: @Sendable (OpenedSite, Actions) async throws -> T
    ) async throws -> T {
        let site = try open(configuration, logger: logger, creating: creating)
        let actions = try self.actions(site: site, configuration: configuration, logger: logger)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            for service in site.services {
                group.addTask { try await service.run() }
            }
            do {
                if !creating, try await !site.holdsSite() {
                    throw SiteOpeningError(
                        description: "--database: \(site.location) holds no Parley site; check the URL, "
                            + "or run `parley serve --database URL` once to create one.")
                }
                try await site.prepare()
                let result = try await body(site, actions)
                group.cancelAll()
                return result
            } catch {
                group.cancelAll()
                throw error
            }
        }
    }

    /// The use cases over an opened site, with the configured password cost and mail settings.
    /// `mailQueued` wakes this process's outbox worker; without SMTP, sign-in links are logged.
    public static func actions(
        site: OpenedSite, configuration: ParleyConfiguration, logger: Logger = Logger(label: "parley"),
        mailQueued: @escaping @Sendable () -> Void = {}
    ) throws -> Actions {
        var logSignInLink: (@Sendable (String, String) -> Void)?
        if configuration.smtpURL?.isEmpty ?? true {
            // No mail server: the link is only in a file under the data folder, so say where to click.
            logSignInLink = { email, link in
                logger.notice("Sign-in link for \(email) (no SMTP configured, mail written to files): \(link)")
            }
        }
        let mail = MailSettings(
            from: try MailSetup.sender(configuration), baseURL: configuration.resolvedPublicURL,
            followDigestInterval: TimeInterval(configuration.digestMinutes * 60), newsletterPerMinute: configuration.newsletterPerMinute,
            deletedAccountComments: configuration.deletedComments, mailQueued: mailQueued, logSignInLink: logSignInLink)
        return Actions(
            store: site.store, passwords: PasswordHasher(cost: configuration.passwordCost), events: site.events, mail: mail,
            spam: .classifier(site.store))
    }
}
