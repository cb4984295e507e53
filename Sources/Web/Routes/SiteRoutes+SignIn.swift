import Domain
import Foundation
import Hummingbird
import UseCases

extension SiteRoutes {
    func signInForm(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let next = SafeRedirect.path(request.uri.queryParameters.get("next").map { String($0) })
        if context.viewer != nil { return Reply.redirect(to: next) }
        return Reply.page(SignInPage.render(chrome: try await chrome(request, context), next: next))
    }

    /// One address for both forms: with a password field it is a password sign-in, without
    /// one it asks for an emailed link.
    func signIn(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        if context.form["password"] != nil { return try await signInWithPassword(context.form, request, context) }
        return try await requestLink(context.form, request, context)
    }

    private func requestLink(_ form: FormBody, _ request: Request, _ context: AppRequestContext) async throws -> Response {
        let email = form["email"] ?? ""
        let next = SafeRedirect.path(form["next"])
        let account = LimiterKey.account(email)
        try await checkHuman(context)
        try await limits.check(.signInLink, context, account: email)
        try await actions.requestSignInLink(email: email, returnPath: next)
        if request.wantsJSON { return try Reply.json(LinkSent()) }
        let chrome = try await chrome(request, context)
        return Reply.page(
            Layout.message(title: text.account.checkEmailTitle, body: text.account.checkEmailBody(account, linkMinutes), chrome: chrome))
    }

    private func signInWithPassword(_ form: FormBody, _ request: Request, _ context: AppRequestContext) async throws -> Response {
        let email = form["email"] ?? ""
        let next = SafeRedirect.path(form["next"])
        try await checkHuman(context)
        try await limits.check(.signIn, context, account: email)
        let session = try await actions.signIn(email: email, password: form["password"] ?? "")
        var response = request.wantsJSON ? try Reply.json(SignedIn(member: session.member.displayName)) : Reply.redirect(to: next)
        try await openSession(session, replacing: context, on: &response)
        return response
    }

    /// Sets the new session's cookie, ends the one this browser had (another member's, or a
    /// planted one), and hands the browser the CSRF token bound to the new session.
    func openSession(_ session: SignedInSession, replacing context: AppRequestContext, on response: inout Response) async throws {
        if let previous = context.sessionToken { try await actions.signOut(sessionToken: previous) }
        response.setCookie(SiteCookie.make(SiteCookie.session, value: session.token, maxAge: Int(session.expiresAt.timeIntervalSince(now))))
        let csrf = try await formTokenKey.tokens().token(forSession: session.token)
        response.setCookie(SiteCookie.make(SiteCookie.csrf, value: csrf, maxAge: nil))
    }

    /// A refused sign-in: the form that was used, with the address typed and why.
    func refusedSignIn(_ error: Refusal, _ request: Request, _ context: AppRequestContext) async throws -> Response {
        let form = context.form
        let message = text.errorMessage(error.reason)
        let next = SafeRedirect.path(form["next"])
        let email = form["email"] ?? ""
        let page: HTML
        if form["password"] != nil {
            page = SignInPage.render(
                chrome: try await chrome(request, context), next: next, passwordEmail: email,
                passwordEmailError: error.field == "email" ? message : nil,
                passwordError: error.field == "email" ? nil : message)
        } else {
            page = SignInPage.render(chrome: try await chrome(request, context), email: email, next: next, emailError: message)
        }
        return Reply.page(page, status: Reply.status(for: error.reason))
    }

    /// `GET /sign-in/link?token=`: shows what the link will do; uses nothing.
    func signInLinkPage(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let token = request.uri.queryParameters.get("token").map { String($0) } ?? ""
        let state = try await actions.signInLinkState(token: token)
        let page = SignInLinkPage.render(chrome: try await chrome(request, context), token: token, state: state, minutes: linkMinutes)
        return Reply.page(page, status: Self.status(of: state))
    }

    /// `POST /sign-in/link`: uses the link, makes the member if new, signs in. A name the
    /// rules refuse shows the page again (`refusedSignInLink`); a used or expired link says so.
    func useSignInLink(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let token = context.form["token"] ?? ""
        do {
            let (session, returnPath) = try await actions.signIn(linkToken: token, displayName: context.form["name"])
            var response = Reply.redirect(to: SafeRedirect.path(returnPath))
            try await openSession(session, replacing: context, on: &response)
            return response
        } catch let error as FieldError where error.field != "name" {
            let state: SignInLinkState =
                switch error.reason {
                case .linkUsed: .alreadyUsed
                case .linkExpired: .expired
                default: .unknown
                }
            return Reply.page(
                SignInLinkPage.problem(chrome: try await chrome(request, context), state: state, minutes: linkMinutes),
                status: Self.status(of: state))
        }
    }

    /// The link's page again, with the name typed and why it was refused.
    func refusedSignInLink(_ refusal: Refusal, _ request: Request, _ context: AppRequestContext) async throws -> Response {
        let token = context.form["token"] ?? ""
        let state = try await actions.signInLinkState(token: token)
        let page = SignInLinkPage.render(
            chrome: try await chrome(request, context), token: token, state: state, minutes: linkMinutes,
            name: context.form["name"] ?? "", nameError: text.errorMessage(refusal.reason))
        return Reply.page(page, status: Reply.status(for: refusal.reason))
    }

    /// How long a sign-in link works, in the words of the pages.
    var linkMinutes: Int { actions.mail.signInLinkMinutes }

    static func status(of state: SignInLinkState) -> HTTPResponse.Status {
        switch state {
        case .ready, .newMember: .ok
        case .alreadyUsed, .expired: .gone
        case .unknown: .notFound
        }
    }

    func signOut(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        if let token = context.sessionToken { try await actions.signOut(sessionToken: token) }
        var response = Reply.redirect(to: "/")
        response.setCookie(SiteCookie.expired(SiteCookie.session))
        // The token was bound to the session that just ended: the browser gets a signed-out one.
        response.setCookie(SiteCookie.make(SiteCookie.csrf, value: try await formTokenKey.tokens().newAnonymousToken(), maxAge: nil))
        return response
    }
}
