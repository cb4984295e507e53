import Foundation
import Storage

/// `parley import parley FILE`: a Parley export (docs/EXPORT-FORMAT.md) into an empty site.
///
/// The file is read and checked whole before anything is written, then written in one
/// transaction through `SiteTransfer.importSite`, ids, counters and secrets as they were: the
/// site comes back as it was exported, on either engine, or not at all.
public enum ParleyImport {
    public static func run(file: URL, store: any SiteStore, progress: ImportProgressHandler?) async throws -> ImportSummary {
        // Asked first, so that a full site is refused before a large file is read.
        guard try await store.isEmptySite() else { throw ImportError.siteNotEmpty }
        let read = try ParleyExportReader.read(file: file, progress: progress)
        do {
            try await store.importSite(read.data, replacingExisting: false)
        } catch StoreError.duplicate(field: "site") {
            throw ImportError.siteNotEmpty
        } catch let error as StoreError {
            throw ImportError.unreadable("its rows do not fit together (\(error)); nothing was imported")
        } catch {
            throw ImportError.unreadable("its rows could not be written (\(error)); nothing was imported")
        }
        return summary(read.counts)
    }

    /// What the file held, in the order the format lists it.
    static func summary(_ counts: [String: Int]) -> ImportSummary {
        let labels: [(String, String)] = [
            ("member", "members"), ("avatar", "avatars"), ("upload", "uploads"), ("post", "posts"), ("post_slug", "former slugs"),
            ("comment", "comments"), ("like", "likes"), ("subscriber", "subscribers"), ("post_like", "post likes"),
            ("follow", "follows"), ("comment_moderation", "moderation holds and decisions"), ("report", "reports"),
            ("ban", "bans"), ("mute", "mutes"), ("audit", "audit log entries"), ("spam_feature", "learned spam features"),
            ("isso_vote", "Isso votes"), ("import_key", "import keys"), ("secret", "site secrets"),
        ]
        return ImportSummary(
            kind: ImportKind.parley.rawValue,
            imported: labels.compactMap { type, label in counts[type].map { ImportSummary.Line(label: label, count: $0) } },
            notes: ["Sessions are not part of an export: everyone signs in again."])
    }
}
