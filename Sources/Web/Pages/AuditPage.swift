import Domain
import Foundation

/// `/dashboard/audit`: who did what, when, why, with the text before and after (escaped, as
/// every value of a page is).
enum AuditPage {
    static func render(
        chrome: PageChrome, entries: [AuditEntry], members: [MemberID: Member], filter: AuditFilter, older: AuditEntryID?
    ) -> HTML {
        let text = chrome.text
        let words = text.moderation
        let actions: [HTML] =
            ["<option value=\"\"\(filter.action == nil ? " selected" : "")>\(words.allActions)</option>"]
            + AuditAction.allCases.map { action in
                "<option value=\"\(action.rawValue)\"\(action == filter.action ? " selected" : "")>\(words.actionName(action))</option>"
            }
        func member(_ id: MemberID?) -> HTML {
            guard let id else { return "\(words.theSite)" }
            return "<a href=\"\(Paths.member(id))\">\(text.name(of: members[id]))</a>"
        }
        let rows: [HTML] = entries.map { entry in
            let comment: HTML = entry.commentID.map { "#\($0)" } ?? ""
            return """
                <tr><td><time datetime="\(UTCDate(entry.at).iso8601)">\(text.fullDate(entry.at))</time></td>\
                <td>\(member(entry.actorID))</td><td>\(words.actionName(entry.action))</td><td>\(comment)</td>\
                <td>\(entry.subjectID == nil ? "" : member(entry.subjectID))</td><td>\(entry.reason)</td>\
                <td><div class="audit-text">\(entry.before)</div></td><td><div class="audit-text">\(entry.after)</div></td></tr>
                """
        }
        let table: HTML =
            rows.isEmpty
            ? "<p class=\"hint\">\(words.noEntries)</p>"
            : """
            <div class="table-scroll" role="region" aria-label="\(words.auditTitle)" tabindex="0"><table class="dashboard-table audit-table"><thead><tr><th scope="col">\(words.whenColumn)</th><th scope="col">\(words.whoColumn)</th>\
            <th scope="col">\(words.auditAction)</th><th scope="col">\(words.commentColumn)</th><th scope="col">\(words.subjectColumn)</th>\
            <th scope="col">\(words.reasonColumn)</th><th scope="col">\(words.beforeColumn)</th><th scope="col">\(words.afterColumn)</th></tr></thead>\
            <tbody>\(rows)</tbody></table></div>
            """
        var query: [String] = []
        if let action = filter.action { query.append("action=\(action.rawValue)") }
        if let actor = filter.actorID { query.append("actor=\(actor)") }
        if let subject = filter.subjectID { query.append("subject=\(subject)") }
        let more: HTML =
            older.map { id in
                let link = "/dashboard/audit?" + (query + ["before=\(id)"]).joined(separator: "&")
                return "<p class=\"paging\"><a class=\"button secondary\" href=\"\(link)\">\(words.olderEntries)</a></p>"
            } ?? ""
        let actorValue = filter.actorID.map { "\($0)" } ?? ""
        let subjectValue = filter.subjectID.map { "\($0)" } ?? ""
        return Layout.page(
            title: words.auditTitle, chrome: chrome, showsSubscribe: false,
            main: """
                \(DashboardNav.assets(script: false))\
                <section class="dashboard audit"><h1>\(words.auditTitle)</h1>\
                \(DashboardNav.render(chrome, current: "/dashboard/audit"))\
                <form method="get" action="/dashboard/audit" class="filter-form">\
                <div class="field"><label for="audit-action">\(words.auditAction)</label>\
                <select id="audit-action" name="action">\(actions)</select></div>\
                <div class="field"><label for="audit-actor">\(words.auditActor)</label>\
                <input id="audit-actor" name="actor" type="text" inputmode="numeric" value="\(actorValue)" maxlength="20" aria-describedby="audit-id-hint"></div>\
                <div class="field"><label for="audit-subject">\(words.auditSubject)</label>\
                <input id="audit-subject" name="subject" type="text" inputmode="numeric" value="\(subjectValue)" maxlength="20" aria-describedby="audit-id-hint"></div>\
                <p class="hint" id="audit-id-hint">\(words.memberIDHint)</p>\
                <div class="form-actions"><button type="submit" class="button secondary">\(words.filterButton)</button></div></form>\
                \(table)\(more)</section>
                """)
    }
}
