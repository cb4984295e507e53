import Foundation

/// The emails Parley sends, each as a ready ``MailMessage`` with a plain-text part and a
/// small HTML part.
///
/// Rules every letter keeps:
/// - Words come from the ``LetterText`` catalogue; the caller gives values and absolute URLs.
/// - The HTML is inline-styled and loads nothing (no images, fonts or styles from any
///   origin); every interpolated value is escaped. Only a post's body, already sanitised by
///   the Markup room, is embedded as it is.
/// - Names, titles and the publication's name are flattened to one line wherever they
///   appear, and subjects are also shortened, so hostile text cannot break a header or pose
///   as a line of the letter.
/// - Letters a reader can stop (newsletter, notifications) carry `List-Unsubscribe` with the
///   one-click URL and `List-Unsubscribe-Post` (RFC 8058), a visible "Unsubscribe" link and
///   the reason the reader gets them. Sign-in and confirmation mails answer a request, so
///   they carry neither.
public struct Letters: Sendable {
    /// The sender of every letter.
    public let from: MailAddress
    /// The publication's name as shown in letters, already on one line.
    public let publicationName: String
    public let text: LetterText
    /// The publication's accent, footer line and reply-to address.
    public let brand: LetterBrand

    public init(from: MailAddress, publicationName: String, text: LetterText = .english, brand: LetterBrand = .standard) {
        self.from = from
        self.publicationName = PlainText.oneLine(publicationName)
        self.text = text
        self.brand = brand
    }

    /// "Sign in to PUBLICATION": a one-time link that works for `validMinutes` minutes.
    public func signInLink(to recipient: MailAddress, link: URL, validMinutes: Int) -> MailMessage {
        let subject = PlainText.subject(text.signInSubject(publicationName))
        let intro = text.signInIntro(publicationName)
        let validity = text.signInValidity(validMinutes)
        let plain = lines(
            publicationName, "",
            intro, "",
            "\(text.signInButton): \(link.absoluteString)", "",
            validity, "",
            text.signInIgnore
        )
        let html = document(
            subject: subject,
            content: """
                <p style="\(LetterStyle.paragraph)">\(intro)</p>
                \(button(text.signInButton, link))
                <p style="\(LetterStyle.paragraph)">\(validity)</p>
                <p style="\(LetterStyle.muted)">\(text.linkFallback)<br>\(LetterHTML.link(link.absoluteString, link))</p>
                <p style="\(LetterStyle.muted)">\(text.signInIgnore)</p>
                """)
        return MailMessage(from: from, to: recipient, replyTo: brand.replyTo, subject: subject, text: plain, html: html.rendered)
    }

    /// "Confirm your subscription to PUBLICATION": the double opt-in; nothing else is sent
    /// to the address until the link is followed.
    public func confirmSubscription(to recipient: MailAddress, confirmLink: URL) -> MailMessage {
        let subject = PlainText.subject(text.confirmSubject(publicationName))
        let intro = text.confirmIntro(publicationName)
        let plain = lines(
            publicationName, "",
            intro, "",
            "\(text.confirmButton): \(confirmLink.absoluteString)", "",
            text.confirmIgnore
        )
        let html = document(
            subject: subject,
            content: """
                <p style="\(LetterStyle.paragraph)">\(intro)</p>
                \(button(text.confirmButton, confirmLink))
                <p style="\(LetterStyle.muted)">\(text.linkFallback)<br>\(LetterHTML.link(confirmLink.absoluteString, confirmLink))</p>
                <p style="\(LetterStyle.muted)">\(text.confirmIgnore)</p>
                """)
        return MailMessage(from: from, to: recipient, replyTo: brand.replyTo, subject: subject, text: plain, html: html.rendered)
    }

    // MARK: - Shared pieces

    /// The headers of a letter the reader can stop: RFC 2369's List-Unsubscribe pointing at
    /// the one-click URL, and RFC 8058's List-Unsubscribe-Post saying a POST there is enough.
    func unsubscribeHeaders(oneClick: URL) -> [MailHeader] {
        [.listUnsubscribe(oneClick.absoluteString), .listUnsubscribeOneClick]
    }

    /// The HTML document with the publication's name on top.
    func document(subject: String, content: LetterHTML) -> LetterHTML {
        LetterHTML.document(
            language: text.languageTag, title: subject,
            content: """
                <p style="\(LetterStyle.masthead)">\(publicationName)</p>
                \(content)
                \(footerHTML)
                """)
    }

    /// The plain-text part: lines joined with line breaks (MIMEWriter makes them CRLF).
    func lines(_ lines: String...) -> String { self.lines(lines) }

    /// The publication's footer line, when it has one, ends every plain-text part.
    func lines(_ lines: [String]) -> String {
        (brand.footer.isEmpty ? lines : lines + ["", brand.footer]).joined(separator: "\n") + "\n"
    }

    /// "-- " on its own line: mail readers know what follows is a footer and dim or fold it.
    static let signatureSeparator = "-- "
}
