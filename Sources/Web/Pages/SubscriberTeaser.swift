import Domain
import Markup

/// What readers who may not read a subscribers-only post get instead of its body: the
/// opening as plain text (`PostPlainText.teaser`), and the way to subscribe.
enum SubscriberTeaser {
    /// On the post page: the teaser, then a box with Subscribe and, for subscribers who are
    /// signed out, the way to sign in.
    static func pageHTML(_ post: Post, chrome: PageChrome) -> HTML {
        let text = chrome.text.readers
        let signIn: HTML =
            chrome.viewer == nil
            ? "<p><a href=\"\(Paths.signIn(next: Paths.post(post.slug)))\">\(text.alreadySubscribed)</a></p>" : ""
        return """
            <p class="teaser">\(PostPlainText.teaser(html: post.bodyHTML))</p>\
            <aside class="subscribers-only" aria-labelledby="subscribers-only-heading">\
            <h2 id="subscribers-only-heading">\(text.subscribersOnlyHeading)</h2><p>\(text.subscribersOnlyBlurb)</p>\
            <p><a class="button" href="/subscribe">\(chrome.text.subscribeButton)</a></p>\(signIn)</aside>
            """
    }

    /// In a feed: the teaser and a link to the post.
    static func feedHTML(_ post: Post, url: String, text: Catalogue) -> HTML {
        "<p>\(PostPlainText.teaser(html: post.bodyHTML))</p><p>\(text.readers.subscribersOnlyFeedNote) <a href=\"\(url)\">\(url)</a></p>"
    }
}
