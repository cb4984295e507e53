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
}

/// The one place that knows there are database engines to choose from.
public enum SiteOpening {
    /// True when `url` names PostgreSQL.
    public static func isPostgres(_ url: String?) -> Bool {
        guard let url else { return false }
        return url.hasPrefix("postgres://") || url.hasPrefix("postgresql://")
    }

    /// Opens the site named by the configuration: PostgreSQL for a postgres:// URL, else the
    /// SQLite file in the data folder (created, with its migrations, as needed).
    public static func open(_ configuration: ParleyConfiguration, logger: Logger) throws -> OpenedSite {
        if let url = configuration.databaseURL, !url.isEmpty, !url.hasPrefix("sqlite:") {
            guard isPostgres(url) else {
                throw SiteOpeningError(description: "--database must be a postgres:// URL; leave it unset for the embedded SQLite database.")
            }
            let store: PostgresStore
            do {
                store = try PostgresStore(url: url, logger: logger)
            } catch {
                throw SiteOpeningError(description: "--database: \(error)")
            }
            let bus = PostgresEventBus(store: store, logger: logger)
            return OpenedSite(store: store, events: bus, services: [store, bus], prepare: { try await store.migrate() }, engine: "PostgreSQL")
        }
        do {
            try FileManager.default.createDirectory(atPath: configuration.dataDirectory, withIntermediateDirectories: true)
        } catch {
            throw SiteOpeningError(description: "Cannot create the data folder \(configuration.dataDirectory): \(error.localizedDescription)")
        }
        do {
            let store = try SQLiteStore(path: configuration.sqlitePath)
            return OpenedSite(store: store, events: LocalEventBus(), services: [], prepare: {}, engine: "SQLite")
        } catch {
            throw SiteOpeningError(description: "Cannot open the database \(configuration.sqlitePath): \(error)")
        }
    }

    /// Runs `body` with the site open and its services running, then stops them: what a
    /// command-line command that works on a site needs.
    public static func withSite<T: Sendable>(_ configuration: ParleyConfiguration, logger: Logger = Logger(label: "parley"),
                                             _ body: @Sendable (OpenedSite, Actions) async throws -> T) async throws -> T {
        let site = try open(configuration, logger: logger)
        let actions = try self.actions(site: site, configuration: configuration, logger: logger)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            for service in site.services {
                group.addTask { try await service.run() }
            }
            do {
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
    public static func actions(site: OpenedSite, configuration: ParleyConfiguration, logger: Logger = Logger(label: "parley"),
                               mailQueued: @escaping @Sendable () -> Void = {}) throws -> Actions {
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
        return Actions(store: site.store, passwords: PasswordHasher(cost: configuration.passwordCost), events: site.events, mail: mail)
    }
}
