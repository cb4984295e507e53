import Domain
import Foundation
import Mail
import Markup
import Storage

extension Actions {
    /// A post as the newsletter shows it: the body without images, its text part as readable
    /// plain text with the links listed (never the Markdown), and the way into its discussion.
    func newsletterPost(_ post: Post, authorName: String) throws -> NewsletterPost {
        let postURL = try mail.url("/p/\(post.slug)")
        let plain = PostPlainText.make(html: post.bodyHTML, baseURL: mail.baseURL)
        return NewsletterPost(
            title: post.title, subtitle: post.subtitle, authorName: authorName,
            bodyHTML: AbsoluteLinks.make(Self.withoutImages(post.bodyHTML), baseURL: mail.baseURL), bodyText: plain.body,
            bodyLinks: plain.links, postURL: postURL,
            discussionURL: try mail.url("/p/\(post.slug)#discussion"))
    }

    /// The publication's accent colour and logo, as letters use them. The logo is served by the
    /// site itself at `/uploads/KEY`.
    func letterBrand() async throws -> LetterBrand {
        let publication = try await store.publication()
        return LetterBrand(accentColour: publication.accentColour.hex, logoURL: try publication.logo.map { try mail.url("/uploads/\($0)") })
    }
}
