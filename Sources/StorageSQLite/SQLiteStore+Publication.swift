import Domain
import Foundation
import GRDB
import Storage

extension SQLiteStore {
    /// The publication columns, in the order `decodePublication` reads them.
    static let publicationColumns = """
        name, description, logo, accent_colour, about_markdown, about_html, sender_name, reply_to, footer_text, embed_origins, \
        anonymous_comments
        """

    static func decodePublication(_ row: Row) -> Publication {
        let origins: String = row[9]
        return Publication(
            name: row[0], description: row[1], logo: (row[2] as String?).flatMap(UploadKey.init(rawValue:)),
            accentColour: AccentColour(row[3] as String) ?? .standard, aboutMarkdown: row[4], aboutHTML: row[5],
            senderName: row[6], replyTo: row[7], footerText: row[8],
            embedOrigins: origins.split(separator: "\n").map(String.init), anonymousComments: row[10])
    }

    /// Writes every field of the publication (its one row, made on first write).
    static func writePublication(_ publication: Publication, _ db: Database) throws {
        try db.run(
            """
            INSERT INTO publication (id, \(publicationColumns)) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET name = excluded.name, description = excluded.description, logo = excluded.logo,
                accent_colour = excluded.accent_colour, about_markdown = excluded.about_markdown,
                about_html = excluded.about_html, sender_name = excluded.sender_name, reply_to = excluded.reply_to,
                footer_text = excluded.footer_text, embed_origins = excluded.embed_origins,
                anonymous_comments = excluded.anonymous_comments
            """,
            [
                publication.name, publication.description, publication.logo?.rawValue, publication.accentColour.hex,
                publication.aboutMarkdown, publication.aboutHTML, publication.senderName, publication.replyTo,
                publication.footerText, publication.embedOrigins.joined(separator: "\n"), publication.anonymousComments,
            ])
    }

    public func publication() async throws -> Publication {
        try await read { db in
            try db.fetchFirst("SELECT \(Self.publicationColumns) FROM publication WHERE id = 1", [], Self.decodePublication)
                ?? .placeholder
        }
    }

    public func updatePublication(_ publication: Publication) async throws {
        try await write { db in try Self.writePublication(publication, db) }
    }
}
