import Domain
import Foundation
import Storage

/// A whole site as rows, built by hand with something in every table the export carries: an
/// owner with a password and an avatar, a member, a guest with a website, a deleted account; a
/// published post with a cover, a pin, an old slug and a newsletter like, a draft and a page
/// discussion; a thread with a deleted placeholder, a featured comment with dislikes and Isso
/// votes, a held one with its spam score and a report; subscribers in every state; moderation
/// settings, a ban, a mute, the audit log; a learned spam model; import keys; secrets; and a
/// session, which an export leaves out. Text with accents, emoji, quotes, newlines and markup.
enum ExportFixtures {
    static func at(_ seconds: Int64) -> Date { Date(millisecondsSince1970: 1_767_225_600_000 + seconds * 1_000 + 123) }

    static let gif = Data([
        0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x01, 0x00, 0x01, 0x00, 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0xFF,
        0x21, 0xF9, 0x04, 0x01, 0x00, 0x00, 0x00, 0x00, 0x2C, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x02,
        0x02, 0x44, 0x01, 0x00, 0x3B,
    ])
    static let key = UploadKey(rawValue: "0123456789abcdef0123456789abcdef")!

    static func path(_ ids: Int64...) -> String {
        ids.map { CommentPath.segment(for: CommentID($0)) }.joined(separator: String(CommentPath.separator))
    }

    static var site: SiteData {
        let members = [
            SiteData.MemberRow(
                member: Member(
                    id: MemberID(1), email: "ada@example.com", displayName: "Ada Lovelace", bio: "Writes \"notes\".\nSecond line.",
                    role: .owner, createdAt: at(0), avatarVersion: "v1"),
                passwordHash: "$2b$12$abcdefghijklmnopqrstuv"),
            SiteData.MemberRow(
                member: Member(
                    id: MemberID(2), email: "zoe@example.com", displayName: "Zoë Ünicode ✨", bio: "", role: .member, createdAt: at(1),
                    notifyReplies: false, notifyMentions: true),
                passwordHash: nil),
            SiteData.MemberRow(
                member: Member(
                    id: MemberID(3), email: "c0ffee@guest.invalid", displayName: "Émile Guest", bio: "", role: .member,
                    createdAt: at(2), notifyReplies: false, notifyMentions: false, kind: .guest, website: "https://émile.example/"),
                passwordHash: nil),
            SiteData.MemberRow(
                member: Member(
                    id: MemberID(5), email: "deleted-5@deleted.invalid", displayName: "Deleted member", bio: "", role: .member,
                    createdAt: at(3), deletedAt: at(90)),
                passwordHash: nil),
        ]
        let posts = [
            Post(
                id: PostID(1), slug: "hello", title: "Hello, <world> & “friends”", subtitle: "A first post",
                bodyMarkdown: "# Hi\n\n*there*",
                bodyHTML: "<h1>Hi</h1>\n<p><em>there</em></p>", authorID: MemberID(1), state: .published, audience: .everyone,
                discussion: .subscribers, publishedAt: at(10), createdAt: at(9), commentCount: 2, pinnedCommentID: CommentID(1),
                autoCloseDays: 14, coverImage: key, sendsEmail: true, updatedAt: at(11), revision: 2),
            Post(
                id: PostID(2), slug: "draft", title: "Draft", subtitle: "", bodyMarkdown: "", bodyHTML: "", authorID: MemberID(1),
                state: .draft, audience: .subscribers, discussion: .open, publishedAt: nil, createdAt: at(12), commentCount: 0),
            Post(
                id: PostID(4), slug: "page-4", title: "Notes", subtitle: "", bodyMarkdown: "", bodyHTML: "", authorID: MemberID(1),
                state: .page, audience: .everyone, discussion: .open, publishedAt: at(13), createdAt: at(13), commentCount: 0,
                pageURL: PageURL("https://blog.example/2024/notes/")),
        ]
        let comments = [
            Comment(
                id: CommentID(1), postID: PostID(1), parentID: nil, rootID: CommentID(1), depth: 0, path: path(1),
                authorID: MemberID(2), bodyText: "First! <script>alert(1)</script> 🎉",
                bodyHTML: "<p>First! &lt;script&gt;alert(1)&lt;/script&gt; 🎉</p>",
                createdAt: at(20), editedAt: at(21), deletedAt: nil, likeCount: 1, descendantCount: 1, status: .visible, featuredAt: at(22)),
            Comment(
                id: CommentID(2), postID: PostID(1), parentID: CommentID(1), rootID: CommentID(1), depth: 1, path: path(1, 2),
                authorID: MemberID(5), bodyText: "", bodyHTML: "", createdAt: at(23), editedAt: nil, deletedAt: at(24), likeCount: 0,
                descendantCount: 1),
            Comment(
                id: CommentID(3), postID: PostID(1), parentID: CommentID(2), rootID: CommentID(1), depth: 2, path: path(1, 2, 3),
                authorID: MemberID(3), bodyText: "Line one\nLine two", bodyHTML: "<p>Line one<br>Line two</p>", createdAt: at(25),
                editedAt: nil, deletedAt: nil, likeCount: 4, descendantCount: 0),
            Comment(
                id: CommentID(7), postID: PostID(1), parentID: nil, rootID: CommentID(7), depth: 0, path: path(7),
                authorID: MemberID(2), bodyText: "casino link", bodyHTML: "<p>casino link</p>", createdAt: at(26), editedAt: nil,
                deletedAt: nil, likeCount: 0, descendantCount: 0, status: .held),
        ]
        let subscribers = [
            SiteData.SubscriberRow(
                id: SubscriberID(1), email: "reader@example.com", status: "active", createdAt: at(30), confirmedAt: at(31)),
            SiteData.SubscriberRow(
                id: SubscriberID(2), email: "pending@example.com", status: "pending", createdAt: at(32), confirmTokenHash: "hash-2",
                confirmRequestedAt: at(32)),
            SiteData.SubscriberRow(
                id: SubscriberID(3), email: "left@example.com", status: "unsubscribed", createdAt: at(33), confirmedAt: at(34),
                source: "import-confirmed", leftAt: at(35)),
            SiteData.SubscriberRow(
                id: SubscriberID(4), email: "bounced@example.com", status: "bounced", createdAt: at(36), source: "added"),
        ]
        var publication = Publication(
            name: "Field Notes", description: "Notes from the field — “quoted”", logo: key, accentColour: AccentColour("#1d4ed8")!,
            aboutMarkdown: "# About", aboutHTML: "<h1>About</h1>", senderName: "The Editors", replyTo: "letters@example.com",
            footerText: "1 Main Street", embedOrigins: ["https://blog.example", "http://127.0.0.1:8080"])
        publication.anonymousComments = true
        return SiteData(
            publication: publication, members: members,
            sessions: [SiteData.SessionRow(tokenHash: "session-hash", memberID: MemberID(2), createdAt: at(40), expiresAt: at(4_000))],
            posts: posts, comments: comments,
            likes: [SiteData.LikeRow(commentID: CommentID(1), memberID: MemberID(1), createdAt: at(41))],
            subscribers: subscribers,
            avatars: [
                SiteData.AvatarRow(
                    memberID: MemberID(1), avatar: AvatarImage(contentType: "image/gif", bytes: gif, version: "v1", updatedAt: at(42)))
            ],
            follows: [SiteData.FollowRow(memberID: MemberID(2), postID: PostID(1), createdAt: at(43))],
            secrets: ["unsubscribe": "s3cret", "isso-votes": "k3y"],
            moderation: SiteData.ModerationRows(
                settings: SiteData.ModerationSettingsRow(
                    holdPolicy: "first_comments", holdFirstCount: 2, maxLinks: 1, reportsToHold: 2, holdWords: "casino\nfree money",
                    blockWords: "slur", autoCloseDays: 30, spamThreshold: 0.8),
                commentModeration: [
                    SiteData.CommentModerationRow(
                        commentID: CommentID(7), holdReason: "likely_spam", spamScore: 0.9375, spamFeatures: "casino\nlink:example.com",
                        decision: nil, decidedBy: nil, decidedAt: nil, decisionReason: "")
                ],
                reports: [
                    CommentReport(
                        id: ReportID(1), commentID: CommentID(7), reporterID: MemberID(1), reason: .other, text: "mean", createdAt: at(50),
                        resolvedAt: at(51))
                ],
                bans: [Ban(memberID: MemberID(5), reason: "cool off", bannedBy: MemberID(1), createdAt: at(52), until: at(3_600))],
                mutes: [SiteData.MuteRow(memberID: MemberID(2), mutedID: MemberID(1), createdAt: at(53))],
                audit: [
                    AuditEntry(id: AuditEntryID(1), at: at(54), actorID: MemberID(1), action: .moderationSettings),
                    AuditEntry(
                        id: AuditEntryID(2), at: at(55), actorID: nil, action: .hold, commentID: CommentID(7), subjectID: MemberID(2),
                        postID: PostID(1), reason: "likely spam", before: "", after: "held"),
                ]),
            spamModel: SpamModelRows(
                documents: SpamClassCounts(spam: 2, ham: 5), occurrences: SpamClassCounts(spam: 7, ham: 11),
                features: [
                    SpamFeatureRow(feature: "casino", counts: SpamClassCounts(spam: 2, ham: 0)),
                    SpamFeatureRow(feature: "link:example.com", counts: SpamClassCounts(spam: 1, ham: 1)),
                ]),
            writer: SiteData.WriterRows(
                uploads: [
                    Upload(
                        key: key, type: .gif, bytes: gif, size: ImageType.PixelSize(width: 1, height: 1), uploaderID: MemberID(1),
                        createdAt: at(5))
                ],
                formerSlugs: [FormerSlug(slug: "old-hello", postID: PostID(1), createdAt: at(56))],
                postLikes: [PostLike(postID: PostID(1), subscriberID: SubscriberID(1), createdAt: at(57))]),
            imports: SiteData.ImportRows(
                dislikes: [SiteData.DislikeRow(commentID: CommentID(1), count: 3)],
                issoVotes: [
                    SiteData.IssoVoteRow(commentID: CommentID(1), voter: "a-voter"),
                    SiteData.IssoVoteRow(commentID: CommentID(1), voter: "b-voter"),
                ],
                importKeys: [
                    SiteData.ImportKeyRow(source: "disqus", kind: "thread", externalID: "Zeta", localID: 1, importedAt: at(58)),
                    SiteData.ImportKeyRow(source: "isso", kind: "comment", externalID: "7", localID: 3, importedAt: at(59)),
                ]))
    }

    /// What an export of `site` brings back: everything but the sessions.
    static var siteWithoutSessions: SiteData {
        var data = site
        data.sessions = []
        return data
    }
}
