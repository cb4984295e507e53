import Domain
import Foundation

/// `/members/{id}`: a member's name, avatar, bio, and their recent comments, newest first.
enum MemberPage {
    struct Entry {
        let comment: Comment
        let post: Post
    }

    /// `moderation`: the viewer's Mute button (`MemberStanding`); `staff`: what staff see of the
    /// member's ban (`BanPage.section`). Both empty for everyone else.
    static func render(
        chrome: PageChrome, member: Member, entries: [Entry], olderPath: String?, now: Date, moderation: HTML = "", staff: HTML = ""
    ) -> HTML {
        let text = chrome.text
        let account = text.account
        let name = text.name(of: member)
        let bio: HTML = member.bio.isEmpty ? "" : "<p class=\"member-bio\">\(member.bio)</p>"
        let items: [HTML] = entries.map { entry in
            let comment = entry.comment
            let iso = UTCDate(comment.createdAt).iso8601
            let body: HTML = comment.isDeleted ? "<p class=\"comment-deleted\">\(text.commentDeleted)</p>" : HTML(trusted: comment.bodyHTML)
            let marker: HTML =
                switch comment.status {
                case .visible: ""
                case .held: " <span class=\"badge held\">\(text.rules.awaitingApproval)</span>"
                case .removed: " <span class=\"badge removed\">\(text.rules.removedMarker)</span>"
                }
            return """
                <li class="member-comment"><p class="member-comment-meta"><a href="\(Paths.comment(entry.post.slug, comment.id))">\
                <time datetime="\(iso)" title="\(text.fullDate(comment.createdAt))">\(text.relativeAge(RelativeAge(of: comment.createdAt, now: now)))</time></a> \
                \(account.onPost(entry.post.title))\(marker)</p><div class="comment-body">\(body)</div></li>
                """
        }
        let list: HTML = items.isEmpty ? "<p class=\"hint\">\(account.noMemberComments)</p>" : "<ol class=\"member-comments\">\(items)</ol>"
        let older: HTML = olderPath.map { "<p><a class=\"button secondary\" href=\"\($0)\">\(account.olderComments)</a></p>" } ?? ""
        return Layout.page(
            title: name, chrome: chrome, showsSubscribe: false,
            main: """
                <section class="member-page"><header class="member-header">\
                <img class="avatar large" src="\(Paths.avatar(member))" alt="\(text.avatarAlt(name))" width="64" height="64">\
                <div><h1>\(name)</h1>\(bio)<p class="hint">\(account.memberSince(text.fullDayOnly(member.createdAt)))</p>\(moderation)</div></header>\(staff)\
                <section aria-labelledby="recent-heading"><h2 id="recent-heading">\(account.recentComments)</h2>\(list)\(older)</section></section>
                """)
    }
}
