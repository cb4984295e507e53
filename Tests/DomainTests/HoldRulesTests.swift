import Domain
import Foundation
import Testing

@Suite("Hold rules: publish, hold or refuse a comment")
struct HoldRulesTests {
    static let member = Member(id: MemberID(2), email: "rita@example.com", displayName: "Rita", role: .member, createdAt: .distantPast)
    static let moderator = Member(id: MemberID(3), email: "mo@example.com", displayName: "Mo", role: .moderator, createdAt: .distantPast)

    func verdict(
        _ text: String, _ settings: ModerationSettings = .defaults, by author: Member = member, visible: Int = 10,
        spam: SpamScore? = nil
    ) -> CommentVerdict {
        HoldRules.verdict(text: text, settings: settings, author: author, visibleCommentCount: visible, spam: spam)
    }

    func reason(_ verdict: CommentVerdict) -> HoldReason? {
        if case .hold(let note) = verdict { return note.reason }
        return nil
    }

    @Test("With the defaults, an ordinary comment is published")
    func ordinaryPublished() {
        #expect(verdict("A thoughtful reply about rotas.") == .publish)
    }

    @Test("A blocked word refuses the comment, whole words only, any case, also from staff")
    func blockedWord() {
        let settings = ModerationSettings(blockWords: ["casino", "free money"])
        #expect(verdict("Visit my CASINO today", settings) == .refuse(blockedWord: "casino"))
        #expect(verdict("Free   money, now!", settings, by: Self.moderator) == .refuse(blockedWord: "free money"))
        #expect(verdict("The casinos of Monaco", settings) == .publish)
        #expect(verdict("freemoney", settings) == .publish)
    }

    @Test("A hold word holds the comment; staff are never held")
    func holdWord() {
        let settings = ModerationSettings(holdWords: ["crypto"])
        #expect(reason(verdict("Ask me about Crypto.", settings)) == .holdWord)
        #expect(verdict("Ask me about crypto.", settings, by: Self.moderator) == .publish)
    }

    @Test("More links than allowed hold the comment; as many as allowed do not")
    func links() {
        let settings = ModerationSettings(maxLinks: 2)
        #expect(HoldRules.linkCount(in: "see https://a.example and (http://b.example) or www.c.example, not d.example") == 3)
        #expect(verdict("https://a.example https://b.example", settings) == .publish)
        #expect(reason(verdict("https://a.example https://b.example HTTPS://C.example", settings)) == .links)
    }

    @Test("A spam score at or over the threshold holds the comment and keeps the score and features")
    func likelySpam() {
        let settings = ModerationSettings(spamThreshold: 0.9)
        let spam = SpamScore(score: 0.95, features: ["link:casino.example", "cheap"])
        #expect(
            verdict("hello", settings, spam: spam) == .hold(HoldNote(reason: .likelySpam, spamScore: 0.95, spamFeatures: spam.features)))
        #expect(verdict("hello", settings, spam: SpamScore(score: 0.89, features: [])) == .publish)
    }

    @Test("A note for another reason still carries the spam score it was given")
    func scoreTravels() {
        let settings = ModerationSettings(holdPolicy: .everything)
        let spam = SpamScore(score: 0.2, features: ["ham"])
        #expect(verdict("hello", settings, spam: spam) == .hold(HoldNote(reason: .policy, spamScore: 0.2, spamFeatures: ["ham"])))
    }

    @Test("Holding the first N comments holds a member until N of theirs are visible")
    func firstComments() {
        let settings = ModerationSettings(holdPolicy: .firstComments(count: 2))
        #expect(reason(verdict("hi", settings, visible: 0)) == .policy)
        #expect(reason(verdict("hi", settings, visible: 1)) == .policy)
        #expect(verdict("hi", settings, visible: 2) == .publish)
        #expect(verdict("hi", settings, by: Self.moderator, visible: 0) == .publish)
    }

    @Test("Holding everything holds every member's comment, never staff's")
    func everything() {
        let settings = ModerationSettings(holdPolicy: .everything)
        #expect(reason(verdict("hi", settings, visible: 500)) == .policy)
        #expect(verdict("hi", settings, by: Self.moderator) == .publish)
    }

    @Test("The most specific reason wins: hold word, then links, then spam, then policy")
    func order() {
        let settings = ModerationSettings(holdPolicy: .everything, maxLinks: 0, holdWords: ["deal"], spamThreshold: 0.5)
        let spam = SpamScore(score: 0.99, features: [])
        #expect(reason(verdict("a deal at https://x.example", settings, spam: spam)) == .holdWord)
        #expect(reason(verdict("at https://x.example", settings, spam: spam)) == .links)
        #expect(reason(verdict("plain", settings, spam: spam)) == .likelySpam)
        #expect(reason(verdict("plain", settings)) == .policy)
    }
}

@Suite("Discussion access: who may take part")
struct DiscussionAccessTests {
    static let now = Date(timeIntervalSince1970: 1_780_000_000)
    static let member = HoldRulesTests.member
    static let moderator = HoldRulesTests.moderator

    func post(_ setting: DiscussionSetting, publishedDaysAgo days: Double = 1, autoClose: Int? = nil) -> Post {
        Post(
            id: PostID(1), slug: "p", title: "P", subtitle: "", bodyMarkdown: "", bodyHTML: "", authorID: MemberID(1),
            state: .published, audience: .everyone, discussion: setting, publishedAt: Self.now.addingTimeInterval(-days * 86_400),
            createdAt: .distantPast, commentCount: 0, autoCloseDays: autoClose)
    }

    func refusal(
        _ post: Post, _ member: Member? = member, ban: Ban? = nil, subscriber: Bool = false, defaultDays: Int? = nil
    ) -> FieldError.Reason? {
        DiscussionAccess(post: post, defaultAutoCloseDays: defaultDays).refusal(
            for: member, ban: ban, isSubscriber: subscriber, at: Self.now)
    }

    @Test("Open: every signed-in member; signed out: sign in")
    func open() {
        #expect(refusal(post(.open)) == nil)
        #expect(refusal(post(.open), nil) == .signInRequired)
    }

    @Test("Subscribers only: a subscriber and staff, not other members")
    func subscribers() {
        #expect(refusal(post(.subscribers)) == .subscribersOnly)
        #expect(refusal(post(.subscribers), subscriber: true) == nil)
        #expect(refusal(post(.subscribers), Self.moderator) == nil)
    }

    @Test("Staff only: staff, not members")
    func staffOnly() {
        #expect(refusal(post(.staff)) == .staffOnly)
        #expect(refusal(post(.staff), Self.moderator) == nil)
    }

    @Test("Closed: nobody, staff included")
    func closed() {
        #expect(refusal(post(.closed)) == .discussionClosed)
        #expect(refusal(post(.closed), Self.moderator) == .discussionClosed)
    }

    @Test("Auto-close: the post's days, else the publication's default")
    func autoClose() {
        #expect(refusal(post(.open, publishedDaysAgo: 10, autoClose: 7)) == .discussionClosed)
        #expect(refusal(post(.open, publishedDaysAgo: 5, autoClose: 7)) == nil)
        #expect(refusal(post(.open, publishedDaysAgo: 10), defaultDays: 7) == .discussionClosed)
        #expect(refusal(post(.open, publishedDaysAgo: 10, autoClose: 30), defaultDays: 7) == nil)
        #expect(DiscussionAccess(post: post(.open, publishedDaysAgo: 10), defaultAutoCloseDays: nil).isClosed(at: Self.now) == false)
    }

    @Test("A ban is told first, with its end; an expired ban no longer holds")
    func banned() {
        let until = Self.now.addingTimeInterval(3_600)
        let ban = Ban(memberID: Self.member.id, reason: "spam", bannedBy: Self.moderator.id, createdAt: .distantPast, until: until)
        #expect(refusal(post(.closed), ban: ban) == .banned(until: until))
        let forGood = Ban(memberID: Self.member.id, reason: "", bannedBy: Self.moderator.id, createdAt: .distantPast, until: nil)
        #expect(refusal(post(.open), ban: forGood) == .banned(until: nil))
        let over = Ban(
            memberID: Self.member.id, reason: "", bannedBy: Self.moderator.id, createdAt: .distantPast,
            until: Self.now.addingTimeInterval(-1))
        #expect(refusal(post(.open), ban: over) == nil)
    }

    @Test("Held text is for its author and staff, removed text for staff only")
    func whoReadsText() {
        var held = Comment(
            id: CommentID(1), postID: PostID(1), parentID: nil, rootID: CommentID(1), depth: 0, path: "1",
            authorID: Self.member.id, bodyText: "x", bodyHTML: "x", createdAt: Self.now, editedAt: nil, deletedAt: nil,
            likeCount: 0, descendantCount: 0, status: .held)
        #expect(CommentVisibility.author(Self.member.id).showsText(of: held))
        #expect(!CommentVisibility.author(MemberID(99)).showsText(of: held))
        #expect(!CommentVisibility.everyone.showsText(of: held))
        #expect(CommentVisibility.staff.showsText(of: held))
        held.status = .removed
        #expect(!CommentVisibility.author(Self.member.id).showsText(of: held))
        #expect(CommentVisibility.staff.showsText(of: held))
    }

    @Test("Invisible characters and styled letters cannot split or disguise a listed word")
    func invisibleCharacters() {
        let settings = ModerationSettings(blockWords: ["scam"])
        for disguised in ["sc\u{00AD}am", "sc\u{200B}am", "s\u{2060}cam", "\u{FF53}\u{FF43}\u{FF41}\u{FF4D}"] {
            #expect(
                HoldRulesTests().verdict("what a \(disguised) this is", settings) == .refuse(blockedWord: "scam"),
                "\(disguised.unicodeScalars.map(\.value))"
            )
        }
        #expect(HoldRulesTests().verdict("scampi for dinner", settings) == .publish)
    }

    @Test("Links the formatter makes count against the limit even when the plain count misses them")
    func renderedLinks() {
        let settings = ModerationSettings(maxLinks: 2)
        let text = "*https://a.example* *https://b.example* *https://c.example*"
        #expect(HoldRules.linkCount(in: text) == 0)
        let held = HoldRules.verdict(
            text: text, settings: settings, author: HoldRulesTests.member, visibleCommentCount: 10, spam: nil, renderedLinks: 3)
        #expect(HoldRulesTests().reason(held) == .links)
    }
}
