import Domain
import Foundation
import PostgresNIO
import Storage

extension PostgresStore {
    /// The publication columns, in the order `decodePublication` reads them.
    static let publicationColumns = """
        name, description, logo, accent_colour, about_markdown, about_html, sender_name, reply_to, footer_text, embed_origins, \
        anonymous_comments
        """

    static func decodePublication(_ row: PostgresRow) throws -> Publication {
        let (name, description, logo, accent, aboutMarkdown, aboutHTML, senderName, replyTo, footerText, origins, anonymous) =
            try row.decode((String, String, String?, String, String, String, String, String, String, String, Bool).self)
        return Publication(
            name: name, description: description, logo: logo.flatMap(UploadKey.init(rawValue:)),
            accentColour: AccentColour(accent) ?? .standard, aboutMarkdown: aboutMarkdown, aboutHTML: aboutHTML,
            senderName: senderName, replyTo: replyTo, footerText: footerText,
            embedOrigins: origins.split(separator: "\n").map(String.init), anonymousComments: anonymous)
    }

    /// The statement that writes every field of the publication (its one row, made on first write).
    static func writePublication(_ publication: Publication) -> PostgresQuery {
        """
        INSERT INTO publication (id, \(unescaped: publicationColumns))
        VALUES (1, \(publication.name), \(publication.description), \(publication.logo?.rawValue),
                \(publication.accentColour.hex), \(publication.aboutMarkdown), \(publication.aboutHTML),
                \(publication.senderName), \(publication.replyTo), \(publication.footerText),
                \(publication.embedOrigins.joined(separator: "\n")), \(publication.anonymousComments))
        ON CONFLICT (id) DO UPDATE SET name = excluded.name, description = excluded.description, logo = excluded.logo,
            accent_colour = excluded.accent_colour, about_markdown = excluded.about_markdown,
            about_html = excluded.about_html, sender_name = excluded.sender_name, reply_to = excluded.reply_to,
            footer_text = excluded.footer_text, embed_origins = excluded.embed_origins,
                anonymous_comments = excluded.anonymous_comments
        """
    }

    public func publication() async throws -> Publication {
        try await rows("SELECT \(unescaped: Self.publicationColumns) FROM publication WHERE id = 1").first
            .map(Self.decodePublication) ?? .placeholder
    }

    public func updatePublication(_ publication: Publication) async throws {
        _ = try await rows(Self.writePublication(publication))
    }
}
