import Domain
import Foundation
import PostgresNIO
import Storage

extension PostgresStore {
    /// The upload columns, in the order `decodeUpload` reads them.
    static let uploadColumns = "key, type, bytes, width, height, uploader_id, created_at"

    struct UnknownUploadError: Error, CustomStringConvertible {
        let description: String
    }

    static func decodeUpload(_ row: PostgresRow) throws -> Upload {
        let (keyText, typeText, bytes, width, height, uploader, created) = try row.decode(
            (String, String, Data, Int, Int, Int64?, Int64).self)
        guard let key = UploadKey(rawValue: keyText), let type = ImageType(rawValue: typeText) else {
            throw UnknownUploadError(description: "unknown upload \(keyText) of type \(typeText)")
        }
        return Upload(
            key: key, type: type, bytes: bytes, size: ImageType.PixelSize(width: width, height: height),
            uploaderID: uploader.map(MemberID.init), createdAt: Date(millisecondsSince1970: created))
    }

    static func uploadCells(_ upload: Upload) -> [Cell] {
        [
            .text(upload.key.rawValue), .text(upload.type.rawValue), .bytes(upload.bytes), .int(Int64(upload.size.width)),
            .int(Int64(upload.size.height)), .int(upload.uploaderID?.rawValue), .int(upload.createdAt.stored),
        ]
    }

    public func insertUpload(_ upload: Upload) async throws -> Upload {
        try await transaction { connection in
            try await connection.query(
                """
                INSERT INTO uploads (\(unescaped: Self.uploadColumns))
                VALUES (\(upload.key.rawValue), \(upload.type.rawValue), \(upload.bytes), \(upload.size.width),
                        \(upload.size.height), \(upload.uploaderID?.rawValue), \(upload.createdAt.stored))
                ON CONFLICT (key) DO NOTHING
                """, logger: logger)
            return try await connection.rows(
                "SELECT \(unescaped: Self.uploadColumns) FROM uploads WHERE key = \(upload.key.rawValue)", logger
            ).map(Self.decodeUpload)[0]
        }
    }

    public func upload(key: UploadKey) async throws -> Upload? {
        try await rows("SELECT \(unescaped: Self.uploadColumns) FROM uploads WHERE key = \(key.rawValue)").first.map(Self.decodeUpload)
    }

    static func exportWriter(_ connection: PostgresConnection, _ logger: Logger) async throws -> SiteData.WriterRows {
        SiteData.WriterRows(
            uploads: try await connection.rows(
                "SELECT \(unescaped: uploadColumns) FROM uploads ORDER BY key COLLATE \"C\"", logger
            ).map(decodeUpload),
            formerSlugs: try await connection.rows(
                "SELECT slug, post_id, created_at FROM post_slugs ORDER BY slug COLLATE \"C\"", logger
            ).map { row in
                let (slug, post, created) = try row.decode((String, Int64, Int64).self)
                return FormerSlug(slug: slug, postID: PostID(post), createdAt: Date(millisecondsSince1970: created))
            },
            postLikes: try await exportPostLikes(connection, logger))
    }

    static func importWriter(_ rows: SiteData.WriterRows, _ connection: PostgresConnection, _ logger: Logger) async throws {
        try await insertRows(
            connection, logger, into: "uploads", columns: uploadColumns.components(separatedBy: ", "),
            rows.uploads.map(uploadCells),
            // Images, not numbers: a few per statement keeps each message small.
            rowsPerStatement: 4)
        try await insertRows(
            connection, logger, into: "post_slugs", columns: ["slug", "post_id", "created_at"],
            rows.formerSlugs.map { [.text($0.slug), .int($0.postID.rawValue), .int($0.createdAt.stored)] })
        try await importPostLikes(rows.postLikes, connection, logger)
    }
}
