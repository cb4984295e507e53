import Domain
import Foundation
import UseCases

/// The publication settings form as text fields: from the stored publication, or as typed.
struct PublicationSettingsForm {
    static let fields = [
        "name", "description", "accent_colour", "footer", "about", "sender_name", "reply_to", "embed_origins",
        "anonymous_comments",
    ]
    var values: [String: String]
    var error: (field: String, message: String)?

    init(_ publication: Publication) {
        values = [
            "name": publication.name, "description": publication.description, "accent_colour": publication.accentColour.hex,
            "footer": publication.footerText, "about": publication.aboutMarkdown, "sender_name": publication.senderName,
            "reply_to": publication.replyTo, "embed_origins": publication.embedOrigins.joined(separator: "\n"),
            "anonymous_comments": publication.anonymousComments ? "1" : "",
        ]
    }

    init(typed form: FormBody) {
        values = Dictionary(uniqueKeysWithValues: Self.fields.map { ($0, form[$0] ?? "") })
    }

    /// What the use case takes: every field as typed.
    static func input(_ form: FormBody) -> PublicationSettingsInput {
        PublicationSettingsInput(
            name: form["name"] ?? "", description: form["description"] ?? "", accentColour: form["accent_colour"] ?? "",
            aboutMarkdown: form["about"] ?? "", senderName: form["sender_name"] ?? "", replyTo: form["reply_to"] ?? "",
            footerText: form["footer"] ?? "", embedOrigins: form["embed_origins"] ?? "",
            anonymousComments: form["anonymous_comments"] == "1")
    }
}

/// What `/dashboard/settings` shows besides the form.
struct PublicationSettingsModel {
    var form: PublicationSettingsForm
    var logo: UploadKey?
    /// "saved", "logo" or "welcome": the note at the top.
    var note: String?
    /// A refused logo upload, shown at its field.
    var logoError: String?
}

/// `/dashboard/settings`: the publication's name, description, logo, accent colour, footer,
/// about page, email sender and embed origins; links to moderation defaults and members.
enum PublicationSettingsPage {
    static func render(chrome: PageChrome, model: PublicationSettingsModel) -> HTML {
        let words = chrome.text.publication
        let form = model.form
        func value(_ field: String) -> String { form.values[field] ?? "" }
        func errorID(_ field: String) -> String { "pubset-\(field)-error" }
        func error(_ field: String) -> HTML {
            guard form.error?.field == field, let message = form.error?.message else { return "" }
            return "<p class=\"field-error\" id=\"\(errorID(field))\" role=\"alert\">\(message)</p>"
        }
        func described(_ field: String, hint: Bool) -> HTML {
            let ids = [hint ? "pubset-\(field)-hint" : nil, form.error?.field == field ? errorID(field) : nil].compactMap { $0 }
            let invalid: HTML = form.error?.field == field ? " aria-invalid=\"true\"" : ""
            return ids.isEmpty ? invalid : "\(invalid) aria-describedby=\"\(ids.joined(separator: " "))\""
        }
        func hint(_ field: String, _ text: String?) -> HTML {
            text.map { "<p class=\"hint\" id=\"pubset-\(field)-hint\">\($0)</p>" } ?? ""
        }
        func line(
            _ field: String, _ label: String, hint text: String? = nil, type: String = "text", max: Int, required: Bool = false,
            autocomplete: String = "off"
        ) -> HTML {
            """
            <div class="field"><label for="pubset-\(field)">\(label)</label>\
            <input id="pubset-\(field)" name="\(field)" type="\(type)" value="\(value(field))" maxlength="\(max)" autocomplete="\(autocomplete)"\
            \(required ? " required" : "")\(described(field, hint: text != nil))>\(hint(field, text))\(error(field))</div>
            """
        }
        func area(_ field: String, _ label: String, hint text: String, rows: Int, max: Int) -> HTML {
            """
            <div class="field"><label for="pubset-\(field)">\(label)</label>\
            <textarea id="pubset-\(field)" name="\(field)" rows="\(rows)" maxlength="\(max)"\(described(field, hint: true))>\(value(field))</textarea>\
            \(hint(field, text))\(error(field))</div>
            """
        }
        let note: HTML =
            switch model.note {
            case "welcome": "<p class=\"notice\" role=\"status\">\(words.welcome)</p>"
            case "saved", "logo": "<p class=\"notice\" role=\"status\">\(words.saved)</p>"
            default: ""
            }
        let csrf = csrfField(chrome.csrf)
        let currentLogo: HTML =
            model.logo.map { key in
                """
                <img class="logo-preview" src="\(Paths.upload(key))" alt="\(words.currentLogoAlt)" height="64">\
                <form method="post" action="/dashboard/settings/logo/remove" class="inline-form">\(csrf)\
                <button type="submit" class="link-button">\(words.removeLogo)</button></form>
                """
            } ?? "<p class=\"hint\">\(words.noLogo)</p>"
        let logoError: HTML = model.logoError.map { "<p class=\"field-error\" id=\"pubset-logo-error\" role=\"alert\">\($0)</p>" } ?? ""
        let logoInvalid: HTML =
            model.logoError == nil
            ? " aria-describedby=\"pubset-logo-hint\"" : " aria-invalid=\"true\" aria-describedby=\"pubset-logo-hint pubset-logo-error\""
        return Layout.page(
            title: words.settingsTitle, chrome: chrome, showsSubscribe: false,
            main: """
                \(DashboardNav.assets(script: false))\
                <section class="dashboard publication-settings"><h1>\(words.settingsTitle)</h1>\
                \(DashboardNav.render(chrome, current: "/dashboard/settings"))\(note)\
                <form method="post" action="/dashboard/settings" novalidate>\(csrf)\
                <fieldset><legend>\(words.publicationHeading)</legend>\
                \(line("name", words.nameLabel, max: Limits.publicationNameLength, required: true))\
                \(line("description", words.descriptionLabel, hint: words.descriptionHint, max: Limits.publicationDescriptionLength))\
                <div class="field colour-field"><label for="pubset-accent_colour">\(words.accentLabel)</label>\
                <input id="pubset-accent_colour" name="accent_colour" type="color" value="\(value("accent_colour"))"\
                \(described("accent_colour", hint: true))>\(hint("accent_colour", words.accentHint))\(error("accent_colour"))</div>\
                \(line("footer", words.footerLabel, hint: words.footerHint, max: Limits.footerLength))\
                </fieldset>\
                <fieldset><legend>\(words.aboutHeading)</legend>\
                \(area("about", words.aboutLabel, hint: words.aboutHint, rows: 10, max: Limits.aboutLength))\
                </fieldset>\
                <fieldset><legend>\(words.emailHeading)</legend>\
                \(line("sender_name", words.senderNameLabel, hint: words.senderNameHint, max: Limits.senderNameLength))\
                \(line("reply_to", words.replyToLabel, hint: words.replyToHint, type: "email", max: Limits.emailLength, autocomplete: "email"))\
                </fieldset>\
                <fieldset><legend>\(words.embedHeading)</legend>\
                \(area("embed_origins", words.embedOriginsLabel, hint: words.embedOriginsHint, rows: 4, max: Limits.embedOrigins * 310))\
                <div class="check"><input type="checkbox" id="pubset-anonymous_comments" name="anonymous_comments" value="1"\
                \(HTML(trusted: value("anonymous_comments") == "1" ? " checked" : "")) aria-describedby="pubset-anonymous_comments-hint">\
                <label for="pubset-anonymous_comments">\(words.anonymousCommentsLabel)</label></div>\
                <p class="hint" id="pubset-anonymous_comments-hint">\(words.anonymousCommentsHint)</p>\
                </fieldset>\
                <div class="form-actions"><button type="submit" class="button">\(words.saveSettings)</button></div></form>\
                <section aria-labelledby="logo-heading" class="logo-settings"><h2 id="logo-heading">\(words.logoHeading)</h2>\
                <div class="logo-row">\(currentLogo)</div>\
                <form method="post" action="/dashboard/settings/logo" enctype="multipart/form-data" novalidate>\(csrf)\
                <div class="field"><label for="pubset-logo">\(words.logoLabel)</label>\
                <input id="pubset-logo" name="logo" type="file" accept="image/png,image/jpeg,image/webp,image/gif" required\(logoInvalid)>\
                <p class="hint" id="pubset-logo-hint">\(words.logoHint)</p>\(logoError)</div>\
                <div class="form-actions"><button type="submit" class="button">\(words.uploadLogo)</button></div></form></section>\
                <section aria-labelledby="more-settings-heading"><h2 id="more-settings-heading">\(words.moreSettingsHeading)</h2>\
                <ul><li><a href="/dashboard/settings/moderation">\(words.moderationLink)</a></li>\
                <li><a href="/dashboard/members">\(words.membersLink)</a></li></ul></section>\
                </section>
                """)
    }
}
