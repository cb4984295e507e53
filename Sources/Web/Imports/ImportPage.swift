import Domain
import Foundation
import Importers

/// What the import form shows again when refused: the kind chosen and the mapping typed (a
/// file cannot be kept: the browser asks for it again), and the refusal at its field.
struct ImportForm {
    var kind: ImportKind = .substack
    var mapping = ""
    /// The refused field ("kind", "file" or "mapping") and why, in words.
    var error: (field: String, message: String)?
}

/// `/dashboard/import`: the form (kind, file, URL mapping) and this server's recent runs.
enum ImportPage {
    static func render(chrome: PageChrome, form: ImportForm, runs: [ImportRun]) -> HTML {
        let words = chrome.text.importing
        func error(_ field: String) -> HTML {
            guard let error = form.error, error.field == field else { return "" }
            return "<div class=\"field-error\" id=\"site-import-\(field)-error\" role=\"alert\"><p>\(error.message)</p></div>"
        }
        func described(_ field: String, hint: String?) -> HTML {
            let ids = ([hint] + [form.error?.field == field ? "site-import-\(field)-error" : nil]).compactMap { $0 }
            let invalid: HTML = form.error?.field == field ? " aria-invalid=\"true\"" : ""
            return ids.isEmpty ? invalid : "\(invalid) aria-describedby=\"\(ids.joined(separator: " "))\""
        }
        let options: [HTML] = ImportKind.allCases.map { kind in
            let selected: HTML = kind == form.kind ? " selected" : ""
            return "<option value=\"\(kind.rawValue)\"\(selected)>\(kind.title)</option>"
        }
        return Layout.page(
            title: words.title, chrome: chrome, showsSubscribe: false,
            main: """
                \(AudienceAssets.links)\
                <section class="dashboard site-import"><h1>\(words.title)</h1>\
                \(DashboardNav.render(chrome, current: "/dashboard/import"))\
                <p>\(words.intro)</p>\
                <form method="post" action="/dashboard/import" enctype="multipart/form-data" class="import-form" \
                aria-labelledby="site-import-form-heading">\(csrfField(chrome.csrf))\
                <h2 id="site-import-form-heading">\(words.formHeading)</h2>\
                <div class="field"><label for="site-import-kind">\(words.kindLabel)</label>\
                <select id="site-import-kind" name="kind"\(described("kind", hint: nil))>\(options)</select>\(error("kind"))</div>\
                <div class="field"><label for="site-import-file">\(words.fileLabel)</label>\
                <input id="site-import-file" name="file" type="file"\(described("file", hint: "site-import-file-hint"))>\
                <p class="hint" id="site-import-file-hint">\(words.fileHint(ImportUpload.maxBytes / 1024 / 1024))</p>\(error("file"))</div>\
                <div class="field"><label for="site-import-mapping">\(words.mappingLabel)</label>\
                <textarea id="site-import-mapping" name="mapping" rows="3" maxlength="\(ImportUpload.mappingLength)"\
                \(described("mapping", hint: "site-import-mapping-hint"))>\(form.mapping)</textarea>\
                <p class="hint" id="site-import-mapping-hint">\(words.mappingHint)</p>\(error("mapping"))</div>\
                <div class="form-actions"><button type="submit" class="button">\(words.startButton)</button></div></form>\
                \(list(chrome, runs))</section>
                """)
    }

    static func list(_ chrome: PageChrome, _ runs: [ImportRun]) -> HTML {
        let words = chrome.text.importing
        let items: [HTML] = runs.map { run in
            """
            <li><a href="/dashboard/import/\(run.id)">\(words.runTitle(run.fileName.isEmpty ? run.kind.title : run.fileName))</a> \
            (\(run.kind.title)): \(state(words, run.state)), \
            <time datetime="\(UTCDate(run.startedAt).iso8601)">\(chrome.text.fullDate(run.startedAt))</time></li>
            """
        }
        let body: HTML = items.isEmpty ? "<p class=\"hint\">\(words.noRuns)</p>" : "<ul>\(items)</ul>"
        return """
            <section aria-labelledby="site-import-runs-heading"><h2 id="site-import-runs-heading">\(words.runsHeading)</h2>\(body)</section>
            """
    }

    static func state(_ words: ImportText, _ state: ImportRun.State) -> String {
        switch state {
        case .running: words.running
        case .finished: words.finished
        case .failed: words.failed
        }
    }
}

/// `/dashboard/import/{id}`: one run, while it runs (how far; refresh to see more, or let the
/// page's script do it) and when done (the summary, as `parley import` prints it).
enum ImportRunPage {
    static func render(chrome: PageChrome, run: ImportRun) -> HTML {
        let words = chrome.text.importing
        let name = run.fileName.isEmpty ? run.kind.title : run.fileName
        let status: HTML
        switch run.state {
        case .running:
            let progress = run.progress.map { words.progress($0.records, run.percent) } ?? words.waiting
            status = """
                <p class="notice" role="status" id="site-import-status" data-state="running">\(words.running): \
                <span id="site-import-progress">\(progress)</span></p>\
                <progress id="site-import-bar" max="100" value="\(String(run.percent))" aria-labelledby="site-import-status">\
                \(String(run.percent))%</progress>\
                <p class="hint">\(words.refreshHint)</p>\
                <p><a class="button secondary" href="/dashboard/import/\(run.id)">\(words.refresh)</a></p>\
                <script type="module" src="\(StaticAssets.path("import.js"))"></script>
                """
        case .finished:
            status = """
                <p class="notice" role="status" id="site-import-status" data-state="finished">\(words.finished).</p>\
                \(summary(words, run.summary ?? ImportSummary(kind: run.kind.rawValue)))
                """
        case .failed:
            status = """
                <div class="field-error" role="alert" id="site-import-status" data-state="failed"><p>\(words.failed): \(run.failure ?? "")</p></div>
                """
        }
        return Layout.page(
            title: words.runTitle(name), chrome: chrome, showsSubscribe: false,
            main: """
                \(AudienceAssets.links)\
                <section class="dashboard site-import"><h1>\(words.runTitle(name))</h1>\
                \(DashboardNav.render(chrome, current: "/dashboard/import"))\
                <p><a href="/dashboard/import">\(words.backToImport)</a></p>\
                <dl class="queue-facts"><dt>\(words.fileNameLabel)</dt><dd>\(name) (\(run.kind.title))</dd>\
                <dt>\(words.startedLabel)</dt><dd><time datetime="\(UTCDate(run.startedAt).iso8601)">\(chrome.text.fullDate(run.startedAt))</time></dd></dl>\
                \(status)</section>
                """)
    }

    /// The summary's three parts: what was imported, what was not and why, and the notes.
    static func summary(_ words: ImportText, _ summary: ImportSummary) -> HTML {
        func table(_ id: String, _ heading: String, _ lines: [ImportSummary.Line]) -> HTML {
            guard !lines.isEmpty else {
                return "<section aria-labelledby=\"\(id)\"><h2 id=\"\(id)\">\(heading)</h2><p class=\"hint\">\(words.nothing)</p></section>"
            }
            let rows: [HTML] = lines.map { line in
                "<tr><th scope=\"row\">\(line.label)</th><td>\(String(line.count))</td><td>\(line.examples.joined(separator: ", "))</td></tr>"
            }
            return """
                <section aria-labelledby="\(id)"><h2 id="\(id)">\(heading)</h2>\
                <table class="dashboard-table" id="\(id)-table"><thead><tr><th scope="col">\(words.whatColumn)</th>\
                <th scope="col">\(words.countColumn)</th><th scope="col">\(words.examplesColumn)</th></tr></thead>\
                <tbody>\(rows)</tbody></table></section>
                """
        }
        let notes: [HTML] = summary.notes.map { "<li>\($0)</li>" }
        let noteList: HTML = notes.isEmpty ? "<p class=\"hint\">\(words.nothing)</p>" : "<ul>\(notes)</ul>"
        return """
            \(table("site-import-imported", words.importedHeading, summary.imported))\
            \(table("site-import-skipped", words.skippedHeading, summary.skipped))\
            <section aria-labelledby="site-import-notes"><h2 id="site-import-notes">\(words.notesHeading)</h2>\
            \(noteList)</section>
            """
    }
}

/// The limits of the import form.
enum ImportUpload {
    /// Bytes of one uploaded export: 1 GiB, streamed to disk as it arrives.
    static let maxBytes = 1024 * 1024 * 1024
    /// Characters of the URL mapping field (a multipart text field holds at most 10 KiB).
    static let mappingLength = 8_000
    /// Rules of the URL mapping.
    static let mappingRules = 200

    /// The route's upload: the file goes to disk, never into memory.
    static let route = FormRoute.Upload(maxBody: maxBytes + 64 * 1024, maxFile: maxBytes, toDisk: true)

    /// The mapping field's rules, one `OLD=NEW` a line (blank lines skipped); on a bad line,
    /// its number (from 1).
    static func mapping(_ text: String) -> Result<URLMapping, MappingProblem> {
        var rules: [URLMapping.Rule] = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty { continue }
            let parts = line.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty,
                !parts.contains(where: { $0.contains(where: \.isWhitespace) })
            else { return .failure(.badLine(index + 1)) }
            rules.append(URLMapping.Rule(from: parts[0], to: parts[1]))
            guard rules.count <= mappingRules else { return .failure(.tooMany(mappingRules)) }
        }
        return .success(URLMapping(rules: rules))
    }

    enum MappingProblem: Error {
        case badLine(Int)
        case tooMany(Int)
    }
}
