import Domain
import Foundation
import Logging
import Web

/// How a Parley process is set up: from flags, `PARLEY_*` environment variables, or defaults
/// (in that order of precedence).
public struct ParleyConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// Holds the SQLite database (uploaded avatars are rows of it) and, without SMTP, the mail.
    public var dataDirectory: String
    /// `postgres://...` (or `postgresql://`) selects PostgreSQL; nil keeps the embedded database.
    /// Any other URL is refused when the site is opened.
    public var databaseURL: String?
    /// Fill an empty site with a sample publication.
    public var demo: Bool
    public var logLevel: Logger.Level
    /// bcrypt cost of new password hashes; tests lower it.
    public var passwordCost: UInt8
    /// `smtp://user:pass@host:port` or `smtps://...`; nil writes mail to files in the data folder.
    public var smtpURL: String?
    /// The sender of every email: `parley@example.com` or `Name <parley@example.com>`. Without a
    /// name, letters carry the publication's sender name or its name (`Actions.letters(for:mail:)`).
    public var mailFrom: String
    /// The site's public address for links in mail (`https://news.example.com`); nil means
    /// `http://HOST:PORT`, right only when readers reach this process directly.
    public var publicURL: String?
    /// Followed discussions are mailed as a digest at most this often.
    public var digestMinutes: Int
    /// Newsletter emails queued per minute at most.
    public var newsletterPerMinute: Int
    /// What deleting an account does to its comments.
    public var deletedComments: DeletedAccountComments
    /// Timeouts and the cap on open connections; tests shorten them.
    public var connectionLimits = ConnectionLimits()
    /// Proxies whose `X-Forwarded-For` is believed (`--trusted-proxies`); none by default, so
    /// the connection's peer is the client.
    public var trustedProxies: [IPRange] = []
    /// Seconds a subscribe or sign-in form must have been shown before it is accepted
    /// (`--form-min-seconds`); 0 turns the check off.
    public var formMinimumSeconds: Double = 2
    /// Rate limits per member, address and account (docs/OPERATIONS.md).
    public var rateLimits = RateLimits.standard
    /// Webhooks may go to loopback and private addresses, and over plain http
    /// (`--webhooks-allow-private`): for a receiver on this machine or network, and for tests.
    public var webhooksAllowPrivate = false
    /// Origins allowed to embed the discussions besides the publication's settings
    /// (`--embed-origins`), in `EmbedOrigin` form.
    public var embedOrigins: [String] = []
    /// Anonymous comments (name, email, website) through the Isso API, whatever the
    /// publication's setting says (`--anonymous-comments`).
    public var anonymousComments = false

    /// What the web room needs of the above.
    public var protection: SiteProtection {
        SiteProtection(
            trustedProxies: trustedProxies, rateLimits: rateLimits, minimumFillTime: formMinimumSeconds,
            webhooksAllowPrivate: webhooksAllowPrivate, embedOrigins: embedOrigins, anonymousComments: anonymousComments)
    }

    public init(
        host: String = "127.0.0.1", port: Int = 8080, dataDirectory: String = "./parley-data", databaseURL: String? = nil,
        demo: Bool = false, logLevel: Logger.Level = .info, passwordCost: UInt8 = 11, smtpURL: String? = nil,
        mailFrom: String = "parley@localhost.localdomain", publicURL: String? = nil, digestMinutes: Int = 30,
        newsletterPerMinute: Int = 600, deletedComments: DeletedAccountComments = .remove
    ) {
        self.publicURL = publicURL
        self.digestMinutes = digestMinutes
        self.newsletterPerMinute = newsletterPerMinute
        self.deletedComments = deletedComments
        self.host = host
        self.port = port
        self.dataDirectory = dataDirectory
        self.databaseURL = databaseURL
        self.demo = demo
        self.logLevel = logLevel
        self.passwordCost = passwordCost
        self.smtpURL = smtpURL
        self.mailFrom = mailFrom
    }

    /// Where links in mail point.
    public var resolvedPublicURL: String { publicURL ?? "http://\(host):\(port)" }

    /// Where mail goes when no SMTP server is configured.
    public var mailDirectory: String { (dataDirectory as NSString).appendingPathComponent("mail") }

    /// The SQLite file inside the data folder.
    public var sqlitePath: String { (dataDirectory as NSString).appendingPathComponent("parley.sqlite") }
}

/// Reads `PARLEY_*` twins of the command-line flags.
public enum EnvironmentSettings {
    /// The value of `PARLEY_<NAME>`, nil when unset or empty.
    public static func value(_ name: String, in environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        guard let value = environment["PARLEY_" + name], !value.isEmpty else { return nil }
        return value
    }

    /// A boolean twin: 1/true/yes/on are true.
    public static func flag(_ name: String, in environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        guard let value = value(name, in: environment)?.lowercased() else { return false }
        return ["1", "true", "yes", "on"].contains(value)
    }
}
