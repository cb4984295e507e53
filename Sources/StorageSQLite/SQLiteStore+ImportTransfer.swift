import Domain
import Foundation
import GRDB
import Storage

// The 0016 rows' half of copying a site (`SiteTransfer`): dislike counts, Isso's votes and the
// import keys. Members' kind and website are copied with the members.

extension SQLiteStore {
    static func exportImports(_ db: Database) throws -> SiteData.ImportRows {
        SiteData.ImportRows(
            dislikes: try db.fetch("SELECT id, dislike_count FROM comments WHERE dislike_count > 0 ORDER BY id") {
                SiteData.DislikeRow(commentID: CommentID($0[0] as Int64), count: $0[1])
            },
            issoVotes: try db.fetch("SELECT comment_id, voter FROM isso_votes ORDER BY comment_id, voter") {
                SiteData.IssoVoteRow(commentID: CommentID($0[0] as Int64), voter: $0[1])
            },
            importKeys: try db.fetch(
                "SELECT source, kind, external_id, local_id, imported_at FROM import_keys ORDER BY source, kind, external_id"
            ) {
                SiteData.ImportKeyRow(source: $0[0], kind: $0[1], externalID: $0[2], localID: $0[3], importedAt: $0.date(4))
            })
    }

    static func importImports(_ rows: SiteData.ImportRows, _ db: Database) throws {
        for row in rows.dislikes {
            guard try db.run("UPDATE comments SET dislike_count = ? WHERE id = ?", [row.count, row.commentID.rawValue]) == 1 else {
                throw StoreError.missing("comment \(row.commentID.rawValue) of a dislike count")
            }
        }
        for row in rows.issoVotes {
            try db.run("INSERT INTO isso_votes (comment_id, voter) VALUES (?, ?)", [row.commentID.rawValue, row.voter])
        }
        for row in rows.importKeys {
            try insertImportKey(
                source: row.source, kind: row.kind, externalID: row.externalID, localID: row.localID, at: row.importedAt, db)
        }
    }
}
