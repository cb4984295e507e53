import Domain
import Foundation

/// `/p/{slug}/comment/{id}/report`: why a member reports a comment (a reason, and words that
/// "Something else" requires), and the thanks once it is received.
enum ReportPage {
    /// What the member chose and typed, and why it was refused, when it was.
    struct Draft: Sendable {
        var reason: ReportReason?
        var text: String
        var error: String?
        var errorField: String?

        static let empty = Draft(reason: nil, text: "", error: nil, errorField: nil)
    }

    static func render(chrome: PageChrome, post: Post, comment: Comment, author: Member?, draft: Draft) -> HTML {
        let text = chrome.text
        let rules = text.rules
        let choices: [(ReportReason, String)] = [
            (.spam, rules.reportSpam), (.abuse, rules.reportAbuse), (.offTopic, rules.reportOffTopic), (.other, rules.reportOther),
        ]
        let radios: [HTML] = choices.map { reason, label in
            let checked: HTML = draft.reason == reason ? " checked" : ""
            return """
                <label class="choice"><input type="radio" name="reason" value="\(reason.rawValue)" required\(checked)> \(label)</label>
                """
        }
        let reasonError: HTML =
            draft.errorField == "reason"
            ? "<p class=\"field-error\" id=\"report-reason-error\" role=\"alert\">\(draft.error ?? "")</p>" : ""
        let textError: HTML =
            draft.errorField != "reason" && draft.error != nil
            ? "<p class=\"field-error\" id=\"report-text-error\" role=\"alert\">\(draft.error ?? "")</p>" : ""
        let described: HTML =
            textError.rendered.isEmpty
            ? " aria-describedby=\"report-text-hint\"" : " aria-invalid=\"true\" aria-describedby=\"report-text-hint report-text-error\""
        let name = text.name(of: author)
        return Layout.page(
            title: rules.reportTitle, chrome: chrome, showsSubscribe: false,
            main: """
                <section class="report-page" aria-labelledby="report-heading"><h1 id="report-heading">\(rules.reportTitle)</h1>\
                <p>\(rules.reportIntro)</p>\
                <blockquote class="reported-comment"><p class="comment-author">\(name)</p>\
                <div class="comment-body">\(HTML(trusted: comment.bodyHTML))</div></blockquote>\
                <form method="post" action="\(Paths.report(post.slug, comment.id))" class="report-form">\(csrfField(chrome.csrf))\
                <fieldset><legend>\(rules.reportReasonLegend)</legend>\(radios)\(reasonError)</fieldset>\
                <label for="report-text">\(rules.reportTextLabel)</label>\
                <textarea id="report-text" name="text" rows="3" maxlength="\(Limits.reportTextLength)"\(described)>\(draft.text)</textarea>\
                <p class="hint" id="report-text-hint">\(rules.reportTextHint(Limits.reportTextLength))</p>\(textError)\
                <div class="form-actions"><a class="button secondary" href="\(Paths.commentAnchor(post.slug, comment.id))">\(text.cancel)</a>\
                <button type="submit" class="button">\(rules.reportSubmit)</button></div></form></section>
                """)
    }

    /// "Thanks, we received your report", or that it had been received before.
    static func received(chrome: PageChrome, post: Post, comment: Comment, again: Bool) -> HTML {
        let rules = chrome.text.rules
        return Layout.message(
            title: rules.reportThanksTitle, body: again ? rules.reportAlready : rules.reportThanks, chrome: chrome,
            link: (Paths.commentAnchor(post.slug, comment.id), chrome.text.backToPost))
    }
}

/// `/p/{slug}/discussion`: staff choose who may join a post's discussion and when it closes.
enum DiscussionSettingsPage {
    struct Draft: Sendable {
        var setting: DiscussionSetting
        var autoCloseDays: String
        var error: String?
        var saved = false
    }

    static func render(chrome: PageChrome, post: Post, defaultDays: Int?, draft: Draft) -> HTML {
        let rules = chrome.text.rules
        let choices: [(DiscussionSetting, String)] = [
            (.open, rules.discussionEveryone), (.subscribers, rules.discussionSubscribers), (.staff, rules.discussionStaff),
            (.closed, rules.discussionClosedChoice),
        ]
        let radios: [HTML] = choices.map { setting, label in
            let checked: HTML = draft.setting == setting ? " checked" : ""
            return
                "<label class=\"choice\"><input type=\"radio\" name=\"setting\" value=\"\(setting.rawValue)\"\(checked)> \(label)</label>"
        }
        let hint = defaultDays.map { rules.autoCloseHint($0) } ?? rules.autoCloseNever
        let error: HTML = draft.error.map { "<p class=\"field-error\" id=\"auto-close-error\" role=\"alert\">\($0)</p>" } ?? ""
        let described: HTML =
            draft.error == nil
            ? " aria-describedby=\"auto-close-hint\"" : " aria-invalid=\"true\" aria-describedby=\"auto-close-hint auto-close-error\""
        let saved: HTML = draft.saved ? "<p class=\"notice\" role=\"status\">\(rules.settingsSaved)</p>" : ""
        return Layout.page(
            title: "\(rules.discussionSettingsTitle) - \(post.title)", chrome: chrome, showsSubscribe: false,
            main: """
                <p class="back"><a href="\(Paths.post(post.slug))">← \(post.title)</a></p>\
                <section class="discussion-settings" aria-labelledby="discussion-settings-heading">\
                <h1 id="discussion-settings-heading">\(rules.discussionSettingsTitle)</h1>\(saved)\
                <form method="post" action="\(Paths.discussionSettings(post.slug))">\(csrfField(chrome.csrf))\
                <fieldset><legend>\(rules.discussionWho)</legend>\(radios)</fieldset>\
                <label for="auto-close-days">\(rules.autoCloseLabel)</label>\
                <input id="auto-close-days" name="auto_close_days" type="number" min="1" max="\(Limits.autoCloseDaysMax)" inputmode="numeric" value="\(draft.autoCloseDays)"\(described)>\
                <p class="hint" id="auto-close-hint">\(hint)</p>\(error)\
                <div class="form-actions"><button type="submit" class="button">\(rules.saveSettings)</button></div></form></section>
                """)
    }
}
