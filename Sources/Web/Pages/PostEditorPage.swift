import Domain
import Foundation
import Markup

/// What the editor page shows.
struct PostEditorModel {
    let chrome: PageChrome
    /// The post as stored; nil for a new one.
    let post: Post?
    var form: PostEditorForm
    /// The body rendered by the server's renderer (the Preview button, or the stored post's).
    var previewHTML: String
    /// What the last save did ("Draft saved.").
    var notice: String?
    /// Set when the save was refused because another tab or writer saved first.
    var conflict = false
    /// The post was mailed (or is being): its switch can no longer send it.
    var emailed = false
    /// The form holds what was typed and not saved (a preview, a refusal, a conflict): the
    /// script keeps its copy in the browser until a save.
    var unsaved = false
    /// The editor's own address when a save came with the session run out: the page says
    /// nothing was saved and links to signing in, back to this address.
    var signedOutFrom: String?
    /// Where the form posts, when not the stored post's own (a signed-out visitor is not shown it).
    var formAction: String?
    /// An image uploaded into a live post, not saved into it: the Markdown line to insert.
    var pendingImage: String?
}

/// `/dashboard/posts/new` and `/dashboard/posts/{id}/edit`: the writer's editor. Works as a
/// plain form (Preview is a button that posts); `editor.js` adds autosave (this browser and
/// the server), live preview and uploads in place.
enum PostEditorPage {
    static func render(_ model: PostEditorModel) -> HTML {
        let chrome = model.chrome
        let text = chrome.text
        let words = text.editor
        let form = model.form
        let post = model.post
        let title = post == nil ? words.newPost : words.editPost
        func errorID(_ field: String) -> String { "editor-\(field)-error" }
        func error(_ field: String) -> HTML {
            guard form.error?.field == field, let message = form.error?.message else { return "" }
            return "<p class=\"field-error\" id=\"\(errorID(field))\" role=\"alert\">\(message)</p>"
        }
        func described(_ field: String, hint: String? = nil) -> HTML {
            let ids = [hint, form.error?.field == field ? errorID(field) : nil].compactMap { $0 }
            let invalid: HTML = form.error?.field == field ? " aria-invalid=\"true\"" : ""
            return ids.isEmpty ? invalid : "\(invalid) aria-describedby=\"\(ids.joined(separator: " "))\""
        }
        func line(_ field: String, _ label: String, max: Int, required: Bool = false, hint: (id: String, text: String)? = nil) -> HTML {
            let hintHTML: HTML = hint.map { "<p class=\"hint\" id=\"\($0.id)\">\($0.text)</p>" } ?? ""
            return """
                <div class="field"><label for="editor-\(field)">\(label)</label>\
                <input id="editor-\(field)" name="\(field)" type="text" value="\(form[field])" maxlength="\(max)"\
                \(required ? " required" : "")\(described(field, hint: hint?.id))>\(hintHTML)\(error(field))</div>
                """
        }
        func option(_ field: String, _ value: String, _ label: String) -> HTML {
            "<option value=\"\(value)\"\(form[field] == value ? " selected" : "")>\(label)</option>"
        }
        let state = post?.state ?? .draft
        let action = model.formAction ?? post.map { "/dashboard/posts/\($0.id)" } ?? "/dashboard/posts"

        var notices: [HTML] = []
        if let notice = model.notice { notices.append("<p class=\"notice\" role=\"status\">\(notice)</p>") }
        if let next = model.signedOutFrom {
            notices.append(
                """
                <div class="notice warning" role="alert"><p>\(words.signedOutNotSaved)                 <a href="\(Paths.signIn(next: next))" target="_blank" rel="noopener">\(words.signInInNewTab)</a></p></div>
                """)
        }
        if let line = model.pendingImage {
            notices.append("<div class=\"notice\" role=\"status\"><p>\(words.uploadedNotSaved)</p><p><code>\(line)</code></p></div>")
        }
        if model.conflict {
            notices.append("<div class=\"notice warning\" role=\"alert\"><p>\(words.conflict)</p><p>\(words.conflictOverwrite)</p></div>")
        }
        var facts: [HTML] = ["<span>\(words.statusLabel): <strong>\(words.stateName(state))</strong></span>"]
        if let post {
            switch post.state {
            case .scheduled: if let at = post.publishedAt { facts.append(time(at, words.scheduledFor(at))) }
            case .published, .page: if let at = post.publishedAt { facts.append(time(at, words.publishedOn(at))) }
            case .draft: facts.append(time(post.createdAt, words.createdOn(post.createdAt)))
            }
            if let updated = post.updatedAt { facts.append(time(updated, words.updatedOn(updated))) }
            // Staff see drafts and scheduled posts on their page too: the whole page as readers will.
            facts.append("<a href=\"\(Paths.post(post.slug))\">\(words.viewPost)</a>")
        }

        let cover: HTML
        if let key = UploadKey(rawValue: form["cover"]) {
            cover = """
                <img class="cover-preview" src="\(Paths.upload(key))" alt="\(words.coverAlt)">\
                <div class="check"><input type="checkbox" id="editor-remove-cover" name="remove_cover" value="1">\
                <label for="editor-remove-cover">\(words.removeCover)</label></div>
                """
        } else {
            cover = "<p class=\"hint cover-none\">\(words.coverNone)</p>"
        }

        // A live post is mailed when it is published or never: the switch is only for what is to come.
        let kept: HTML = "<input type=\"hidden\" name=\"sends_email\" value=\"\(form["sends_email"])\">"
        let sendsEmail: HTML =
            model.emailed
            ? "<p class=\"hint\">\(words.sendsEmailSent)</p>\(kept)"
            : state == .published
                ? kept
                : """
                <div class="check"><input type="checkbox" id="editor-sends_email" name="sends_email" value="1"\
                \(form["sends_email"] == "1" ? " checked" : "")><label for="editor-sends_email">\(words.sendsEmailLabel)</label></div>
                """
        let schedule: HTML =
            state == .published
            ? ""
            : """
            <div class="field"><label for="editor-publish_at">\(words.scheduleLabel)</label>\
            <input id="editor-publish_at" name="publish_at" type="datetime-local" value="\(form["publish_at"])"\
            \(described("publish_at", hint: "editor-publish-hint"))>\
            <p class="hint" id="editor-publish-hint">\(words.scheduleHintUTC)</p>\(error("publish_at"))</div>
            """

        func button(_ action: EditorAction, _ label: String, primary: Bool = false) -> HTML {
            "<button type=\"submit\" name=\"action\" value=\"\(action.rawValue)\" class=\"button\(primary ? "" : " secondary")\">\(label)</button>"
        }
        let buttons: [HTML]
        switch state {
        case .draft:
            buttons = [
                button(.save, words.saveDraft), button(.preview, words.previewButton), button(.schedule, words.schedule),
                button(.publish, words.publishNow, primary: true),
            ]
        case .scheduled:
            buttons = [
                button(.save, words.update, primary: true), button(.preview, words.previewButton), button(.schedule, words.schedule),
                button(.publish, words.publishNow), button(.unpublish, words.unpublish),
            ]
        case .published, .page:
            buttons = [
                button(.save, words.update, primary: true), button(.preview, words.previewButton), button(.unpublish, words.unpublish),
            ]
        }

        let preview: HTML =
            model.previewHTML.isEmpty ? "<p class=\"hint\">\(words.previewEmpty)</p>" : HTML(trusted: model.previewHTML)
        let uploadForm: HTML = images(model, action: post.map { "/dashboard/posts/\($0.id)/images" } ?? "/dashboard/uploads")
        let delete: HTML =
            post.map { "<p class=\"editor-delete\"><a href=\"/dashboard/posts/\($0.id)/delete\">\(words.delete)</a></p>" } ?? ""
        let unsaved: HTML = model.unsaved || model.conflict ? " data-unsaved=\"1\"" : ""
        let scriptTexts: HTML = """
             data-saving="\(words.autosaveSaving)" data-saved="\(words.autosaveSaved)" data-offline="\(words.autosaveOffline)"\
             data-signed-out="\(words.autosaveSignedOut)" data-conflict="\(words.autosaveConflict)"\
             data-restored="\(words.autosaveRestored)" data-discard="\(words.autosaveDiscard)" data-other-copy="\(words.autosaveOtherCopy)"\
             data-uploading="\(words.uploading)" data-upload-failed="\(words.uploadFailed)" data-uploaded="\(words.doneUploaded)"\
             data-image-alt="\(words.imageAlt)" data-cover-alt="\(words.coverAlt)" data-preview-empty="\(words.previewEmpty)"\
             data-local-zone="\(words.scheduleHintLocal("ZONE"))"
            """

        return Layout.page(
            title: title, chrome: chrome, showsSubscribe: false,
            main: """
                \(DashboardNav.assets(script: false))<link rel="stylesheet" href="\(StaticAssets.path("editor.css"))">\
                <script type="module" src="\(StaticAssets.path("editor.js"))"></script>\
                <section class="dashboard editor-page"><h1>\(title)</h1>\
                \(DashboardNav.render(chrome, current: "/dashboard/posts"))\(notices)\
                <p class="post-facts">\(facts.joined(" · "))</p>\
                <p class="autosave-status" role="status" aria-live="polite"></p>\
                <div class="editor-columns">\
                <form id="post-editor" class="editor-form" method="post" action="\(action)" novalidate \
                data-post="\(post.map { String($0.id.rawValue) } ?? "new")" data-state="\(state.rawValue)"\
                \(unsaved)\(scriptTexts)>\
                \(csrfField(chrome.csrf))<input type="hidden" name="revision" value="\(form.revision.map(String.init) ?? "")">\
                <input type="hidden" name="cover" value="\(form["cover"])"><input type="hidden" name="tz" value="\(form["tz"])">\
                \(line("title", words.titleLabel, max: Limits.titleLength, required: true))\
                \(line("subtitle", words.subtitleLabel, max: Limits.subtitleLength))\
                \(line("slug", words.slugLabel, max: Limits.slugLength, hint: ("editor-slug-hint", words.slugHint)))\
                <div class="field"><label for="editor-body">\(words.bodyLabel)</label>\
                <textarea id="editor-body" name="body" rows="18" maxlength="\(Limits.postBodyLength)"\
                \(described("body", hint: "editor-body-hint"))>\(form["body"])</textarea>\
                <p class="hint" id="editor-body-hint">\(words.bodyHint)</p>\(error("body"))</div>\
                <div class="field cover-field" role="group" aria-labelledby="editor-cover-label">\
                <p class="label" id="editor-cover-label">\(words.coverLabel)</p>\(cover)\(error("cover"))</div>\
                <fieldset class="editor-settings"><legend>\(words.settingsLegend)</legend>\
                <div class="field"><label for="editor-audience">\(words.audienceLabel)</label>\
                <select id="editor-audience" name="audience"\(described("audience"))>\
                \(option("audience", "everyone", words.audienceEveryone))\(option("audience", "subscribers", words.audienceSubscribers))\
                </select>\(error("audience"))</div>\
                <div class="field"><label for="editor-discussion">\(words.discussionLabel)</label>\
                <select id="editor-discussion" name="discussion"\(described("discussion"))>\
                \(option("discussion", "open", words.discussionOpen))\(option("discussion", "subscribers", words.discussionSubscribers))\
                \(option("discussion", "staff", words.discussionStaff))\(option("discussion", "closed", words.discussionClosed))\
                </select>\(error("discussion"))</div>\
                \(sendsEmail)\(schedule)</fieldset>\
                \(error("action"))<div class="form-actions editor-actions">\(buttons)</div></form>\
                <section class="editor-preview" aria-labelledby="preview-heading"><h2 id="preview-heading">\(words.previewHeading)</h2>\
                <div class="post-body preview-body">\(preview)</div></section>\
                </div>\(uploadForm)\(delete)</section>
                """)
    }

    static func time(_ date: Date, _ label: String) -> HTML {
        "<time datetime=\"\(UTCDate(date).iso8601)\">\(label)</time>"
    }

    /// The image upload: into a saved post without a script (the page comes back with the
    /// image in place); with `editor.js`, in place for any post, saved or not.
    static func images(_ model: PostEditorModel, action: String) -> HTML {
        let words = model.chrome.text.editor
        let saved = model.post != nil
        let maxMB = Limits.imageBytes / (1024 * 1024)
        let invalid: HTML = model.form.error?.field == "image" ? " aria-invalid=\"true\"" : ""
        let error: HTML =
            model.form.error?.field == "image"
            ? "<p class=\"field-error\" id=\"editor-image-error\" role=\"alert\">\(model.form.error?.message ?? "")</p>" : ""
        let described: HTML = model.form.error?.field == "image" ? "editor-image-hint editor-image-error" : "editor-image-hint"
        let needsSave: HTML = saved ? "" : "<p class=\"hint upload-needs-save\">\(words.uploadFirstSave)</p>"
        return """
            <section class="editor-images" aria-labelledby="images-heading"><h2 id="images-heading">\(words.imagesHeading)</h2>\
            \(needsSave)\
            <form class="image-upload" method="post" action="\(action)" enctype="multipart/form-data"\(saved ? "" : " hidden")>\
            \(csrfField(model.chrome.csrf))<input type="hidden" name="revision" value="\(model.form.revision.map(String.init) ?? "")">\
            <div class="field"><label for="editor-image">\(words.imageLabel)</label>\
            <input id="editor-image" name="image" type="file" accept="image/png,image/jpeg,image/webp,image/gif" \
            aria-describedby="\(described)"\(invalid)>\
            <p class="hint" id="editor-image-hint">\(words.uploadHint(maxMB))</p>\(error)</div>\
            <fieldset class="field"><legend>\(words.imagePurpose)</legend>\
            <div class="check"><input type="radio" id="editor-purpose-body" name="purpose" value="body" checked>\
            <label for="editor-purpose-body">\(words.imageIntoBody)</label></div>\
            <div class="check"><input type="radio" id="editor-purpose-cover" name="purpose" value="cover">\
            <label for="editor-purpose-cover">\(words.imageAsCover)</label></div></fieldset>\
            <div class="form-actions"><button type="submit" class="button secondary">\(words.uploadButton)</button></div></form></section>
            """
    }
}

extension Array where Element == HTML {
    /// The fragments with `separator` (trusted text of the page) between them.
    func joined(_ separator: String) -> HTML {
        HTML(trusted: map(\.rendered).joined(separator: separator))
    }
}
