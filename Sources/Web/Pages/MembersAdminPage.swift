import Domain
import Foundation

/// `/dashboard/members`: search, role filter, and per member a role form and a ban link.
enum MembersAdminPage {
    static func roleName(_ role: Role, _ words: ModerationText) -> String {
        switch role {
        case .owner: words.roleOwner
        case .admin: words.roleAdmin
        case .moderator: words.roleModerator
        case .member: words.roleMember
        }
    }

    static func render(chrome: PageChrome, members: [Member], search: String, role: Role?, next: MemberID?, saved: Bool) -> HTML {
        let text = chrome.text
        let words = text.moderation
        let filterOptions: [HTML] =
            ["<option value=\"\"\(role == nil ? " selected" : "")>\(words.allRoles)</option>"]
            + Role.allCases.map { r in
                "<option value=\"\(r.rawValue)\"\(r == role ? " selected" : "")>\(roleName(r, words))</option>"
            }
        var query = "q=\(search.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")"
        if let role { query += "&role=\(role.rawValue)" }
        let here = "/dashboard/members?" + query
        let rows: [HTML] = members.map { member in
            let options: [HTML] = Role.allCases.map { r in
                "<option value=\"\(r.rawValue)\"\(r == member.role ? " selected" : "")>\(roleName(r, words))</option>"
            }
            return """
                <tr><td><a href="\(Paths.member(member.id))">\(text.name(of: member))</a></td><td>\(member.email)</td>\
                <td><form method="post" action="/dashboard/members/\(member.id)/role" class="role-form">\(csrfField(chrome.csrf))\
                <input type="hidden" name="next" value="\(here)">\
                <label class="visually-hidden" for="role-\(member.id)">\(words.roleColumn)</label>\
                <select id="role-\(member.id)" name="role">\(options)</select> \
                <button type="submit" class="button secondary">\(words.setRole)</button></form></td>\
                <td><a href="/dashboard/members/\(member.id)/ban">\(words.banButton)</a></td></tr>
                """
        }
        let table: HTML =
            rows.isEmpty
            ? "<p class=\"hint\">\(words.noMembers)</p>"
            : """
            <table class="dashboard-table"><thead><tr><th scope="col">\(words.nameColumn)</th><th scope="col">\(words.emailColumn)</th>\
            <th scope="col">\(words.roleColumn)</th><th scope="col">\(words.actionsColumn)</th></tr></thead><tbody>\(rows)</tbody></table>
            """
        let more: HTML =
            next.map { "<p class=\"paging\"><a class=\"button secondary\" href=\"\(here)&amp;after=\($0)\">\(words.nextMembers)</a></p>" }
            ?? ""
        let note: HTML = saved ? "<p class=\"notice\" role=\"status\">\(words.roleSaved)</p>" : ""
        return Layout.page(
            title: words.membersTitle, chrome: chrome, showsSubscribe: false,
            main: """
                \(DashboardNav.assets(script: false))\
                <section class="dashboard members-admin"><h1>\(words.membersTitle)</h1>\
                \(DashboardNav.render(chrome, current: "/dashboard/members"))\(note)\
                <form method="get" action="/dashboard/members" class="filter-form" role="search">\
                <div class="field"><label for="members-q">\(words.searchLabel)</label>\
                <input id="members-q" name="q" type="search" value="\(search)" maxlength="\(Limits.emailLength)"></div>\
                <div class="field"><label for="members-role">\(words.roleFilterLabel)</label>\
                <select id="members-role" name="role">\(filterOptions)</select></div>\
                <div class="form-actions"><button type="submit" class="button secondary">\(words.filterButton)</button></div></form>\
                \(table)\(more)</section>
                """)
    }
}
