import Domain
import Foundation

/// The first-run form on the home page of a site without an owner: shown to a visitor on the
/// server's own machine, or holding the setup link printed in the log.
struct FirstRunForm {
    /// The setup link's token, carried back in the form; empty for a loopback visitor.
    var token: String
    var values: [String: String] = [:]
    var error: (field: String, message: String)?

    static let fields = ["email", "name", "publication"]
}

enum FirstRunSetup {
    static func render(chrome: PageChrome, form: FirstRunForm) -> HTML {
        let words = chrome.text.publication
        func error(_ field: String) -> String? { form.error?.field == field ? form.error?.message : nil }
        let formError: HTML =
            error("setup").map { "<p class=\"field-error\" id=\"setup-error\" role=\"alert\">\($0)</p>" } ?? ""
        let passwordError: HTML =
            error("password").map { "<p class=\"field-error\" id=\"setup-password-error\" role=\"alert\">\($0)</p>" } ?? ""
        let passwordDescribed: HTML =
            error("password") == nil
            ? " aria-describedby=\"setup-password-hint\""
            : " aria-invalid=\"true\" aria-describedby=\"setup-password-hint setup-password-error\""
        let token: HTML = form.token.isEmpty ? "" : "<input type=\"hidden\" name=\"setup\" value=\"\(form.token)\">"
        return """
            <section class="first-run" aria-labelledby="setup-heading"><h2 id="setup-heading">\(words.setupHeading)</h2>\
            <p>\(words.setupIntro)</p>\(formError)\
            <form method="post" action="/setup" class="setup-form" novalidate>\(csrfField(chrome.csrf))\(token)\
            \(Field.render(id: "setup-publication", name: "publication", label: words.setupPublicationLabel, type: "text", value: form.values["publication"] ?? "", autocomplete: "off", error: error("publication"), maxLength: Limits.publicationNameLength))\
            \(Field.render(id: "setup-name", name: "name", label: words.setupNameLabel, type: "text", value: form.values["name"] ?? "", autocomplete: "name", error: error("name"), maxLength: Limits.displayNameLength))\
            \(Field.render(id: "setup-email", name: "email", label: words.setupEmailLabel, type: "email", value: form.values["email"] ?? "", autocomplete: "email", error: error("email"), maxLength: Limits.emailLength))\
            <div class="field"><label for="setup-password">\(words.setupPasswordLabel)</label>\
            <input id="setup-password" name="password" type="password" autocomplete="new-password" maxlength="\(Limits.passwordLength.upperBound)"\(passwordDescribed)>\
            <p class="hint" id="setup-password-hint">\(words.setupPasswordHint)</p>\(passwordError)</div>\
            <div class="form-actions"><button type="submit" class="button">\(words.setupButton)</button></div></form></section>
            """
    }
}
