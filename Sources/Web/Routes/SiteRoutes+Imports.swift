import Domain
import Foundation
import Hummingbird
import Importers

extension SiteRoutes {
    /// The import pages: owners and admins.
    func registerImports(on site: RouterGroup<AppRequestContext>) {
        site.get("/dashboard/import") { request, context in try await siteImportPage(request, context) }
        site.get("/dashboard/import/:id") { request, context in try await siteImportRunPage(request, context) }
    }

    /// Starting an import: the one form whose file goes to disk as it arrives.
    func importFormRoutes() -> [FormRoute] {
        [
            FormRoute("/dashboard/import", upload: ImportUpload.route, refused: { try await refusedSiteImport($0, $1, $2) }) {
                try await startSiteImport($0, $1)
            }
        ]
    }

    /// `GET /dashboard/import`.
    func siteImportPage(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        switch try await staffGate(.admin, request, context) {
        case .success: break
        case .failure(let refused): return refused.response
        }
        return Reply.page(ImportPage.render(chrome: try await chrome(request, context), form: ImportForm(), runs: imports.all()))
    }

    /// `POST /dashboard/import`: kind, file and mapping checked, then the run starts in the
    /// background and the browser goes to its page.
    func startSiteImport(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let viewer: Member
        switch try await staffGate(.admin, request, context) {
        case .success(let member): viewer = member
        case .failure(let refused): return refused.response
        }
        guard let kind = ImportKind(rawValue: context.form["kind"] ?? "") else { throw FieldError("kind", .invalidChoice) }
        let mappingText = context.form["mapping"] ?? ""
        guard mappingText.count <= ImportUpload.mappingLength else {
            throw FieldError("mapping", .tooLong(max: ImportUpload.mappingLength))
        }
        guard case .success(let mapping) = ImportUpload.mapping(mappingText) else { throw FieldError("mapping", .invalidChoice) }
        guard let file = context.upload?.file(named: "file"), let stored = file.fileURL, file.fileSize > 0 else {
            throw FieldError("file", .required)
        }
        guard
            let run = try imports.start(
                kind, upload: stored, fileName: String(file.filename.prefix(200)),
                options: ImportOptions(urlMapping: mapping, publicURL: actions.mail.baseURL, actorID: viewer.id),
                store: store, by: viewer.id, at: now)
        else { throw FieldError("file", .notAllowed) }
        if request.wantsJSON { return try Reply.json(ImportRunReply(run, text: text.importing), status: .accepted) }
        return Reply.redirect(to: "/dashboard/import/\(run.id)")
    }

    /// `GET /dashboard/import/{id}`: the page, or for the page's script its state as JSON.
    func siteImportRunPage(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        switch try await staffGate(.admin, request, context) {
        case .success: break
        case .failure(let refused): return refused.response
        }
        guard let id = context.parameters.get("id"), let run = imports.run(id: id) else {
            if request.wantsJSON { return try problem(Refusal(FieldError("import", .notFound))) }
            return Reply.page(
                Layout.message(
                    title: text.importing.title, body: text.importing.runNotFound, chrome: try await chrome(request, context)),
                status: .notFound)
        }
        var response =
            request.wantsJSON
            ? try Reply.json(ImportRunReply(run, text: text.importing))
            : Reply.page(ImportRunPage.render(chrome: try await chrome(request, context), run: run))
        // How far a run has got changes from one request to the next.
        response.headers[.cacheControl] = "no-store"
        return response
    }

    /// The form again, with the refusal next to its field and the kind and mapping as chosen.
    func refusedSiteImport(_ refusal: Refusal, _ request: Request, _ context: AppRequestContext) async throws -> Response {
        guard let viewer = context.viewer, StaffNeed.admin.allows(viewer.role), refusal.field != "dashboard" else {
            return try await refusedMessage(refusal, request, context)
        }
        let words = text.importing
        var form = ImportForm(kind: ImportKind(rawValue: context.form["kind"] ?? "") ?? .substack, mapping: context.form["mapping"] ?? "")
        let message: String =
            switch (refusal.field, refusal.reason) {
            case ("file", .field(.required)): words.fileRequired
            case ("file", .field(.notAllowed)): words.busy
            case ("mapping", .field(.invalidChoice)):
                switch ImportUpload.mapping(form.mapping) {
                case .failure(.tooMany(let max)): words.mappingTooMany(max)
                case .failure(.badLine(let line)): words.mappingInvalid(line)
                case .success: text.errorMessage(refusal.reason)
                }
            default: text.errorMessage(refusal.reason)
            }
        let field = ["kind", "file", "mapping"].contains(refusal.field) ? refusal.field : "file"
        form.error = (field, message)
        return Reply.page(
            ImportPage.render(chrome: try await chrome(request, context), form: form, runs: imports.all()),
            status: Reply.status(for: refusal.reason))
    }
}

/// A run as the status page's script reads it.
struct ImportRunReply: Encodable {
    let id: String
    let kind: String
    let state: String
    let percent: Int
    let records: Int
    /// How far, in the page's words.
    let progress: String?
    let summary: ImportSummary?
    let failure: String?

    init(_ run: ImportRun, text: ImportText) {
        id = run.id
        kind = run.kind.rawValue
        state = run.state.rawValue
        percent = run.percent
        records = run.progress?.records ?? 0
        progress = run.progress.map { text.progress($0.records, run.percent) }
        summary = run.summary
        failure = run.failure
    }
}
