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
        let form: FormBody
        do {
            form = try await readForm(request, context)
        } catch let refused as RefusedForm {
            return try await refusedSignIn(refused.error, form: refused.form, request, context)
        }
        do {
            if form["password"] != nil { return try await signInWithPassword(form, request, context) }
            return try await requestLink(form, request, context)
        } catch let error as FieldError {
            return try await refusedSignIn(error, form: form, request, context)
        }
    }

    private func requestLink(_ form: FormBody, _ request: Request, _ context: AppRequestContext) async throws -> Response {
        let email = form["email"] ?? ""
        let next = SafeRedirect.path(form["next"])
        let account = LimiterKey.account(email)
        guard linkRequestsPerAccount.allow(["account:" + account]) && linkRequestsPerAddress.allow(["address:" + (context.clientAddress ?? "unknown")])
        else { throw FieldError("email", .rateLimited) }
        try await actions.requestSignInLink(email: email, returnPath: next)
        if request.wantsJSON { return Reply.json(["sent": true]) }
        let chrome = try await chrome(request, context)
        return Reply.page(Layout.message(title: text.account.checkEmailTitle, body: text.account.checkEmailBody(account, linkMinutes), chrome: chrome))
    }

    private func signInWithPassword(_ form: FormBody, _ request: Request, _ context: AppRequestContext) async throws -> Response {
        let email = form["email"] ?? ""
        let next = SafeRedirect.path(form["next"])
        let account = LimiterKey.account(email)
        guard signInPerAccount.allow(["account:" + account]) && signInPerAddress.allow(["address:" + (context.clientAddress ?? "unknown")])
        else { throw FieldError("password", .rateLimited) }
        let session = try await actions.signIn(email: email, password: form["password"] ?? "")
        var response = request.wantsJSON ? Reply.json(["member": session.member.displayName]) : Reply.redirect(to: next)
        try await openSession(session, replacing: context, on: &response)
        return response
    }

    /// Sets the new session's cookie, ends the one this browser had (another member's, or a
    /// planted one), and plants a fresh CSRF token so one planted before cannot follow the member in.
    func openSession(_ session: SignedInSession, replacing context: AppRequestContext, on response: inout Response) async throws {
        if let previous = context.sessionToken { try await actions.signOut(sessionToken: previous) }
        response.setCookie(SiteCookie.make(SiteCookie.session, value: session.token, maxAge: Int(session.expiresAt.timeIntervalSince(now))))
        response.setCookie(SiteCookie.make(SiteCookie.csrf, value: SecretToken.make(), maxAge: nil))
    }

    func refusedSignIn(_ error: FieldError, form: FormBody, _ request: Request, _ context: AppRequestContext) async throws -> Response {
        if request.wantsJSON { return problem(error) }
        let message = text.errorMessage(error.reason)
        let next = SafeRedirect.path(form["next"])
        let email = form["email"] ?? ""
        let page: HTML
        if form["password"] != nil {
            page = SignInPage.render(chrome: try await chrome(request, context), next: next, passwordEmail: email,
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

    /// `POST /sign-in/link`: uses the link, makes the member if new, signs in.
    func useSignInLink(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        var form: FormBody
        do {
            form = try await readForm(request, context)
        } catch let refused as RefusedForm {
            form = refused.form
            let state = try await actions.signInLinkState(token: form["token"] ?? "")
            let page = SignInLinkPage.render(chrome: try await chrome(request, context), token: form["token"] ?? "", state: state, minutes: linkMinutes,
                                             name: form["name"] ?? "", nameError: text.errorMessage(refused.error.reason))
            return Reply.page(page, status: Reply.status(for: refused.error.reason))
        }
        let token = form["token"] ?? ""
        do {
            let (session, returnPath) = try await actions.signIn(linkToken: token, displayName: form["name"])
            var response = Reply.redirect(to: SafeRedirect.path(returnPath))
            try await openSession(session, replacing: context, on: &response)
            return response
        } catch let error as FieldError where error.field == "name" {
            let state = try await actions.signInLinkState(token: token)
            let page = SignInLinkPage.render(chrome: try await chrome(request, context), token: token, state: state, minutes: linkMinutes,
                                             name: form["name"] ?? "", nameError: text.errorMessage(error.reason))
            return Reply.page(page, status: Reply.status(for: error.reason))
        } catch let error as FieldError {
            let state: SignInLinkState = switch error.reason {
            case .linkUsed: .alreadyUsed
            case .linkExpired: .expired
            default: .unknown
            }
            return Reply.page(SignInLinkPage.problem(chrome: try await chrome(request, context), state: state, minutes: linkMinutes), status: Self.status(of: state))
        }
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
        do {
            _ = try await readForm(request, context)
        } catch is RefusedForm {
            return Reply.page(Layout.message(title: text.errorTitle, body: text.errorMessage(.csrf), chrome: try await chrome(request, context)),
                              status: .forbidden)
        }
        if let token = context.sessionToken { try await actions.signOut(sessionToken: token) }
        var response = Reply.redirect(to: "/")
        response.setCookie(SiteCookie.expired(SiteCookie.session))
        return response
    }
}
