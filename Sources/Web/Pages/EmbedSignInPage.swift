import Domain

/// The embed's sign-in popup, on Parley's own origin: the signed-in member says "continue"
/// (a form, so no page can mint a token by merely opening this one), then the hand-off page
/// gives the new token to the embed that opened the window, by `postMessage` to that one
/// origin, and closes (`embed-handoff.js`).
enum EmbedSignInPage {
    /// Asks `chrome.viewer` (signed in) whether to continue on `origin`.
    static func render(chrome: PageChrome, origin: String, viewer: Member, error: String? = nil) -> HTML {
        let words = chrome.text.embed
        let site = EmbedOrigin.siteName(origin)
        let title = words.signInTitle(site)
        let errorHTML: HTML = error.map { "<p class=\"field-error\" role=\"alert\">\($0)</p>" } ?? ""
        return Layout.page(
            title: title, chrome: chrome, showsSubscribe: false,
            main: """
                <section class="form-page"><h1>\(title)</h1><p>\(words.signInIntro(viewer.displayName, site))</p>\(errorHTML)\
                <form method="post" action="\(Paths.embedSignIn)" class="embed-sign-in">\(csrfField(chrome.csrf))\
                <input type="hidden" name="origin" value="\(origin)">\
                <div class="form-actions"><button type="submit" class="button">\(chrome.text.account.continueAs(viewer.displayName))</button></div>\
                </form></section>
                """)
    }

    /// Hands `token` to the window that opened this one, if its origin is `origin`.
    static func handoff(chrome: PageChrome, origin: String, token: String, viewer: Member) -> HTML {
        let words = chrome.text.embed
        return Layout.page(
            title: words.handoffTitle, chrome: chrome, showsSubscribe: false,
            main: """
                <section class="message"><h1>\(words.handoffTitle)</h1><p id="parley-handoff-words">\(words.handoffBody)</p>\
                <div id="parley-handoff" hidden data-origin="\(origin)" data-token="\(token)" data-name="\(viewer.displayName)" data-no-opener="\(words.handoffNoOpener)"></div>\
                <script type="module" src="\(StaticAssets.path("embed-handoff.js"))"></script></section>
                """)
    }
}
