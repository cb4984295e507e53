import Domain
import Foundation

extension Letters {
    /// "Your comment on POST was not published": the moderators' reason, and the comment
    /// itself (an excerpt), so the author knows which one and why.
    public func commentRejected(to recipient: MailAddress, postTitle: String, comment: String, reason: String, postLink: URL) -> MailMessage
    {
        let title = PlainText.oneLine(postTitle)
        let subject = PlainText.subject(text.rejectedSubject(title))
        let intro = text.rejectedIntro(title)
        let excerpt = PlainText.excerpt(comment)
        let plain = lines(
            publicationName, "",
            intro, "",
            text.rejectedReason, reason, "",
            text.rejectedComment, excerpt, "",
            "\(text.rejectedPostLink): \(postLink.absoluteString)"
        )
        let html = document(
            subject: subject,
            content: """
                <p style="\(LetterStyle.paragraph)">\(intro)</p>
                <p style="\(LetterStyle.paragraph)">\(text.rejectedReason)<br>\(reason)</p>
                <p style="\(LetterStyle.muted)">\(text.rejectedComment)<br>\(excerpt)</p>
                <p style="\(LetterStyle.paragraph)">\(LetterHTML.link(text.rejectedPostLink, postLink))</p>
                """)
        return MailMessage(from: from, to: recipient, replyTo: brand.replyTo, subject: subject, text: plain, html: html.rendered)
    }
}
