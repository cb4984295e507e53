import Domain
import Foundation
import PostgresNIO
import Storage

// The 0016 rows' half of copying a site (`SiteTransfer`): dislike counts, Isso's votes and the
// import keys. Members' kind and website are copied with the members. Text keys are ordered
// with the "C" collation, byte order, as SQLite orders them, so both engines list them alike.

extension PostgresStore {
    static func exportImports(_ connection: PostgresConnection, _ logger: Logger) async throws -> SiteData.ImportRows {
        let dislikes = try await connection.rows(
            "SELECT id, dislike_count FROM comments WHERE dislike_count > 0 ORDER BY id", logger
        ).map { row in
            let (id, count) = try row.decode((Int64, Int).self)
            return SiteData.DislikeRow(commentID: CommentID(id), count: count)
        }
        let votes = try await connection.rows(
            #"SELECT comment_id, voter FROM isso_votes ORDER BY comment_id, voter COLLATE "C""#, logger
        ).map { row in
            let (id, voter) = try row.decode((Int64, String).self)
            return SiteData.IssoVoteRow(commentID: CommentID(id), voter: voter)
        }
        let keys = try await connection.rows(
            """
            SELECT source, kind, external_id, local_id, imported_at FROM import_keys
            ORDER BY source COLLATE "C", kind COLLATE "C", external_id COLLATE "C"
            """, logger
        ).map { row in
            let (source, kind, external, local, imported) = try row.decode((String, String, String, Int64, Int64).self)
            return SiteData.ImportKeyRow(
                source: source, kind: kind, externalID: external, localID: local,
                importedAt: Date(millisecondsSince1970: imported))
        }
        return SiteData.ImportRows(dislikes: dislikes, issoVotes: votes, importKeys: keys)
    }

    static func importImports(_ rows: SiteData.ImportRows, _ connection: PostgresConnection, _ logger: Logger) async throws {
        if !rows.dislikes.isEmpty {
            let updated = try await connection.rows(
                """
                UPDATE comments SET dislike_count = d.count
                FROM unnest(\(rows.dislikes.map(\.commentID.rawValue))::bigint[], \(rows.dislikes.map(\.count))::integer[])
                    AS d (comment_id, count)
                WHERE comments.id = d.comment_id
                RETURNING comments.id
                """, logger)
            guard updated.count == rows.dislikes.count else { throw StoreError.missing("a comment of a dislike count") }
        }
        try await insertRows(
            connection, logger, into: "isso_votes", columns: ["comment_id", "voter"],
            rows.issoVotes.map { [.int($0.commentID.rawValue), .text($0.voter)] })
        try await insertRows(
            connection, logger, into: "import_keys", columns: ["source", "kind", "external_id", "local_id", "imported_at"],
            rows.importKeys.map {
                [.text($0.source), .text($0.kind), .text($0.externalID), .int($0.localID), .int($0.importedAt.stored)]
            })
    }
}
