import Domain
import Foundation
import Mail

/// How a site sends mail: who it is from, where its links point, and the timing of mail
/// that is grouped or batched. Made by the App room from the command line.
public struct MailSettings: Sendable {
    /// The sender of every message (`--mail-from`).
    public var from: MailAddress
    /// The site's public address, without a trailing slash (`--public-url`): links in mail
    /// point here, so behind a proxy it is the proxy's https address.
    public var baseURL: String
    /// How long a sign-in link works.
    public var signInLinkLifetime: TimeInterval
    /// `signInLinkLifetime` in whole minutes, as mail and pages say it.
    public var signInLinkMinutes: Int { Int(signInLinkLifetime / 60) }
    /// How long a subscription confirmation link works.
    public var confirmationLifetime: TimeInterval
    /// Replies and mentions wait this long, so a burst of them becomes one email.
    public var replyGroupingWindow: TimeInterval
    /// New comments in a followed discussion are sent at most this often (`--digest-minutes`).
    public var followDigestInterval: TimeInterval
    /// Staff are mailed what waits in the moderation queue at most this often: the same
    /// `--digest-minutes` as follow digests unless set apart.
    public var staffDigestInterval: TimeInterval
    /// Newsletter emails queued per minute at most (`--newsletter-rate`).
    public var newsletterPerMinute: Int
    /// What deleting an account does to its comments (`--deleted-comments`).
    public var deletedAccountComments: DeletedAccountComments
    /// Whether new comments tell anyone (replies, mentions, follows). Off only for seeding
    /// demo and benchmark sites, whose made-up members must not be mailed their made-up replies.
    public var notifiesOnComments: Bool = true
    /// Called after a write queued mail, so the outbox worker sends it now rather than at its next poll.
    public var mailQueued: @Sendable () -> Void
    /// Called with each sign-in link when mail only goes to files, so a first run can sign in
    /// from the log; nil when mail really leaves (links in logs would be a leak then).
    public var logSignInLink: (@Sendable (_ email: String, _ link: String) -> Void)?

    public init(
        from: MailAddress, baseURL: String, signInLinkLifetime: TimeInterval = 15 * 60,
        confirmationLifetime: TimeInterval = 7 * 86_400, replyGroupingWindow: TimeInterval = 120,
        followDigestInterval: TimeInterval = 30 * 60, newsletterPerMinute: Int = 600,
        deletedAccountComments: DeletedAccountComments = .remove, mailQueued: @escaping @Sendable () -> Void = {},
        logSignInLink: (@Sendable (String, String) -> Void)? = nil
    ) {
        self.from = from
        self.baseURL = String(baseURL.reversed().drop(while: { $0 == "/" }).reversed())
        self.signInLinkLifetime = signInLinkLifetime
        self.confirmationLifetime = confirmationLifetime
        self.replyGroupingWindow = replyGroupingWindow
        self.followDigestInterval = followDigestInterval
        self.staffDigestInterval = followDigestInterval
        self.newsletterPerMinute = newsletterPerMinute
        self.deletedAccountComments = deletedAccountComments
        self.mailQueued = mailQueued
        self.logSignInLink = logSignInLink
    }

    /// Settings for a site on this machine: mail from `parley@localhost`, links to `baseURL`.
    public static func local(baseURL: String = "http://127.0.0.1:8080") -> MailSettings {
        // A fixed, valid literal: cannot fail.
        MailSettings(from: try! MailAddress("parley@localhost", name: "Parley"), baseURL: baseURL)
    }

    /// Settings for writing seed data: nothing a seed writes sends mail.
    public static var seeding: MailSettings {
        var settings = local()
        settings.notifiesOnComments = false
        return settings
    }

    /// An absolute link to `path` (which starts with "/") on this site.
    public func link(_ path: String) -> String { baseURL + path }

    /// `link(path)` as a URL, for letters. The base URL was checked when configured; should a
    /// link still not parse, the mail is refused rather than sent with a broken link.
    func url(_ path: String) throws -> URL {
        guard let url = URL(string: link(path)) else { throw FieldError("link", .invalidChoice) }
        return url
    }
}
