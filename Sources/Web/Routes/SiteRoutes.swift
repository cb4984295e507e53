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
    /// Rate limits, counted in the database (`RequestLimiter`): `limits.check(.comment, context)`.
    let limits: RequestLimiter
    let protection: SiteProtection
    let humanCheck: HumanCheck
    var store: any SiteStore { actions.store }
    var now: Date { actions.clock() }

    /// The key CSRF tokens are signed with, read once.
    let formTokenKey: FormTokenKey
    /// Whether the site's first owner is known to exist (the first-run form stops asking).
    let firstRun = FirstRunState()
    /// The imports this instance runs in the background (`/dashboard/import`).
    let imports = ImportRuns()
    /// Hands live events to this instance's readers; run it as a service of the application.
    public let live: LiveHub

    public init(actions: Actions, catalogue: Catalogue = .english, protection: SiteProtection = SiteProtection()) {
        self.actions = actions
        self.text = catalogue
        self.protection = protection
        self.limits = RequestLimiter(store: actions.store, limits: protection.rateLimits, clock: actions.clock)
        self.humanCheck = HumanCheck(minimumFillTime: protection.minimumFillTime)
        self.formTokenKey = FormTokenKey(actions: actions)
        self.live = LiveHub(store: actions.store, bus: actions.events, logger: Logger(label: "parley.live"))
    }

    /// Adds every route to `router`, grouped by what they need: nothing, or the viewer read
    /// from the session with every unsafe method checked for forgery (`FormMiddleware`).
    /// A form route names the page that shows it again when it is refused.
    public func register(on router: Router<AppRequestContext>) {
        // First, so it wraps every route, the router's own 404 and errors no handler caught:
        // security headers on every answer, and 404/5xx as pages of the site. Hummingbird
        // wraps only the routes added after a middleware, so it must come before them.
        router.add(middleware: FrontDoorMiddleware(actions: actions, catalogue: text))

        // The same for every visitor: no session is read (a page loads dozens of these).
        router.get("/healthz") { _, _ in "ok\n" }
        router.get("/members/:id/avatar.svg") { request, context in try await generatedAvatar(request, context) }
        router.get("/members/:id/avatar/:version") { request, context in try await uploadedAvatar(request, context) }
        StaticAssets.register(on: router)
        Self.registerPublicationAssets(on: router)
        registerFeeds(on: router)
        registerUploads(on: router)
        registerEmbed(on: router)
        registerAPI(on: router)
        registerIsso(on: router)

        // The form routes, each with the page that shows it again when refused; declared
        // first, so the middleware that refuses them is given them all at once.
        let forms = formRoutes()

        // Per viewer: the session is read, and every unsafe request must be same-origin and
        // carry the session's form token, whatever the route.
        let viewer = ViewerMiddleware(actions: actions, key: formTokenKey)
        let site = router.group()
            .add(middleware: ClientAddressMiddleware(trusted: protection.trustedProxies))
            .add(middleware: viewer)
            .add(
                middleware: FormMiddleware(
                    origin: SiteOrigin(publicURL: actions.mail.baseURL), forms: FormRoute.Table(forms),
                    fallback: { refusal, request, context in try await refusedMessage(refusal, request, context) },
                    problem: { refusal in try problem(refusal) }))
        for form in forms { site.post(form.path, use: form.action) }
        site.get("/") { request, context in try await home(request, context) }
        site.get("/p/:slug") { request, context in try await postPage(request, context) }
        site.get("/p/:slug/comments") { request, context in try await discussionPage(request, context) }
        site.get("/p/:slug/comment/:id") { request, context in try await commentPage(request, context) }
        site.get("/p/:slug/comment/:id/edit") { request, context in try await editForm(request, context) }
        site.get("/sign-in") { request, context in try await signInForm(request, context) }
        site.get("/sign-in/link") { request, context in try await signInLinkPage(request, context) }
        site.get("/subscribe") { request, context in try await subscribeForm(request, context) }
        site.get("/subscribe/confirm") { request, context in try await confirmSubscriptionPage(request, context) }
        site.get("/unsubscribe") { request, context in try await unsubscribePage(request, context) }
        site.get("/settings") { request, context in try await settingsPage(request, context) }
        site.get("/settings/export") { request, context in try await exportAccount(request, context) }
        site.get("/members/:id") { request, context in try await memberPage(request, context) }
        registerReaderModerationPages(on: site)
        registerDashboard(on: site)
        registerPublicationSettings(on: site)
        registerReaders(on: site)
        registerPosts(on: site)
        registerAudience(on: site)
        registerLive(on: site)
        registerWebhooks(on: site)
        registerEmbedPages(on: site)
        registerAPIReference(on: site)
        registerImports(on: site)

        // The one unsafe route without a form token, on purpose: RFC 8058 one-click
        // unsubscribe. Mail clients post it with no cookies to pair a token with; the link's
        // signature is the credential, and all it can do is stop mail to whom it was sent.
        let oneClick = router.group().add(middleware: viewer)
        oneClick.post(Self.oneClickUnsubscribe) { request, context in try await unsubscribe(request, context) }
    }

    /// Every POST form of the site, with the page it shows when refused. The avatar upload and
    /// the account deletion show every refusal at their one field, and name it in JSON too;
    /// only the avatar takes a file larger than a plain form.
    func formRoutes() -> [FormRoute] {
        [
            FormRoute("/p/:slug/comments", refused: { try await refusedComment($0, $1, $2) }) { try await createComment($0, $1) },
            FormRoute("/p/:slug/comment/:id/like", refused: { try await refusedAction($0, $1, $2) }) { try await like($0, $1) },
            FormRoute("/p/:slug/comment/:id/edit", refused: { try await refusedEdit($0, $1, $2) }) { try await saveEdit($0, $1) },
            FormRoute("/p/:slug/comment/:id/delete", refused: { try await refusedAction($0, $1, $2) }) { try await delete($0, $1) },
            FormRoute("/p/:slug/follow", refused: { try await refusedMessage($0, $1, $2) }) { try await follow($0, $1) },
            FormRoute("/sign-in", refused: { try await refusedSignIn($0, $1, $2) }) { try await signIn($0, $1) },
            FormRoute("/sign-in/link", refused: { try await refusedSignInLink($0, $1, $2) }) { try await useSignInLink($0, $1) },
            FormRoute("/sign-out", refused: { try await refusedMessage($0, $1, $2) }) { try await signOut($0, $1) },
            FormRoute("/subscribe", refused: { try await refusedSubscribe($0, $1, $2) }) { try await subscribe($0, $1) },
            FormRoute("/subscribe/confirm", refused: { try await refusedMessage($0, $1, $2) }) { try await confirmSubscription($0, $1) },
            FormRoute("/settings/profile", refused: { try await refusedSettings($0, $1, $2) }) { try await saveProfile($0, $1) },
            FormRoute("/settings/avatar", field: "avatar", upload: .avatar, refused: { try await refusedSettings($0, $1, $2) }) {
                try await uploadAvatar($0, $1)
            },
            FormRoute("/settings/avatar/remove", refused: { try await refusedSettings($0, $1, $2) }) { try await removeAvatar($0, $1) },
            FormRoute("/settings/notifications", refused: { try await refusedSettings($0, $1, $2) }) {
                try await saveNotifications($0, $1)
            },
            FormRoute("/settings/password", refused: { try await refusedSettings($0, $1, $2) }) { try await savePassword($0, $1) },
            FormRoute("/settings/password/remove", refused: { try await refusedSettings($0, $1, $2) }) {
                try await removePassword($0, $1)
            },
            FormRoute("/settings/delete", field: "confirm", refused: { try await refusedSettings($0, $1, $2) }) {
                try await deleteAccount($0, $1)
            },
        ] + readerModerationFormRoutes() + dashboardFormRoutes() + publicationFormRoutes() + readersFormRoutes()
            + postsFormRoutes() + audienceFormRoutes() + tokensFormRoutes() + webhooksFormRoutes() + embedFormRoutes()
            + importFormRoutes()
    }

    /// The route exempt from the CSRF check (see `register`).
    public static let oneClickUnsubscribe: RouterPath = "/unsubscribe"

    // MARK: Shared steps

    func chrome(_ request: Request, _ context: AppRequestContext) async throws -> PageChrome {
        PageChrome(
            publication: try await store.publication(), viewer: context.viewer, csrf: context.csrfToken, text: text,
            currentPath: request.uri.path, humanFields: humanCheck.fields(tokens: try await formTokenKey.tokens(), now: now, text: text),
            baseURL: actions.mail.baseURL)
    }

    /// Refuses a form anyone can send when a script filled it (`HumanCheck`).
    func checkHuman(_ context: AppRequestContext) async throws {
        try humanCheck.check(context.form, tokens: try await formTokenKey.tokens(), now: now)
    }

    /// The post named in the path, if the viewer may see it (staff also see drafts).
    func visiblePost(_ context: AppRequestContext) async throws -> Post? {
        guard let slug = context.parameters.get("slug"), slug.utf8.count <= Limits.slugLength,
            let post = try await store.post(slug: slug)
        else { return nil }
        return visible(post, to: context.viewer)
    }

    /// The post if `viewer` may see it: published and due, or to staff, also a draft. The API
    /// asks the same.
    func visible(_ post: Post, to viewer: Member?) -> Post? {
        post.isVisible(at: now) || (viewer?.role.isStaff ?? false) ? post : nil
    }

    /// The comment named in the path, if it belongs to `post` and the viewer may see it (a
    /// hidden comment that holds up replies comes as a placeholder without its text).
    func comment(in post: Post, _ context: AppRequestContext) async throws -> Comment? {
        guard let raw = context.parameters.get("id"), let id = CommentID(parsing: raw),
            let comment = try await store.comment(id: id, visibleTo: .of(context.viewer)), comment.postID == post.id
        else { return nil }
        return comment
    }

    func notFound(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        if request.wantsJSON {
            return try Reply.problem(status: .notFound, title: text.notFoundTitle, detail: text.notFoundBody)
        }
        return Reply.page(
            Layout.message(title: text.notFoundTitle, body: text.notFoundBody, chrome: try await chrome(request, context)),
            status: .notFound)
    }

    func problem(_ refusal: Refusal) throws -> Response {
        try Reply.problem(
            status: Reply.status(for: refusal.reason), title: text.errorTitle, detail: text.errorMessage(refusal.reason),
            field: refusal.field)
    }

    /// A refused form with no page of its own: the reason, as a message page.
    func refusedMessage(_ refusal: Refusal, _ request: Request, _ context: AppRequestContext) async throws -> Response {
        Reply.page(
            Layout.message(title: text.errorTitle, body: text.errorMessage(refusal.reason), chrome: try await chrome(request, context)),
            status: Reply.status(for: refusal.reason))
    }
}
