import Domain
import Foundation

// The ports of the writer's audience pages (issue 10): the subscriber list as owners and admins
// manage it, and the figures of the dashboard. Both engines implement them; the in-memory
// reference does not (they are in `SiteStore`, not `CoreStore`).

/// Which subscribers the writer looks at; nil fields do not filter.
public struct SubscriberFilter: Hashable, Sendable {
    /// Part of the address, matched case-insensitively (`%`, `_` and `\` literally).
    public var search: String?
    public var status: SubscriberStatus?
    public var source: SubscriberSource?

    public init(search: String? = nil, status: SubscriberStatus? = nil, source: SubscriberSource? = nil) {
        self.search = search
        self.status = status
        self.source = source
    }

    /// The LIKE pattern of `search` (lowercased, as addresses are stored), or nil when there is none.
    public var searchPattern: String? {
        guard let search else { return nil }
        let trimmed = search.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        return trimmed.isEmpty ? nil : "%" + MemberSearch.escaped(trimmed) + "%"
    }
}

/// Addresses a writer brings onto the list, each with what it needs if it is new to the list.
public struct SubscriberImport: Sendable {
    /// How the addresses join: each confirms by email first, or the writer attested that
    /// they confirmed elsewhere and they are active at once.
    public enum Mode: Sendable, Equatable {
        case optIn
        case confirmedElsewhere
    }

    public struct Address: Sendable {
        public let email: String
        /// For `optIn`: the hash of the address's confirmation token, and the mail that carries it.
        public let confirmTokenHash: String?
        public let mail: NewOutboxJob?

        public init(email: String, confirmTokenHash: String? = nil, mail: NewOutboxJob? = nil) {
            self.email = email
            self.confirmTokenHash = confirmTokenHash
            self.mail = mail
        }
    }

    public let mode: Mode
    public let addresses: [Address]
    public let now: Date

    public init(mode: Mode, addresses: [Address], now: Date) {
        self.mode = mode
        self.addresses = addresses
        self.now = now
    }

    /// Addresses the audit entry of an import names, at most; the rest are counted.
    public static let auditedAddresses = 100

    /// The audit entry's `after`: the addresses added, one a line, then "… +N" for the rest.
    public static func auditList(_ added: [String]) -> String {
        var lines = Array(added.prefix(auditedAddresses))
        if added.count > auditedAddresses { lines.append("… +\(added.count - auditedAddresses)") }
        return lines.joined(separator: "\n")
    }
}

/// What an import did.
public struct SubscriberImportResult: Sendable, Equatable {
    /// The addresses that were new to the list and were added, in the import's order.
    public let added: [String]
    /// Addresses already on the list (in any state: an address that left is not brought back).
    public let alreadyListed: Int

    public init(added: [String], alreadyListed: Int) {
        self.added = added
        self.alreadyListed = alreadyListed
    }
}

/// The subscriber list as owners and admins manage it.
public protocol SubscriberAdminStore: Sendable {
    /// Subscribers matching `filter`, newest first (by id), with ids below `before`, at most `limit`.
    func subscriberList(filter: SubscriberFilter, before: SubscriberID?, limit: Int) async throws -> [Subscriber]
    /// How many subscribers have each status (a status with none is absent or 0).
    func subscriberCounts() async throws -> [SubscriberStatus: Int]
    /// Adds the addresses that are not on the list yet, in one transaction with `audit`: with
    /// `optIn` each as pending (source `import`) with its token and its mail queued; with
    /// `confirmedElsewhere` each as active (source `import-confirmed`, confirmed now). Addresses
    /// already on the list, whatever their status, are left as they are. The store writes the
    /// audit entry's `after` itself (`SubscriberImport.auditList` of what it added).
    func importSubscribers(_ batch: SubscriberImport, audit: NewAuditEntry) async throws -> SubscriberImportResult
    /// Takes a pending or active subscriber off the list: it becomes `unsubscribed`, left at
    /// `audit.at` (the row stays, so the figures keep its history and imports leave it alone),
    /// with `audit` (its address as `before`, written by the store), in one transaction. Returns
    /// the subscriber as it is now, or nil (and writes nothing) when unknown or already gone.
    func removeSubscriber(id: SubscriberID, audit: NewAuditEntry) async throws -> Subscriber?
}

/// Arrivals and departures of subscribers on one day (UTC).
public struct SubscriberDay: Sendable, Equatable {
    /// Days since 1970-01-01, UTC.
    public let day: Int
    /// Subscribers confirmed that day (by email, by attestation, or added), still counted as joined.
    public let joined: Int
    /// Confirmed subscribers that left that day (unsubscribed or bounced).
    public let left: Int

    public init(day: Int, joined: Int, left: Int) {
        self.day = day
        self.joined = joined
        self.left = left
    }
}

/// How the list grew from a day on: the confirmed subscribers before it, and each day's changes.
public struct SubscriberGrowth: Sendable, Equatable {
    /// Subscribers confirmed before the first day and not gone before it.
    public let before: Int
    /// The days with a change, in order.
    public let days: [SubscriberDay]

    public init(before: Int, days: [SubscriberDay]) {
        self.before = before
        self.days = days
    }
}

/// A published post's discussion in numbers.
public struct PostFigures: Sendable, Equatable {
    public let postID: PostID
    public let title: String
    public let slug: String
    public let publishedAt: Date?
    /// Visible comments, replies included (the post's `comment_count`).
    public let comments: Int
    /// Likes on those comments.
    public let likes: Int
    /// Likes of the post itself, from newsletter letters (`post_likes`).
    public let postLikes: Int

    public init(
        postID: PostID, title: String, slug: String, publishedAt: Date?, comments: Int, likes: Int, postLikes: Int = 0
    ) {
        self.postID = postID
        self.title = title
        self.slug = slug
        self.publishedAt = publishedAt
        self.comments = comments
        self.likes = likes
        self.postLikes = postLikes
    }
}

/// A member and how many visible comments they wrote in a period.
public struct CommenterFigures: Sendable, Equatable {
    public let memberID: MemberID
    public let comments: Int
    /// Likes their comments of the period received.
    public let likes: Int

    public init(memberID: MemberID, comments: Int, likes: Int) {
        self.memberID = memberID
        self.comments = comments
        self.likes = likes
    }
}

/// The dashboard's home at a glance.
public struct DashboardGlance: Sendable, Equatable {
    public let posts: [PostState: Int]
    /// Visible comments written since `commentsSince`.
    public let recentComments: Int
    public let subscribers: [SubscriberStatus: Int]
    /// Subscribers confirmed since `subscribersSince` and still on the list.
    public let newSubscribers: Int

    public init(posts: [PostState: Int], recentComments: Int, subscribers: [SubscriberStatus: Int], newSubscribers: Int) {
        self.posts = posts
        self.recentComments = recentComments
        self.subscribers = subscribers
        self.newSubscribers = newSubscribers
    }
}

/// The figures of the dashboard: reads only, each one statement or a short read transaction.
public protocol FiguresStore: Sendable {
    /// The list's growth from `since` (its UTC day) on.
    func subscriberGrowth(since: Date) async throws -> SubscriberGrowth
    /// The published posts, newest first, at most `limit`, with their comments, the likes on
    /// those comments and the likes of the post from letters.
    func postFigures(limit: Int) async throws -> [PostFigures]
    /// The members (not deleted) with the most visible comments written since `since`, most
    /// first (ties: lower id first), at most `limit`.
    func topCommenters(since: Date, limit: Int) async throws -> [CommenterFigures]
    /// Published posts by their comment count: for each bound of `bounds` (ascending, starting at
    /// 0), the posts with at least that many comments and fewer than the next bound (the last
    /// bound has no upper end).
    func postsByDiscussionSize(bounds: [Int]) async throws -> [Int]
    /// Posts by state, comments since `commentsSince`, subscribers by status and new since `subscribersSince`.
    func dashboardGlance(commentsSince: Date, subscribersSince: Date) async throws -> DashboardGlance
}
