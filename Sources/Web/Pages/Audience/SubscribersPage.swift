import Domain
import Foundation
import Storage

/// What `/dashboard/subscribers` shows, read by `SiteRoutes.subscribersPage`.
struct SubscribersModel {
    let subscribers: [Subscriber]
    let filter: SubscriberFilter
    let counts: [SubscriberStatus: Int]
    /// The page's cursor (nil: the newest), and the next older page's, if any.
    let before: SubscriberID?
    let older: SubscriberID?
    /// What the last action did, for a note at the top (no JavaScript).
    let notice: String?

    /// The filter as a query string, for links that keep it.
    var query: String {
        var parts: [String] = []
        if let search = filter.search, !search.isEmpty {
            parts.append("q=" + (search.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))
        }
        if let status = filter.status { parts.append("status=\(status.rawValue)") }
        if let source = filter.source { parts.append("source=\(source.rawValue)") }
        return parts.joined(separator: "&")
    }
}

/// `/dashboard/subscribers`: the counts by status, search by address, status and source
/// filters, the list newest first in pages, the CSV export of what is filtered, and the import.
enum SubscribersPage {
    static let pageSize = 50

    static func render(chrome: PageChrome, model: SubscribersModel) -> HTML {
        let text = chrome.text
        let words = text.audience
        let statuses = AudienceNames.options(SubscriberStatus.allCases, selected: model.filter.status, any: words.anyStatus) {
            AudienceNames.status($0, words)
        }
        let sources = AudienceNames.options(SubscriberSource.allCases, selected: model.filter.source, any: words.anySource) {
            AudienceNames.source($0, words)
        }
        let counts: [HTML] = SubscriberStatus.allCases.map { status in
            "<li>\(AudienceNames.status(status, words)): <strong>\(model.counts[status] ?? 0)</strong></li>"
        }
        let rows: [HTML] = model.subscribers.map { subscriber in
            let confirmed: HTML = subscriber.confirmedAt.map { day($0, text) } ?? ""
            return """
                <tr><td><a href="/dashboard/subscribers/\(subscriber.id)">\(subscriber.email)</a></td>\
                <td>\(AudienceNames.status(subscriber.status, words))</td><td>\(AudienceNames.source(subscriber.source, words))</td>\
                <td>\(day(subscriber.createdAt, text))</td><td>\(confirmed)</td></tr>
                """
        }
        let table: HTML =
            rows.isEmpty
            ? "<p class=\"hint\">\(words.noSubscribers)</p>"
            : """
            <table class="dashboard-table subscribers-table"><thead><tr><th scope="col">\(words.emailColumn)</th>\
            <th scope="col">\(words.statusLabel)</th><th scope="col">\(words.sourceLabel)</th>\
            <th scope="col">\(words.subscribedColumn)</th><th scope="col">\(words.confirmedColumn)</th></tr></thead>\
            <tbody>\(rows)</tbody></table>
            """
        let query = model.query
        let base = "/dashboard/subscribers" + (query.isEmpty ? "" : "?" + query)
        var paging: [HTML] = []
        if model.before != nil { paging.append("<a class=\"button secondary\" href=\"\(base)\">\(words.newestSubscribers)</a>") }
        if let older = model.older {
            let link = base + (query.isEmpty ? "?" : "&") + "before=\(older)"
            paging.append("<a class=\"button secondary\" href=\"\(link)\">\(words.olderSubscribers)</a>")
        }
        let notice: HTML = model.notice.map { "<p class=\"notice\" role=\"status\">\($0)</p>" } ?? ""
        let export = "/dashboard/subscribers/export.csv" + (query.isEmpty ? "" : "?" + query)
        return Layout.page(
            title: words.subscribersTitle, chrome: chrome, showsSubscribe: false,
            main: """
                \(AudienceAssets.links)\
                <section class="dashboard subscribers"><h1>\(words.subscribersTitle)</h1>\
                \(DashboardNav.render(chrome, current: "/dashboard/subscribers"))\(notice)\
                <h2 class="visually-hidden" id="counts-heading">\(words.listCounts)</h2>\
                <ul class="status-counts" aria-labelledby="counts-heading">\(counts)</ul>\
                <p class="subscriber-actions"><a class="button secondary" href="\(export)" download>\(words.exportLink)</a> \
                <a class="button secondary" href="/dashboard/subscribers/import">\(words.importLink)</a></p>\
                <form method="get" action="/dashboard/subscribers" class="filter-form" role="search">\
                <div class="field"><label for="subscribers-q">\(words.searchLabel)</label>\
                <input id="subscribers-q" name="q" type="search" value="\(model.filter.search ?? "")" maxlength="\(Limits.emailLength)"></div>\
                <div class="field"><label for="subscribers-status">\(words.statusLabel)</label>\
                <select id="subscribers-status" name="status">\(statuses)</select></div>\
                <div class="field"><label for="subscribers-source">\(words.sourceLabel)</label>\
                <select id="subscribers-source" name="source">\(sources)</select></div>\
                <div class="form-actions"><button type="submit" class="button secondary">\(words.filterButton)</button></div></form>\
                \(table)<p class="paging">\(paging)</p></section>
                """)
    }

    /// A day, with the exact time for machines and on hover.
    static func day(_ date: Date, _ text: Catalogue) -> HTML {
        "<time datetime=\"\(UTCDate(date).iso8601)\" title=\"\(text.fullDate(date))\">\(text.fullDayOnly(date))</time>"
    }
}
