import Domain
import UseCases

/// `/sign-in`: an email for a sign-in link first (the primary way), and a password below
/// for members who set one.
enum SignInPage {
    static func render(
        chrome: PageChrome, email: String = "", next: String, notice: String? = nil, emailError: String? = nil,
        passwordEmail: String = "", passwordEmailError: String? = nil, passwordError: String? = nil
    ) -> HTML {
        let text = chrome.text
        let account = text.account
        let noticeHTML: HTML = notice.map { "<p class=\"notice\" role=\"status\">\($0)</p>" } ?? ""
        return Layout.page(
            title: text.signInTitle, chrome: chrome, showsSubscribe: false,
            main: """
                <section class="form-page"><h1>\(text.signInTitle)</h1>\(noticeHTML)<p>\(account.signInBlurb)</p>\
                <form method="post" action="/sign-in" class="sign-in-link-form" novalidate>\(csrfField(chrome.csrf))\(chrome.humanFields)\
                <input type="hidden" name="next" value="\(next)">\
                \(Field.render(id: "sign-in-email", name: "email", label: text.emailLabel, type: "email", value: email, autocomplete: "email", error: emailError, maxLength: Limits.emailLength))\
                <div class="form-actions"><button type="submit" class="button">\(account.sendLink)</button></div></form>\
                <details class="password-sign-in"\(passwordEmailError != nil || passwordError != nil ? " open" : "")><summary>\(account.orPassword)</summary>\
                <form method="post" action="/sign-in" class="sign-in-form" novalidate>\(csrfField(chrome.csrf))\(chrome.humanFields)\
                <input type="hidden" name="next" value="\(next)">\
                \(Field.render(id: "sign-in-password-email", name: "email", label: text.emailLabel, type: "email", value: passwordEmail, autocomplete: "email", error: passwordEmailError, maxLength: Limits.emailLength))\
                \(Field.render(id: "sign-in-password", name: "password", label: text.passwordLabel, type: "password", value: "", autocomplete: "current-password", error: passwordError, maxLength: Limits.passwordLength.upperBound))\
                <div class="form-actions"><button type="submit" class="button secondary">\(account.passwordSignIn)</button></div></form></details></section>
                """)
    }
}

/// `/sign-in/link?token=...`: what a sign-in link will do, and the button that does it. Opening
/// the link uses nothing (mail scanners open links); the button does.
enum SignInLinkPage {
    static func render(
        chrome: PageChrome, token: String, state: SignInLinkState, minutes: Int, name: String = "",
        nameError: String? = nil
    ) -> HTML {
        let text = chrome.text
        let account = text.account
        let body: HTML
        switch state {
        case .ready(let email):
            // The only refusal this form can meet is a stale CSRF token: say so, above the button.
            let error: HTML = nameError.map { "<p class=\"field-error\" role=\"alert\">\($0)</p>" } ?? ""
            body = """
                \(error)<form method="post" action="/sign-in/link" class="sign-in-link-use">\(csrfField(chrome.csrf))\
                <input type="hidden" name="token" value="\(token)">\
                <div class="form-actions"><button type="submit" class="button">\(account.continueAs(email))</button></div></form>
                """
        case .newMember(let email):
            body = """
                <p>\(account.newMemberIntro(email))</p>\
                <form method="post" action="/sign-in/link" class="sign-in-link-use" novalidate>\(csrfField(chrome.csrf))\
                <input type="hidden" name="token" value="\(token)">\
                \(Field.render(id: "new-member-name", name: "name", label: account.nameLabel, type: "text", value: name, autocomplete: "name", error: nameError, maxLength: Limits.displayNameLength))\
                <div class="form-actions"><button type="submit" class="button">\(account.createAccount)</button></div></form>
                """
        case .alreadyUsed, .expired, .unknown:
            return problem(chrome: chrome, state: state, minutes: minutes)
        }
        return Layout.page(
            title: account.linkTitle, chrome: chrome, showsSubscribe: false,
            main: "<section class=\"form-page\"><h1>\(account.linkTitle)</h1>\(body)</section>")
    }

    /// The clear page for a link that cannot sign anyone in.
    static func problem(chrome: PageChrome, state: SignInLinkState, minutes: Int) -> HTML {
        let account = chrome.text.account
        let title =
            switch state {
            case .alreadyUsed: account.linkUsedTitle
            case .expired: account.linkExpiredTitle
            default: account.linkUnknownTitle
            }
        return Layout.message(title: title, body: account.linkProblemBody(minutes), chrome: chrome, link: ("/sign-in", account.askNewLink))
    }
}

/// A labelled input with its error right under it.
enum Field {
    static func render(
        id: String, name: String, label: String, type: String, value: String, autocomplete: String,
        error: String?, maxLength: Int
    ) -> HTML {
        let errorHTML: HTML = error.map { "<p class=\"field-error\" id=\"\(id)-error\" role=\"alert\">\($0)</p>" } ?? ""
        let invalid: HTML = error == nil ? "" : " aria-invalid=\"true\" aria-describedby=\"\(id)-error\""
        return """
            <div class="field"><label for="\(id)">\(label)</label>\
            <input id="\(id)" name="\(name)" type="\(type)" value="\(value)" autocomplete="\(autocomplete)" maxlength="\(maxLength)" required\(invalid)>\
            \(errorHTML)</div>
            """
    }
}

/// `/subscribe`: the subscribe box on a page of its own, and where its errors are shown.
enum SubscribePage {
    static func render(chrome: PageChrome, email: String = "", error: String? = nil) -> HTML {
        Layout.page(
            title: chrome.text.subscribeButton, chrome: chrome, showsSubscribe: false,
            main: """
                <section class="publication-intro"><h1>\(chrome.publication.name)</h1><p class="publication-description">\(chrome.publication.description)</p></section>\
                \(Layout.subscribeBox(chrome: chrome, email: email, error: error))
                """)
    }
}

/// `/p/{slug}/comment/{id}/edit`: the author's own comment in a box.
enum EditCommentPage {
    static func render(chrome: PageChrome, post: Post, comment: Comment, draft: DraftComment) -> HTML {
        let text = chrome.text
        let ctx = CardContext(
            post: post, members: [:], liked: [], viewer: chrome.viewer, csrf: chrome.csrf, text: text, now: comment.createdAt)
        return Layout.page(
            title: text.editCommentTitle, chrome: chrome, showsSubscribe: false,
            main: """
                <p class="back"><a href="\(Paths.post(post.slug))">← \(post.title)</a></p>\
                <section class="form-page"><h1>\(text.editCommentTitle)</h1>\
                \(CommentFormView.render(action: Paths.edit(post.slug, comment.id), parentID: nil, draft: draft, placeholder: text.composerPlaceholder,
                                 button: text.saveEdit, id: "edit-\(comment.id)", ctx: ctx, cancel: Paths.commentAnchor(post.slug, comment.id)))</section>
                """)
    }
}

/// `/subscribe/confirm?token=`: one button that confirms the subscription.
enum ConfirmSubscriptionPage {
    static func render(chrome: PageChrome, token: String) -> HTML {
        let account = chrome.text.account
        return Layout.page(
            title: account.confirmTitle, chrome: chrome, showsSubscribe: false,
            main: """
                <section class="form-page"><h1>\(account.confirmTitle)</h1><p>\(account.confirmIntro(chrome.publication.name))</p>\
                <form method="post" action="/subscribe/confirm" class="confirm-subscription-form">\(csrfField(chrome.csrf))\
                <input type="hidden" name="token" value="\(token)">\
                <div class="form-actions"><button type="submit" class="button">\(account.confirmButton)</button></div></form></section>
                """)
    }
}
