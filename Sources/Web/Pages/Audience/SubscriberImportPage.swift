import Domain
import Foundation
import Storage

/// What the import form shows again when it is refused: what was chosen and typed (a file
/// cannot be kept: the browser asks for it again), the refusal at its field, and the lines of
/// the list that are not addresses.
struct SubscriberImportForm {
    var pasted = ""
    var mode: SubscriberImport.Mode = .optIn
    var attested = false
    var note = ""
    /// The refused field ("file", "attest" or "note") and why, in words.
    var error: (field: String, message: String)?
    var bad: [SubscriberCSV.BadLine] = []
}

/// `/dashboard/subscribers/import`: a CSV file or pasted addresses, double opt-in or
/// "confirmed elsewhere" with an attestation, and a note for the audit log.
enum SubscriberImportPage {
    /// Characters of pasted addresses; a longer list comes as a file.
    static let pastedLength = 10_000

    static func render(chrome: PageChrome, form: SubscriberImportForm) -> HTML {
        let words = chrome.text.audience
        func error(_ field: String) -> HTML {
            guard let error = form.error, error.field == field else { return "" }
            var lines: HTML = ""
            if field == "file", !form.bad.isEmpty {
                let shown: [HTML] = form.bad.prefix(SubscriberImportLimits.linesShown).map {
                    "<li>\(words.lineNumber($0.line)): <code>\($0.text)</code></li>"
                }
                lines = "<p>\(words.badLines(form.bad.count))</p><ul class=\"bad-lines\">\(shown)</ul>"
            }
            return "<div class=\"field-error\" id=\"import-\(field)-error\" role=\"alert\"><p>\(error.message)</p>\(lines)</div>"
        }
        func invalid(_ field: String, hint: String? = nil) -> HTML {
            let described = ([hint] + [form.error?.field == field ? "import-\(field)-error" : nil]).compactMap { $0 }
            let invalid: HTML = form.error?.field == field ? " aria-invalid=\"true\"" : ""
            return described.isEmpty ? invalid : "\(invalid) aria-describedby=\"\(described.joined(separator: " "))\""
        }
        let optIn: HTML = form.mode == .optIn ? " checked" : ""
        let confirmed: HTML = form.mode == .confirmedElsewhere ? " checked" : ""
        let attested: HTML = form.attested ? " checked" : ""
        return Layout.page(
            title: words.importTitle, chrome: chrome, showsSubscribe: false,
            main: """
                \(AudienceAssets.links)\
                <section class="dashboard subscriber-import"><h1>\(words.importTitle)</h1>\
                \(DashboardNav.render(chrome, current: "/dashboard/subscribers"))\
                <p><a href="/dashboard/subscribers">\(words.backToSubscribers)</a></p>\
                <form method="post" action="/dashboard/subscribers/import" enctype="multipart/form-data" class="import-form">\
                \(csrfField(chrome.csrf))\
                <div class="field"><label for="import-file">\(words.fileLabel)</label>\
                <input id="import-file" name="file" type="file" accept=".csv,.txt,text/csv,text/plain"\(invalid("file", hint: "import-file-hint"))>\
                <p class="hint" id="import-file-hint">\(words.fileHint(SubscriberImportLimits.addresses))</p>\(error("file"))</div>\
                <div class="field"><label for="import-addresses">\(words.pasteLabel)</label>\
                <textarea id="import-addresses" name="addresses" rows="5" maxlength="\(pastedLength)" \
                aria-describedby="import-addresses-hint">\(form.pasted)</textarea>\
                <p class="hint" id="import-addresses-hint">\(words.pasteHint)</p></div>\
                <fieldset class="field import-mode"><legend>\(words.modeLegend)</legend>\
                <div class="check"><input type="radio" id="import-mode-opt-in" name="mode" value="opt-in"\(optIn) aria-describedby="import-opt-in-hint">\
                <label for="import-mode-opt-in">\(words.modeOptIn)</label></div><p class="hint" id="import-opt-in-hint">\(words.modeOptInHint)</p>\
                <div class="check"><input type="radio" id="import-mode-confirmed" name="mode" value="confirmed"\(confirmed) \
                aria-describedby="import-confirmed-hint"><label for="import-mode-confirmed">\(words.modeConfirmed)</label></div>\
                <p class="hint" id="import-confirmed-hint">\(words.modeConfirmedHint)</p></fieldset>\
                <div class="check attest"><input type="checkbox" id="import-attest" name="attest" value="yes"\(attested)\(invalid("attest"))>\
                <label for="import-attest">\(words.attestLabel)</label></div>\(error("attest"))\
                <div class="field"><label for="import-note">\(words.noteLabel)</label>\
                <input id="import-note" name="note" type="text" maxlength="\(SubscriberImportLimits.noteLength)" value="\(form.note)"\(invalid("note"))>\
                \(error("note"))</div>\
                <div class="form-actions"><button type="submit" class="button">\(words.importButton)</button></div></form></section>
                """)
    }
}
