import Foundation

/// A post as the newsletter shows it.
public struct NewsletterPost: Sendable, Hashable {
    public var title: String
    public var subtitle: String?
    public var authorName: String
    /// The post's HTML as the Markup room sanitised it: embedded as it is, never escaped again.
    public var bodyHTML: String
    /// The post as plain text, for the text part.
    public var bodyText: String
    /// The post's public address.
    public var postURL: URL

    public init(title: String, subtitle: String? = nil, authorName: String, bodyHTML: String, bodyText: String, postURL: URL) {
        self.title = title
        self.subtitle = subtitle
        self.authorName = authorName
        self.bodyHTML = bodyHTML
        self.bodyText = bodyText
        self.postURL = postURL
    }
}

extension Letters {
    /// A new post, sent to one subscriber. The subject is the post's title.
    ///
    /// `unsubscribeURL` is the page behind the visible link (it asks before acting);
    /// `oneClickUnsubscribeURL` goes in `List-Unsubscribe` and must accept a POST that
    /// unsubscribes at once (RFC 8058), which mail providers send from their own button.
    public func newsletter(
        to recipient: MailAddress, post: NewsletterPost,
        unsubscribeURL: URL, oneClickUnsubscribeURL: URL
    ) -> MailMessage {
        let title = PlainText.oneLine(post.title)
        let subtitle = post.subtitle.map(PlainText.oneLine).flatMap { $0.isEmpty ? nil : $0 }
        let byline = text.byline(PlainText.oneLine(post.authorName))
        let reason = text.newsletterReason(publicationName)
        let subject = PlainText.subject(title.isEmpty ? publicationName : title)

        var plain = [title]
        if let subtitle { plain.append(subtitle) }
        plain += [
            byline, "", "\(text.readOnline): \(post.postURL.absoluteString)", "",
            post.bodyText, "",
            Self.signatureSeparator, reason, "\(text.unsubscribe): \(unsubscribeURL.absoluteString)",
        ]

        let subtitleHTML: LetterHTML = subtitle.map { "<p style=\"\(LetterStyle.subtitle)\">\($0)</p>" } ?? ""
        let html = document(
            subject: subject,
            content: """
                <h1 style="\(LetterStyle.title)"><a href="\(post.postURL)" style="\(LetterStyle.titleLink)">\(title)</a></h1>
                \(subtitleHTML)
                <p style="\(LetterStyle.muted)">\(byline)</p>
                <div>
                \(LetterHTML(trusted: post.bodyHTML))
                </div>
                <p style="\(LetterStyle.paragraph)">\(LetterHTML.link(text.readOnline, post.postURL))</p>
                <hr style="\(LetterStyle.rule)">
                <p style="\(LetterStyle.muted)">\(reason)<br>\(LetterHTML.link(text.unsubscribe, unsubscribeURL))</p>
                """)
        return MailMessage(
            from: from, to: recipient, replyTo: brand.replyTo, subject: subject, text: lines(plain), html: html.rendered,
            headers: unsubscribeHeaders(oneClick: oneClickUnsubscribeURL))
    }
}
