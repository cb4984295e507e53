import Foundation

/// The orders of a discussion's root comments.
///
/// **Top** is defined here and only here: more likes first; equal likes, the older comment
/// first; equal times, the lower id first. Every key is part of the order, so it is total and
/// deterministic, and a page cursor stays valid while new comments arrive (a new comment has
/// no likes and is the newest, so it never lands before a cursor already handed out).
public enum CommentSort: String, CaseIterable, Sendable {
    case top, new, old

    /// Parses `?sort=`; anything unknown falls back to `top`.
    public init(query: String?) {
        self = query.flatMap(CommentSort.init(rawValue:)) ?? .top
    }

    /// True when `a` comes before `b` in this order.
    public func precedes(_ a: Comment, _ b: Comment) -> Bool {
        precedes(CommentCursor(sort: self, comment: a), CommentCursor(sort: self, comment: b))
    }

    /// True when the comment at key `a` comes before the one at key `b`.
    public func precedes(_ a: CommentCursor, _ b: CommentCursor) -> Bool {
        switch self {
        case .top:
            if a.likeCount != b.likeCount { return a.likeCount > b.likeCount }
            if a.createdAt != b.createdAt { return a.createdAt < b.createdAt }
            return a.id < b.id
        case .old:
            if a.createdAt != b.createdAt { return a.createdAt < b.createdAt }
            return a.id < b.id
        case .new:
            if a.createdAt != b.createdAt { return a.createdAt > b.createdAt }
            return a.id > b.id
        }
    }
}

/// A position in a sorted list of root comments: the sort keys of the last comment shown.
///
/// Times are kept in whole milliseconds, the precision both stores keep.
public struct CommentCursor: Hashable, Sendable {
    public let sort: CommentSort
    public let likeCount: Int
    public let createdAtMilliseconds: Int64
    public let id: CommentID

    public var createdAt: Int64 { createdAtMilliseconds }

    public init(sort: CommentSort, likeCount: Int, createdAtMilliseconds: Int64, id: CommentID) {
        self.sort = sort
        self.likeCount = likeCount
        self.createdAtMilliseconds = createdAtMilliseconds
        self.id = id
    }

    public init(sort: CommentSort, comment: Comment) {
        self.init(
            sort: sort, likeCount: comment.likeCount,
            createdAtMilliseconds: comment.createdAt.millisecondsSince1970, id: comment.id)
    }

    /// The opaque text form used in URLs: `sort.likes.millis.id`.
    public var token: String {
        "\(sort.rawValue).\(likeCount).\(createdAtMilliseconds).\(id.rawValue)"
    }

    /// Parses a token made by `token`; nil for anything malformed or of another sort.
    public init?(token: String, sort expected: CommentSort) {
        guard token.utf8.count <= 80 else { return nil }
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4, let sort = CommentSort(rawValue: String(parts[0])), sort == expected,
            let likes = Int(parts[1]), likes >= 0,
            let millis = Int64(parts[2]),
            let id = CommentID(parsing: parts[3])
        else { return nil }
        self.init(sort: sort, likeCount: likes, createdAtMilliseconds: millis, id: id)
    }
}

extension Date {
    /// Whole milliseconds since 1970: the precision stored by every engine.
    public var millisecondsSince1970: Int64 { Int64((timeIntervalSince1970 * 1000).rounded(.down)) }

    public init(millisecondsSince1970 millis: Int64) {
        self.init(timeIntervalSince1970: TimeInterval(millis) / 1000)
    }

    /// This date cut to the millisecond, as a store would give it back.
    public var truncatedToMilliseconds: Date { Date(millisecondsSince1970: millisecondsSince1970) }
}
