import Domain
import UseCases

/// What `/settings` shows, read once per request.
struct SettingsModel {
    let member: Member
    let hasPassword: Bool
    let followed: [Post]
    let deletedComments: DeletedAccountComments
    /// The section just saved, for a "Saved." note beside it.
    var savedSection: String?
    /// A refused field and its message, with what was typed.
    var error: (field: String, message: String)?
    var typed: [String: String] = [:]
    /// The member's API tokens, revoked ones included.
    var apiTokens: [APIToken] = []
}

/// `/settings`: profile, avatar, notifications, followed discussions, password, API tokens, data, deletion.
/// Every section is its own form, so saving one never resets another.
enum SettingsPage {
    static func render(chrome: PageChrome, model: SettingsModel) -> HTML {
        let text = chrome.text
        let account = text.account
        let member = model.member
        func error(_ field: String) -> String? { model.error?.field == field ? model.error?.message : nil }
        func saved(_ section: String) -> HTML {
            model.savedSection == section ? "<p class=\"notice\" role=\"status\">\(account.saved)</p>" : ""
        }
        let csrf = csrfField(chrome.csrf)
        let bioError: HTML = error("bio").map { "<p class=\"field-error\" id=\"settings-bio-error\" role=\"alert\">\($0)</p>" } ?? ""
        let bioInvalid: HTML = error("bio") == nil ? "" : " aria-invalid=\"true\" aria-describedby=\"settings-bio-error\""
        let avatarError: HTML =
            error("avatar").map { "<p class=\"field-error\" id=\"settings-avatar-error\" role=\"alert\">\($0)</p>" } ?? ""
        let removeAvatar: HTML =
            member.avatarVersion == nil
            ? ""
            : """
            <form method="post" action="/settings/avatar/remove" class="inline-form">\(csrf)\
            <button type="submit" class="link-button">\(account.removeAvatar)</button></form>
            """
        let followedItems: [HTML] = model.followed.map { post in
            """
            <li><a href="\(Paths.post(post.slug))">\(post.title)</a> \
            <form method="post" action="\(Paths.follow(post.slug))" class="inline-form">\(csrf)\
            <input type="hidden" name="follow" value="0"><input type="hidden" name="next" value="/settings">\
            <button type="submit" class="link-button">\(account.unfollow)</button></form></li>
            """
        }
        let followed: HTML =
            followedItems.isEmpty
            ? "<p class=\"hint\">\(account.followingNone)</p>"
            : "<ul class=\"followed\">\(followedItems)</ul>"
        let removePassword: HTML =
            model.hasPassword
            ? """
            <p class="hint">\(account.hasPassword)</p>\
            <form method="post" action="/settings/password/remove" class="inline-form">\(csrf)\
            <button type="submit" class="link-button">\(account.removePassword)</button></form>
            """ : ""
        let checked = { (on: Bool) -> HTML in on ? " checked" : "" }
        let deletion: HTML =
            member.role == .owner
            ? "<p class=\"hint\">\(account.ownerCannotDelete)</p>"
            : """
            <p class="hint">\(account.deleteHint(model.deletedComments))</p>\
            <form method="post" action="/settings/delete" class="delete-account-form" novalidate>\(csrf)\
            \(Field.render(id: "settings-delete-confirm", name: "confirm", label: account.deleteConfirmLabel, type: "text", value: model.typed["confirm"] ?? "", autocomplete: "off", error: error("confirm"), maxLength: Limits.emailLength))\
            <div class="form-actions"><button type="submit" class="button danger">\(account.deleteButton)</button></div></form>
            """

        return Layout.page(
            title: account.settingsTitle, chrome: chrome, showsSubscribe: false,
            main: """
                <section class="form-page settings"><h1>\(account.settingsTitle)</h1>\
                <section aria-labelledby="profile-heading"><h2 id="profile-heading">\(account.profileHeading)</h2>\(saved("profile"))\
                <form method="post" action="/settings/profile" novalidate>\(csrf)\
                \(Field.render(id: "settings-name", name: "name", label: account.nameLabel, type: "text", value: model.typed["name"] ?? member.displayName, autocomplete: "name", error: error("name"), maxLength: Limits.displayNameLength))\
                <div class="field"><label for="settings-bio">\(account.bioLabel)</label>\
                <textarea id="settings-bio" name="bio" rows="3" maxlength="\(Limits.bioLength)"\(bioInvalid)>\(model.typed["bio"] ?? member.bio)</textarea>\(bioError)</div>\
                <div class="form-actions"><button type="submit" class="button">\(account.saveProfile)</button></div></form></section>\
                <section aria-labelledby="avatar-heading"><h2 id="avatar-heading">\(account.avatarHeading)</h2>\(saved("avatar"))\
                <div class="avatar-row"><img class="avatar large" src="\(Paths.avatar(member))" alt="\(text.viewerAvatarAlt)" width="64" height="64">\
                <form method="post" action="/settings/avatar" enctype="multipart/form-data" novalidate>\(csrf)\
                <div class="field"><label for="settings-avatar">\(account.avatarLabel)</label>\
                <input id="settings-avatar" name="avatar" type="file" accept="image/png,image/jpeg,image/webp,image/gif" required\
                \(error("avatar") == nil ? "" : " aria-invalid=\"true\" aria-describedby=\"settings-avatar-error\"")>\(avatarError)\
                <p class="hint">\(account.avatarHint)</p></div>\
                <div class="form-actions"><button type="submit" class="button">\(account.uploadAvatar)</button></div></form>\(removeAvatar)</div></section>\
                <section aria-labelledby="notifications-heading"><h2 id="notifications-heading">\(account.notificationsHeading)</h2>\(saved("notifications"))\
                <form method="post" action="/settings/notifications">\(csrf)<input type="hidden" name="sent" value="1">\
                <div class="check"><input id="notify-replies" type="checkbox" name="replies" value="1"\(checked(member.notifyReplies))>\
                <label for="notify-replies">\(account.notifyRepliesLabel)</label></div>\
                <div class="check"><input id="notify-mentions" type="checkbox" name="mentions" value="1"\(checked(member.notifyMentions))>\
                <label for="notify-mentions">\(account.notifyMentionsLabel)</label></div>\
                <div class="form-actions"><button type="submit" class="button">\(account.saveNotifications)</button></div></form>\
                <h3>\(account.followingHeading)</h3>\(followed)</section>\
                <section aria-labelledby="password-heading"><h2 id="password-heading">\(account.passwordHeading)</h2>\(saved("password"))\
                <p class="hint">\(account.passwordHint)</p>\
                <form method="post" action="/settings/password" novalidate>\(csrf)\
                <input type="text" name="username" value="\(member.email)" autocomplete="username" hidden>\
                \(Field.render(id: "settings-password", name: "password", label: account.newPasswordLabel, type: "password", value: "", autocomplete: "new-password", error: error("password"), maxLength: Limits.passwordLength.upperBound))\
                \(Field.render(id: "settings-repeat", name: "repeat", label: account.repeatPasswordLabel, type: "password", value: "", autocomplete: "new-password", error: error("repeat"), maxLength: Limits.passwordLength.upperBound))\
                <div class="form-actions"><button type="submit" class="button">\(account.savePassword)</button></div></form>\(removePassword)</section>\
                \(APITokensSection.render(model.apiTokens, chrome: chrome, justRevoked: model.savedSection == "tokens", error: error("token")))\
                <section aria-labelledby="data-heading"><h2 id="data-heading">\(account.dataHeading)</h2><p class="hint">\(account.dataHint)</p>\
                <p><a class="button secondary" href="/settings/export" download>\(account.downloadData)</a></p></section>\
                <section aria-labelledby="delete-heading"><h2 id="delete-heading">\(account.deleteHeading)</h2>\(deletion)</section>\
                </section>
                """)
    }
}
