import Domain
import Foundation
import Storage

// Records from a site's rows (for the export) and rows from records (for the import). A value
// the domain does not know (a role, a state) is refused with the field named: the reader adds
// the line number.

/// A field of a record that holds no value this version of Parley knows.
struct UnknownValue: Error, CustomStringConvertible {
    var field: String
    var value: String
    var description: String { "\(field) \"\(value)\" is not one Parley knows" }
}

func known<T>(_ field: String, _ value: String, _ make: (String) -> T?) throws -> T {
    guard let made = make(value) else { throw UnknownValue(field: field, value: value) }
    return made
}

extension PublicationRecord {
    init(_ p: Publication) {
        self.init(
            name: p.name, description: p.description, logo: p.logo?.rawValue, accentColour: p.accentColour.hex,
            aboutMarkdown: p.aboutMarkdown, aboutHtml: p.aboutHTML, senderName: p.senderName, replyTo: p.replyTo,
            footerText: p.footerText, embedOrigins: p.embedOrigins, anonymousComments: p.anonymousComments)
    }

    func publication() throws -> Publication {
        Publication(
            name: name, description: description, logo: try logo.map { try known("logo", $0, UploadKey.init(rawValue:)) },
            accentColour: try known("accent_colour", accentColour, AccentColour.init), aboutMarkdown: aboutMarkdown,
            aboutHTML: aboutHtml, senderName: senderName, replyTo: replyTo, footerText: footerText, embedOrigins: embedOrigins,
            anonymousComments: anonymousComments)
    }
}

extension MemberRecord {
    init(_ row: SiteData.MemberRow) {
        let m = row.member
        self.init(
            id: m.id.rawValue, email: m.email, displayName: m.displayName, bio: m.bio, role: m.role.rawValue, kind: m.kind.rawValue,
            website: m.website, createdAt: m.createdAt, notifyReplies: m.notifyReplies, notifyMentions: m.notifyMentions,
            avatarVersion: m.avatarVersion, deletedAt: m.deletedAt, passwordHash: row.passwordHash)
    }

    func row() throws -> SiteData.MemberRow {
        SiteData.MemberRow(
            member: Member(
                id: MemberID(id), email: email, displayName: displayName, bio: bio, role: try known("role", role, Role.init),
                createdAt: createdAt, notifyReplies: notifyReplies, notifyMentions: notifyMentions, avatarVersion: avatarVersion,
                deletedAt: deletedAt, kind: try known("kind", kind, MemberKind.init), website: website),
            passwordHash: passwordHash)
    }
}

extension AvatarRecord {
    init(_ row: SiteData.AvatarRow) {
        self.init(
            memberId: row.memberID.rawValue, contentType: row.avatar.contentType, bytes: row.avatar.bytes, version: row.avatar.version,
            updatedAt: row.avatar.updatedAt)
    }

    func row() -> SiteData.AvatarRow {
        SiteData.AvatarRow(
            memberID: MemberID(memberId),
            avatar: AvatarImage(contentType: contentType, bytes: bytes, version: version, updatedAt: updatedAt))
    }
}

extension UploadRecord {
    init(_ u: Upload) {
        self.init(
            key: u.key.rawValue, imageType: u.type.rawValue, bytes: u.bytes, width: u.size.width, height: u.size.height,
            uploaderId: u.uploaderID?.rawValue, createdAt: u.createdAt)
    }

    func upload() throws -> Upload {
        Upload(
            key: try known("key", key, UploadKey.init(rawValue:)), type: try known("image_type", imageType, ImageType.init(rawValue:)),
            bytes: bytes, size: ImageType.PixelSize(width: width, height: height), uploaderID: uploaderId.map(MemberID.init),
            createdAt: createdAt)
    }
}

extension PostRecord {
    init(_ p: Post) {
        self.init(
            id: p.id.rawValue, slug: p.slug, title: p.title, subtitle: p.subtitle, bodyMarkdown: p.bodyMarkdown, bodyHtml: p.bodyHTML,
            authorId: p.authorID.rawValue, state: p.state.rawValue, audience: p.audience.rawValue, discussion: p.discussion.rawValue,
            publishedAt: p.publishedAt, createdAt: p.createdAt, updatedAt: p.updatedAt, revision: p.revision,
            commentCount: p.commentCount, pinnedCommentId: p.pinnedCommentID?.rawValue, autoCloseDays: p.autoCloseDays,
            coverImage: p.coverImage?.rawValue, sendsEmail: p.sendsEmail, pageUrl: p.pageURL?.text)
    }

    func post() throws -> Post {
        Post(
            id: PostID(id), slug: slug, title: title, subtitle: subtitle, bodyMarkdown: bodyMarkdown, bodyHTML: bodyHtml,
            authorID: MemberID(authorId), state: try known("state", state, PostState.init),
            audience: try known("audience", audience, PostAudience.init),
            discussion: try known("discussion", discussion, DiscussionSetting.init), publishedAt: publishedAt, createdAt: createdAt,
            commentCount: commentCount, pinnedCommentID: pinnedCommentId.map(CommentID.init), autoCloseDays: autoCloseDays,
            coverImage: try coverImage.map { try known("cover_image", $0, UploadKey.init(rawValue:)) }, sendsEmail: sendsEmail,
            updatedAt: updatedAt, revision: revision, pageURL: try pageUrl.map { try known("page_url", $0, PageURL.init) })
    }
}

extension CommentRecord {
    init(_ c: Comment, dislikes: Int) {
        self.init(
            id: c.id.rawValue, postId: c.postID.rawValue, parentId: c.parentID?.rawValue, rootId: c.rootID.rawValue, depth: c.depth,
            path: c.path, authorId: c.authorID.rawValue, bodyText: c.bodyText, bodyHtml: c.bodyHTML, createdAt: c.createdAt,
            editedAt: c.editedAt, deletedAt: c.deletedAt, likeCount: c.likeCount, dislikeCount: dislikes,
            descendantCount: c.descendantCount, status: c.status.rawValue, featuredAt: c.featuredAt)
    }

    func comment() throws -> Comment {
        Comment(
            id: CommentID(id), postID: PostID(postId), parentID: parentId.map(CommentID.init), rootID: CommentID(rootId), depth: depth,
            path: path, authorID: MemberID(authorId), bodyText: bodyText, bodyHTML: bodyHtml, createdAt: createdAt, editedAt: editedAt,
            deletedAt: deletedAt, likeCount: likeCount, descendantCount: descendantCount,
            status: try known("status", status, CommentStatus.init), featuredAt: featuredAt)
    }
}

extension SubscriberRecord {
    init(_ s: SiteData.SubscriberRow) {
        self.init(
            id: s.id.rawValue, email: s.email, status: s.status, source: s.source, createdAt: s.createdAt,
            confirmTokenHash: s.confirmTokenHash, confirmRequestedAt: s.confirmRequestedAt, confirmedAt: s.confirmedAt, leftAt: s.leftAt)
    }

    func row() throws -> SiteData.SubscriberRow {
        _ = try known("status", status, SubscriberStatus.init)
        _ = try known("source", source, SubscriberSource.init)
        return SiteData.SubscriberRow(
            id: SubscriberID(id), email: email, status: status, createdAt: createdAt, confirmTokenHash: confirmTokenHash,
            confirmRequestedAt: confirmRequestedAt, confirmedAt: confirmedAt, source: source, leftAt: leftAt)
    }
}

extension ModerationSettingsRecord {
    init(_ s: SiteData.ModerationSettingsRow) {
        self.init(
            holdPolicy: s.holdPolicy, holdFirstCount: s.holdFirstCount, maxLinks: s.maxLinks, reportsToHold: s.reportsToHold,
            holdWords: s.holdWords, blockWords: s.blockWords, autoCloseDays: s.autoCloseDays, spamThreshold: s.spamThreshold)
    }

    func row() -> SiteData.ModerationSettingsRow {
        SiteData.ModerationSettingsRow(
            holdPolicy: holdPolicy, holdFirstCount: holdFirstCount, maxLinks: maxLinks, reportsToHold: reportsToHold,
            holdWords: holdWords, blockWords: blockWords, autoCloseDays: autoCloseDays, spamThreshold: spamThreshold)
    }
}

extension CommentModerationRecord {
    init(_ r: SiteData.CommentModerationRow) {
        self.init(
            commentId: r.commentID.rawValue, holdReason: r.holdReason, spamScore: r.spamScore, spamFeatures: r.spamFeatures,
            decision: r.decision, decidedBy: r.decidedBy?.rawValue, decidedAt: r.decidedAt, decisionReason: r.decisionReason)
    }

    func row() -> SiteData.CommentModerationRow {
        SiteData.CommentModerationRow(
            commentID: CommentID(commentId), holdReason: holdReason, spamScore: spamScore, spamFeatures: spamFeatures,
            decision: decision, decidedBy: decidedBy.map(MemberID.init), decidedAt: decidedAt, decisionReason: decisionReason)
    }
}

extension ReportRecord {
    init(_ r: CommentReport) {
        self.init(
            id: r.id.rawValue, commentId: r.commentID.rawValue, reporterId: r.reporterID.rawValue, reason: r.reason.rawValue,
            text: r.text, createdAt: r.createdAt, resolvedAt: r.resolvedAt)
    }

    func report() throws -> CommentReport {
        CommentReport(
            id: ReportID(id), commentID: CommentID(commentId), reporterID: MemberID(reporterId),
            reason: try known("reason", reason, ReportReason.init), text: text, createdAt: createdAt, resolvedAt: resolvedAt)
    }
}

extension AuditRecord {
    init(_ e: AuditEntry) {
        self.init(
            id: e.id.rawValue, at: e.at, actorId: e.actorID?.rawValue, action: e.action.rawValue, commentId: e.commentID?.rawValue,
            subjectId: e.subjectID?.rawValue, postId: e.postID?.rawValue, reason: e.reason, before: e.before, after: e.after)
    }

    func entry() throws -> AuditEntry {
        AuditEntry(
            id: AuditEntryID(id), at: at, actorID: actorId.map(MemberID.init), action: try known("action", action, AuditAction.init),
            commentID: commentId.map(CommentID.init), subjectID: subjectId.map(MemberID.init), postID: postId.map(PostID.init),
            reason: reason, before: before, after: after)
    }
}
