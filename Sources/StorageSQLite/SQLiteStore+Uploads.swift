import Domain
import Foundation
import GRDB
import Storage

extension SQLiteStore {
    /// The upload columns, in the order `decodeUpload` reads them.
    static let uploadColumns = "key, type, bytes, width, height, uploader_id, created_at"

    static func decodeUpload(_ row: Row) throws -> Upload {
        let keyText: String = row[0], typeText: String = row[1]
        guard let key = UploadKey(rawValue: keyText), let type = ImageType(rawValue: typeText) else {
            throw DatabaseError(resultCode: .SQLITE_CORRUPT, message: "unknown upload \(keyText) of type \(typeText)")
        }
        return Upload(
            key: key, type: type, bytes: row[2], size: ImageType.PixelSize(width: row[3], height: row[4]),
            uploaderID: (row[5] as Int64?).map(MemberID.init), createdAt: row.date(6))
    }

    static func writeUpload(_ upload: Upload, _ db: Database) throws {
        try db.run(
            "INSERT INTO uploads (\(uploadColumns)) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO NOTHING",
            [
                upload.key.rawValue, upload.type.rawValue, upload.bytes, upload.size.width, upload.size.height,
                upload.uploaderID?.rawValue, upload.createdAt.stored,
            ])
    }

    public func insertUpload(_ upload: Upload) async throws -> Upload {
        try await write { db in
            try Self.writeUpload(upload, db)
            return try db.fetchFirst(
                "SELECT \(Self.uploadColumns) FROM uploads WHERE key = ?", [upload.key.rawValue], Self.decodeUpload)!
        }
    }

    public func upload(key: UploadKey) async throws -> Upload? {
        try await read { db in
            try db.fetchFirst("SELECT \(Self.uploadColumns) FROM uploads WHERE key = ?", [key.rawValue], Self.decodeUpload)
        }
    }

    static func exportWriter(_ db: Database) throws -> SiteData.WriterRows {
        SiteData.WriterRows(
            uploads: try db.fetch("SELECT \(uploadColumns) FROM uploads ORDER BY key", [], decodeUpload),
            formerSlugs: try db.fetch("SELECT slug, post_id, created_at FROM post_slugs ORDER BY slug") {
                FormerSlug(slug: $0[0], postID: PostID($0[1] as Int64), createdAt: $0.date(2))
            },
            postLikes: try exportPostLikes(db))
    }

    static func importWriter(_ rows: SiteData.WriterRows, _ db: Database) throws {
        for upload in rows.uploads { try writeUpload(upload, db) }
        for former in rows.formerSlugs {
            try db.run(
                "INSERT INTO post_slugs (slug, post_id, created_at) VALUES (?, ?, ?)",
                [former.slug, former.postID.rawValue, former.createdAt.stored])
        }
        try importPostLikes(rows.postLikes, db)
    }
}
