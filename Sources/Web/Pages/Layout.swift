import Domain

/// What every page shares: publication, viewer, CSRF token, words.
struct PageChrome: Sendable {
    let publication: Publication
    let viewer: Member?
    let csrf: String
    let text: Catalogue
    /// The path of the page, where sign-in sends the reader back to.
    let currentPath: String
    /// The hidden fields of the forms anyone can send (`HumanCheck`).
    var humanFields: HTML = ""
    /// The site's public address (`--public-url`), for canonical links and link previews; "" leaves them out.
    var baseURL: String = ""
}

/// The shell of every page: landmarks, header with sign-in state, main, subscribe footer.
enum Layout {
    static func page(
        title: String, chrome: PageChrome, description: String? = nil, showsSubscribe: Bool = true, social: SocialMeta? = nil, main: HTML
    ) -> HTML {
        let text = chrome.text
        let account: HTML
        if let viewer = chrome.viewer {
            account = """
                <span class="viewer"><img class="avatar small" src="\(Paths.avatar(viewer))" alt="\(text.viewerAvatarAlt)" width="28" height="28">\
                <span class="visually-hidden">\(text.signedInAs) </span><a class="viewer-name" href="\(Paths.settings)" title="\(text.account.settingsLink)">\(viewer.displayName)</a></span>\
                <form method="post" action="/sign-out" class="sign-out-form">\(csrfField(chrome.csrf))<button type="submit" class="link-button">\(text.signOut)</button></form>
                """
        } else {
            account = "<a class=\"button secondary\" href=\"\(Paths.signIn(next: chrome.currentPath))\">\(text.signIn)</a>"
        }
        let metaDescription: HTML = description.map { "<meta name=\"description\" content=\"\($0)\">" } ?? ""
        return """
            <html lang="\(text.languageTag)"><head><meta charset="utf-8">\
            <meta name="viewport" content="width=device-width, initial-scale=1">\
            <meta name="color-scheme" content="light dark">\
            <meta name="csrf-token" content="\(chrome.csrf)">\(metaDescription)\
            <title>\(title)</title>\(SocialMeta.head(title: title, description: description, chrome: chrome, meta: social))\
            <link rel="icon" href="\(StaticAssets.iconPath)" type="image/svg+xml">\
            <link rel="stylesheet" href="\(StaticAssets.stylesheetPath)">\(PublicationChrome.accentLink(chrome.publication))\

            <script type="module" src="\(StaticAssets.scriptPath)"></script></head>\
            <body data-network-error="\(text.networkError)" data-post-failed="\(text.postFailed)"><a class="skip-link" href="#main">\(text.skipToContent)</a>\
            <header class="site-header"><a class="site-name" href="/">\(PublicationChrome.logo(chrome.publication))\(chrome.publication.name)</a>\
            <nav class="site-nav" aria-label="\(text.readers.siteNavigation)"><a href="\(Paths.archive)">\(text.readers.archiveLink)</a></nav>\
            <nav class="account" aria-label="\(text.accountNavigation)">\(account)</nav></header>\
            <main id="main" tabindex="-1">\(main)</main>\
            \(showsSubscribe ? subscribeBox(chrome: chrome, email: "", error: nil, footer: PublicationChrome.footer(chrome)) : PublicationChrome.standaloneFooter(chrome))\
            </body></html>
            """
    }

    /// "Ready for more?": the subscribe footer of the home and post pages.
    /// `footer`: the publication's footer line, kept in this one `footer` landmark.
    static func subscribeBox(chrome: PageChrome, email: String, error: String?, footer: HTML = "") -> HTML {
        let text = chrome.text
        let errorHTML: HTML = error.map { "<p class=\"field-error\" id=\"subscribe-error\" role=\"alert\">\($0)</p>" } ?? ""
        let invalid: HTML = error == nil ? "" : " aria-invalid=\"true\" aria-describedby=\"subscribe-error\""
        return """
            <footer class="subscribe-footer" aria-labelledby="subscribe-heading"><h2 id="subscribe-heading">\(text.readyForMore)</h2>\
            <p>\(text.subscribeBlurb)</p>\
            <form method="post" action="/subscribe" class="subscribe-form">\(csrfField(chrome.csrf))\(chrome.humanFields)\
            <label class="visually-hidden" for="subscribe-email">\(text.emailLabel)</label>\
            <input id="subscribe-email" type="email" name="email" autocomplete="email" required maxlength="\(Limits.emailLength)" \
            placeholder="\(text.emailPlaceholder)" value="\(email)"\(invalid)>\
            <button type="submit" class="button">\(text.subscribeButton)</button>\(errorHTML)</form>\(footer)</footer>
            """
    }

    /// A page with a heading and a sentence: not found, errors, confirmations.
    static func message(title: String, body: String, chrome: PageChrome, link: (href: String, label: String)? = nil) -> HTML {
        let linkHTML: HTML = link.map { "<p><a href=\"\($0.href)\">\($0.label)</a></p>" } ?? "<p><a href=\"/\">\(chrome.text.home)</a></p>"
        return page(
            title: title, chrome: chrome, showsSubscribe: false,
            main: "<section class=\"message\"><h1>\(title)</h1><p>\(body)</p>\(linkHTML)</section>")
    }
}
