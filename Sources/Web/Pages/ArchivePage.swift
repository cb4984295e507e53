import Domain
import Foundation
import Markup

/// `/archive`: every post, newest first, a page at a time; with `?q=`, the posts that match,
/// best first. Each post shows its teaser, so a subscribers-only post shows no more in a list
/// than on its own page.
enum ArchivePage {
    struct Model: Sendable {
        let chrome: PageChrome
        /// The query as typed (already limited in length), "" for the plain archive.
        let query: String
        let posts: [Post]
        let authors: [MemberID: Member]
        /// 1-based.
        let page: Int
        let hasNextPage: Bool
    }

    static func render(_ model: Model) -> HTML {
        let chrome = model.chrome
        let text = chrome.text
        let readers = text.readers
        let searching = !model.query.isEmpty
        let heading: HTML = searching ? "<h2 id=\"archive-results\">\(readers.resultsFor(model.query))</h2>" : ""
        let list: HTML
        if model.posts.isEmpty {
            list = "<p class=\"empty\">\(searching ? readers.noResults(model.query) : text.noPosts)</p>"
        } else {
            list =
                "<ul class=\"post-list archive-list\">\(model.posts.map { item($0, author: model.authors[$0.authorID], text: text) })</ul>"
        }
        let title =
            searching
            ? "\(readers.resultsFor(model.query)) - \(chrome.publication.name)" : "\(readers.archiveTitle) - \(chrome.publication.name)"
        return Layout.page(
            title: title, chrome: chrome, description: chrome.publication.description,
            main: """
                <section class="archive" aria-labelledby="archive-heading"><h1 id="archive-heading">\(readers.archiveTitle)</h1>\
                <form method="get" action="\(Paths.archive)" role="search" class="archive-search">\
                <label for="archive-q">\(readers.searchLabel)</label> \
                <input id="archive-q" type="search" name="q" value="\(model.query)" maxlength="\(SearchTerms.maxQueryLength)">\
                <button type="submit" class="button">\(readers.searchButton)</button></form>\
                \(heading)\(list)\(pager(model))</section>
                """)
    }

    /// A post of the list: as on the home page, with its teaser and a mark on subscribers-only posts.
    static func item(_ post: Post, author: Member?, text: Catalogue) -> HTML {
        let date = post.publishedAt ?? post.createdAt
        let subtitle: HTML = post.subtitle.isEmpty ? "" : "<p class=\"post-subtitle\">\(post.subtitle)</p>"
        let badge: HTML =
            post.audience == .subscribers
            ? " · <span class=\"badge subscribers-only-badge\">\(text.readers.subscribersOnlyBadge)</span>" : ""
        let teaser =
            post.audience == .everyone
            ? PostPlainText.excerpt(html: post.bodyHTML, limit: 200) : PostPlainText.teaser(html: post.bodyHTML, limit: 200)
        let teaserHTML: HTML = teaser.isEmpty ? "" : "<p class=\"post-teaser\">\(teaser)</p>"
        return """
            <li class="post-item"><a class="post-link" href="\(Paths.post(post.slug))"><h3 class="post-title">\(post.title)</h3></a>\(subtitle)\
            \(teaserHTML)<p class="post-meta">\(author.map { text.name(of: $0) } ?? "") · \
            <time datetime="\(UTCDate(date).iso8601)">\(text.fullDayOnly(date))</time> · \
            <a href="\(Paths.postComments(post.slug))">\(text.commentCount(post.commentCount))</a>\(badge)</p></li>
            """
    }

    static func pager(_ model: Model) -> HTML {
        guard model.page > 1 || model.hasNextPage else { return "" }
        let readers = model.chrome.text.readers
        let newer: HTML =
            model.page > 1
            ? "<a rel=\"prev\" href=\"\(Paths.archivePage(query: model.query, page: model.page - 1))\">\(readers.newerPosts)</a>" : ""
        let older: HTML =
            model.hasNextPage
            ? "<a rel=\"next\" href=\"\(Paths.archivePage(query: model.query, page: model.page + 1))\">\(readers.olderPosts)</a>" : ""
        return "<nav class=\"pager\" aria-label=\"\(readers.archivePagesNavigation)\">\(newer) \(older)</nav>"
    }
}

extension Paths {
    static func archivePage(query: String, page: Int) -> String {
        var parts: [String] = []
        if !query.isEmpty { parts.append("q=" + (query.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")) }
        if page > 1 { parts.append("page=\(page)") }
        return archive + (parts.isEmpty ? "" : "?" + parts.joined(separator: "&"))
    }
}
