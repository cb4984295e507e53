import Domain
import Foundation
import Hummingbird
import Storage
import UseCases

extension SiteRoutes {
    /// The writer's audience pages: the dashboard's home, subscribers, the import, figures.
    func registerAudience(on site: RouterGroup<AppRequestContext>) {
        site.get("/dashboard") { request, context in try await dashboardHome(request, context) }
        site.get("/dashboard/subscribers") { request, context in try await subscribersPage(request, context) }
        site.get("/dashboard/subscribers/export.csv") { request, context in try await exportSubscribers(request, context) }
        site.get("/dashboard/subscribers/import") { request, context in try await importPage(request, context) }
        site.get("/dashboard/subscribers/:id") { request, context in try await subscriberPage(request, context) }
        site.get("/dashboard/figures") { request, context in try await figuresPage(request, context) }
    }

    /// The audience forms, each with the page that shows it again when refused.
    func audienceFormRoutes() -> [FormRoute] {
        [
            FormRoute(
                "/dashboard/subscribers/import",
                upload: FormRoute.Upload(maxBody: SubscriberImportLimits.fileBytes + 64 * 1024, maxFile: SubscriberImportLimits.fileBytes),
                refused: { try await refusedImport($0, $1, $2) }
            ) { try await importSubscribers($0, $1) },
            FormRoute("/dashboard/subscribers/:id/remove", refused: { try await refusedMessage($0, $1, $2) }) {
                try await removeSubscriber($0, $1)
            },
        ]
    }

    /// `GET /dashboard`: owners and admins see the publication at a glance; moderators, whose
    /// dashboard is moderation, are sent there; members get 403.
    func dashboardHome(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        if let viewer = context.viewer, viewer.role == .moderator, !request.wantsJSON {
            return Reply.redirect(to: "/dashboard/moderation")
        }
        switch try await staffGate(.admin, request, context) {
        case .success: break
        case .failure(let refused): return refused.response
        }
        // Comments over the last week, new subscribers over the last 30 days.
        let glance = try await store.dashboardGlance(
            commentsSince: now.addingTimeInterval(-7 * 86_400), subscribersSince: now.addingTimeInterval(-30 * 86_400))
        return Reply.page(
            DashboardHomePage.render(
                chrome: try await chrome(request, context), glance: glance, queue: try await store.moderationCounts()))
    }

    /// The subscriber filter of a request's query: unknown values do not filter.
    func subscriberFilter(_ request: Request) -> SubscriberFilter {
        let query = request.uri.queryParameters
        return SubscriberFilter(
            search: query.get("q").map { String($0.prefix(Limits.emailLength)) }.flatMap { $0.isEmpty ? nil : $0 },
            status: query.get("status").flatMap { SubscriberStatus(rawValue: String($0)) },
            source: query.get("source").flatMap { SubscriberSource(rawValue: String($0)) })
    }

    /// `GET /dashboard/subscribers?q=&status=&source=&before=`: one read for the page (one more
    /// row than shown says whether an older page exists), one for the counts.
    func subscribersPage(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        switch try await staffGate(.admin, request, context) {
        case .success: break
        case .failure(let refused): return refused.response
        }
        let query = request.uri.queryParameters
        let filter = subscriberFilter(request)
        let before = query.get("before").flatMap { SubscriberID(parsing: $0) }
        let page = try await store.subscriberList(filter: filter, before: before, limit: SubscribersPage.pageSize + 1)
        let shown = Array(page.prefix(SubscribersPage.pageSize))
        let words = text.audience
        // Only a fixed text chosen by its code: a link with a notice of its own making is not one.
        let notice: String? =
            switch query.get("done").flatMap({ SubscribersNotice(rawValue: String($0)) }) {
            case .imported: words.importedOptIn
            case .importedConfirmed: words.importedConfirmed
            case .removed: words.removed
            case nil: nil
            }
        let model = SubscribersModel(
            subscribers: shown, filter: filter, counts: try await store.subscriberCounts(), before: before,
            older: page.count > SubscribersPage.pageSize ? shown.last?.id : nil, notice: notice)
        return Reply.page(SubscribersPage.render(chrome: try await chrome(request, context), model: model))
    }

    /// `GET /dashboard/subscribers/export.csv?q=&status=&source=`: every subscriber the filter
    /// matches, as CSV, streamed a page at a time so a long list never sits in memory whole.
    func exportSubscribers(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        switch try await staffGate(.admin, request, context) {
        case .success: break
        case .failure(let refused): return refused.response
        }
        let filter = subscriberFilter(request)
        let store = self.store
        var headers = HTTPFields()
        headers[.contentType] = "text/csv; charset=utf-8"
        headers[.contentDisposition] = "attachment; filename=\"subscribers.csv\""
        headers[.cacheControl] = "no-store"
        let body = ResponseBody { writer in
            try await writer.write(ByteBuffer(string: "email,status,source,created_at,confirmed_at\r\n"))
            var before: SubscriberID? = nil
            // Bounded: a list of ten million addresses is a thousand pages.
            for _ in 0..<100_000 {
                let page = try await store.subscriberList(filter: filter, before: before, limit: 1000)
                var chunk = ""
                for subscriber in page {
                    let confirmed = subscriber.confirmedAt.map { UTCDate($0).iso8601 } ?? ""
                    chunk +=
                        [
                            SubscriberCSV.cell(subscriber.email), subscriber.status.rawValue, subscriber.source.rawValue,
                            UTCDate(subscriber.createdAt).iso8601, confirmed,
                        ].joined(separator: ",") + "\r\n"
                }
                if !chunk.isEmpty { try await writer.write(ByteBuffer(string: chunk)) }
                guard page.count == 1000, let last = page.last else { break }
                before = last.id
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: headers, body: body)
    }

    /// `GET /dashboard/subscribers/import`: the import form.
    func importPage(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        switch try await staffGate(.admin, request, context) {
        case .success: break
        case .failure(let refused): return refused.response
        }
        return Reply.page(SubscriberImportPage.render(chrome: try await chrome(request, context), form: SubscriberImportForm()))
    }

    /// The list an import form carries: the file if one was chosen, else the pasted addresses.
    /// Throws `invalidUTF8` for a file that is not UTF-8 text.
    func importedList(_ context: AppRequestContext) throws -> SubscriberCSV {
        if let file = context.upload?.file(named: "file"), !file.bytes.isEmpty {
            guard let text = String(data: file.bytes, encoding: .utf8) else { throw Refusal("file", .invalidUTF8) }
            return try SubscriberCSV.file(text)
        }
        let pasted = context.form["addresses"] ?? ""
        guard pasted.count <= SubscriberImportPage.pastedLength else {
            throw FieldError("file", .tooLong(max: SubscriberImportPage.pastedLength))
        }
        return SubscriberCSV.pasted(pasted)
    }

    /// `POST /dashboard/subscribers/import`: the use case holds the rules; the list comes back
    /// with what was added and what was on it already.
    func importSubscribers(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let viewer: Member
        switch try await staffGate(.admin, request, context) {
        case .success(let member): viewer = member
        case .failure(let refused): return refused.response
        }
        let mode: SubscriberImport.Mode
        switch context.form["mode"] ?? "opt-in" {
        case "opt-in": mode = .optIn
        case "confirmed": mode = .confirmedElsewhere
        default: throw FieldError("mode", .invalidChoice)
        }
        let result = try await actions.importSubscribers(
            try importedList(context), mode: mode, attested: context.form["attest"] == "yes", note: context.form["note"] ?? "",
            by: viewer)
        if request.wantsJSON { return try Reply.json(SubscribersImported(added: result.added.count, alreadyListed: result.alreadyListed)) }
        let done: SubscribersNotice = mode == .confirmedElsewhere ? .importedConfirmed : .imported
        return Reply.redirect(to: "/dashboard/subscribers?done=\(done.rawValue)")
    }

    /// The import form again, with what was chosen, the refusal at its field and the bad lines.
    func refusedImport(_ refusal: Refusal, _ request: Request, _ context: AppRequestContext) async throws -> Response {
        guard context.viewer?.role.runsPublication ?? false else { return try await refusedMessage(refusal, request, context) }
        var form = SubscriberImportForm()
        form.pasted = String((context.form["addresses"] ?? "").prefix(SubscriberImportPage.pastedLength))
        form.mode = context.form["mode"] == "confirmed" ? .confirmedElsewhere : .optIn
        form.attested = context.form["attest"] == "yes"
        form.note = String((context.form["note"] ?? "").prefix(SubscriberImportLimits.noteLength))
        // A refusal of the upload itself (too large, not a form) is the file's.
        let field = ["attest", "note"].contains(refusal.field) ? refusal.field : "file"
        form.error = (field, text.errorMessage(refusal.reason))
        if field == "file", let list = try? importedList(context) { form.bad = list.bad }
        return Reply.page(
            SubscriberImportPage.render(chrome: try await chrome(request, context), form: form), status: Reply.status(for: refusal.reason))
    }

    /// The subscriber named in the path.
    func pathSubscriber(_ context: AppRequestContext) async throws -> Subscriber? {
        guard let raw = context.parameters.get("id"), let id = SubscriberID(parsing: raw) else { return nil }
        return try await store.subscriber(id: id)
    }

    /// `GET /dashboard/subscribers/{id}`: one subscriber, and the form that removes it.
    func subscriberPage(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        switch try await staffGate(.admin, request, context) {
        case .success: break
        case .failure(let refused): return refused.response
        }
        guard let subscriber = try await pathSubscriber(context) else { return try await notFound(request, context) }
        let member = try await store.member(email: subscriber.email)
        return Reply.page(SubscriberPage.render(chrome: try await chrome(request, context), subscriber: subscriber, member: member))
    }

    /// `POST /dashboard/subscribers/{id}/remove`.
    func removeSubscriber(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let viewer: Member
        switch try await staffGate(.admin, request, context) {
        case .success(let member): viewer = member
        case .failure(let refused): return refused.response
        }
        guard let raw = context.parameters.get("id"), let id = SubscriberID(parsing: raw) else {
            return try await notFound(request, context)
        }
        let removed = try await actions.removeSubscriber(id: id, by: viewer)
        if request.wantsJSON { return try Reply.json(SubscriberRemoved(removed: removed.email)) }
        return Reply.redirect(to: "/dashboard/subscribers?done=\(SubscribersNotice.removed.rawValue)")
    }

    /// `GET /dashboard/figures?period=30d|12w|12m`: five reads, none of which grows with the
    /// period but the subscribers' days (at most one row per day).
    func figuresPage(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        switch try await staffGate(.admin, request, context) {
        case .success: break
        case .failure(let refused): return refused.response
        }
        let period = request.uri.queryParameters.get("period").flatMap { FiguresPeriod(rawValue: String($0)) } ?? .quarter
        let today = Int((now.timeIntervalSince1970 / 86_400).rounded(.down))
        let firstDay = Date(timeIntervalSince1970: TimeInterval(today - period.days + 1) * 86_400)
        let growth = try await store.subscriberGrowth(since: firstDay)
        let commenters = try await store.topCommenters(since: firstDay, limit: FiguresPage.commentersShown)
        let model = FiguresModel(
            period: period, growth: GrowthPoint.series(growth, period: period, today: today),
            posts: try await store.postFigures(limit: FiguresPage.postsShown), commenters: commenters,
            members: try await store.members(ids: Set(commenters.map(\.memberID))),
            sizes: try await store.postsByDiscussionSize(bounds: DiscussionSizes.bounds))
        return Reply.page(FiguresPage.render(chrome: try await chrome(request, context), model: model))
    }
}

/// The notices of the subscriber list after a form, by their code in `?done=`.
enum SubscribersNotice: String {
    case imported
    case importedConfirmed = "imported-confirmed"
    case removed
}

/// An import done.
struct SubscribersImported: Encodable {
    let added: Int
    let alreadyListed: Int
}

/// A subscriber removed.
struct SubscriberRemoved: Encodable {
    let removed: String
}

extension SiteRoutes {
    /// A member's newsletter subscription (by their account's address), for staff on the
    /// member's page; nothing for anyone else.
    func staffSubscription(for member: Member, chrome: PageChrome) async throws -> HTML {
        guard chrome.viewer?.role.isStaff ?? false, !member.isDeleted else { return "" }
        return MemberSubscription.render(try await store.subscriber(email: member.email), chrome: chrome)
    }
}

extension HTML {
    static func + (lhs: HTML, rhs: HTML) -> HTML { "\(lhs)\(rhs)" }
}
