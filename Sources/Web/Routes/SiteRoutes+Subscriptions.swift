import Domain
import Foundation
import Hummingbird
import UseCases

extension SiteRoutes {
    func subscribeForm(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        Reply.page(SubscribePage.render(chrome: try await chrome(request, context)))
    }

    /// Starts a double opt-in. The answer is the same whether the address was new, pending or
    /// already subscribed.
    func subscribe(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let email = context.form["email"] ?? ""
        let account = LimiterKey.account(email)
        // Each request mails someone: a limit per address and per list entry keeps the form from being a mail cannon.
        try await checkHuman(context)
        try await limits.check(.subscribe, context, account: email)
        try await actions.subscribe(email: email)
        if request.wantsJSON { return try Reply.json(SubscriptionStarted()) }
        return Reply.page(
            Layout.message(
                title: text.account.confirmEmailTitle, body: text.account.confirmEmailBody(account),
                chrome: try await chrome(request, context)))
    }

    /// The subscribe form again, with the address typed and why it was refused.
    func refusedSubscribe(_ refusal: Refusal, _ request: Request, _ context: AppRequestContext) async throws -> Response {
        Reply.page(
            SubscribePage.render(
                chrome: try await chrome(request, context), email: context.form["email"] ?? "",
                error: text.errorMessage(refusal.reason)),
            status: Reply.status(for: refusal.reason))
    }

    /// `GET /subscribe/confirm?token=`: the link in the confirmation mail shows one button and
    /// confirms nothing: mail scanners open links, and a subscription must be the reader's choice.
    func confirmSubscriptionPage(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let token = request.uri.queryParameters.get("token").map { String($0) } ?? ""
        // Whether the token is live is told by the button's answer: reading it here would need
        // a lookup by token for no gain.
        return Reply.page(ConfirmSubscriptionPage.render(chrome: try await chrome(request, context), token: token))
    }

    /// `POST /subscribe/confirm`: the button; the token in the form is what confirms.
    func confirmSubscription(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let token = context.form["token"] ?? ""
        let chrome = try await chrome(request, context)
        if try await actions.confirmSubscription(token: token) != nil {
            return Reply.page(Layout.message(title: text.account.confirmedTitle, body: text.account.confirmedBody, chrome: chrome))
        }
        return Reply.page(
            Layout.message(
                title: text.account.confirmFailedTitle, body: text.account.confirmFailedBody, chrome: chrome,
                link: ("/subscribe", text.subscribeButton)), status: .gone)
    }

    /// `GET /unsubscribe?topics=&sig=`: names what the link turns off, with one button. Opening
    /// the link changes nothing, since mail scanners open links.
    func unsubscribePage(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let query = request.uri.queryParameters
        let chrome = try await chrome(request, context)
        guard let link = UnsubscribeLink(topics: query.get("topics").map { String($0) }, signature: query.get("sig").map { String($0) }),
            try await actions.isGenuine(link)
        else {
            return Reply.page(
                Layout.message(
                    title: text.account.badLinkTitle, body: text.account.badLinkBody, chrome: chrome,
                    link: (Paths.settings, text.account.settingsTitle)), status: .notFound)
        }
        var names: [String] = []
        for topic in link.topics { names.append(try await describe(topic)) }
        return Reply.page(UnsubscribePage.render(chrome: chrome, topics: names, action: "/unsubscribe?" + link.query))
    }

    /// `POST /unsubscribe?topics=&sig=`: the page's button, and RFC 8058 one-click from mail
    /// clients (body `List-Unsubscribe=One-Click`). No CSRF token: the signature is the
    /// credential, and a mail client has no cookie to pair one with. All it can do is stop mail.
    func unsubscribe(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let query = request.uri.queryParameters
        var done = false
        if let link = UnsubscribeLink(topics: query.get("topics").map { String($0) }, signature: query.get("sig").map { String($0) }) {
            do {
                try await actions.unsubscribe(link)
                done = true
            } catch let error as FieldError where error.reason == .notAllowed {
                // A link we did not sign: answered below as not valid. Other errors (the
                // database away) are errors, so a mail client tries again later.
            }
        }
        guard done else {
            if request.wantsJSON || !request.acceptsHTML {
                return try Reply.problem(status: .notFound, title: text.account.badLinkTitle, detail: text.account.badLinkBody)
            }
            return Reply.page(
                Layout.message(
                    title: text.account.badLinkTitle, body: text.account.badLinkBody, chrome: try await chrome(request, context)),
                status: .notFound)
        }
        if request.wantsJSON || !request.acceptsHTML { return try Reply.json(Unsubscribed()) }
        return Reply.page(
            Layout.message(
                title: text.account.unsubscribedTitle, body: text.account.unsubscribedBody,
                chrome: try await chrome(request, context), link: (Paths.settings, text.account.settingsTitle)))
    }

    private func describe(_ topic: UnsubscribeTopic) async throws -> String {
        switch topic {
        case .newsletter: return text.account.topicNewsletter
        case .replies: return text.account.topicReplies
        case .mentions: return text.account.topicMentions
        case .follow(_, let postID): return text.account.topicFollow(try await store.post(id: postID)?.title ?? "")
        case .allFollows: return text.account.topicAllFollows
        }
    }
}

extension Request {
    /// True for a browser (which sends `Accept: text/html`), false for a mail client's one-click POST.
    var acceptsHTML: Bool {
        headers[.accept]?.contains("text/html") ?? false
    }
}
