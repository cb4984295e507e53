import Domain
import Foundation
import Mail

/// What a staff digest's link decides.
public enum StaffLinkAction: String, Sendable, CaseIterable {
    case approve, reject
}

/// A signed approve or reject link of the staff digest: one comment, one decision, one member
/// of staff, until a time, and an HMAC under the site's link key (`LinkSigner`) over all four.
///
/// Mail scanners open links, so the link only opens a confirmation page; its button POSTs
/// (with the page's CSRF token), and only that acts. The signature stands for the member's
/// sign-in, for that one decision; the use case still checks the member is staff now, so a
/// link of someone who lost their role does nothing.
public struct StaffLink: Hashable, Sendable {
    public var action: StaffLinkAction
    public var commentID: CommentID
    public var memberID: MemberID
    public var expires: Date
    public var signature: String

    /// The query string the link carries (`a`, `c`, `m`, `x`, `sig`).
    public var query: String {
        "a=\(action.rawValue)&c=\(commentID)&m=\(memberID)&x=\(Int64(expires.timeIntervalSince1970))&sig=\(signature)"
    }

    /// Parses a link's parameters; nil for anything malformed (the signature is checked by `Actions.checkStaffLink`).
    public init?(action: String?, comment: String?, member: String?, expires: String?, signature: String?) {
        guard let action = action.flatMap(StaffLinkAction.init(rawValue:)), let commentID = comment.flatMap({ CommentID(parsing: $0) }),
            let memberID = member.flatMap({ MemberID(parsing: $0) }), let expires, expires.utf8.count <= 12,
            let seconds = Int64(expires), let signature, !signature.isEmpty, signature.utf8.count <= 100
        else { return nil }
        self.init(
            action: action, commentID: commentID, memberID: memberID, expires: Date(timeIntervalSince1970: TimeInterval(seconds)),
            signature: signature)
    }

    init(action: StaffLinkAction, commentID: CommentID, memberID: MemberID, expires: Date, signature: String) {
        self.action = action
        self.commentID = commentID
        self.memberID = memberID
        self.expires = expires
        self.signature = signature
    }

    /// What the signature covers: every field, under a prefix no other link of the site signs.
    var signedText: String {
        "staff-link:\(action.rawValue):\(commentID):\(memberID):\(Int64(expires.timeIntervalSince1970))"
    }
}

extension LinkSigner {
    /// A link for `member` to take `action` on a comment, working until `expires` (whole seconds).
    func staffLink(_ action: StaffLinkAction, commentID: CommentID, memberID: MemberID, expires: Date) -> StaffLink {
        var link = StaffLink(
            action: action, commentID: commentID, memberID: memberID,
            expires: Date(timeIntervalSince1970: expires.timeIntervalSince1970.rounded(.down)), signature: "")
        link.signature = mac(link.signedText)
        return link
    }

    func isValid(_ link: StaffLink) -> Bool {
        SecretToken.constantTimeEquals(mac(link.signedText), link.signature)
    }
}

/// What a genuine staff link is about, for its confirmation page.
public struct StaffLinkTarget: Sendable {
    public let link: StaffLink
    public let member: Member
    public let comment: Comment
}

extension Actions {
    /// Checks a staff link: signed by this site, not expired, for a member who is still staff,
    /// about a comment that still exists. Throws `FieldError("link", ...)` otherwise.
    public func checkStaffLink(_ link: StaffLink?) async throws -> StaffLinkTarget {
        guard let link else { throw FieldError("link", .notFound) }
        let signer = try await LinkSigner.load(store)
        guard signer.isValid(link) else { throw FieldError("link", .notFound) }
        guard now < link.expires else { throw FieldError("link", .linkExpired) }
        guard let member = try await store.member(id: link.memberID), !member.isDeleted, member.role.isStaff else {
            throw FieldError("link", .notAllowed)
        }
        guard let comment = try await store.comment(id: link.commentID), !comment.isDeleted else {
            throw FieldError("link", .notFound)
        }
        // A link decides what the digest offered: a comment that still waits (held, or shown
        // with open reports). Once someone decided (approved, rejected, restored), an old link
        // in an inbox or a forwarded mail does nothing: it is used.
        let openReports = try await store.moderation(commentID: comment.id)?.reports.contains { $0.resolvedAt == nil } ?? false
        guard comment.status == .held || (comment.status == .visible && openReports) else { throw FieldError("link", .linkUsed) }
        return StaffLinkTarget(link: link, member: member, comment: comment)
    }

    /// Takes the link's decision, as the member it was signed for (the moderation use cases
    /// check their role, write the audit entry and mail a rejected author).
    public func useStaffLink(_ link: StaffLink?, reason: String = "") async throws -> Comment {
        let target = try await checkStaffLink(link)
        switch target.link.action {
        case .approve: return try await approveComment(id: target.comment.id, by: target.member)
        // Rejecting a held comment teaches the spam filter; taking down a reported one does not
        // (it was reported for what it says, not necessarily for being spam).
        case .reject where target.comment.status == .visible:
            return try await removeComment(id: target.comment.id, reason: reason, by: target.member)
        case .reject: return try await rejectComment(id: target.comment.id, reason: reason, by: target.member)
        }
    }

    /// The absolute URL of a signed staff link's confirmation page.
    func staffLinkURL(_ link: StaffLink) throws -> URL {
        try mail.url("/dashboard/moderation/decide?" + link.query)
    }
}
