import Domain
import Foundation
import Storage

/// `/dashboard/posts`: drafts, scheduled and published posts in tabs with their counts, a
/// title search, and per post its editor and its page.
enum PostsDashboardPage {
    /// Posts per page of a tab.
    static let pageSize = 50

    struct Model {
        let chrome: PageChrome
        let state: PostState
        let counts: [PostState: Int]
        /// The page's posts, after the search.
        let posts: [PostSummary]
        let search: String
        /// The next page's number, when there is one.
        let nextPage: Int?
        var notice: String?
    }

    static func tabName(_ state: PostState, _ words: EditorText) -> String {
        switch state {
        case .draft: words.draftsTab
        case .scheduled: words.scheduledTab
        case .published, .page: words.publishedTab
        }
    }

    static func query(state: PostState, search: String, page: Int? = nil) -> String {
        var query = "state=\(state.rawValue)"
        if !search.isEmpty { query += "&q=" + (search.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "") }
        if let page { query += "&page=\(page)" }
        return "/dashboard/posts?" + query
    }

    static func render(_ model: Model) -> HTML {
        let words = model.chrome.text.editor
        let tabs: [HTML] = [PostState.draft, .scheduled, .published].map { state in
            let here: HTML = state == model.state ? " aria-current=\"page\"" : ""
            return """
                <li><a href="\(query(state: state, search: model.search))"\(here)>\(tabName(state, words)) \
                <span class="count">\(model.counts[state] ?? 0)</span></a></li>
                """
        }
        let rows: [HTML] = model.posts.map { post in
            let date: HTML =
                switch post.state {
                case .draft: PostEditorPage.time(post.createdAt, words.createdOn(post.createdAt))
                case .scheduled: post.publishedAt.map { PostEditorPage.time($0, words.scheduledFor($0)) } ?? ""
                case .published, .page: post.publishedAt.map { PostEditorPage.time($0, words.publishedOn($0)) } ?? ""
                }
            let updated: HTML = post.updatedAt.map { "<br>\(PostEditorPage.time($0, words.updatedOn($0)))" } ?? ""
            return """
                <tr><td><a href="/dashboard/posts/\(post.id)/edit">\(post.title)</a></td><td>\(date)\(updated)</td>\
                <td>\(post.commentCount)</td>\
                <td><a href="/dashboard/posts/\(post.id)/edit" aria-label="\(words.edit): \(post.title)">\(words.edit)</a> · \
                <a href="\(Paths.post(post.slug))" aria-label="\(words.view): \(post.title)">\(words.view)</a></td></tr>
                """
        }
        let table: HTML =
            rows.isEmpty
            ? "<p class=\"hint\">\(model.search.isEmpty ? words.noPosts : words.noMatches)</p>"
            : """
            <table class="dashboard-table posts-table"><thead><tr><th scope="col">\(words.titleColumn)</th>\
            <th scope="col">\(words.dateColumn)</th><th scope="col">\(words.commentsColumn)</th>\
            <th scope="col">\(words.actionsColumn)</th></tr></thead><tbody>\(rows)</tbody></table>
            """
        let more: HTML =
            model.nextPage.map {
                "<p class=\"paging\"><a class=\"button secondary\" href=\"\(query(state: model.state, search: model.search, page: $0))\">\(words.morePosts)</a></p>"
            } ?? ""
        let notice: HTML = model.notice.map { "<p class=\"notice\" role=\"status\">\($0)</p>" } ?? ""
        return Layout.page(
            title: words.postsTitle, chrome: model.chrome, showsSubscribe: false,
            main: """
                \(DashboardNav.assets(script: false))<link rel="stylesheet" href="\(StaticAssets.path("editor.css"))">\
                <section class="dashboard posts-dashboard"><h1>\(words.postsTitle)</h1>\
                \(DashboardNav.render(model.chrome, current: "/dashboard/posts"))\(notice)\
                <p><a class="button" href="/dashboard/posts/new">\(words.newPost)</a></p>\
                <nav class="queue-tabs" aria-label="\(words.postTabs)"><ul>\(tabs)</ul></nav>\
                <form method="get" action="/dashboard/posts" class="filter-form" role="search">\
                <input type="hidden" name="state" value="\(model.state.rawValue)">\
                <div class="field"><label for="posts-q">\(words.searchLabel)</label>\
                <input id="posts-q" name="q" type="search" value="\(model.search)" maxlength="\(Limits.titleLength)"></div>\
                <div class="form-actions"><button type="submit" class="button secondary">\(words.searchButton)</button></div></form>\
                \(table)\(more)</section>
                """)
    }
}

/// `/dashboard/posts/{id}/delete`: what deleting takes with it, and the button.
enum DeletePostPage {
    static func render(chrome: PageChrome, post: Post) -> HTML {
        let words = chrome.text.editor
        let comments: HTML = post.commentCount > 0 ? "<p>\(words.deleteComments(post.commentCount))</p>" : ""
        return Layout.page(
            title: words.deleteTitle(post.title), chrome: chrome, showsSubscribe: false,
            main: """
                \(DashboardNav.assets(script: false))\
                <section class="dashboard form-page"><h1>\(words.deleteTitle(post.title))</h1>\
                \(comments)<p>\(words.deleteWarning)</p>\
                <form method="post" action="/dashboard/posts/\(post.id)/delete">\(csrfField(chrome.csrf))\
                <div class="form-actions"><button type="submit" class="button danger">\(words.deleteConfirm)</button> \
                <a href="/dashboard/posts/\(post.id)/edit">\(words.keepPost)</a></div></form></section>
                """)
    }
}
