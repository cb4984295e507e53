import Domain
import Foundation
import Storage

/// The periods the figures page shows: how far back, and how many days each point of the
/// subscribers' line sums up.
enum FiguresPeriod: String, CaseIterable, Sendable {
    case month = "30d"
    case quarter = "12w"
    case year = "12m"

    var points: Int { self == .month ? 30 : 12 }
    var daysPerPoint: Int {
        switch self {
        case .month: 1
        case .quarter: 7
        case .year: 30
        }
    }
    var days: Int { points * daysPerPoint }

    func name(_ words: AudienceText) -> String {
        switch self {
        case .month: words.periodMonth
        case .quarter: words.periodQuarter
        case .year: words.periodYear
        }
    }
}

/// One point of the subscribers' line: the list at the end of a run of days, and the changes in it.
struct GrowthPoint: Equatable, Sendable {
    /// The last day of the point (days since 1970, UTC).
    let day: Int
    let subscribers: Int
    let joined: Int
    let left: Int

    var date: Date { Date(timeIntervalSince1970: TimeInterval(day) * 86_400) }

    /// The points of `period` ending on `today`, from the growth the store read from the
    /// first of those days on.
    static func series(_ growth: SubscriberGrowth, period: FiguresPeriod, today: Int) -> [GrowthPoint] {
        let first = today - period.days + 1
        var total = growth.before
        var changes = growth.days[...]
        return (0..<period.points).map { index in
            let last = first + (index + 1) * period.daysPerPoint - 1
            var joined = 0
            var left = 0
            while let change = changes.first, change.day <= last {
                joined += change.joined
                left += change.left
                changes = changes.dropFirst()
            }
            total += joined - left
            return GrowthPoint(day: last, subscribers: total, joined: joined, left: left)
        }
    }
}

/// What `/dashboard/figures` shows, read by `SiteRoutes.figuresPage`.
struct FiguresModel {
    let period: FiguresPeriod
    let growth: [GrowthPoint]
    let posts: [PostFigures]
    let commenters: [CommenterFigures]
    let members: [MemberID: Member]
    /// Published posts per range of `DiscussionSizes.bounds`.
    let sizes: [Int]
}

/// `/dashboard/figures`: subscribers over time, comments and likes per post, top commenters
/// and posts by discussion size, each a chart drawn on the server with its table beside it.
enum FiguresPage {
    static let postsShown = 10
    static let commentersShown = 10

    static func render(chrome: PageChrome, model: FiguresModel) -> HTML {
        let text = chrome.text
        let words = text.audience
        let periodName = model.period.name(words)
        let periods: [HTML] = FiguresPeriod.allCases.map { period in
            "<option value=\"\(period.rawValue)\"\(period == model.period ? " selected" : "")>\(period.name(words))</option>"
        }

        let growthChart = LineChart(
            title: words.growthChart(periodName),
            points: model.growth.map { .init(label: text.fullDayOnly($0.date), value: $0.subscribers) })
        let growthRows: [HTML] = model.growth.map { point in
            "<tr><th scope=\"row\">\(text.fullDayOnly(point.date))</th><td>\(point.subscribers)</td><td>\(point.joined)</td><td>\(point.left)</td></tr>"
        }
        let growth = figure(
            id: "growth", heading: words.growthHeading, chart: growthChart.svg(id: "growth-chart"), caption: words.growthChart(periodName),
            columns: [words.dateColumn, words.subscribersColumn, words.joinedColumn, words.leftColumn], rows: growthRows, words: words)

        let perPost: HTML
        if model.posts.isEmpty {
            perPost = empty(id: "per-post", heading: words.perPostHeading, words: words)
        } else {
            let chart = BarChart(
                title: words.perPostChart(model.posts.count),
                series: [words.commentsColumn, words.likesColumn, words.postLikesColumn],
                rows: model.posts.map { .init(label: $0.title, values: [$0.comments, $0.likes, $0.postLikes]) })
            let rows: [HTML] = model.posts.map { post in
                """
                <tr><th scope="row"><a href="\(Paths.post(post.slug))">\(post.title)</a></th><td>\(post.comments)</td>\
                <td>\(post.likes)</td><td>\(post.postLikes)</td></tr>
                """
            }
            perPost = figure(
                id: "per-post", heading: words.perPostHeading, chart: chart.svg(id: "per-post-chart"),
                caption: words.perPostChart(model.posts.count),
                columns: [words.postColumn, words.commentsColumn, words.likesColumn, words.postLikesColumn], rows: rows, words: words)
        }

        let top: HTML
        if model.commenters.isEmpty {
            top = empty(id: "top", heading: words.topHeading, words: words)
        } else {
            let chart = BarChart(
                title: words.topChart(periodName), series: [words.commentsColumn],
                rows: model.commenters.map { .init(label: text.name(of: model.members[$0.memberID]), values: [$0.comments]) })
            let rows: [HTML] = model.commenters.map { commenter in
                """
                <tr><th scope="row"><a href="\(Paths.member(commenter.memberID))">\(text.name(of: model.members[commenter.memberID]))</a></th>\
                <td>\(commenter.comments)</td><td>\(commenter.likes)</td></tr>
                """
            }
            top = figure(
                id: "top", heading: words.topHeading, chart: chart.svg(id: "top-chart"), caption: words.topChart(periodName),
                columns: [words.memberColumn, words.commentsColumn, words.likesReceivedColumn], rows: rows, words: words)
        }

        let totalPosts = model.sizes.reduce(0, +)
        let sizes: HTML
        if totalPosts == 0 {
            sizes = empty(id: "sizes", heading: words.sizeHeading, words: words)
        } else {
            let labels = rangeLabels(DiscussionSizes.bounds, words)
            let chart = BarChart(
                title: words.sizeChart(totalPosts), series: [words.postsColumn],
                rows: zip(labels, model.sizes).map { .init(label: $0, values: [$1]) })
            let rows: [HTML] = zip(labels, model.sizes).map { "<tr><th scope=\"row\">\($0)</th><td>\($1)</td></tr>" }
            sizes = figure(
                id: "sizes", heading: words.sizeHeading, chart: chart.svg(id: "sizes-chart"), caption: words.sizeChart(totalPosts),
                columns: [words.sizeColumn, words.postsColumn], rows: rows, words: words)
        }

        return Layout.page(
            title: words.figuresTitle, chrome: chrome, showsSubscribe: false,
            main: """
                \(AudienceAssets.links)\
                <section class="dashboard figures"><h1>\(words.figuresTitle)</h1>\
                \(DashboardNav.render(chrome, current: "/dashboard/figures"))\
                <form method="get" action="/dashboard/figures" class="filter-form">\
                <div class="field"><label for="figures-period">\(words.periodLabel)</label>\
                <select id="figures-period" name="period">\(periods)</select></div>\
                <div class="form-actions"><button type="submit" class="button secondary">\(words.showButton)</button></div></form>\
                \(growth)\(perPost)\(top)\(sizes)</section>
                """)
    }

    /// "None", "1–4", "5–19", ..., "50 or more".
    static func rangeLabels(_ bounds: [Int], _ words: AudienceText) -> [String] {
        bounds.indices.map { index in
            let low = bounds[index]
            guard index + 1 < bounds.count else { return words.sizeAtLeast(low) }
            let high = bounds[index + 1] - 1
            if low == 0 && high == 0 { return words.sizeNone }
            return low == high ? "\(low)" : "\(low)–\(high)"
        }
    }

    /// A chart with its table beside it: the table is what a screen reader reads, and what
    /// anyone can copy.
    static func figure(
        id: String, heading: String, chart: HTML, caption: String, columns: [String], rows: [HTML], words: AudienceText
    ) -> HTML {
        let head: [HTML] = columns.map { "<th scope=\"col\">\($0)</th>" }
        return """
            <section class="figure" aria-labelledby="\(id)-heading"><h2 id="\(id)-heading">\(heading)</h2>\
            <div class="figure-body"><div class="figure-chart">\(chart)</div>\
            <div class="figure-table" role="region" tabindex="0" aria-labelledby="\(id)-caption">\
            <table class="dashboard-table"><caption id="\(id)-caption">\(caption)</caption>\
            <thead><tr>\(head)</tr></thead><tbody>\(rows)</tbody></table></div></div></section>
            """
    }

    static func empty(id: String, heading: String, words: AudienceText) -> HTML {
        "<section class=\"figure\" aria-labelledby=\"\(id)-heading\"><h2 id=\"\(id)-heading\">\(heading)</h2><p class=\"hint\">\(words.noData)</p></section>"
    }
}
