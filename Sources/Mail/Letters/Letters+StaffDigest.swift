import Domain
import Foundation

/// One waiting comment in the staff digest, with its signed approve and reject links.
public struct StaffDigestItem: Sendable, Hashable {
    public var authorName: String
    public var postTitle: String
    /// The comment as plain text; the letter flattens it to one line and shortens it.
    public var excerpt: String
    /// Open reports against it; 0 for a held comment.
    public var reports: Int
    /// Each opens a confirmation page (mail scanners follow links: a GET changes nothing).
    public var approveURL: URL
    public var rejectURL: URL

    public init(authorName: String, postTitle: String, excerpt: String, reports: Int, approveURL: URL, rejectURL: URL) {
        self.authorName = authorName
        self.postTitle = postTitle
        self.excerpt = excerpt
        self.reports = reports
        self.approveURL = approveURL
        self.rejectURL = rejectURL
    }
}

extension Letters {
    /// What waits in the moderation queue, for one member of staff: the counts, up to a
    /// handful of comments with approve and reject links signed for them, and the queue's address.
    public func staffDigest(
        to recipient: MailAddress, recipientName: String, held: Int, reported: Int, items: [StaffDigestItem], queueURL: URL
    ) -> MailMessage {
        let words = text.staffDigest
        let subject = PlainText.subject(words.subject(held + reported) + " · " + publicationName)
        let greeting = text.greeting(PlainText.oneLine(recipientName))
        let intro = words.intro(publicationName)
        let counts = words.heldCount(held) + " · " + words.reportedCount(reported)
        let reason = words.reason(publicationName)
        let hint = words.linksHint(Int(StaffLinkLifetime.days))
        let items = items.map { item in
            StaffDigestItem(
                authorName: PlainText.oneLine(item.authorName), postTitle: PlainText.oneLine(item.postTitle),
                excerpt: PlainText.excerpt(item.excerpt), reports: item.reports, approveURL: item.approveURL, rejectURL: item.rejectURL)
        }
        func why(_ item: StaffDigestItem) -> String { item.reports > 0 ? words.reportedTimes(item.reports) : words.heldItem }

        var plain = [greeting, "", intro, counts, ""]
        for item in items {
            plain += [
                words.itemAuthor(item.authorName) + " · " + words.itemPost(item.postTitle) + " · " + why(item),
                "> " + item.excerpt,
                "\(words.approve): \(item.approveURL.absoluteString)",
                "\(words.reject): \(item.rejectURL.absoluteString)", "",
            ]
        }
        plain += [hint, "", "\(words.openQueue): \(queueURL.absoluteString)", "", Self.signatureSeparator, reason]

        let entries: [LetterHTML] = items.map { item in
            """
            <div style="\(LetterStyle.item)">
            <p style="margin:0"><strong>\(words.itemAuthor(item.authorName))</strong> · \(words.itemPost(item.postTitle)) · \(why(item))</p>
            <blockquote style="\(LetterStyle.quote)">\(item.excerpt)</blockquote>
            <p style="margin:0">\(LetterHTML.link(words.approve, item.approveURL)) · \(LetterHTML.link(words.reject, item.rejectURL))</p>
            </div>
            """
        }
        let html = document(
            subject: subject,
            content: """
                <p style="\(LetterStyle.paragraph)">\(greeting)</p>
                <p style="\(LetterStyle.paragraph)">\(intro)</p>
                <p style="\(LetterStyle.paragraph)"><strong>\(counts)</strong></p>
                \(entries)
                <p style="\(LetterStyle.muted)">\(hint)</p>
                \(button(words.openQueue, queueURL))
                <hr style="\(LetterStyle.rule)">
                <p style="\(LetterStyle.muted)">\(reason)</p>
                """)
        return MailMessage(from: from, to: recipient, replyTo: brand.replyTo, subject: subject, text: lines(plain), html: html.rendered)
    }
}

/// How long a signed approve or reject link of the staff digest works.
public enum StaffLinkLifetime {
    public static let days: Double = 3
    public static var seconds: TimeInterval { days * 86_400 }
}
