import Domain
import Foundation
import Markup
import Storage
import UseCases

/// A comment of the file turned into what the store writes, with the steps for its author and
/// discussion, waiting or not for its parent.
struct PreparedComment: Sendable {
    var row: ImportCommentRow
    /// The export's own id, for the summary's examples.
    var externalID: String
    var author: ImportStep
    var discussion: ImportStep
    /// The text was longer than `Limits.commentLength` and was cut.
    var cut: Bool
    /// Nothing was left of the text once its HTML was reduced (only a script, say).
    var emptied: Bool
}

/// Where a thread of the file goes, decided at its first comment.
enum ThreadState {
    case seen(ImportedThread)
    case ready(ImportStep)
    /// Its comments are skipped, for this reason (with the address, as an example).
    case unusable(reason: String, address: String)
}

extension CommentSink {
    // MARK: Discussions

    /// The discussion step of `comment`'s thread, or nil (counted as skipped) when the thread
    /// is not in the file or its address cannot be used.
    mutating func discussionStep(for comment: ImportedComment) async throws -> ImportStep? {
        guard let state = threads[comment.threadExternalID] else {
            tally.skip(SummaryLabel.noThread, example: comment.threadExternalID)
            return nil
        }
        let resolved: ThreadState
        if case .seen(let thread) = state {
            resolved = try await resolve(thread, firstCommentAt: comment.createdAt)
            threads[comment.threadExternalID] = resolved
        } else {
            resolved = state
        }
        switch resolved {
        case .ready(let step): return step
        case .unusable(let reason, let address):
            tally.skip(reason, example: address)
            return nil
        case .seen: return nil
        }
    }

    /// The URL mapping, then: this site's post at `/p/SLUG`, else the page discussion of the
    /// normalised address (`PageURL`).
    private mutating func resolve(_ thread: ImportedThread, firstCommentAt: Date) async throws -> ThreadState {
        let address = options.urlMapping.apply(thread.url)
        if let slug = sitePostSlug(address), let post = try await store.post(slug: slug), post.state != .page {
            return .ready(.discussion(key: thread.externalID, target: .post(post.id)))
        }
        guard let url = PageURL(address) else {
            let reason =
                address.hasPrefix("/")
                ? "page address is a path: map it to a full address (--map-url /=https://SITE/)"
                : "page address is not an http(s) URL"
            return .unusable(reason: reason, address: String(address.prefix(200)))
        }
        let owner = try await siteOwner()
        let oneLine = TextInput.oneLine(thread.title ?? "")
        let title = String((oneLine.isEmpty ? url.text : oneLine).prefix(Limits.pageTitleLength))
        // As the embed names a page's discussion: the title's slug and a digest of the address.
        let digest = SecretToken.hash(url.text)
        let stem = String(Slug.make(from: title).prefix(Limits.slugLength - 34))
        let slugs = [8, 16, 32].map { "\(stem)-\(digest.prefix($0))" }
        return .ready(
            .discussion(
                key: thread.externalID,
                target: .page(url: url, title: title, slugs: slugs, authorID: owner, at: thread.createdAt ?? firstCommentAt)))
    }

    /// The slug of `address` when it names one of this site's posts: `/p/SLUG` on the public
    /// URL, or as a bare path (a mapped one).
    func sitePostSlug(_ address: String) -> String? {
        var rest: Substring?
        if address.hasPrefix("/p/") {
            rest = address.dropFirst(3)
        } else if let base = options.publicURL.map({ $0.hasSuffix("/") ? String($0.dropLast()) : $0 }),
            address.lowercased().hasPrefix(base.lowercased() + "/p/")
        {
            rest = address.dropFirst(base.count + 3)
        }
        guard let slug = rest?.prefix(while: { $0 != "/" && $0 != "?" && $0 != "#" }), Slug.isValid(String(slug)) else { return nil }
        return String(slug)
    }

    /// Page discussions belong to the publication's first owner, as the embed's do.
    private mutating func siteOwner() async throws -> MemberID {
        if let owner { return owner }
        guard let found = try await store.memberList(search: nil, roles: [.owner], after: nil, limit: 1).first else {
            throw ImportError.badOption("the site has no owner yet: add one (parley user add --role owner) before importing comments")
        }
        owner = found.id
        return found.id
    }

    // MARK: Comments

    /// The comment as the store writes it: its key, its text reduced and cut, its fate.
    func prepare(_ comment: ImportedComment, discussion: ImportStep) -> PreparedComment {
        let (authorKey, authorStep) = Self.author(comment.author, at: comment.createdAt)
        let raw: String
        var text: String
        switch comment.body {
        case .html(let html):
            raw = html
            text = HTMLReduction.markdown(fromHTML: html, for: .comment)
        case .markdown(let markdown):
            raw = markdown
            text = markdown
        }
        text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        var cut = false
        if text.count > Limits.commentLength {
            text = String(text.prefix(Limits.commentLength)).trimmingCharacters(in: .whitespacesAndNewlines)
            cut = true
        }
        let emptied = text.isEmpty && comment.state != .deleted
        let fate: ImportedCommentFate =
            switch comment.state {
            case _ where emptied, .deleted, .spam: .placeholder
            case .pending: .held
            case .visible: .visible
            }
        let key =
            comment.externalID.isEmpty
            ? "sha256:"
                + SecretToken.hash(
                    [comment.threadExternalID, comment.author.name, String(comment.createdAt.millisecondsSince1970), raw]
                        .joined(separator: "\u{0}"))
            : comment.externalID
        let parent = comment.parentExternalID.flatMap { $0.isEmpty || $0 == key ? nil : $0 }
        let shown = fate != .placeholder
        return PreparedComment(
            row: ImportCommentRow(
                key: key, threadKey: comment.threadExternalID, parentKey: parent, authorKey: authorKey, text: shown ? text : "",
                html: shown ? CommentFormatter.render(text) : "", createdAt: comment.createdAt, likes: comment.likes,
                dislikes: comment.dislikes, fate: fate),
            externalID: comment.externalID.isEmpty ? key : comment.externalID, author: authorStep, discussion: discussion, cut: cut,
            emptied: emptied)
    }

    /// The author's key and step. Authors are one per email; without one, one per the export's
    /// own id of them, else per name.
    static func author(_ author: ImportedAuthor, at: Date) -> (key: String, step: ImportStep) {
        let email = author.email.flatMap { try? EmailAddress.normalize($0) }.flatMap { GuestAddress.isPlaceholder($0) ? nil : $0 }
        let name =
            (try? DisplayName.normalize(String(TextInput.oneLine(author.name).prefix(Limits.displayNameLength))))
            ?? email.flatMap { try? DisplayName.normalize(String($0.prefix(while: { $0 != "@" }).prefix(Limits.displayNameLength))) }
            ?? "Anonymous"
        let externalID = author.externalID?.trimmingCharacters(in: .whitespacesAndNewlines)
        let key =
            email.map { "email:" + $0 }
            ?? externalID.flatMap { $0.isEmpty ? nil : "id:" + $0 }
            ?? "name:" + NameKey.of(name)
        return (key, .author(key: key, email: email, name: name, website: author.website.flatMap(website), at: at))
    }

    /// A guest's website as given, when it is an http(s) address of a sane length.
    static func website(_ raw: String) -> String? {
        let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.count <= 500, let parts = URLComponents(string: trimmed), let scheme = parts.scheme?.lowercased(),
            scheme == "http" || scheme == "https", parts.host?.isEmpty == false
        else { return nil }
        return trimmed
    }
}
