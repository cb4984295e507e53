import Domain
import Foundation

/// The "API tokens" section of `/settings`: the member's tokens (name, created, last used),
/// each live one with its Revoke form; revoked ones stay listed, marked, so their owner sees
/// that they ended. Tokens are made on the command line (`parley token add`).
enum APITokensSection {
    static func render(_ tokens: [APIToken], chrome: PageChrome, justRevoked: Bool, error: String?) -> HTML {
        let text = chrome.text
        let words = text.tokens
        let csrf = csrfField(chrome.csrf)
        let items: [HTML] = tokens.map { token in
            let used = token.lastUsedAt.map { words.lastUsed(text.fullDate($0)) } ?? words.neverUsed
            let end: HTML =
                token.revokedAt.map { "<span class=\"token-revoked\">\(words.revokedOn(text.fullDate($0)))</span>" }
                    ?? """
                    <form method="post" action="\(Paths.revokeToken(token.id))" class="inline-form revoke-token-form">\(csrf)\
                    <button type="submit" class="link-button">\(words.revoke)<span class="visually-hidden"> \(token.name)</span></button></form>
                    """
            return """
                <li class="api-token\(token.revokedAt == nil ? "" : " revoked")" id="token-\(token.id)"><strong class="token-name">\(token.name)</strong> \
                <span class="hint">\(words.created(text.fullDate(token.createdAt))) · \(used)</span> \(end)</li>
                """
        }
        let notice: HTML = justRevoked ? "<p class=\"notice\" role=\"status\">\(words.revokedNotice)</p>" : ""
        let refused: HTML = error.map { "<p class=\"field-error\" id=\"tokens-error\" role=\"alert\">\($0)</p>" } ?? ""
        let list: HTML = items.isEmpty ? "<p class=\"hint\">\(words.none)</p>" : "<ul class=\"api-tokens\">\(items)</ul>"
        return """
            <section aria-labelledby="tokens-heading"><h2 id="tokens-heading">\(words.heading)</h2>\(notice)\(refused)\
            <p class="hint">\(words.intro)</p>\(list)</section>
            """
    }
}

extension Paths {
    /// The Revoke form of one of the viewer's tokens.
    static func revokeToken(_ id: APITokenID) -> String { "/settings/tokens/\(id)/revoke" }
}
