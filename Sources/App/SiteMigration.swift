import Domain
import Foundation
import Storage

/// What `parley migrate-data` did: rows per table in the source and in the copy.
public struct MigrationReport: Sendable, Equatable {
    public let sourceCounts: [String: Int]
    public let targetCounts: [String: Int]
    /// Rows compared one by one after the copy (a sample from each end of each table).
    public let sampledRows: Int

    public var matches: Bool { sourceCounts == targetCounts }
}

/// Why a migration stopped, in words for the operator.
public struct MigrationError: Error, CustomStringConvertible, Equatable {
    public let description: String
}

/// Copies a whole site from one store to another, then checks the copy.
public enum SiteMigration {
    /// Rows compared field by field at each end of each table after the copy.
    static let sampleSize = 50

    /// Copies `source` into `target`. A target that holds anything is refused unless `force`,
    /// in which case it is erased in the same transaction as the copy: it lands whole or not at all.
    public static func copy(from source: any SiteStore, to target: any SiteStore, force: Bool) async throws -> MigrationReport {
        let data = try await source.exportSite()
        if try await !target.isEmptySite(), !force {
            throw MigrationError(
                description: "The target database already holds a site; refusing to mix two sites. Use --force to erase it first.")
        }
        // With force, erasing and copying are one transaction: a failed copy leaves the target as it was.
        try await target.importSite(data, replacingExisting: force)
        let copied = try await target.exportSite()
        // The copy holds what an import writes: names in their stored form.
        let sampled = try check(copied, against: data.inStoredForm)
        return MigrationReport(sourceCounts: data.counts, targetCounts: copied.counts, sampledRows: sampled)
    }

    /// Compares counts, and rows from both ends of every table; throws on the first difference.
    static func check(_ copy: SiteData, against original: SiteData) throws -> Int {
        guard copy.counts == original.counts else {
            throw MigrationError(description: "Row counts differ after the copy: source \(original.counts), target \(copy.counts).")
        }
        guard copy.publication == original.publication else { throw MigrationError(description: "The publication differs after the copy.") }
        var compared = 0
        func compare<T: Equatable>(_ name: String, _ a: [T], _ b: [T]) throws {
            let indices = Set(Array(a.indices.prefix(sampleSize)) + Array(a.indices.suffix(sampleSize)))
            for index in indices.sorted() where a[index] != b[index] {
                throw MigrationError(description: "Row \(index) of \(name) differs after the copy.")
            }
            compared += indices.count
        }
        try compare("members", original.members, copy.members)
        try compare("sessions", original.sessions, copy.sessions)
        try compare("posts", original.posts, copy.posts)
        try compare("comments", original.comments, copy.comments)
        try compare("likes", original.likes, copy.likes)
        try compare("subscribers", original.subscribers, copy.subscribers)
        try compare("avatars", original.avatars, copy.avatars)
        try compare("follows", original.follows, copy.follows)
        let (moderation, copiedModeration) = (original.moderation, copy.moderation)
        guard copiedModeration.settings == moderation.settings else {
            throw MigrationError(description: "The moderation settings differ after the copy.")
        }
        try compare("comment_moderation", moderation.commentModeration, copiedModeration.commentModeration)
        try compare("comment_reports", moderation.reports, copiedModeration.reports)
        try compare("bans", moderation.bans, copiedModeration.bans)
        try compare("mutes", moderation.mutes, copiedModeration.mutes)
        try compare("audit_log", moderation.audit, copiedModeration.audit)
        // Every unsubscribe link already mailed depends on these: compared whole.
        guard copy.secrets == original.secrets else { throw MigrationError(description: "The site's secrets differ after the copy.") }
        compared += original.secrets.count
        return compared
    }
}
