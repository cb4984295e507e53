import Domain
import Foundation

/// `/`: the publication and its posts, newest first.
enum HomePage {
    /// `setup`: the first-run form, on a site still without an owner (`FirstRunSetup`).
    static func render(chrome: PageChrome, posts: [Post], authors: [MemberID: Member], now: Date, setup: HTML = "") -> HTML {
        let text = chrome.text
        let list: HTML =
            posts.isEmpty
            ? "<p class=\"empty\">\(text.noPosts)</p>"
            : "<ul class=\"post-list\">\(posts.map { PostListView.item($0, author: authors[$0.authorID], text: text) })</ul>"
        return Layout.page(
            title: chrome.publication.name, chrome: chrome, description: chrome.publication.description,
            main: """
                <section class="publication-intro"><h1>\(chrome.publication.name)</h1><p class="publication-description">\(chrome.publication.description)</p></section>\(setup)\
                <section class="posts" aria-labelledby="posts-heading"><h2 id="posts-heading" class="visually-hidden">\(text.posts)</h2>\(list)</section>
                """)
    }
}

/// A post in a list: title, subtitle, author, date, comment count.
enum PostListView {
    static func item(_ post: Post, author: Member?, text: Catalogue) -> HTML {
        let date = post.publishedAt ?? post.createdAt
        let iso = UTCDate(date).iso8601
        let subtitle: HTML = post.subtitle.isEmpty ? "" : "<p class=\"post-subtitle\">\(post.subtitle)</p>"
        return """
            <li class="post-item"><a class="post-link" href="\(Paths.post(post.slug))"><h3 class="post-title">\(post.title)</h3></a>\(subtitle)\
            <p class="post-meta">\(author.map { text.name(of: $0) } ?? "") · <time datetime="\(iso)">\(text.fullDayOnly(date))</time> · \
            <a href="\(Paths.postComments(post.slug))">\(text.commentCount(post.commentCount))</a></p></li>
            """
    }
}

extension Catalogue {
    /// A post's date without the time of day.
    func fullDayOnly(_ date: Date) -> String {
        texts.relativeAge(.date(date))
    }
}
