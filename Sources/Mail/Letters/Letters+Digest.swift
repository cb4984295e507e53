import Domain
import Foundation

/// One comment in a notification digest.
public struct DigestItem: Sendable, Hashable {
    /// Why the reader is told: a reply to them, a mention of them, or a discussion they follow.
    public var kind: NotificationKind
    public var commenterName: String
    public var postTitle: String
    /// The comment as plain text; the letter flattens it to one line and shortens it to about
    /// 280 characters.
    public var excerpt: String
    /// The comment's own address, which opens the discussion with it visible.
    public var commentURL: URL

    public init(kind: NotificationKind, commenterName: String, postTitle: String, excerpt: String, commentURL: URL) {
        self.kind = kind
        self.commenterName = commenterName
        self.postTitle = postTitle
        self.excerpt = excerpt
        self.commentURL = commentURL
    }
}

/// What a digest's subject says, chosen from its items; ``LetterText`` words each case.
public enum DigestSubject: Sendable, Hashable {
    /// One reply: "NAME replied to your comment".
    case oneReply(commenter: String)
    /// One mention: "NAME mentioned you".
    case oneMention(commenter: String)
    /// One comment in a followed discussion: "NAME commented on POST".
    case oneComment(commenter: String, postTitle: String)
    /// Several replies and nothing else.
    case replies(count: Int)
    /// Several mentions and nothing else.
    case mentions(count: Int)
    /// Several replies and mentions, no followed discussions.
    case repliesAndMentions(count: Int)
    /// Several comments in one followed discussion: "New comments on POST".
    case commentsOnPost(count: Int, postTitle: String)
    /// Several comments in several followed discussions.
    case commentsOnPublication(count: Int)
    /// Replies or mentions together with comments in followed discussions.
    case mixed(count: Int)
    /// No items at all (a caller's slip): a neutral subject rather than a wrong one.
    case activity

    /// The case that fits `items`. Names and titles are taken as given; the letter flattens
    /// them first.
    public init(items: [DigestItem]) {
        let follows = items.filter { $0.kind == .follow }
        let direct = items.filter { $0.kind != .follow }
        if items.count == 1, let only = items.first {
            switch only.kind {
            case .reply: self = .oneReply(commenter: only.commenterName)
            case .mention: self = .oneMention(commenter: only.commenterName)
            case .follow: self = .oneComment(commenter: only.commenterName, postTitle: only.postTitle)
            }
        } else if items.isEmpty {
            self = .activity
        } else if follows.isEmpty {
            if direct.allSatisfy({ $0.kind == .reply }) {
                self = .replies(count: direct.count)
            } else if direct.allSatisfy({ $0.kind == .mention }) {
                self = .mentions(count: direct.count)
            } else {
                self = .repliesAndMentions(count: direct.count)
            }
        } else if direct.isEmpty {
            let titles = Set(follows.map(\.postTitle))
            if titles.count == 1, let title = titles.first {
                self = .commentsOnPost(count: follows.count, postTitle: title)
            } else {
                self = .commentsOnPublication(count: follows.count)
            }
        } else {
            self = .mixed(count: items.count)
        }
    }
}

extension Letters {
    /// One email for several comments the reader is to be told about, grouped by why:
    /// replies first, then mentions, then followed discussions, each in the order given.
    ///
    /// `unsubscribeURL` is the page behind the visible link; `oneClickUnsubscribeURL` goes in
    /// `List-Unsubscribe` and must turn these emails off on a bare POST (RFC 8058);
    /// `settingsURL` is where the reader chooses which notifications they get.
    public func notificationDigest(
        to recipient: MailAddress, recipientName: String, items: [DigestItem],
        unsubscribeURL: URL, oneClickUnsubscribeURL: URL, settingsURL: URL
    ) -> MailMessage {
        let items = items.map { item in
            DigestItem(
                kind: item.kind, commenterName: PlainText.oneLine(item.commenterName),
                postTitle: PlainText.oneLine(item.postTitle), excerpt: PlainText.excerpt(item.excerpt),
                commentURL: item.commentURL)
        }
        let subject = PlainText.subject(text.digestSubject(DigestSubject(items: items), publicationName))
        let greeting = text.greeting(PlainText.oneLine(recipientName))
        let intro = text.digestIntro(publicationName)
        let reason = text.digestReason(publicationName)
        let groups = NotificationKind.allCases.compactMap { kind -> (kind: NotificationKind, items: [DigestItem])? in
            let ofKind = items.filter { $0.kind == kind }
            return ofKind.isEmpty ? nil : (kind, ofKind)
        }

        var plain = [greeting, "", intro, ""]
        for group in groups {
            let heading = text.digestHeading(group.kind)
            plain += [heading, String(repeating: "-", count: heading.count), ""]
            for item in group.items {
                plain += [
                    text.digestItemTitle(item.kind, item.commenterName, item.postTitle) + ":",
                    "> " + item.excerpt,
                    "\(text.readAndReply): \(item.commentURL.absoluteString)", "",
                ]
            }
        }
        plain += [
            Self.signatureSeparator, reason,
            "\(text.notificationSettings): \(settingsURL.absoluteString)",
            "\(text.unsubscribe): \(unsubscribeURL.absoluteString)",
        ]

        let sections: [LetterHTML] = groups.map { group in
            let entries: [LetterHTML] = group.items.map { item in
                """
                <div style="\(LetterStyle.item)">
                <p style="margin:0"><strong>\(text.digestItemTitle(item.kind, item.commenterName, item.postTitle))</strong></p>
                <blockquote style="\(LetterStyle.quote)">\(item.excerpt)</blockquote>
                <p style="margin:0">\(LetterHTML.link(text.readAndReply, item.commentURL))</p>
                </div>
                """
            }
            return """
                <h2 style="\(LetterStyle.heading)">\(text.digestHeading(group.kind))</h2>
                \(entries)
                """
        }
        let html = document(
            subject: subject,
            content: """
                <p style="\(LetterStyle.paragraph)">\(greeting)</p>
                <p style="\(LetterStyle.paragraph)">\(intro)</p>
                \(sections)
                <hr style="\(LetterStyle.rule)">
                <p style="\(LetterStyle.muted)">\(reason)</p>
                <p style="\(LetterStyle.muted)">\(LetterHTML.link(text.notificationSettings, settingsURL)) · \
                \(LetterHTML.link(text.unsubscribe, unsubscribeURL))</p>
                """)
        return MailMessage(
            from: from, to: recipient, replyTo: brand.replyTo, subject: subject, text: lines(plain), html: html.rendered,
            headers: unsubscribeHeaders(oneClick: oneClickUnsubscribeURL))
    }
}
