import Foundation

/// A post as the newsletter shows it.
public struct NewsletterPost: Sendable, Hashable {
    public var title: String
    public var subtitle: String?
    public var authorName: String
    /// The post's HTML as the Markup room sanitised it: embedded as it is, never escaped again.
    public var bodyHTML: String
    /// The post as readable plain text (not Markdown), for the text part.
    public var bodyText: String
    /// The addresses of the links in `bodyText`, numbered from 1 in its "[n]" marks.
    public var bodyLinks: [String]
    /// The post's public address.
    public var postURL: URL
    /// Where "Leave a comment" leads: the post's discussion; nil leaves the button out.
    public var discussionURL: URL?

    public init(
        title: String, subtitle: String? = nil, authorName: String, bodyHTML: String, bodyText: String, bodyLinks: [String] = [],
        postURL: URL, discussionURL: URL? = nil
    ) {
        self.title = title
        self.subtitle = subtitle
        self.authorName = authorName
        self.bodyHTML = bodyHTML
        self.bodyText = bodyText
        self.bodyLinks = bodyLinks
        self.postURL = postURL
        self.discussionURL = discussionURL
    }
}

extension Letters {
    /// A new post, sent to one subscriber. The subject is the post's title.
    ///
    /// `unsubscribeURL` is the page behind the visible link (it asks before acting);
    /// `oneClickUnsubscribeURL` goes in `List-Unsubscribe` and must accept a POST that
    /// unsubscribes at once (RFC 8058), which mail providers send from their own button.
    /// `likeURL` is this reader's signed like link (its page asks before liking); the letters'
    /// brand colours the buttons and puts the logo at the top.
    public func newsletter(
        to recipient: MailAddress, post: NewsletterPost,
        unsubscribeURL: URL, oneClickUnsubscribeURL: URL, likeURL: URL? = nil
    ) -> MailMessage {
        let title = PlainText.oneLine(post.title)
        let subtitle = post.subtitle.map(PlainText.oneLine).flatMap { $0.isEmpty ? nil : $0 }
        let byline = text.byline(PlainText.oneLine(post.authorName))
        let reason = text.newsletterReason(publicationName)
        let subject = PlainText.subject(title.isEmpty ? publicationName : title)

        var plain = [title]
        if let subtitle { plain.append(subtitle) }
        plain += [byline, "", "\(text.readOnline): \(post.postURL.absoluteString)", "", post.bodyText, ""]
        if !post.bodyLinks.isEmpty {
            plain += ["\(text.linksHeading):"] + post.bodyLinks.enumerated().map { "[\($0.offset + 1)] \($0.element)" } + [""]
        }
        if let likeURL { plain.append("\(text.likePost): \(likeURL.absoluteString)") }
        if let discussionURL = post.discussionURL { plain.append("\(text.leaveComment): \(discussionURL.absoluteString)") }
        if likeURL != nil || post.discussionURL != nil { plain.append("") }
        plain += [Self.signatureSeparator, reason, "\(text.unsubscribe): \(unsubscribeURL.absoluteString)"]

        let subtitleHTML: LetterHTML = subtitle.map { "<p style=\"\(LetterStyle.subtitle)\">\($0)</p>" } ?? ""
        let html = LetterHTML.document(
            language: text.languageTag, title: subject,
            content: """
                \(masthead(brand))
                <h1 style="\(LetterStyle.title)"><a href="\(post.postURL)" style="\(LetterStyle.titleLink)">\(title)</a></h1>
                \(subtitleHTML)
                <p style="\(LetterStyle.muted)">\(byline)</p>
                <div>
                \(LetterHTML(trusted: post.bodyHTML))
                </div>
                \(discussionButtons(likeURL: likeURL, discussionURL: post.discussionURL, brand: brand))
                <p style="\(LetterStyle.paragraph)">\(LetterHTML.link(text.readOnline, post.postURL))</p>
                <hr style="\(LetterStyle.rule)">
                <p style="\(LetterStyle.muted)">\(reason)<br>\(LetterHTML.link(text.unsubscribe, unsubscribeURL))</p>
                """)
        return MailMessage(
            from: from, to: recipient, replyTo: brand.replyTo, subject: subject, text: lines(plain), html: html.rendered,
            headers: unsubscribeHeaders(oneClick: oneClickUnsubscribeURL))
    }
}

extension Letters {
    /// The top of a newsletter: the logo (from the site itself, the same address for every
    /// reader, so it tells nobody who opened the letter) or the publication's name, over a
    /// rule in the accent colour.
    func masthead(_ brand: LetterBrand) -> LetterHTML {
        let name: LetterHTML =
            brand.logoURL.map {
                "<img src=\"\($0)\" alt=\"\(publicationName)\" height=\"48\" style=\"display:block;height:48px;width:auto;border:0\">"
            } ?? "\(publicationName)"
        return """
            <p style="\(LetterStyle.masthead)">\(name)</p>
            <hr style="\(brand.mastheadRule)">
            """
    }

    /// "Like" and "Leave a comment", side by side in the accent colour: the way into the
    /// post's discussion, as the letter's main actions.
    func discussionButtons(likeURL: URL?, discussionURL: URL?, brand: LetterBrand) -> LetterHTML {
        var buttons: [LetterHTML] = []
        if let likeURL { buttons.append("<a href=\"\(likeURL)\" style=\"\(brand.buttonStyle)\">\(text.likeButton)</a>") }
        if let discussionURL {
            buttons.append("<a href=\"\(discussionURL)\" style=\"\(brand.buttonStyle)\">\(text.leaveComment)</a>")
        }
        guard !buttons.isEmpty else { return "" }
        let spaced = buttons.enumerated().map { $0.offset == 0 ? $0.element : "&nbsp; \($0.element)" as LetterHTML }
        return "<p style=\"margin:24px 0 16px\">\(spaced)</p>"
    }
}
