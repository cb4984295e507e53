import Domain
import Foundation

// Live updates (docs/LIVE.md) are kept in the database for a bounded window, so that a reader
// who reconnects, to this instance or another, resumes from the last event it saw without
// losing or doubling one. The event bus only rings the bell; the rows are what is sent.
//
// Ids come from one counter row that each append takes and increments in its own
// transaction, so ids are dense and committed in increasing order on both engines: a reader
// that has seen event N never finds a smaller id appearing later. (A PostgreSQL sequence hands
// out numbers before commit, so a later transaction could commit a higher id first.)
//
// Rows are not part of `SiteData`: they live for a day, and a site copied to another engine
// starts its stream afresh (old resume points get `reset`).

/// Who receives a live event, as a set of kinds of reader of the comment it is about.
public struct LiveAudience: OptionSet, Hashable, Sendable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    /// Owners, admins and moderators.
    public static let staff = LiveAudience(rawValue: 1)
    /// The comment's author, when not staff.
    public static let author = LiveAudience(rawValue: 2)
    /// Everyone else, signed in or not.
    public static let others = LiveAudience(rawValue: 4)
    public static let everyone: LiveAudience = [.staff, .author, .others]

    /// Who sees a comment in this state: everyone when visible, its author and staff when held,
    /// staff alone when removed.
    public static func seeing(_ status: CommentStatus) -> LiveAudience {
        switch status {
        case .visible: .everyone
        case .held: [.staff, .author]
        case .removed: .staff
        }
    }

    /// Which kind of reader `viewer` is for a comment by `author`: staff first, so a staff
    /// member's own comment reaches them once.
    public static func kind(of viewer: Member?, author: MemberID?) -> LiveAudience {
        guard let viewer else { return .others }
        if viewer.role.isStaff { return .staff }
        return viewer.id == author ? .author : .others
    }
}

/// A live event to keep: what a reader's stream sends, already encoded.
public struct NewLiveEvent: Hashable, Sendable {
    public var postID: PostID
    /// The event's name on the stream (`comment`, `edit`, ...).
    public var name: String
    /// The event's data: one line of JSON, sent as it is.
    public var data: String
    public var audience: LiveAudience
    /// The author of the comment the event is about: who `.author` is.
    public var authorID: MemberID?

    public init(postID: PostID, name: String, data: String, audience: LiveAudience, authorID: MemberID?) {
        self.postID = postID
        self.name = name
        self.data = data
        self.audience = audience
        self.authorID = authorID
    }
}

/// A kept live event, with its id: increasing for the whole site, dense, committed in order.
public struct LiveEvent: Hashable, Sendable {
    public var id: Int64
    public var event: NewLiveEvent
    public var createdAt: Date

    public init(id: Int64, event: NewLiveEvent, createdAt: Date) {
        self.id = id
        self.event = event
        self.createdAt = createdAt
    }

    /// Whether `viewer` may receive it.
    public func reaches(_ viewer: Member?) -> Bool {
        event.audience.contains(LiveAudience.kind(of: viewer, author: event.authorID))
    }
}

/// Where the kept events stand: the newest id handed out, and the newest one pruned.
public struct LiveEventBounds: Hashable, Sendable {
    /// The newest id (0 before the first event).
    public var last: Int64
    /// Every event with an id up to this one may have been pruned: a reader who saw less than
    /// this has missed events.
    public var prunedThrough: Int64

    public init(last: Int64, prunedThrough: Int64) {
        self.last = last
        self.prunedThrough = prunedThrough
    }

    /// Whether a reader who has seen every event up to `id` can be given all the rest.
    public func canResume(after id: Int64) -> Bool {
        id >= prunedThrough && id <= last
    }
}

/// Keeps the live events of a site for a bounded window (see the top of this file).
public protocol LiveEventStore: Sendable {
    /// Keeps `events` in order, each with the next id, in one transaction, and returns them.
    func appendLiveEvents(_ events: [NewLiveEvent], at: Date) async throws -> [LiveEvent]
    /// The events with ids after `id`, oldest first, at most `limit`; of one post when `postID` is
    /// set, of every post otherwise.
    func liveEvents(after id: Int64, postID: PostID?, limit: Int) async throws -> [LiveEvent]
    /// The newest id and how far pruning has gone.
    func liveEventBounds() async throws -> LiveEventBounds
    /// Deletes events created before `cutoff` and all but the newest `keep`, and returns how
    /// many went. Never deletes the newest event, whose id a new reader starts from.
    func pruneLiveEvents(before cutoff: Date, keep: Int) async throws -> Int
}
