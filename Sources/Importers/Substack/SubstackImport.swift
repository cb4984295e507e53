import Crypto
import Domain
import Foundation
import Markup
import Storage

/// `parley import substack EXPORT.zip`, and the dashboard's Substack upload: the export a
/// Substack writer downloads (Settings, Exports), read with ZIPFoundation.
///
/// - `posts.csv` lists the posts (`SubstackPostRow`); each body is `posts/POST_ID.html`,
///   reduced to what Parley's post renderer allows (`HTMLReduction`, then `PostMarkdown`).
///   Published posts keep their date and their slug, so old `/p/SLUG` links keep working on
///   the new host; a slug another post already has gets `-2`, `-3`... and is reported. Drafts
///   stay drafts. Nothing is mailed.
/// - Images the archive holds become uploads (their type told from the bytes); images that
///   live elsewhere become links to where they are, since the pages load nothing from another
///   origin.
/// - `email_list*.csv` is the subscriber list: active addresses join as confirmed elsewhere
///   with their own dates, the rest are kept as unsubscribed and never mailed.
/// - Substack's export holds no comments; the summary says so.
///
/// Posts are written by the site's first owner. Every post and subscriber is written with its
/// import key, so a second run adds nothing.
public enum SubstackImport {
    /// The importer's name in `import_keys` and the summary.
    public static let source = "substack"

    /// Bytes of `posts.csv` or of one email list, at most.
    static let maxTableBytes = 256 * 1024 * 1024
    /// Bytes of one post's HTML, at most.
    static let maxBodyBytes = 32 * 1024 * 1024
    /// Subscribers written per transaction.
    static let subscriberBatch = 500

    /// `actorID`: who runs it, named in the audit log beside the subscribers it adds.
    public static func run(
        file: URL, store: any SiteStore, actorID: MemberID? = nil, progress: ImportProgressHandler?, now: Date = Date()
    ) async throws
        -> ImportSummary
    {
        let archive = try SubstackArchive(url: file)
        let postsTable = try table(archive, "posts.csv")
        let lists = archive.emailLists
        guard postsTable != nil || !lists.isEmpty else {
            throw ImportError.unreadable("it holds no posts.csv and no email list: it is not a Substack export")
        }
        var tally = ImportTally()
        let rows = postsTable?.rows ?? []
        var meter = Meter(
            total: rows.reduce(0) { $0 + archive.compressedSize(SubstackPostRow($1)?.bodyPath ?? "") }
                + lists.reduce(0) { $0 + archive.compressedSize($1) },
            progress: progress)

        if !rows.isEmpty {
            guard let owner = try await store.memberList(search: nil, roles: [.owner], after: nil, limit: 1).first else {
                throw ImportError.unreadable("the site has no owner yet to write the posts: open the site once to create one")
            }
            var writer = SubstackPostWriter(archive: archive, store: store, author: owner.id, now: now)
            for row in rows {
                guard let post = SubstackPostRow(row) else {
                    tally.skip("a line of posts.csv without a post_id")
                    continue
                }
                try await writer.write(post, tally: &tally)
                meter.advance(archive.compressedSize(post.bodyPath))
            }
        }

        for list in lists {
            try await SubstackSubscribers.write(table(archive, list), store: store, actorID: actorID, now: now, tally: &tally)
            meter.advance(archive.compressedSize(list))
        }
        return tally.substackSummary()
    }

    /// The table at `path`, or nil when the export has none.
    static func table(_ archive: SubstackArchive, _ path: String) throws -> CSVTable? {
        do {
            return try archive.text(path, limit: maxTableBytes).map(CSVTable.init(text:))
        } catch is SubstackArchive.TooLarge {
            throw ImportError.unreadable("\(path) is larger than \(maxTableBytes / 1024 / 1024) MiB")
        }
    }

    /// Progress by compressed bytes of the files read.
    struct Meter {
        let total: Int64
        let progress: ImportProgressHandler?
        var done: Int64 = 0
        var records = 0

        mutating func advance(_ bytes: Int64) {
            done += bytes
            records += 1
            progress?(ImportProgress(bytesRead: min(done, total), totalBytes: total, records: records))
        }
    }
}

extension ImportTally {
    /// A Substack import's summary: what it counted, and that the export holds no comments.
    func substackSummary() -> ImportSummary {
        ImportSummary(
            kind: SubstackImport.source, imported: imported, skipped: skipped,
            notes: ["Substack's export holds no comments: there were none to import."])
    }
}
