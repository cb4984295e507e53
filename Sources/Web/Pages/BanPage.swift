import Domain
import Foundation

/// What the ban form holds: empty at first, what was typed when refused.
struct BanForm {
    var reason = ""
    var duration = BanDuration.sevenDays
    var removeComments = false
    var error: (field: String, message: String)?
}

/// `/dashboard/members/{id}/ban`, and the ban section staff see on a member's page.
enum BanPage {
    static func render(chrome: PageChrome, member: Member, current: Ban?, form: BanForm, now: Date) -> HTML {
        let text = chrome.text
        let words = text.moderation
        let name = text.name(of: member)
        func error(_ field: String) -> HTML {
            guard form.error?.field == field, let message = form.error?.message else { return "" }
            return "<p class=\"field-error\" id=\"ban-\(field)-error\" role=\"alert\">\(message)</p>"
        }
        func invalid(_ field: String) -> HTML {
            form.error?.field == field ? " aria-invalid=\"true\" aria-describedby=\"ban-\(field)-error\"" : ""
        }
        let durations: [(BanDuration, String)] = [
            (.oneDay, words.banOneDay), (.sevenDays, words.banSevenDays), (.thirtyDays, words.banThirtyDays), (.forGood, words.banForGood),
        ]
        let radios: [HTML] = durations.map { duration, label in
            let checked: HTML = duration == form.duration ? " checked" : ""
            return """
                <div class="check"><input type="radio" id="ban-duration-\(duration.rawValue)" name="duration" value="\(duration.rawValue)"\(checked)>\
                <label for="ban-duration-\(duration.rawValue)">\(label)</label></div>
                """
        }
        let existing: HTML = current.map { "<p class=\"notice\">\(banLine($0, chrome: chrome, now: now))</p>" } ?? ""
        return Layout.page(
            title: words.banTitle(name), chrome: chrome, showsSubscribe: false,
            main: """
                \(DashboardNav.assets(script: false))\
                <section class="dashboard form-page ban-page"><h1>\(words.banTitle(name))</h1>\
                \(DashboardNav.render(chrome, current: ""))\
                <p><a href="\(Paths.member(member.id))">\(words.memberPageLink)</a></p>\(existing)\
                <form method="post" action="/dashboard/members/\(member.id)/ban" novalidate>\(csrfField(chrome.csrf))\
                <div class="field"><label for="ban-reason">\(words.banReasonLabel)</label>\
                <textarea id="ban-reason" name="reason" rows="3" required maxlength="\(ModerationQueuePage.reasonLength)"\(invalid("reason"))>\(form.reason)</textarea>\
                \(error("reason"))</div>\
                <fieldset class="field"\(invalid("duration"))><legend>\(words.banDurationLegend)</legend>\(radios)\(error("duration"))</fieldset>\
                <div class="check"><input type="checkbox" id="ban-remove-comments" name="remove_comments" value="1"\(form.removeComments ? " checked" : "")>\
                <label for="ban-remove-comments">\(words.banRemoveComments)</label></div>\
                <div class="form-actions"><button type="submit" class="button danger">\(words.banButton)</button></div></form></section>
                """)
    }

    /// "Banned until DATE" or "Banned for good", or that it ended.
    static func banLine(_ ban: Ban, chrome: PageChrome, now: Date) -> String {
        let words = chrome.text.moderation
        guard ban.isActive(at: now) else { return words.banExpired }
        return ban.until.map { words.bannedUntil($0) } ?? words.bannedForGood
    }

    /// The member page's section for staff.
    static func section(
        chrome: PageChrome, member: Member, ban: Ban?, bannedBy: Member?, removed: Int?, unbanned: Bool, now: Date
    ) -> HTML {
        let text = chrome.text
        let words = text.moderation
        var notes: [HTML] = []
        if let removed { notes.append("<p class=\"notice\" role=\"status\">\(words.bannedDone(removed))</p>") }
        if unbanned { notes.append("<p class=\"notice\" role=\"status\">\(words.unbanned)</p>") }
        let body: HTML
        if let ban, ban.isActive(at: now) {
            body = """
                <p class="ban-state">\(banLine(ban, chrome: chrome, now: now))</p>\
                <ul class="ban-facts"><li><strong>\(words.banReason):</strong> \(ban.reason)</li>\
                <li><strong>\(words.bannedBy):</strong> \(text.name(of: bannedBy))</li></ul>\
                <form method="post" action="/dashboard/members/\(member.id)/unban" class="inline-form">\(csrfField(chrome.csrf))\
                <button type="submit" class="button secondary">\(words.unban)</button></form>
                """
        } else {
            body = """
                <p class="hint">\(ban == nil ? words.notBanned : words.banExpired)</p>\
                <p><a class="button secondary" href="/dashboard/members/\(member.id)/ban">\(words.banButton)</a></p>
                """
        }
        return """
            <section class="staff-ban" aria-labelledby="ban-heading"><h2 id="ban-heading">\(words.banHeading)</h2>\(notes)\(body)</section>
            """
    }
}
