import Domain
import Foundation
import Hummingbird
import UseCases

extension SiteRoutes {
    /// The signed link of a staff digest, from the query (a GET) or the form (the POST).
    func staffLink(query request: Request) -> StaffLink? {
        let query = request.uri.queryParameters
        func value(_ name: String) -> String? {
            guard let raw = query.get(name) else { return nil }
            return String(raw)
        }
        return StaffLink(action: value("a"), comment: value("c"), member: value("m"), expires: value("x"), signature: value("sig"))
    }

    func staffLink(form: FormBody) -> StaffLink? {
        StaffLink(action: form["a"], comment: form["c"], member: form["m"], expires: form["x"], signature: form["sig"])
    }

    /// `GET /dashboard/moderation/decide?...`: what a digest's approve or reject link opens.
    /// Mail scanners follow links, so this only shows the comment and a button; the button's
    /// POST decides. No sign-in needed: the link's signature names the member of staff.
    func staffLinkPage(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let chrome = try await chrome(request, context)
        do {
            let target = try await actions.checkStaffLink(staffLink(query: request))
            let post = try await store.post(id: target.comment.postID)
            return Reply.page(StaffLinkPage.confirm(chrome: chrome, target: target, post: post))
        } catch let error as FieldError {
            return Reply.page(
                Layout.message(title: text.errorTitle, body: text.errorMessage(.field(error.reason)), chrome: chrome),
                status: Reply.status(for: .field(error.reason)))
        }
    }

    /// `POST /dashboard/moderation/decide`: takes the decision of a genuine link.
    func useStaffLink(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let link = staffLink(form: context.form)
        let comment = try await actions.useStaffLink(
            link, reason: String((context.form["reason"] ?? "").prefix(ModerationQueuePage.reasonLength)))
        if request.wantsJSON {
            return try Reply.json(QueueDecided(ids: [Int(comment.id.rawValue)], status: comment.status.rawValue, message: ""))
        }
        let words = text.moderation
        return Reply.page(
            Layout.message(
                title: link?.action == .approve ? words.linkDoneApproved : words.linkDoneRejected,
                body: link?.action == .approve ? words.doneApproved : words.doneRejected, chrome: try await chrome(request, context),
                link: ("/dashboard/moderation", words.openQueue)))
    }

    func refusedStaffLink(_ refusal: Refusal, _ request: Request, _ context: AppRequestContext) async throws -> Response {
        Reply.page(
            Layout.message(
                title: text.errorTitle, body: text.errorMessage(refusal.reason), chrome: try await chrome(request, context),
                link: ("/dashboard/moderation", text.moderation.openQueue)),
            status: Reply.status(for: refusal.reason))
    }
}

/// The confirmation page of a digest link: the comment, whose decision it takes, and one button.
enum StaffLinkPage {
    static func confirm(chrome: PageChrome, target: StaffLinkTarget, post: Post?) -> HTML {
        let text = chrome.text
        let words = text.moderation
        let link = target.link
        let approve = link.action == .approve
        let title = approve ? words.confirmApproveTitle : words.confirmRejectTitle
        let postLine: HTML = post.map { "<p class=\"queue-post\">\(words.onPost($0.title))</p>" } ?? ""
        let reason: HTML =
            approve
            ? ""
            : """
            <div class="field"><label for="decide-reason">\(words.rejectReasonLabel)</label>\
            <textarea id="decide-reason" name="reason" rows="3" maxlength="\(ModerationQueuePage.reasonLength)"></textarea></div>
            """
        return Layout.page(
            title: title, chrome: chrome, showsSubscribe: false,
            main: """
                \(DashboardNav.assets(script: false))\
                <section class="dashboard form-page staff-link"><h1>\(title)</h1>\
                <p>\(words.actingAs(target.member.displayName))</p>\(postLine)\
                <div class="comment-body">\(HTML(trusted: target.comment.bodyHTML))</div>\
                <form method="post" action="/dashboard/moderation/decide">\(csrfField(chrome.csrf))\
                <input type="hidden" name="a" value="\(link.action.rawValue)"><input type="hidden" name="c" value="\(link.commentID)">\
                <input type="hidden" name="m" value="\(link.memberID)"><input type="hidden" name="x" value="\(Int(link.expires.timeIntervalSince1970))">\
                <input type="hidden" name="sig" value="\(link.signature)">\(reason)\
                <p class="hint">\(words.confirmHint)</p>\
                <div class="form-actions"><button type="submit" class="\(approve ? "button" : "button danger")">\(approve ? words.approve : words.reject)</button></div>\
                </form></section>
                """)
    }
}
