import Domain
import Foundation
import Storage

/// `/dashboard` for owners and admins: posts, comments and subscribers at a glance, each with
/// the way to the page that does more.
enum DashboardHomePage {
    static func render(chrome: PageChrome, glance: DashboardGlance, queue: [ModerationTab: Int]) -> HTML {
        let words = chrome.text.audience
        func figures(_ items: [String]) -> HTML {
            let list: [HTML] = items.map { "<li>\($0)</li>" }
            return "<ul class=\"glance-figures\">\(list)</ul>"
        }
        let posts = figures([
            words.publishedCount(glance.posts[.published] ?? 0), words.scheduledCount(glance.posts[.scheduled] ?? 0),
            words.draftCount(glance.posts[.draft] ?? 0),
        ])
        let comments = figures([
            words.recentComments(glance.recentComments), words.heldCount(queue[.held] ?? 0), words.reportedCount(queue[.reported] ?? 0),
        ])
        let subscribers = figures([
            words.activeCount(glance.subscribers[.active] ?? 0), words.pendingCount(glance.subscribers[.pending] ?? 0),
            words.newSubscribers(glance.newSubscribers),
        ])
        return Layout.page(
            title: words.homeTitle, chrome: chrome, showsSubscribe: false,
            main: """
                \(AudienceAssets.links)\
                <section class="dashboard dashboard-home"><h1>\(words.homeTitle)</h1>\
                \(DashboardNav.render(chrome, current: "/dashboard"))<div class="glance">\
                <section class="glance-card" aria-labelledby="glance-posts"><h2 id="glance-posts">\(words.postsHeading)</h2>\(posts)\
                <p class="glance-links"><a class="button" href="/dashboard/posts/new">\(words.writePost)</a> \
                <a href="/dashboard/posts">\(words.allPosts)</a></p></section>\
                <section class="glance-card" aria-labelledby="glance-comments"><h2 id="glance-comments">\(words.commentsHeading)</h2>\(comments)\
                <p class="glance-links"><a href="/dashboard/moderation">\(words.openModeration)</a></p></section>\
                <section class="glance-card" aria-labelledby="glance-subscribers"><h2 id="glance-subscribers">\(words.subscribersHeading)</h2>\
                \(subscribers)<p class="glance-links"><a href="/dashboard/subscribers">\(words.manageSubscribers)</a> \
                <a href="/dashboard/figures">\(words.seeFigures)</a></p></section></div></section>
                """)
    }
}

/// The audience pages' stylesheet, linked from the page body like the staff pages' own.
enum AudienceAssets {
    static let links: HTML = "\(DashboardNav.assets(script: false))<link rel=\"stylesheet\" href=\"\(StaticAssets.path("audience.css"))\">"
}
