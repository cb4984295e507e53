import Domain
import Foundation
import Hummingbird
import Synchronization
import UseCases

/// Whether this process has seen the site's owner: once it has, the home page stops asking
/// the store (an owner never goes away: the last one cannot be removed or demoted).
final class FirstRunState: Sendable {
    private let ownerSeen = Mutex(false)

    var ownerKnown: Bool { ownerSeen.withLock { $0 } }
    func markOwnerKnown() { ownerSeen.withLock { $0 = true } }
}

extension SiteRoutes {
    /// What lets this request make the first owner: being on the server's machine
    /// (`LoopbackVisitor`), or the setup link's token (in the query, or the form's `setup`).
    func setupPass(_ request: Request, _ context: AppRequestContext, token: String?) -> SetupPass? {
        if LoopbackVisitor.check(request, peer: context.clientAddress) { return .loopback }
        guard let token, !token.isEmpty else { return nil }
        return .link(token: token)
    }

    /// The first-run form for the home page, when the site has no owner and this visitor may
    /// make one; otherwise nothing.
    func firstRunInvitation(_ request: Request, _ context: AppRequestContext, chrome: PageChrome) async throws -> HTML {
        guard !firstRun.ownerKnown else { return "" }
        guard try await actions.needsOwner() else {
            firstRun.markOwnerKnown()
            return ""
        }
        let token = request.uri.queryParameters.get("setup").map { String($0.prefix(128)) }
        let pass = setupPass(request, context, token: token)
        guard try await actions.setupAllowed(pass) else { return "" }
        let carried = pass == .loopback ? "" : (token ?? "")
        return FirstRunSetup.render(chrome: chrome, form: FirstRunForm(token: carried))
    }

    /// `POST /setup`: makes the first owner, names the publication, signs the owner in and
    /// opens the publication settings. Refused without a pass, or once the site has an owner.
    func setUpSite(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let form = context.form
        try await limits.check(.signIn, context)
        let pass = setupPass(request, context, token: form["setup"].map { String($0.prefix(128)) })
        let session = try await actions.setUpSite(
            FirstRunInput(
                email: form["email"] ?? "", displayName: form["name"] ?? "", publicationName: form["publication"] ?? "",
                password: form["password"]),
            pass: pass)
        firstRun.markOwnerKnown()
        var response =
            request.wantsJSON
            ? try Reply.json(SignedIn(member: session.member.displayName)) : Reply.redirect(to: "/dashboard/settings?welcome=1")
        try await openSession(session, replacing: context, on: &response)
        return response
    }

    /// The home page again with the form as typed and the refusal next to its field; once the
    /// site has an owner (or without a pass), a message saying so.
    func refusedSetup(_ refusal: Refusal, _ request: Request, _ context: AppRequestContext) async throws -> Response {
        // A forged or stale form, bytes that are not UTF-8, too many attempts: said as such.
        guard case .field = refusal.reason else { return try await refusedMessage(refusal, request, context) }
        let words = text.publication
        let chrome = try await chrome(request, context)
        let token = context.form["setup"].map { String($0.prefix(128)) }
        let pass = setupPass(request, context, token: token)
        guard try await actions.setupAllowed(pass) else {
            let hasOwner = try await !actions.needsOwner()
            return Reply.page(
                Layout.message(
                    title: words.setupHeading, body: hasOwner ? words.setupClosed : words.setupNotAllowed, chrome: chrome,
                    link: hasOwner ? (Paths.signIn(next: "/"), text.signIn) : nil),
                status: hasOwner ? .conflict : .forbidden)
        }
        var form = FirstRunForm(token: pass == .loopback ? "" : (token ?? ""))
        form.values = Dictionary(uniqueKeysWithValues: FirstRunForm.fields.map { ($0, context.form[$0] ?? "") })
        let field = (FirstRunForm.fields + ["password"]).contains(refusal.field) ? refusal.field : "setup"
        form.error = (field, text.errorMessage(refusal.reason))
        let posts = try await store.recentPosts(now: now, limit: Limits.homePosts, excluding: nil)
        let authors = try await store.members(ids: Set(posts.map(\.authorID)))
        return Reply.page(
            HomePage.render(
                chrome: chrome, posts: posts, authors: authors, now: now, setup: FirstRunSetup.render(chrome: chrome, form: form)),
            status: Reply.status(for: refusal.reason))
    }
}
