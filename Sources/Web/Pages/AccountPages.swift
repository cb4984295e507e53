import Domain

/// `/sign-in`: email and password (the emailed link comes in a later release).
enum SignInPage {
    static func render(chrome: PageChrome, email: String = "", next: String, notice: String? = nil,
                       emailError: String? = nil, passwordError: String? = nil) -> HTML {
        let text = chrome.text
        let noticeHTML: HTML = notice.map { "<p class=\"notice\" role=\"status\">\($0)</p>" } ?? ""
        return Layout.page(title: text.signInTitle, chrome: chrome, showsSubscribe: false, main: """
        <section class="form-page"><h1>\(text.signInTitle)</h1>\(noticeHTML)\
        <form method="post" action="/sign-in" class="sign-in-form" novalidate>\(csrfField(chrome.csrf))\
        <input type="hidden" name="next" value="\(next)">\
        \(Field.render(id: "sign-in-email", name: "email", label: text.emailLabel, type: "email", value: email, autocomplete: "email", error: emailError, maxLength: Limits.emailLength))\
        \(Field.render(id: "sign-in-password", name: "password", label: text.passwordLabel, type: "password", value: "", autocomplete: "current-password", error: passwordError, maxLength: Limits.passwordLength.upperBound))\
        <div class="form-actions"><button type="submit" class="button">\(text.signIn)</button></div></form></section>
        """)
    }
}

/// A labelled input with its error right under it.
enum Field {
    static func render(id: String, name: String, label: String, type: String, value: String, autocomplete: String,
                       error: String?, maxLength: Int) -> HTML {
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
        Layout.page(title: chrome.text.subscribeButton, chrome: chrome, showsSubscribe: false, main: """
        <section class="publication-intro"><h1>\(chrome.publication.name)</h1><p class="publication-description">\(chrome.publication.description)</p></section>\
        \(Layout.subscribeBox(chrome: chrome, email: email, error: error))
        """)
    }
}

/// `/p/{slug}/comment/{id}/edit`: the author's own comment in a box.
enum EditCommentPage {
    static func render(chrome: PageChrome, post: Post, comment: Comment, draft: DraftComment) -> HTML {
        let text = chrome.text
        let ctx = CardContext(post: post, members: [:], liked: [], viewer: chrome.viewer, csrf: chrome.csrf, text: text, now: comment.createdAt)
        return Layout.page(title: text.editCommentTitle, chrome: chrome, showsSubscribe: false, main: """
        <p class="back"><a href="\(Paths.post(post.slug))">← \(post.title)</a></p>\
        <section class="form-page"><h1>\(text.editCommentTitle)</h1>\
        \(CommentFormView.render(action: Paths.edit(post.slug, comment.id), parentID: nil, draft: draft, placeholder: text.composerPlaceholder,
                                 button: text.saveEdit, id: "edit-\(comment.id)", ctx: ctx, cancel: Paths.commentAnchor(post.slug, comment.id)))</section>
        """)
    }
}
