import Domain
import Foundation
import Hummingbird

/// What a moderator does to one comment from the queue.
enum QueueDecision: String, CaseIterable {
    case approve, reject, remove, restore
}

extension SiteRoutes {
    /// Comments on one page of a queue tab.
    static let queuePageSize = 20

    /// `GET /dashboard/moderation?tab=held&before=ID`: one page of a tab, with the counts of
    /// every tab. A fixed number of reads whatever the size of the site: the counts, the page,
    /// the authors' histories, the members it names in one read, and at most one read per
    /// comment of the page for its post and one for its parent.
    func moderationQueuePage(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let viewer: Member
        switch try await staffGate(.staff, request, context) {
        case .success(let member): viewer = member
        case .failure(let refused): return refused.response
        }
        let query = request.uri.queryParameters
        let tab = query.get("tab").flatMap { ModerationTab(rawValue: String($0)) } ?? .reported
        let before = query.get("before").flatMap { CommentID(parsing: $0) }
        let counts = try await store.moderationCounts()
        // One more than shown tells whether there is an older page.
        let page = try await store.moderationQueue(tab, before: before, limit: Self.queuePageSize + 1)
        let shown = Array(page.prefix(Self.queuePageSize))

        var posts: [PostID: Post] = [:]
        var parents: [CommentID: Comment] = [:]
        for item in shown {
            let comment = item.comment
            if posts[comment.postID] == nil { posts[comment.postID] = try await store.post(id: comment.postID) }
            if let parentID = comment.parentID, parents[parentID] == nil { parents[parentID] = try await store.comment(id: parentID) }
        }
        let histories = try await store.authorHistories(memberIDs: Set(shown.map(\.comment.authorID)))
        var named = Set(shown.map(\.comment.authorID))
        named.formUnion(parents.values.map(\.authorID))
        named.formUnion(shown.compactMap { $0.decision?.by })
        let members = try await store.members(ids: named)
        let older = page.count > Self.queuePageSize ? shown.last?.comment.id : nil
        let model = ModerationQueueModel(
            viewer: viewer, tab: tab, counts: counts, items: shown, posts: posts, parents: parents, histories: histories,
            members: members, before: before, older: older, done: query.get("done").flatMap { QueueDecision(rawValue: String($0)) },
            now: now)
        return Reply.page(ModerationQueuePage.render(chrome: try await chrome(request, context), model: model))
    }

    /// `POST /dashboard/moderation/{id}/approve|reject|remove|restore`: one decision. Without
    /// JavaScript, back to the queue page it came from; with it, JSON the script acts on.
    func queueAction(_ decision: QueueDecision, _ request: Request, _ context: AppRequestContext) async throws -> Response {
        let viewer: Member
        switch try await staffGate(.staff, request, context) {
        case .success(let member): viewer = member
        case .failure(let refused): return refused.response
        }
        guard let raw = context.parameters.get("id"), let id = CommentID(parsing: raw) else { throw FieldError("comment", .notFound) }
        let comment = try await decide(decision, id: id, reason: context.form["reason"] ?? "", by: viewer)
        if request.wantsJSON {
            return try Reply.json(
                QueueDecided(ids: [Int(comment.id.rawValue)], status: comment.status.rawValue, message: doneText(decision)))
        }
        return Reply.redirect(to: queueReturn(context, done: decision))
    }

    /// `POST /dashboard/moderation/bulk`: one decision for every ticked comment (`pick-ID=1`),
    /// at most a page of them; each goes through the same use case as a single decision.
    func bulkAction(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let viewer: Member
        switch try await staffGate(.staff, request, context) {
        case .success(let member): viewer = member
        case .failure(let refused): return refused.response
        }
        guard let decision = context.form["decision"].flatMap(QueueDecision.init(rawValue:)) else {
            throw FieldError("decision", .invalidChoice)
        }
        let ids = context.form.fields.compactMap { key, value -> CommentID? in
            guard key.hasPrefix("pick-"), value == "1" else { return nil }
            return CommentID(parsing: key.dropFirst(5))
        }.sorted().prefix(Self.queuePageSize * 5)
        guard !ids.isEmpty else { throw FieldError("pick", .required) }
        var done: [Int] = []
        for id in ids {
            _ = try await decide(decision, id: id, reason: context.form["reason"] ?? "", by: viewer)
            done.append(Int(id.rawValue))
        }
        if request.wantsJSON { return try Reply.json(QueueDecided(ids: done, status: "", message: doneText(decision))) }
        return Reply.redirect(to: queueReturn(context, done: decision))
    }

    func decide(_ decision: QueueDecision, id: CommentID, reason: String, by viewer: Member) async throws -> Comment {
        switch decision {
        case .approve: try await actions.approveComment(id: id, by: viewer)
        case .reject: try await actions.rejectComment(id: id, reason: reason, by: viewer)
        case .remove: try await actions.removeComment(id: id, reason: reason, by: viewer)
        case .restore: try await actions.restoreComment(id: id, by: viewer)
        }
    }

    func doneText(_ decision: QueueDecision) -> String {
        let words = text.moderation
        return switch decision {
        case .approve: words.doneApproved
        case .reject: words.doneRejected
        case .remove: words.doneRemoved
        case .restore: words.doneRestored
        }
    }

    /// The queue page the form came from (its `next` field), told what was done.
    func queueReturn(_ context: AppRequestContext, done: QueueDecision) -> String {
        var path = SafeRedirect.path(context.form["next"], fallback: "/dashboard/moderation")
        guard path.hasPrefix("/dashboard/moderation") else { return "/dashboard/moderation?done=\(done.rawValue)" }
        path = path.replacingOccurrences(of: "&done=", with: "&was=").replacingOccurrences(of: "?done=", with: "?was=")
        return path + (path.contains("?") ? "&" : "?") + "done=\(done.rawValue)"
    }

    /// A refused decision: the reason, with the way back to the queue.
    func refusedQueueAction(_ refusal: Refusal, _ request: Request, _ context: AppRequestContext) async throws -> Response {
        let back = SafeRedirect.path(context.form["next"], fallback: "/dashboard/moderation")
        return Reply.page(
            Layout.message(
                title: text.errorTitle, body: text.errorMessage(refusal.reason), chrome: try await chrome(request, context),
                link: (back.hasPrefix("/dashboard/") ? back : "/dashboard/moderation", text.moderation.queueTitle)),
            status: Reply.status(for: refusal.reason))
    }
}

/// A decision taken from the queue: the comments it was taken on, their status now, and
/// the sentence the page script announces.
struct QueueDecided: Encodable {
    let ids: [Int]
    let status: String
    let message: String
}
