import Domain
import Foundation

/// The moderation settings form as text fields: from the stored settings, or as typed.
struct ModerationSettingsForm {
    static let fields = [
        "hold_policy", "hold_count", "max_links", "reports_to_hold", "hold_words", "block_words", "auto_close_days", "spam_threshold",
    ]
    var values: [String: String]
    var error: (field: String, message: String)?

    init(_ settings: ModerationSettings) {
        let policy: (String, Int) =
            switch settings.holdPolicy {
            case .nothing: ("nothing", 3)
            case .firstComments(let count): ("first", count)
            case .everything: ("every", 3)
            }
        values = [
            "hold_policy": policy.0, "hold_count": "\(policy.1)", "max_links": "\(settings.maxLinks)",
            "reports_to_hold": "\(settings.reportsToHold)", "hold_words": settings.holdWords.joined(separator: "\n"),
            "block_words": settings.blockWords.joined(separator: "\n"), "auto_close_days": settings.autoCloseDays.map { "\($0)" } ?? "",
            "spam_threshold": "\(settings.spamThreshold)",
        ]
    }

    init(typed form: FormBody) {
        values = Dictionary(uniqueKeysWithValues: Self.fields.map { ($0, form[$0] ?? "") })
    }

    /// The settings the form asks for, or the first field that cannot be read (`FieldError`
    /// named by the field). Ranges the store would refuse are refused here, by field.
    static func parse(_ form: FormBody) throws -> ModerationSettings {
        func whole(_ field: String, min: Int = 0) throws -> Int {
            let raw = (form[field] ?? "").trimmingCharacters(in: .whitespaces)
            guard raw.utf8.count <= 9, let value = Int(raw), value >= min else { throw FieldError(field, .invalidChoice) }
            return value
        }
        func words(_ field: String) throws -> [String] {
            let raw = form[field] ?? ""
            guard raw.utf8.count <= 20_000 else { throw FieldError(field, .tooLong(max: 20_000)) }
            var seen = Set<String>()
            return raw.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
                .filter { !$0.isEmpty && seen.insert($0).inserted }
        }
        let policy: HoldPolicy
        switch form["hold_policy"] ?? "" {
        case "nothing": policy = .nothing
        case "first": policy = .firstComments(count: try whole("hold_count", min: 1))
        case "every": policy = .everything
        default: throw FieldError("hold_policy", .invalidChoice)
        }
        let maxLinks = try whole("max_links")
        let reports = try whole("reports_to_hold", min: 1)
        let hold = try words("hold_words")
        let block = try words("block_words")
        let autoCloseRaw = (form["auto_close_days"] ?? "").trimmingCharacters(in: .whitespaces)
        let autoClose = autoCloseRaw.isEmpty ? nil : try whole("auto_close_days")
        let thresholdRaw = (form["spam_threshold"] ?? "").trimmingCharacters(in: .whitespaces)
        guard thresholdRaw.utf8.count <= 12, let threshold = Double(thresholdRaw), threshold > 0, threshold <= 1 else {
            throw FieldError("spam_threshold", .invalidChoice)
        }
        return ModerationSettings(
            holdPolicy: policy, maxLinks: maxLinks, reportsToHold: reports, holdWords: hold, blockWords: block,
            autoCloseDays: autoClose, spamThreshold: threshold)
    }
}

/// `/dashboard/settings/moderation`: the hold policy and the rules, errors next to their field.
enum ModerationSettingsPage {
    static func render(chrome: PageChrome, form: ModerationSettingsForm, saved: Bool) -> HTML {
        let words = chrome.text.moderation
        func value(_ field: String) -> String { form.values[field] ?? "" }
        func errorID(_ field: String) -> String { "modset-\(field)-error" }
        func error(_ field: String) -> HTML {
            guard form.error?.field == field, let message = form.error?.message else { return "" }
            return "<p class=\"field-error\" id=\"\(errorID(field))\" role=\"alert\">\(message)</p>"
        }
        func described(_ field: String, hint: String? = nil) -> HTML {
            let ids = [hint, form.error?.field == field ? errorID(field) : nil].compactMap { $0 }
            let invalid: HTML = form.error?.field == field ? " aria-invalid=\"true\"" : ""
            return ids.isEmpty ? invalid : "\(invalid) aria-describedby=\"\(ids.joined(separator: " "))\""
        }
        func number(_ field: String, _ label: String, hint: (id: String, text: String)? = nil, required: Bool = true) -> HTML {
            let hintHTML: HTML = hint.map { "<p class=\"hint\" id=\"\($0.id)\">\($0.text)</p>" } ?? ""
            return """
                <div class="field"><label for="modset-\(field)">\(label)</label>\
                <input id="modset-\(field)" name="\(field)" type="text" inputmode="decimal" value="\(value(field))" maxlength="12"\
                \(required ? " required" : "")\(described(field, hint: hint?.id))>\(hintHTML)\(error(field))</div>
                """
        }
        func radio(_ policy: String, _ label: String) -> HTML {
            """
            <div class="check"><input type="radio" id="modset-policy-\(policy)" name="hold_policy" value="\(policy)"\
            \(value("hold_policy") == policy ? " checked" : "")><label for="modset-policy-\(policy)">\(label)</label></div>
            """
        }
        func list(_ field: String, _ label: String) -> HTML {
            """
            <div class="field"><label for="modset-\(field)">\(label)</label>\
            <textarea id="modset-\(field)" name="\(field)" rows="5"\(described(field, hint: "modset-one-per-line"))>\(value(field))</textarea>\
            \(error(field))</div>
            """
        }
        let note: HTML = saved ? "<p class=\"notice\" role=\"status\">\(words.saved)</p>" : ""
        return Layout.page(
            title: words.settingsTitle, chrome: chrome, showsSubscribe: false,
            main: """
                \(DashboardNav.assets(script: false))\
                <section class="dashboard form-page moderation-settings"><h1>\(words.settingsTitle)</h1>\
                \(DashboardNav.render(chrome, current: "/dashboard/settings/moderation"))\(note)\
                <form method="post" action="/dashboard/settings/moderation" novalidate>\(csrfField(chrome.csrf))\
                <fieldset class="field"\(described("hold_policy"))><legend>\(words.holdPolicyLegend)</legend>\
                \(radio("nothing", words.holdNothing))\(radio("first", words.holdFirstComments))\(radio("every", words.holdEverything))\
                \(error("hold_policy"))</fieldset>\
                \(number("hold_count", words.holdFirstCount))\
                \(number("max_links", words.maxLinks))\
                \(number("reports_to_hold", words.reportsToHold))\
                <p class="hint" id="modset-one-per-line">\(words.onePerLine)</p>\
                \(list("hold_words", words.holdWords))\(list("block_words", words.blockWords))\
                \(number("auto_close_days", words.autoCloseDays, hint: ("modset-auto-close-hint", words.autoCloseHint), required: false))\
                \(number("spam_threshold", words.spamThreshold, hint: ("modset-threshold-hint", words.spamThresholdHint)))\
                <div class="form-actions"><button type="submit" class="button">\(words.saveSettings)</button></div></form></section>
                """)
    }
}
