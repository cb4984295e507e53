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

    func signIn(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        var email = ""
        var next = "/"
        do {
            let form = try await readForm(request, context)
            email = form["email"] ?? ""
            next = SafeRedirect.path(form["next"])
            let account = email.trimmingCharacters(in: .whitespaces).lowercased()
            guard signInPerAccount.allow(["account:" + account]) && signInPerAddress.allow(["address:" + (context.clientAddress ?? "unknown")])
            else { throw FieldError("password", .rateLimited) }
            let session = try await actions.signIn(email: email, password: form["password"] ?? "")
            // The session this browser had (another member's, or a planted one) ends here.
            if let previous = context.sessionToken { try await actions.signOut(sessionToken: previous) }
            var response = request.wantsJSON ? Reply.json(["member": session.member.displayName]) : Reply.redirect(to: next)
            response.setCookie(SiteCookie.make(SiteCookie.session, value: session.token, maxAge: Int(session.expiresAt.timeIntervalSince(now))))
            // A fresh CSRF token after signing in, so one planted before cannot follow the member in.
            response.setCookie(SiteCookie.make(SiteCookie.csrf, value: SecretToken.make(), maxAge: nil))
            return response
        } catch let refused as RefusedForm {
            return try await refusedSignIn(refused.error, email: refused.form["email"] ?? "", next: SafeRedirect.path(refused.form["next"]), request, context)
        } catch let error as FieldError {
            return try await refusedSignIn(error, email: email, next: next, request, context)
        }
    }

    func refusedSignIn(_ error: FieldError, email: String, next: String, _ request: Request, _ context: AppRequestContext) async throws -> Response {
        if request.wantsJSON { return problem(error) }
        let message = text.errorMessage(error.reason)
        let page = SignInPage.render(chrome: try await chrome(request, context), email: email, next: next,
                                     emailError: error.field == "email" ? message : nil,
                                     passwordError: error.field == "email" ? nil : message)
        return Reply.page(page, status: Reply.status(for: error.reason))
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

    func subscribeForm(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        Reply.page(SubscribePage.render(chrome: try await chrome(request, context)))
    }

    func subscribe(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        var email = ""
        do {
            let form = try await readForm(request, context)
            email = form["email"] ?? ""
            try await actions.subscribe(email: email)
            if request.wantsJSON { return Reply.json(["subscribed": true]) }
            return Reply.page(Layout.message(title: text.subscribedTitle, body: text.subscribedBody, chrome: try await chrome(request, context)))
        } catch let refused as RefusedForm {
            return try await refusedSubscribe(refused.error, email: refused.form["email"] ?? "", request, context)
        } catch let error as FieldError {
            return try await refusedSubscribe(error, email: email, request, context)
        }
    }

    func refusedSubscribe(_ error: FieldError, email: String, _ request: Request, _ context: AppRequestContext) async throws -> Response {
        if request.wantsJSON { return problem(error) }
        return Reply.page(SubscribePage.render(chrome: try await chrome(request, context), email: email, error: text.errorMessage(error.reason)),
                          status: Reply.status(for: error.reason))
    }
}

