import Domain
import Foundation
import Hummingbird
import Markup
import Storage
import UseCases

extension FormRoute.Upload {
    /// The editor's form carries a whole post: up to `Limits.postBodyLength` characters of up
    /// to 4 bytes, each byte percent-encoded as 3, and the other fields.
    static let postEditor = FormRoute.Upload(
        maxBody: Limits.requestBody, maxFile: Limits.requestBody, maxForm: Limits.postBodyLength * 12 + Limits.requestBody)
    /// A writer's image and the few fields around it.
    static let image = FormRoute.Upload(maxBody: Limits.imageUploadBody, maxFile: Limits.imageBytes)
}

extension SiteRoutes {
    /// The writer's pages: the posts list, the editor, the delete confirmation.
    func registerPosts(on site: RouterGroup<AppRequestContext>) {
        site.get("/dashboard/posts") { request, context in try await postsDashboard(request, context) }
        site.get("/dashboard/posts/new") { request, context in try await newPostEditor(request, context) }
        site.get("/dashboard/posts/:id/edit") { request, context in try await postEditor(request, context) }
        site.get("/dashboard/posts/:id/delete") { request, context in try await deletePostPage(request, context) }
    }

    /// The writer's forms, each with the page that shows it again when refused.
    func postsFormRoutes() -> [FormRoute] {
        [
            FormRoute("/dashboard/posts", upload: .postEditor, refused: { try await refusedEditor($0, $1, $2) }) {
                try await createPostAction($0, $1)
            },
            FormRoute("/dashboard/posts/:id", upload: .postEditor, refused: { try await refusedEditor($0, $1, $2) }) {
                try await savePostAction($0, $1)
            },
            FormRoute("/dashboard/posts/:id/delete", refused: { try await refusedMessage($0, $1, $2) }) {
                try await deletePostAction($0, $1)
            },
            FormRoute("/dashboard/posts/:id/images", field: "image", upload: .image, refused: { try await refusedEditor($0, $1, $2) }) {
                try await uploadIntoPost($0, $1)
            },
            FormRoute("/dashboard/preview", upload: .postEditor, refused: { try await refusedMessage($0, $1, $2) }) {
                try await previewAction($0, $1)
            },
            FormRoute("/dashboard/uploads", field: "image", upload: .image, refused: { try await refusedMessage($0, $1, $2) }) {
                try await uploadAction($0, $1)
            },
        ]
    }

    // MARK: Pages

    /// `GET /dashboard/posts?state=draft|scheduled|published&q=...&page=N`.
    func postsDashboard(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        guard case .success = try await staffGate(.admin, request, context) else { return try await staffRefusal(request, context) }
        let query = request.uri.queryParameters
        // Pages' discussions are never listed: they are not the publication's posts.
        let state = query.get("state").flatMap(PostState.init(rawValue:)).flatMap { $0 == .page ? nil : $0 } ?? .draft
        let search = String((query.get("q") ?? "").trimmingCharacters(in: .whitespaces).prefix(Limits.titleLength))
        let page = max(1, min(query.get("page").flatMap { $0.utf8.count <= 6 ? Int($0) : nil } ?? 1, 100_000))
        // The title search runs here, not in SQL: the same folding of case and accents on both
        // engines (SQLite's LIKE folds ASCII only), over a list without bodies.
        var posts = try await store.postSummaries(state: state)
        if !search.isEmpty {
            posts = posts.filter { $0.title.range(of: search, options: [.caseInsensitive, .diacriticInsensitive]) != nil }
        }
        let size = PostsDashboardPage.pageSize
        let start = min((page - 1) * size, posts.count)
        let shown = Array(posts[start..<min(start + size, posts.count)])
        let notice = request.uri.queryParameters.get("done") == "deleted" ? text.editor.doneDeleted : nil
        return Reply.page(
            PostsDashboardPage.render(
                PostsDashboardPage.Model(
                    chrome: try await chrome(request, context), state: state, counts: try await store.postCountsByState(),
                    posts: shown, search: search, nextPage: start + size < posts.count ? page + 1 : nil, notice: notice)))
    }

    /// `GET /dashboard/posts/new`: an empty editor.
    func newPostEditor(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        guard case .success = try await staffGate(.admin, request, context) else { return try await staffRefusal(request, context) }
        return Reply.page(
            PostEditorPage.render(
                PostEditorModel(chrome: try await chrome(request, context), post: nil, form: PostEditorForm(), previewHTML: "")))
    }

    /// `GET /dashboard/posts/{id}/edit`: the post in the editor, with what the last save did.
    func postEditor(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        guard case .success = try await staffGate(.admin, request, context) else { return try await staffRefusal(request, context) }
        guard let post = try await pathPost(context) else { return try await notFound(request, context) }
        let words = text.editor
        let notice: String? =
            switch request.uri.queryParameters.get("done") ?? "" {
            case "saved": words.doneSaved
            case "published": words.donePublished
            case "scheduled": words.doneScheduled
            case "updated": words.doneUpdated
            case "unpublished": words.doneUnpublished
            case "uploaded": words.doneUploaded
            default: nil
            }
        return Reply.page(
            PostEditorPage.render(
                PostEditorModel(
                    chrome: try await chrome(request, context), post: post, form: PostEditorForm(post), previewHTML: post.bodyHTML,
                    notice: notice, emailed: try await store.hasNewsletterSend(postID: post.id))))
    }

    /// `GET /dashboard/posts/{id}/delete`: the confirmation.
    func deletePostPage(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        guard case .success = try await staffGate(.admin, request, context) else { return try await staffRefusal(request, context) }
        guard let post = try await pathPost(context) else { return try await notFound(request, context) }
        return Reply.page(DeletePostPage.render(chrome: try await chrome(request, context), post: post))
    }

    // MARK: Forms

    /// `POST /dashboard/posts`: a new post, from the editor's buttons or its first autosave.
    func createPostAction(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        if context.viewer == nil && !request.wantsJSON { return try await signedOutEditor(request, context) }
        let viewer: Member
        switch try await staffGate(.admin, request, context) {
        case .success(let member): viewer = member
        case .failure(let refused): return refused.response
        }
        let form = PostEditorForm(typed: context.form)
        let action = try editorAction(context)
        if action == .preview { return try await editorPreview(form, post: nil, request, context) }
        let intent = try intent(action, form)
        let fields = try form.postForm()
        // A first autosave carries the script's key for the post: a retry after a lost
        // response saves into the post the first attempt made, not a second draft.
        if action == .autosave, let key = context.form["client_key"], NewPostKeys.isValid(key) {
            let actions = actions
            let (id, made) = try await NewPostKeys.shared.post(member: viewer.id, key: key, now: now) {
                try await actions.createPost(fields, intent: intent, by: .member(viewer)).id
            }
            guard let post = try await store.post(id: id) else { throw FieldError("post", .notFound) }
            if made { return try Reply.json(AutosaveReply(post)) }
            if post.state != .draft {
                return try Reply.json(
                    AutosaveReply(saved: false, id: post.id.rawValue, revision: post.revision, state: post.state.rawValue))
            }
            let outcome = try await actions.savePost(id: id, form: fields, revision: nil, intent: .save, by: .member(viewer))
            guard case .saved(let saved) = outcome else { throw FieldError("post", .notFound) }
            return try Reply.json(AutosaveReply(saved))
        }
        let post = try await actions.createPost(fields, intent: intent, by: .member(viewer))
        if request.wantsJSON { return try Reply.json(AutosaveReply(post)) }
        return Reply.redirect(to: "/dashboard/posts/\(post.id)/edit?done=\(done(action, post))")
    }

    /// `POST /dashboard/posts/{id}`: save, publish, schedule, unpublish, preview or autosave.
    func savePostAction(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        if context.viewer == nil && !request.wantsJSON { return try await signedOutEditor(request, context) }
        let viewer: Member
        switch try await staffGate(.admin, request, context) {
        case .success(let member): viewer = member
        case .failure(let refused): return refused.response
        }
        guard let post = try await pathPost(context) else { throw FieldError("post", .notFound) }
        let form = PostEditorForm(typed: context.form)
        let action = try editorAction(context)
        if action == .preview { return try await editorPreview(form, post: post, request, context) }
        // Autosave writes drafts only: a live post changes when the writer says so ("Update").
        if action == .autosave && post.state != .draft {
            return try Reply.json(AutosaveReply(saved: false, id: post.id.rawValue, revision: post.revision, state: post.state.rawValue))
        }
        // A form without a revision (a script of the writer's own) saves over whatever is stored.
        let outcome = try await actions.savePost(
            id: post.id, form: try form.postForm(), revision: form.revision, intent: try intent(action, form), by: .member(viewer))
        switch outcome {
        case .saved(let saved):
            if request.wantsJSON { return try Reply.json(AutosaveReply(saved)) }
            return Reply.redirect(to: "/dashboard/posts/\(saved.id)/edit?done=\(done(action, saved))")
        case .conflict(let current):
            if request.wantsJSON {
                return try Reply.json(
                    AutosaveReply(
                        saved: false, id: current.id.rawValue, revision: current.revision, state: current.state.rawValue, conflict: true),
                    status: .conflict)
            }
            // The writer's text as typed, with the stored revision: saving again is a choice made knowingly.
            var typed = form
            typed.revision = current.revision
            return Reply.page(
                PostEditorPage.render(
                    PostEditorModel(
                        chrome: try await chrome(request, context), post: current, form: typed,
                        previewHTML: PostMarkdown.render(form["body"]), conflict: true,
                        emailed: try await store.hasNewsletterSend(postID: current.id))),
                status: .conflict)
        }
    }

    /// `POST /dashboard/posts/{id}/delete`.
    func deletePostAction(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let viewer: Member
        switch try await staffGate(.admin, request, context) {
        case .success(let member): viewer = member
        case .failure(let refused): return refused.response
        }
        guard let post = try await pathPost(context) else { throw FieldError("post", .notFound) }
        try await actions.deletePost(id: post.id, by: .member(viewer))
        if request.wantsJSON { return try Reply.json(PostDeleted(deleted: post.id.rawValue)) }
        return Reply.redirect(to: "/dashboard/posts?state=\(post.state.rawValue)&done=deleted")
    }

    /// `POST /dashboard/preview`: the body rendered by the server's renderer, for the live preview.
    func previewAction(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        guard case .success = try await staffGate(.admin, request, context) else { return try await staffRefusal(request, context) }
        let body = try TextInput.clean(context.form["body"] ?? "", field: "body", max: Limits.postBodyLength, required: false)
        return try Reply.json(PreviewReply(html: PostMarkdown.render(body)))
    }

    /// `POST /dashboard/uploads`: an image stored for the editor's script, which puts it in place.
    func uploadAction(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let viewer: Member
        switch try await staffGate(.admin, request, context) {
        case .success(let member): viewer = member
        case .failure(let refused): return refused.response
        }
        let upload = try await actions.uploadImage(bytes: context.upload?.file(named: "image")?.bytes ?? Data(), by: viewer)
        return try Reply.json(UploadReply(upload))
    }

    /// `POST /dashboard/posts/{id}/images`: without a script, an image goes into the saved post
    /// (at the end of its body, or as its cover) and the editor comes back with it in place.
    func uploadIntoPost(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let viewer: Member
        switch try await staffGate(.admin, request, context) {
        case .success(let member): viewer = member
        case .failure(let refused): return refused.response
        }
        guard let post = try await pathPost(context) else { throw FieldError("post", .notFound) }
        let upload = try await actions.uploadImage(bytes: context.upload?.file(named: "image")?.bytes ?? Data(), by: viewer)
        if request.wantsJSON { return try Reply.json(UploadReply(upload)) }
        // A live post changes only when the writer presses "Update": the editor comes back with
        // the image ready to put in (or the cover chosen), nothing saved.
        if post.state != .draft {
            var form = PostEditorForm(post)
            var pending: String? = nil
            if context.form["purpose"] == "cover" {
                form.values["cover"] = upload.key.rawValue
            } else {
                pending = "![\(text.editor.imageAlt)](\(Paths.upload(upload.key)))"
            }
            return Reply.page(
                PostEditorPage.render(
                    PostEditorModel(
                        chrome: try await chrome(request, context), post: post, form: form, previewHTML: post.bodyHTML,
                        notice: pending == nil ? text.editor.coverChosenNotSaved : nil,
                        emailed: try await store.hasNewsletterSend(postID: post.id), unsaved: true, pendingImage: pending)))
        }
        var fields = PostForm(post)
        if context.form["purpose"] == "cover" {
            fields.coverImage = upload.key
        } else {
            let separator = fields.bodyMarkdown.isEmpty ? "" : fields.bodyMarkdown.hasSuffix("\n") ? "\n" : "\n\n"
            fields.bodyMarkdown += "\(separator)![\(text.editor.imageAlt)](\(Paths.upload(upload.key)))\n"
        }
        let revision = context.form["revision"].flatMap { $0.utf8.count <= 12 ? Int($0) : nil }
        let outcome = try await actions.savePost(id: post.id, form: fields, revision: revision, intent: .save, by: .member(viewer))
        guard case .saved = outcome else { return try await postConflictPage(post.id, request, context) }
        return Reply.redirect(to: "/dashboard/posts/\(post.id)/edit?done=uploaded")
    }

    // MARK: Refusals

    /// A save whose session ran out (no script to keep the text): the editor again with what
    /// was typed, saying nothing was saved, and a sign-in link back to the editor. The stored
    /// post is not shown to a signed-out visitor; the form still posts to it.
    func signedOutEditor(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let id = context.parameters.get("id").flatMap(PostID.init(parsing:))
        let form = PostEditorForm(typed: context.form)
        return Reply.page(
            PostEditorPage.render(
                PostEditorModel(
                    chrome: try await chrome(request, context), post: nil, form: form, previewHTML: PostMarkdown.render(form["body"]),
                    unsaved: true, signedOutFrom: id.map { "/dashboard/posts/\($0)/edit" } ?? "/dashboard/posts/new",
                    formAction: id.map { "/dashboard/posts/\($0)" })),
            status: .unauthorized)
    }

    /// The editor again, with what was typed and the refusal next to its field.
    func refusedEditor(_ refusal: Refusal, _ request: Request, _ context: AppRequestContext) async throws -> Response {
        guard let viewer = context.viewer, StaffNeed.admin.allows(viewer.role) else {
            return try await refusedMessage(refusal, request, context)
        }
        let post = try await pathPost(context)
        if context.parameters.get("id") != nil && post == nil { return try await notFound(request, context) }
        var form = PostEditorForm(typed: context.form)
        // An upload form sends none of the editor's fields: the editor shows the post as stored.
        if context.upload != nil, let post { form = PostEditorForm(post) }
        if form.revision == nil { form.revision = post?.revision }
        let known = PostEditorForm.fields + ["image"]
        let field = known.contains(refusal.field) ? refusal.field : "action"
        form.error = (field, editorMessage(field, refusal.reason, form))
        return Reply.page(
            PostEditorPage.render(
                PostEditorModel(
                    chrome: try await chrome(request, context), post: post, form: form, previewHTML: PostMarkdown.render(form["body"]),
                    emailed: try await post.asyncMap { try await store.hasNewsletterSend(postID: $0.id) } ?? false,
                    unsaved: context.upload == nil)),
            status: Reply.status(for: refusal.reason))
    }

    func editorMessage(_ field: String, _ reason: RefusalReason, _ form: PostEditorForm) -> String {
        let words = text.editor
        switch (field, reason) {
        case ("publish_at", .field(.required)): return words.scheduleNeeded
        case ("publish_at", .field(.invalidChoice)): return words.scheduleNeeded
        case ("publish_at", .field(.outOfRange)):
            let time = try? form.publishTime()
            return time.map { $0 <= now } ?? true ? words.scheduleInPast : words.scheduleTooFar
        default: return text.errorMessage(reason)
        }
    }

    // MARK: Shared steps

    /// The staff gate's own answer, for pages that only need to know the viewer may pass.
    func staffRefusal(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        if case .failure(let refused) = try await staffGate(.admin, request, context) { return refused.response }
        return try await notFound(request, context)
    }

    /// The post named by the path's id, whatever its state; never the discussion of another
    /// site's page (`.page`), which has no article to edit, publish or delete here.
    func pathPost(_ context: AppRequestContext) async throws -> Post? {
        guard let raw = context.parameters.get("id"), let id = PostID(parsing: raw) else { return nil }
        return try await store.post(id: id).flatMap { $0.state == .page ? nil : $0 }
    }

    func editorAction(_ context: AppRequestContext) throws(FieldError) -> EditorAction {
        guard let action = EditorAction(rawValue: context.form["action"] ?? "save") else { throw FieldError("action", .invalidChoice) }
        return action
    }

    func intent(_ action: EditorAction, _ form: PostEditorForm) throws(FieldError) -> PostIntent {
        switch action {
        case .save, .autosave, .preview: .save
        case .publish: .publish
        case .schedule: .schedule(try form.publishTime())
        case .unpublish: .unpublish
        }
    }

    /// What the editor says after a save, by the button and where the post ended up.
    func done(_ action: EditorAction, _ post: Post) -> String {
        switch action {
        case .publish: "published"
        case .schedule: "scheduled"
        case .unpublish: "unpublished"
        default: post.state == .draft ? "saved" : "updated"
        }
    }

    /// The Preview button: the editor again, as typed, with the body rendered; nothing saved.
    func editorPreview(_ form: PostEditorForm, post: Post?, _ request: Request, _ context: AppRequestContext) async throws -> Response {
        let body = try TextInput.clean(form["body"], field: "body", max: Limits.postBodyLength, required: false)
        let emailed = try await post.asyncMap { try await store.hasNewsletterSend(postID: $0.id) } ?? false
        return Reply.page(
            PostEditorPage.render(
                PostEditorModel(
                    chrome: try await chrome(request, context), post: post, form: form, previewHTML: PostMarkdown.render(body),
                    emailed: emailed, unsaved: true)))
    }

    /// The post as stored, with the conflict warning: an upload found it changed under it.
    func postConflictPage(_ id: PostID, _ request: Request, _ context: AppRequestContext) async throws -> Response {
        guard let current = try await store.post(id: id) else { return try await notFound(request, context) }
        return Reply.page(
            PostEditorPage.render(
                PostEditorModel(
                    chrome: try await chrome(request, context), post: current, form: PostEditorForm(current), previewHTML: current.bodyHTML,
                    conflict: true, emailed: try await store.hasNewsletterSend(postID: current.id))),
            status: .conflict)
    }
}

/// What the editor's script hears after a save or autosave.
struct AutosaveReply: Encodable {
    let saved: Bool
    let id: Int64
    let revision: Int
    let state: String
    var conflict = false
    var edit: String

    init(saved: Bool, id: Int64, revision: Int, state: String, conflict: Bool = false) {
        self.saved = saved
        self.id = id
        self.revision = revision
        self.state = state
        self.conflict = conflict
        self.edit = "/dashboard/posts/\(id)/edit"
    }

    init(_ post: Post) {
        self.init(saved: true, id: post.id.rawValue, revision: post.revision, state: post.state.rawValue)
    }
}

struct PreviewReply: Encodable {
    let html: String
}

struct UploadReply: Encodable {
    let key: String
    let url: String
    let width: Int
    let height: Int

    init(_ upload: Upload) {
        key = upload.key.rawValue
        url = Paths.upload(upload.key)
        width = upload.size.width
        height = upload.size.height
    }
}

struct PostDeleted: Encodable {
    let deleted: Int64
}
