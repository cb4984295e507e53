import Domain
import Foundation
import Storage
import Testing

@Suite("Copying a whole site between engines")
struct SiteTransferTests {
    /// A site with something in every table, including a placeholder, a like and a session;
    /// members with their switches, an avatar and a deleted account; subscribers in every
    /// state with their confirmations; a follow and a secret. Also work in flight, which is
    /// not copied: a sign-in link, a waiting notification and a newsletter send.
    static func fill(_ site: Site) async throws {
        try await site.store.updatePublication(WriterContractTests.everyField)
        let ada = try await site.member("ada", role: .owner, passwordHash: "$2b$04$hash")
        let bob = try await site.member("bob")
        try await site.store.insertSession(tokenHash: "abc123", memberID: bob.id, createdAt: t0, expiresAt: at(3_600))
        let post = try await site.post(by: ada)
        let root = try await site.comment(on: post, by: bob, at: at(1))
        let reply = try await site.comment(on: post, by: ada, replyingTo: root, at: at(2))
        try await site.comment(on: post, by: bob, replyingTo: reply, at: at(3))
        _ = try await site.store.toggleLike(commentID: root.id, memberID: ada.id, at: at(4))
        _ = try await site.store.deleteComment(id: reply.id, at: at(5))
        _ = try await site.store.insertSubscriber(email: "reader@example.com", createdAt: at(6))

        try await site.store.setNotificationSwitches(memberID: bob.id, replies: false, mentions: true)
        try await site.store.setAvatar(
            AvatarImage(
                contentType: "image/gif", bytes: Data([0x47, 0x49, 0x46, 0, 0xFF]),
                version: "ab12", updatedAt: at(7)), memberID: ada.id)
        let gone = try await site.member("gone")
        try await site.comment(on: post, by: gone, replyingTo: root, at: at(8))
        try await site.store.deleteAccount(memberID: gone.id, comments: .placeholders, at: at(9))
        try await site.store.setFollowing(true, memberID: bob.id, postID: post.id, at: at(10))
        try await site.request("pending@example.com", token: "confirm-hash", at: at(11))
        try await site.request("confirmed@example.com", token: "used-hash", at: at(12))
        _ = try await site.store.confirmSubscription(tokenHash: "used-hash", requestedAfter: t0, now: at(13))
        try await site.request("left@example.com", token: "left-hash", at: at(14))
        let left = try await site.store.subscriber(email: "left@example.com")
        _ = try await site.store.unsubscribe(id: try #require(left).id, now: at(15))
        _ = try await site.store.siteSecret(named: "unsubscribe", orMake: { "s3cret" })

        try await site.store.insertSignInToken(
            SignInToken(
                tokenHash: "link", email: "bob@example.com", returnPath: "/",
                createdAt: t0, expiresAt: at(900)),
            mail: mail(to: "bob@example.com"))
        try await site.commentWithNotices(on: post, by: ada, replyingTo: root, at: at(16))
        _ = try await site.store.insertPost(
            NewPost(
                slug: "mailed", title: "Mailed", subtitle: "", bodyMarkdown: "",
                bodyHTML: "", authorID: ada.id, state: .published, publishedAt: at(17),
                createdAt: at(17)), newsletter: true)
        try await fillModeration(site, ada: ada, bob: bob, post: post, root: root)
        try await fillWriter(site, ada: ada)
        try await fillImports(site, post: post, root: root)
    }

    /// An upload, a post with a cover and the email switch, and an old slug.
    static func fillWriter(_ site: Site, ada: Member) async throws {
        let upload = try await site.uploads.insertUpload(WriterContractTests.upload(by: ada))
        let post = try await site.store.insertPost(
            NewPost(
                slug: "covered", title: "Covered", subtitle: "", bodyMarkdown: "", bodyHTML: "", authorID: ada.id,
                state: .draft, publishedAt: nil, createdAt: at(40), coverImage: upload.key, sendsEmail: true))
        try await MemberModerationFixtures.raw(
            "INSERT INTO post_slugs (slug, post_id, created_at) VALUES ('old-cover', \(post.id.rawValue), \(at(41).millisecondsSince1970))",
            on: site)
        let subscriber = try #require(try await site.store.subscriber(email: "confirmed@example.com"))
        #expect(try await site.readers.likePost(postID: post.id, subscriberID: subscriber.id, at: at(42)))
    }

    /// Something in every moderation table and column: settings, a post's discussion, its pin
    /// and auto-close; a held, a removed and a featured comment, with a hold's spam score and a
    /// decision; an open and a settled report; a ban, a mute and audit entries. Comments are
    /// moved by raw SQL, so the copy is tested without the comment moderation port.
    static func fillModeration(_ site: Site, ada: Member, bob: Member, post: Post, root: Comment) async throws {
        let m = site.moderation
        try await m.updateModerationSettings(
            ModerationSettings(
                holdPolicy: .firstComments(count: 2), maxLinks: 1, reportsToHold: 2, holdWords: ["casino", "free money"],
                blockWords: ["slur"], autoCloseDays: 30, spamThreshold: 0.8),
            audit: NewAuditEntry(at: at(20), actorID: ada.id, action: .moderationSettings))
        try await m.setDiscussion(
            .subscribers, autoCloseDays: 14, postID: post.id,
            audit: NewAuditEntry(at: at(21), actorID: ada.id, action: .discussionSettings, reason: "quiet"))
        let dee = try await site.member("dee")
        try await m.setRole(.moderator, memberID: dee.id, audit: NewAuditEntry(at: at(22), actorID: ada.id, action: .setRole))
        _ = try await m.ban(
            Ban(memberID: dee.id, reason: "cool off", bannedBy: ada.id, createdAt: at(23), until: at(3_600)),
            removeComments: false, audit: NewAuditEntry(at: at(23), actorID: ada.id, action: .ban, reason: "cool off"))
        try await m.setMuted(true, memberID: bob.id, target: ada.id, at: at(24))
        let held = try await site.comment(on: post, by: bob, at: at(25), text: "held")
        let removed = try await site.comment(on: post, by: dee, replyingTo: root, at: at(26), text: "removed")
        let raw = MemberModerationFixtures.self
        try await raw.setStatus(.held, of: held, on: site)
        try await raw.setStatus(.removed, of: removed, on: site)
        for sql in [
            "UPDATE comments SET featured_at = \(at(27).millisecondsSince1970) WHERE id = \(root.id.rawValue)",
            "UPDATE posts SET pinned_comment_id = \(root.id.rawValue) WHERE id = \(post.id.rawValue)",
            """
            INSERT INTO comment_moderation (comment_id, hold_reason, spam_score, spam_features, decision, decided_by,
                                            decided_at, decision_reason)
            VALUES (\(held.id.rawValue), 'likely_spam', 0.9375, 'casino\nlink:example.com', NULL, NULL, NULL, ''),
                   (\(removed.id.rawValue), NULL, NULL, '', 'removed', \(ada.id.rawValue), \(at(28).millisecondsSince1970), 'rude')
            """,
            """
            INSERT INTO comment_reports (comment_id, reporter_id, reason, text, created_at, resolved_at)
            VALUES (\(held.id.rawValue), \(ada.id.rawValue), 'spam', '', \(at(29).millisecondsSince1970), NULL),
                   (\(removed.id.rawValue), \(bob.id.rawValue), 'other', 'mean', \(at(29).millisecondsSince1970), \(at(30).millisecondsSince1970))
            """,
        ] {
            try await raw.raw(sql, on: site)
        }
        try await m.appendAudit(
            NewAuditEntry(
                at: at(31), actorID: nil, action: .hold, commentID: held.id, subjectID: bob.id, postID: post.id,
                reason: "likely spam", before: "", after: "held"))
    }

    @Test(
        "Given a site, when it is exported and imported into an empty store, then the copy exports the same rows",
        arguments: StoreKind.allCases, StoreKind.allCases)
    func roundTrip(from source: StoreKind, to target: StoreKind) async throws {
        try await withSite(source) { original async throws in
            try await Self.fill(original)
            let data = try await original.store.exportSite()
            #expect(data.counts["comment_moderation"] == 2 && data.counts["comment_reports"] == 2)
            try await withSite(target) { copy async throws in
                #expect(try await copy.store.isEmptySite())
                try await copy.store.importSite(data, replacingExisting: false)
                #expect(try await copy.store.exportSite() == data)
                #expect(try await !copy.store.isEmptySite())
                // And the copy keeps working: new ids continue after the copied ones.
                let member = try await copy.member("carol")
                #expect(member.id.rawValue > data.members.map(\.member.id.rawValue).max()!)
                let post = try #require(try await copy.store.post(slug: "hello"))
                let next = try await copy.comment(on: post, by: member, at: at(10))
                #expect(next.id.rawValue > data.comments.map(\.id.rawValue).max()!)
                try await copy.request("new@example.com", token: "new-hash", at: at(20))
                let subscriber = try await copy.store.subscriber(email: "new@example.com")
                #expect(try #require(subscriber).id.rawValue > data.subscribers.map(\.id.rawValue).max()!)
                // A confirmation sent before the copy still works after it.
                #expect(
                    try await copy.store.confirmSubscription(tokenHash: "confirm-hash", requestedAfter: t0, now: at(30))?
                        .email == "pending@example.com")
            }
        }
    }

    @Test(
        "Given a site saved with a name holding a right-to-left override, when it is imported, then the name and its key arrive without it, and the rest as it was",
        arguments: StoreKind.allCases)
    func importedNamesInStoredForm(kind: StoreKind) async throws {
        try await withSite(kind) { original async throws in
            // Given a member stored as older versions stored names: as they came
            let ada = try await original.store.insertMember(
                NewMember(
                    email: "ada@example.com", displayName: " Ada\u{202E}gnp.exe Lovelace", role: .owner,
                    passwordHash: nil, createdAt: t0))
            try await original.member("bob")
            let data = try await original.store.exportSite()
            #expect(data.members[0].member.displayName.unicodeScalars.contains("\u{202E}"))
            try await withSite(kind) { copy async throws in
                // When the site is imported
                try await copy.store.importSite(data, replacingExisting: false)
                // Then the name is in the form every write stores, and nothing else changed
                let copied = try await copy.store.exportSite()
                #expect(copied.members.map(\.member.displayName) == ["Adagnp.exe Lovelace", "Bob"])
                #expect(copied == data.inStoredForm)
                // And the name key was made from that name: a mention of it finds her
                #expect(try await copy.store.members(nameKeys: ["adagnp.exe lovelace"]).map(\.id) == [ada.id])
            }
        }
    }

    @Test(
        "Given a site with identity rows, when it is exported, then members, subscribers, avatars, follows and secrets are in it, and work in flight is not",
        arguments: StoreKind.allCases)
    func identityRows(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            try await Self.fill(site)
            let data = try await site.store.exportSite()
            let bob = try #require(data.members.first { $0.member.email == "bob@example.com" })
            #expect(!bob.member.notifyReplies && bob.member.notifyMentions)
            #expect(data.members.first { $0.member.role == .owner }?.member.avatarVersion == "ab12")
            #expect(data.members.filter { $0.member.isDeleted }.map(\.member.deletedAt) == [at(9)])
            #expect(
                data.subscribers.map(\.email)
                    == ["reader@example.com", "pending@example.com", "confirmed@example.com", "left@example.com"])
            #expect(data.subscribers.map(\.id) == data.subscribers.map(\.id).sorted())
            #expect(data.subscribers.map(\.status) == ["active", "pending", "active", "unsubscribed"])
            #expect(data.subscribers[1].confirmTokenHash == "confirm-hash" && data.subscribers[1].confirmRequestedAt == at(11))
            #expect(data.subscribers[2].confirmTokenHash == nil && data.subscribers[2].confirmedAt == at(13))
            #expect(data.avatars.map(\.avatar.bytes) == [Data([0x47, 0x49, 0x46, 0, 0xFF])])
            #expect(data.follows.map(\.createdAt) == [at(10)])
            #expect(data.secrets == ["unsubscribe": "s3cret"])
            #expect(data.counts["avatars"] == 1 && data.counts["follows"] == 1)
        }
    }

    @Test(
        "Given a moderated site, when it is exported, then every moderation table and column is in it",
        arguments: StoreKind.allCases)
    func moderationRows(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            try await Self.fill(site)
            let data = try await site.store.exportSite()
            let moderation = data.moderation
            #expect(moderation.settings?.holdPolicy == "first_comments" && moderation.settings?.holdWords == "casino\nfree money")
            #expect(moderation.settings?.spamThreshold == 0.8 && moderation.settings?.autoCloseDays == 30)
            let post = try #require(data.posts.first { $0.slug == "hello" })
            #expect(post.discussion == .subscribers && post.autoCloseDays == 14 && post.pinnedCommentID != nil)
            #expect(data.comments.first { $0.id == post.pinnedCommentID }?.featuredAt == at(27))
            #expect(data.comments.map(\.status).filter { $0 != .visible } == [.removed, .held])
            #expect(moderation.commentModeration.map(\.spamScore) == [0.9375, nil])
            #expect(moderation.commentModeration.map(\.spamFeatures) == ["casino\nlink:example.com", ""])
            #expect(moderation.reports.map(\.resolvedAt) == [nil, at(30)])
            #expect(moderation.bans.map(\.until) == [at(3_600)] && moderation.mutes.count == 1)
            #expect(moderation.audit.map(\.action) == [.moderationSettings, .discussionSettings, .setRole, .ban, .hold])
            #expect(data.counts["audit_log"] == 5 && data.counts["moderation_settings"] == 1)
        }
    }

    @Test(
        "Given a store with data, when a site is imported into it, then it is refused and nothing changes",
        arguments: StoreKind.allCases)
    func refusesNonEmpty(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            try await Self.fill(site)
            let before = try await site.store.exportSite()
            await #expect(throws: StoreError.self) { try await site.store.importSite(before, replacingExisting: false) }
            #expect(try await site.store.exportSite() == before)
        }
    }

    @Test(
        "Given a store with data, when a site replaces it and the copy fails, then the old site is still there",
        arguments: StoreKind.allCases)
    func failedReplacementKeepsTheOldSite(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            try await Self.fill(site)
            let before = try await site.store.exportSite()
            // A copy that breaks a rule half-way: a like of a comment that is not in it.
            var broken = before
            broken.likes.append(SiteData.LikeRow(commentID: CommentID(999_999), memberID: before.members[0].member.id, createdAt: t0))
            await #expect(throws: (any Error).self) { try await site.store.importSite(broken, replacingExisting: true) }
            #expect(try await site.store.exportSite() == before)
            // And a good replacement lands.
            try await site.store.importSite(before, replacingExisting: true)
            #expect(try await site.store.exportSite() == before)
        }
    }

    @Test("Given a store with data, when it is erased, then it is empty", arguments: StoreKind.allCases)
    func erase(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            try await Self.fill(site)
            try await site.store.eraseSite()
            #expect(try await site.store.isEmptySite())
            #expect(try await site.store.exportSite().counts.values.allSatisfy { $0 == 0 })
            #expect(try await site.store.exportSite().secrets.isEmpty)
            // What was in flight went too: a new site starts with nothing to send for the old one.
            #expect(try await site.store.signInToken(hash: "link") == nil)
            #expect(try await site.store.unfinishedNewsletterSends(limit: 10).isEmpty)
            #expect(try await site.store.dueNotificationRecipients(now: at(1_000_000), limit: 10).isEmpty)
        }
    }
}
