import Foundation

public typealias ReportID = Identifier<CommentReport>

/// Why a member reports a comment.
public enum ReportReason: String, CaseIterable, Sendable, Codable {
    case spam
    case abuse
    case offTopic = "off_topic"
    /// Anything else, told in the report's text.
    case other
}

/// One member's report of one comment (a member reports a comment at most once).
public struct CommentReport: Hashable, Sendable, Identifiable {
    public let id: ReportID
    public var commentID: CommentID
    public var reporterID: MemberID
    public var reason: ReportReason
    /// The reporter's words: required for `other`, optional otherwise (at most `Limits.reportTextLength`).
    public var text: String
    public var createdAt: Date
    /// Set when a moderator decided on the comment (approved, removed): the report is no longer open.
    public var resolvedAt: Date?

    public init(
        id: ReportID, commentID: CommentID, reporterID: MemberID, reason: ReportReason, text: String, createdAt: Date,
        resolvedAt: Date? = nil
    ) {
        self.id = id
        self.commentID = commentID
        self.reporterID = reporterID
        self.reason = reason
        self.text = text
        self.createdAt = createdAt
        self.resolvedAt = resolvedAt
    }
}

/// A report as a use case asks the store to record it.
public struct NewCommentReport: Hashable, Sendable {
    public var commentID: CommentID
    public var reporterID: MemberID
    public var reason: ReportReason
    public var text: String
    public var createdAt: Date

    public init(commentID: CommentID, reporterID: MemberID, reason: ReportReason, text: String, createdAt: Date) {
        self.commentID = commentID
        self.reporterID = reporterID
        self.reason = reason
        self.text = text
        self.createdAt = createdAt
    }
}

/// What recording a report did.
public enum ReportOutcome: Hashable, Sendable {
    /// Recorded; `openReports` distinct members now report the comment.
    case recorded(openReports: Int)
    /// Recorded, and it brought the comment to the threshold: it is now held.
    case held(openReports: Int)
    /// This member had already reported this comment: nothing changed.
    case alreadyReported
}
