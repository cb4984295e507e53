import Crypto
import Domain
import Foundation
import Markup
import Storage

/// Writes the posts of one Substack export, one at a time: body, images, slug, import key.
struct SubstackPostWriter {
    let archive: SubstackArchive
    let store: any SiteStore
    let author: MemberID
    let now: Date
    /// Uploads made in this run, by their path in the archive.
    private var uploads: [String: UploadKey] = [:]

    init(archive: SubstackArchive, store: any SiteStore, author: MemberID, now: Date) {
        self.archive = archive
        self.store = store
        self.author = author
        self.now = now
    }

    mutating func write(_ row: SubstackPostRow, tally: inout ImportTally) async throws {
        if try await store.importedID(source: SubstackImport.source, kind: "post", externalID: row.postID) != nil {
            tally.skip("posts already imported", example: row.postID)
            return
        }
        let html: String
        do {
            guard let body = try archive.text(row.bodyPath, limit: SubstackImport.maxBodyBytes) else {
                tally.add("posts without a body in the export (left empty)", example: row.postID)
                try await insert(row, markdown: "", tally: &tally)
                return
            }
            html = body
        } catch is SubstackArchive.TooLarge {
            tally.skip("posts whose body is larger than \(SubstackImport.maxBodyBytes / 1024 / 1024) MiB", example: row.postID)
            return
        }
        let withImages = try await placeImages(html, postID: row.postID, tally: &tally)
        var markdown = HTMLReduction.markdown(fromHTML: withImages, for: .post)
        if markdown.count > Limits.postBodyLength {
            markdown = Self.cut(markdown, to: Limits.postBodyLength)
            tally.add("posts cut to the body limit (\(Limits.postBodyLength) characters)", example: row.postID)
        }
        try await insert(row, markdown: markdown, tally: &tally)
    }

    /// Inserts the post under its old slug, or the first free one after it (`-2`, `-3`...).
    private func insert(_ row: SubstackPostRow, markdown: String, tally: inout ImportTally) async throws {
        let title = row.title.isEmpty ? Self.title(fromSlug: row.slug) : row.title
        let wanted = row.slug.flatMap { Slug.isValid($0) ? $0 : nil } ?? Slug.make(from: row.slug ?? title)
        let date = row.date?.truncatedToMilliseconds ?? now
        let rendered = PostMarkdown.render(markdown)
        for attempt in 1...50 {
            let slug = attempt == 1 ? wanted : "\(wanted.prefix(Limits.slugLength - 4))-\(attempt)"
            let post = NewPost(
                slug: slug, title: title, subtitle: row.subtitle, bodyMarkdown: markdown, bodyHTML: rendered,
                authorID: author, state: row.published ? .published : .draft, audience: row.audience,
                publishedAt: row.published ? date : nil, createdAt: date, sendsEmail: false)
            do {
                guard let stored = try await store.insertImportedPost(post, source: SubstackImport.source, externalID: row.postID, at: now)
                else {
                    tally.skip("posts already imported", example: row.postID)
                    return
                }
                tally.add(row.published ? "posts" : "drafts", example: "/p/\(stored.slug)")
                if attempt > 1 {
                    tally.add("posts given a new address (the old one belongs to another post)", example: "/p/\(wanted) → /p/\(slug)")
                }
                return
            } catch StoreError.duplicate(field: "slug") {
                continue
            }
        }
        tally.skip("posts whose address and its next 49 variants are all taken", example: row.postID)
    }

    /// The post's HTML with each image placed: an upload when the archive holds it, a link
    /// when it lives elsewhere, its alternative text when it cannot be used.
    private mutating func placeImages(_ html: String, postID: String, tally: inout ImportTally) async throws -> String {
        var sources: [String] = []
        _ = SubstackImages.rewrite(html) { src in
            sources.append(src)
            return .text
        }
        var fates: [String: SubstackImages.Fate] = [:]
        for src in sources where fates[src] == nil {
            fates[src] = try await fate(of: src, postID: postID, tally: &tally)
        }
        return SubstackImages.rewrite(html) { fates[$0] ?? .text }
    }

    private mutating func fate(of src: String, postID: String, tally: inout ImportTally) async throws -> SubstackImages.Fate {
        let lower = src.lowercased()
        if lower.hasPrefix("https://") || lower.hasPrefix("http://") || lower.hasPrefix("//") {
            tally.add("images left as links (not in the archive)", example: src)
            return .link
        }
        if lower.contains(":") && !lower.hasPrefix("./") && !lower.contains("/") {
            // data:, javascript: and other schemes: nothing to keep.
            tally.skip("images with an address Parley does not load", example: postID)
            return .text
        }
        guard let path = Self.archivePath(src, archive: archive) else {
            tally.skip("images the archive does not hold (their alternative text kept)", example: src)
            return .text
        }
        if let key = uploads[path] { return .upload(path: "/uploads/\(key)") }
        guard let bytes = try? archive.data(path, limit: Limits.imageBytes), let upload = Self.upload(bytes, by: author, at: now)
        else {
            tally.skip("images in the archive that are not a PNG, JPEG, WebP or GIF within the limits", example: path)
            return .text
        }
        let stored = try await store.insertUpload(upload)
        uploads[path] = stored.key
        tally.add("images uploaded from the archive", example: path)
        // The same path the site serves uploads under (`Paths.upload` in Web).
        return .upload(path: "/uploads/\(stored.key)")
    }

    /// The archive's path of a relative image address, tried from the post's folder and from
    /// the export's top; nil when neither holds a file.
    static func archivePath(_ src: String, archive: SubstackArchive) -> String? {
        let bare = String(src.prefix { $0 != "?" && $0 != "#" })
        let decoded = bare.removingPercentEncoding ?? bare
        for base in decoded.hasPrefix("/") ? [""] : ["posts/", ""] {
            var parts: [Substring] = []
            for part in (base + decoded).split(separator: "/") {
                if part == "." { continue }
                if part == ".." {
                    guard !parts.isEmpty else { return nil }
                    parts.removeLast()
                    continue
                }
                parts.append(part)
            }
            let path = parts.joined(separator: "/")
            if archive.files[path] != nil { return path }
        }
        return nil
    }

    /// The image as an upload, its type told from the bytes and its size within the limits.
    static func upload(_ bytes: Data, by author: MemberID, at now: Date) -> Upload? {
        guard !bytes.isEmpty, let type = ImageType(sniffing: bytes), let size = type.pixelSize(of: bytes),
            max(size.width, size.height) <= Limits.imagePixels
        else { return nil }
        let digest = SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
        guard let key = UploadKey(rawValue: String(digest.prefix(32))) else { return nil }
        return Upload(key: key, type: type, bytes: bytes, size: size, uploaderID: author, createdAt: now)
    }

    /// "my-first-post" as "My first post", for a row without a title.
    static func title(fromSlug slug: String?) -> String {
        let words = (slug ?? "").split(separator: "-").joined(separator: " ")
        guard let first = words.first else { return "Untitled" }
        return String(first).uppercased() + words.dropFirst()
    }

    /// `text` cut to at most `limit` characters, at the last paragraph break when there is one
    /// in the last tenth, so the cut does not fall mid-word.
    static func cut(_ text: String, to limit: Int) -> String {
        let head = String(text.prefix(limit))
        if let breakRange = head.range(of: "\n\n", options: .backwards),
            head.distance(from: head.startIndex, to: breakRange.lowerBound) > limit * 9 / 10
        {
            return String(head[..<breakRange.lowerBound])
        }
        return head
    }
}
