import Domain
import Foundation
import Markup
import Storage

/// What `/dashboard/moderation` shows, read by `SiteRoutes.moderationQueuePage`.
struct ModerationQueueModel {
    let viewer: Member
    let tab: ModerationTab
    let counts: [ModerationTab: Int]
    let items: [QueuedComment]
    let posts: [PostID: Post]
    let parents: [CommentID: Comment]
    let histories: [MemberID: AuthorHistory]
    let members: [MemberID: Member]
    let before: CommentID?
    /// The last comment of this page, when there is an older one.
    let older: CommentID?
    /// What the last form did, for a note at the top (no JavaScript).
    let done: QueueDecision?
    let now: Date

    /// This page's own address: where its forms come back to.
    var path: String { "/dashboard/moderation?tab=\(tab.rawValue)" + (before.map { "&before=\($0)" } ?? "") }
}

/// `/dashboard/moderation`: the tabs, and each comment with what a moderator needs to decide
/// (its post, parent, author and their history, reports, why it was held, the spam score) and
/// the decisions that fit its tab; checkboxes and one bulk form; older pages.
enum ModerationQueuePage {
    /// The longest reason a form takes; the use case has the last word.
    static let reasonLength = 500

    static func render(chrome: PageChrome, model: ModerationQueueModel) -> HTML {
        let words = chrome.text.moderation
        let tabs: [HTML] = ModerationTab.allCases.map { tab in
            let here: HTML = tab == model.tab ? " aria-current=\"page\"" : ""
            return """
                <li><a href="/dashboard/moderation?tab=\(tab.rawValue)"\(here)>\(tabName(tab, words)) \
                <span class="count">\(Self.countText(model.counts[tab] ?? 0))</span></a></li>
                """
        }
        let done: HTML = model.done.map { "<p class=\"notice\" role=\"status\">\(doneText($0, words))</p>" } ?? ""
        let list: HTML
        if model.items.isEmpty {
            list = "<p class=\"hint queue-empty\">\(words.emptyTab)</p>"
        } else {
            let items: [HTML] = model.items.map { item(chrome, model, $0) }
            list = """
                \(bulkForm(chrome, model))\
                <ol class="queue-list" aria-label="\(tabName(model.tab, words))">\(items)</ol>
                """
        }
        var paging: [HTML] = []
        if model.before != nil {
            paging.append("<a class=\"button secondary\" href=\"/dashboard/moderation?tab=\(model.tab.rawValue)\">\(words.newestPage)</a>")
        }
        if let older = model.older {
            paging.append(
                "<a class=\"button secondary\" href=\"/dashboard/moderation?tab=\(model.tab.rawValue)&amp;before=\(older)\">\(words.olderPage)</a>"
            )
        }
        return Layout.page(
            title: words.queueTitle, chrome: chrome, showsSubscribe: false,
            main: """
                \(DashboardNav.assets(script: true))\
                <section class="dashboard queue" data-tab="\(model.tab.rawValue)"><h1>\(words.queueTitle)</h1>\
                \(DashboardNav.render(chrome, current: "/dashboard/moderation"))\
                <nav class="queue-tabs" aria-label="\(words.tabsLabel)"><ul>\(tabs)</ul></nav>\
                <p class="hint keyboard-help" hidden>\(words.keyboardHelp)</p>\
                <p class="queue-status" role="status" aria-live="polite">\(done)</p>\
                \(list)<p class="paging">\(paging)</p></section>
                """)
    }

    /// A tab's count; the store stops counting past `ModerationQueueCount.cap`, shown as "1000+".
    static func countText(_ count: Int) -> String {
        count > ModerationQueueCount.cap ? "\(ModerationQueueCount.cap)+" : "\(count)"
    }

    static func tabName(_ tab: ModerationTab, _ words: ModerationText) -> String {
        switch tab {
        case .reported: words.reportedTab
        case .held: words.heldTab
        case .approved: words.approvedTab
        case .removed: words.removedTab
        }
    }

    static func doneText(_ decision: QueueDecision, _ words: ModerationText) -> String {
        switch decision {
        case .approve: words.doneApproved
        case .reject: words.doneRejected
        case .remove: words.doneRemoved
        case .restore: words.doneRestored
        }
    }

    /// The decisions that fit a tab, the first two on the keys `a` and `r`.
    static func decisions(_ tab: ModerationTab, _ comment: Comment) -> [QueueDecision] {
        switch tab {
        case .reported: [.approve, .remove]
        case .held: [.approve, .reject]
        case .approved: [.remove]
        case .removed: [.restore]
        }
    }

    /// One bulk form for the page: the checkboxes of the comments belong to it (`form=`).
    static func bulkForm(_ chrome: PageChrome, _ model: ModerationQueueModel) -> HTML {
        let words = chrome.text.moderation
        let options: [HTML] = decisions(model.tab, model.items[0].comment).map { decision in
            "<option value=\"\(decision.rawValue)\">\(label(decision, words))</option>"
        }
        return """
            <form id="bulk-form" class="bulk-form" method="post" action="/dashboard/moderation/bulk">\(csrfField(chrome.csrf))\
            <input type="hidden" name="next" value="\(model.path)">\
            <div class="check"><input type="checkbox" id="select-all" class="select-all" hidden>\
            <label for="select-all" hidden>\(words.selectAll)</label></div>\
            <label for="bulk-decision">\(words.bulkLabel)</label> \
            <select id="bulk-decision" name="decision">\(options)</select> \
            <button type="submit" class="button secondary">\(words.bulkApply)</button></form>
            """
    }

    static func label(_ decision: QueueDecision, _ words: ModerationText) -> String {
        switch decision {
        case .approve: words.approve
        case .reject: words.reject
        case .remove: words.remove
        case .restore: words.restore
        }
    }

    static func item(_ chrome: PageChrome, _ model: ModerationQueueModel, _ queued: QueuedComment) -> HTML {
        let text = chrome.text
        let words = text.moderation
        let comment = queued.comment
        let author = model.members[comment.authorID]
        let authorName = text.name(of: author)
        let post = model.posts[comment.postID]
        let postLink: HTML =
            post.map { "<a href=\"\(Paths.commentAnchor($0.slug, comment.id))\">\(words.onPost($0.title))</a>" } ?? ""
        let iso = UTCDate(comment.createdAt).iso8601
        let parent: HTML = {
            guard let parentID = comment.parentID, let parent = model.parents[parentID] else { return "" }
            let excerpt = parent.isDeleted ? text.commentDeleted : Self.excerpt(parent.bodyText)
            return """
                <p class="queue-parent"><span class="label">\(words.inReplyTo)</span> \
                \(text.name(of: model.members[parent.authorID])): <q>\(excerpt)</q></p>
                """
        }()
        let history: HTML = {
            guard let h = model.histories[comment.authorID] else { return "" }
            return """
                <ul class="history"><li>\(words.historyVisible): \(h.visible)</li>\
                <li>\(words.historyHeld): \(h.held)</li><li>\(words.historyRemoved): \(h.removed)</li>\
                <li>\(words.historyReports): \(h.reportsAgainst)</li></ul>
                """
        }()
        let hold: HTML = {
            guard let note = queued.hold, model.tab == .held || comment.status == .held else { return "" }
            var parts: [HTML] = [
                "<p class=\"hold\"><span class=\"label\">\(words.heldBecause)</span> \(holdReason(note.reason, words))</p>"
            ]
            if let score = note.spamScore {
                parts.append(
                    "<p class=\"spam\"><span class=\"label\">\(words.spamScore)</span> \(String(format: "%.2f", score))</p>")
            }
            if !note.spamFeatures.isEmpty {
                let features: [HTML] = note.spamFeatures.prefix(8).map { "<li><code>\($0)</code></li>" }
                parts.append("<div class=\"spam-features\"><span class=\"label\">\(words.weighedMost)</span><ul>\(features)</ul></div>")
            }
            return "\(parts)"
        }()
        let reports: HTML = {
            guard !queued.reports.isEmpty else { return "" }
            let lines: [HTML] = queued.reports.prefix(20).map { report in
                let said: HTML = report.text.isEmpty ? "" : ": <q>\(report.text)</q>"
                let open: HTML = report.resolvedAt == nil ? "" : " class=\"resolved\""
                return "<li\(open)><strong>\(reportReason(report.reason, words))</strong>\(said)</li>"
            }
            return
                "<div class=\"reports\"><span class=\"label\">\(words.reportsHeading) (\(queued.reports.count))</span><ul>\(lines)</ul></div>"
        }()
        let decision: HTML =
            queued.decision.map { d in
                let by = text.name(of: model.members[d.by])
                let reason: HTML = d.reason.isEmpty ? "" : ": <q>\(d.reason)</q>"
                return "<p class=\"decision\">\(decisionName(d.kind, words)) \(words.decidedBy(by))\(reason)</p>"
            } ?? ""
        let body: HTML = comment.isDeleted ? "<p class=\"comment-deleted\">\(text.commentDeleted)</p>" : HTML(trusted: comment.bodyHTML)
        let forms: [HTML] = decisions(model.tab, comment).enumerated().map { index, decision in
            actionForm(chrome, model, comment, decision, key: index == 0 ? "a" : "r")
        }
        let ban: HTML = "<a class=\"button secondary\" href=\"/dashboard/members/\(comment.authorID)/ban\">\(words.banAuthor)</a>"
        let headingID: HTML = "q-\(comment.id)-heading"
        return """
            <li class="queue-item" id="q-\(comment.id)" data-comment-id="\(comment.id)" tabindex="-1" aria-labelledby="\(headingID)">\
            <div class="queue-pick"><input type="checkbox" form="bulk-form" name="pick-\(comment.id)" value="1" id="pick-\(comment.id)">\
            <label for="pick-\(comment.id)"><span class="visually-hidden">\(words.selectComment)</span></label></div>\
            <div class="queue-main"><h2 class="queue-heading" id="\(headingID)">\
            <a href="\(Paths.member(comment.authorID))">\(authorName)</a> \
            <time datetime="\(iso)" title="\(text.fullDate(comment.createdAt))">\(text.relativeAge(RelativeAge(of: comment.createdAt, now: model.now)))</time></h2>\
            <p class="queue-post">\(postLink)</p>\(parent)<div class="comment-body">\(body)</div>\
            <div class="queue-facts">\(hold)\(reports)\(decision)\
            <div class="author-history"><span class="label">\(words.author)</span> \
            <a href="\(Paths.member(comment.authorID))">\(words.memberPageLink)</a>\(history)</div></div>\
            <div class="queue-actions">\(forms)\(ban)</div></div></li>
            """
    }

    static func actionForm(
        _ chrome: PageChrome, _ model: ModerationQueueModel, _ comment: Comment, _ decision: QueueDecision, key: String
    ) -> HTML {
        let words = chrome.text.moderation
        let reason: HTML =
            decision == .reject || decision == .remove
            ? """
            <label class="visually-hidden" for="reason-\(decision.rawValue)-\(comment.id)">\(words.rejectReasonLabel)</label>\
            <input id="reason-\(decision.rawValue)-\(comment.id)" name="reason" type="text" maxlength="\(Self.reasonLength)" \
            placeholder="\(words.rejectReasonLabel)">
            """ : ""
        let style: HTML = decision == .approve || decision == .restore ? "button" : "button danger"
        return """
            <form method="post" action="/dashboard/moderation/\(comment.id)/\(decision.rawValue)" class="queue-action" \
            data-key="\(key)" data-decision="\(decision.rawValue)">\(csrfField(chrome.csrf))\
            <input type="hidden" name="next" value="\(model.path)">\(reason)\
            <button type="submit" class="\(style)">\(label(decision, words))</button></form>
            """
    }

    static func holdReason(_ reason: HoldReason, _ words: ModerationText) -> String {
        switch reason {
        case .policy: words.holdPolicy
        case .links: words.holdLinks
        case .holdWord: words.holdWord
        case .likelySpam: words.holdLikelySpam
        case .reports: words.holdReports
        }
    }

    static func reportReason(_ reason: ReportReason, _ words: ModerationText) -> String {
        switch reason {
        case .spam: words.reasonSpam
        case .abuse: words.reasonAbuse
        case .offTopic: words.reasonOffTopic
        case .other: words.reasonOther
        }
    }

    static func decisionName(_ kind: ModerationDecision.Kind, _ words: ModerationText) -> String {
        switch kind {
        case .approved: words.decisionApproved
        case .rejected: words.decisionRejected
        case .removed: words.decisionRemoved
        case .restored: words.decisionRestored
        }
    }

    /// A comment's first words, on one line.
    static func excerpt(_ text: String, limit: Int = 160) -> String {
        let line = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        guard line.count > limit else { return line }
        return String(line.prefix(limit)) + "…"
    }
}
