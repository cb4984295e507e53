import Domain
import Foundation
import Hummingbird
import Logging
import Storage
import UseCases

/// The pages and form actions of a site. Reads go through the store; writes through `Actions`.
public struct SiteRoutes: Sendable {
    let actions: Actions
    let text: Catalogue
    /// Password guesses: 10 per account and 30 per address in 5 minutes.
    let signInPerAccount = AttemptLimiter(limit: 10, window: 300)
    let signInPerAddress = AttemptLimiter(limit: 30, window: 300)
    /// Sign-in links: 5 per address and 20 per network address in 15 minutes (each one sends mail).
    let linkRequestsPerAccount = AttemptLimiter(limit: 5, window: 900)
    let linkRequestsPerAddress = AttemptLimiter(limit: 20, window: 900)
    /// Subscription confirmations: the same limits, for the same reason.
    let subscribesPerAccount = AttemptLimiter(limit: 5, window: 900)
    let subscribesPerAddress = AttemptLimiter(limit: 20, window: 900)
    var store: any SiteStore { actions.store }
    var now: Date { actions.clock() }

    public init(actions: Actions, catalogue: Catalogue = .english) {
        self.actions = actions
        self.text = catalogue
    }

    /// Adds every route to `router`.
    public func register(on router: Router<AppRequestContext>) {
        router.add(middleware: ViewerMiddleware(actions: actions))
        router.get("/healthz") { _, _ in "ok\n" }
        router.get("/") { request, context in try await home(request, context) }
        router.get("/p/:slug") { request, context in try await postPage(request, context) }
        router.get("/p/:slug/comments") { request, context in try await discussionPage(request, context) }
        router.post("/p/:slug/comments") { request, context in try await createComment(request, context) }
        router.get("/p/:slug/comment/:id") { request, context in try await commentPage(request, context) }
        router.post("/p/:slug/comment/:id/like") { request, context in try await like(request, context) }
        router.get("/p/:slug/comment/:id/edit") { request, context in try await editForm(request, context) }
        router.post("/p/:slug/comment/:id/edit") { request, context in try await saveEdit(request, context) }
        router.post("/p/:slug/comment/:id/delete") { request, context in try await delete(request, context) }
        router.get("/sign-in") { request, context in try await signInForm(request, context) }
        router.post("/sign-in") { request, context in try await signIn(request, context) }
        router.get("/sign-in/link") { request, context in try await signInLinkPage(request, context) }
        router.post("/sign-in/link") { request, context in try await useSignInLink(request, context) }
        router.post("/sign-out") { request, context in try await signOut(request, context) }
        router.get("/subscribe") { request, context in try await subscribeForm(request, context) }
        router.post("/subscribe") { request, context in try await subscribe(request, context) }
        router.get("/subscribe/confirm") { request, context in try await confirmSubscriptionPage(request, context) }
        router.post("/subscribe/confirm") { request, context in try await confirmSubscription(request, context) }
        router.get("/unsubscribe") { request, context in try await unsubscribePage(request, context) }
        router.post("/unsubscribe") { request, context in try await unsubscribe(request, context) }
        router.post("/p/:slug/follow") { request, context in try await follow(request, context) }
        router.get("/settings") { request, context in try await settingsPage(request, context) }
        router.post("/settings/profile") { request, context in try await saveProfile(request, context) }
        router.post("/settings/avatar") { request, context in try await uploadAvatar(request, context) }
        router.post("/settings/avatar/remove") { request, context in try await removeAvatar(request, context) }
        router.post("/settings/notifications") { request, context in try await saveNotifications(request, context) }
        router.post("/settings/password") { request, context in try await savePassword(request, context) }
        router.post("/settings/password/remove") { request, context in try await removePassword(request, context) }
        router.get("/settings/export") { request, context in try await exportAccount(request, context) }
        router.post("/settings/delete") { request, context in try await deleteAccount(request, context) }
        router.get("/members/:id") { request, context in try await memberPage(request, context) }
        router.get("/members/:id/avatar.svg") { request, context in try await generatedAvatar(request, context) }
        router.get("/members/:id/avatar/:version") { request, context in try await uploadedAvatar(request, context) }
        StaticAssets.register(on: router)
    }

    // MARK: Shared steps

    func chrome(_ request: Request, _ context: AppRequestContext) async throws -> PageChrome {
        PageChrome(publication: try await store.publication(), viewer: context.viewer, csrf: context.csrfToken, text: text,
                   currentPath: request.uri.path)
    }

    /// The post named in the path, if the viewer may see it (staff also see drafts).
    func visiblePost(_ context: AppRequestContext) async throws -> Post? {
        guard let slug = context.parameters.get("slug"), slug.utf8.count <= Limits.slugLength,
              let post = try await store.post(slug: slug) else { return nil }
        guard post.isVisible(at: now) || (context.viewer?.role.isStaff ?? false) else { return nil }
        return post
    }

    /// The comment named in the path, if it belongs to `post`.
    func comment(in post: Post, _ context: AppRequestContext) async throws -> Comment? {
        guard let raw = context.parameters.get("id"), let id = CommentID(parsing: raw),
              let comment = try await store.comment(id: id), comment.postID == post.id else { return nil }
        return comment
    }

    func notFound(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        if request.wantsJSON {
            return Reply.problem(status: .notFound, title: text.notFoundTitle, detail: text.notFoundBody)
        }
        return Reply.page(Layout.message(title: text.notFoundTitle, body: text.notFoundBody, chrome: try await chrome(request, context)),
                          status: .notFound)
    }

    /// Reads a form and checks its CSRF token; a bad body or token is a `FieldError`.
    func readForm(_ request: Request, _ context: AppRequestContext) async throws -> FormBody {
        var request = request
        let form = try await request.formBody(context: context)
        let submitted = form[CSRF.formField] ?? request.headers[CSRF.header]
        guard CSRF.isValid(submitted: submitted, context: context) else { throw RefusedForm(form: form, error: FieldError(CSRF.formField, .csrf)) }
        if let field = form.invalidField { throw RefusedForm(form: form, error: FieldError(field, .invalidUTF8)) }
        return form
    }

    func problem(_ error: FieldError) -> Response {
        Reply.problem(status: Reply.status(for: error.reason), title: text.errorTitle, detail: text.errorMessage(error.reason), field: error.field)
    }
}

/// A form refused before its action ran; carries what was typed so the page can show it again.
struct RefusedForm: Error {
    let form: FormBody
    let error: FieldError
}
