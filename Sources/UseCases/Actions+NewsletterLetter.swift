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
}
