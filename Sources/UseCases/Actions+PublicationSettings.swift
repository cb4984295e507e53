import Crypto
import Domain
import Foundation
import Mail
import Markup
import Storage

/// The publication settings form as typed: every field a string, checked by
/// `updatePublicationSettings`.
public struct PublicationSettingsInput: Sendable {
    public var name: String
    public var description: String
    public var accentColour: String
    public var aboutMarkdown: String
    public var senderName: String
    public var replyTo: String
    public var footerText: String
    /// One origin per line.
    public var embedOrigins: String
    /// Anonymous comments through the Isso API; nil leaves the setting as it is.
    public var anonymousComments: Bool?

    public init(
        name: String, description: String, accentColour: String, aboutMarkdown: String, senderName: String, replyTo: String,
        footerText: String, embedOrigins: String, anonymousComments: Bool? = nil
    ) {
        self.name = name
        self.description = description
        self.accentColour = accentColour
        self.aboutMarkdown = aboutMarkdown
        self.senderName = senderName
        self.replyTo = replyTo
        self.footerText = footerText
        self.embedOrigins = embedOrigins
        self.anonymousComments = anonymousComments
    }
}

extension Limits {
    /// Bytes and pixels per side of the publication's logo: it is shown on every page, so it is
    /// held to an avatar's size.
    public static let logoBytes = avatarBytes
    public static let logoPixels = avatarPixels
}

extension Actions {
    /// Replaces the publication's settings (owners and admins): every field checked first, so
    /// one refused field changes nothing. The logo is set apart (`setLogo`); the about page's
    /// Markdown is rendered once here, so `/about` never renders it.
    @discardableResult
    public func updatePublicationSettings(_ input: PublicationSettingsInput, by viewer: Member?) async throws -> Publication {
        _ = try requireAdmin(viewer, field: "name")
        let name = try TextInput.singleLine(input.name, field: "name", max: Limits.publicationNameLength)
        let description = try TextInput.singleLine(
            input.description, field: "description", max: Limits.publicationDescriptionLength, required: false)
        guard let accent = AccentColour(input.accentColour) else { throw FieldError("accent_colour", .invalidChoice) }
        let about = try TextInput.clean(input.aboutMarkdown, field: "about", max: Limits.aboutLength, required: false)
        let sender = try TextInput.singleLine(input.senderName, field: "sender_name", max: Limits.senderNameLength, required: false)
        let replyTo = try Self.replyAddress(input.replyTo)
        let footer = try TextInput.singleLine(input.footerText, field: "footer", max: Limits.footerLength, required: false)
        let origins = try EmbedOrigin.list(input.embedOrigins)
        var publication = try await store.publication()
        publication.name = name
        publication.description = description
        publication.accentColour = accent
        if about != publication.aboutMarkdown || publication.aboutHTML.isEmpty {
            publication.aboutMarkdown = about
            publication.aboutHTML = about.isEmpty ? "" : PostMarkdown.render(about)
        }
        publication.senderName = sender
        publication.replyTo = replyTo
        publication.footerText = footer
        publication.embedOrigins = origins
        if let anonymous = input.anonymousComments { publication.anonymousComments = anonymous }
        try await store.updatePublication(publication)
        return publication
    }

    /// An address replies to letters may go to: empty, or one mail can be sent to (ASCII,
    /// as `MailAddress` takes it), stored lowercased.
    static func replyAddress(_ raw: String) throws(FieldError) -> String {
        guard !raw.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return "" }
        let address = try EmailAddress.normalize(raw, field: "reply_to")
        guard (try? MailAddress(address)) != nil else { throw FieldError("reply_to", .invalidEmail) }
        return address
    }

    /// Sets the publication's logo from an uploaded image (owners and admins): the type told
    /// from the bytes, size and pixels checked, stored as an `Upload` (once per content).
    @discardableResult
    public func setLogo(bytes: Data, by viewer: Member?) async throws -> UploadKey {
        let admin = try requireAdmin(viewer, field: "logo")
        guard !bytes.isEmpty else { throw FieldError("logo", .required) }
        guard bytes.count <= Limits.logoBytes else { throw FieldError("logo", .fileTooLarge(maxBytes: Limits.logoBytes)) }
        guard let type = ImageType(sniffing: bytes), let size = type.pixelSize(of: bytes) else {
            throw FieldError("logo", .unsupportedImage)
        }
        guard size.width > 0, size.height > 0, max(size.width, size.height) <= Limits.logoPixels else {
            throw FieldError("logo", .imageTooLarge(maxPixels: Limits.logoPixels))
        }
        let digest = SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
        // 32 lowercase hex digits: always a valid key.
        let key = UploadKey(rawValue: String(digest.prefix(32)))!
        let stored = try await store.insertUpload(
            Upload(key: key, type: type, bytes: bytes, size: size, uploaderID: admin.id, createdAt: now))
        var publication = try await store.publication()
        publication.logo = stored.key
        try await store.updatePublication(publication)
        return stored.key
    }

    /// Takes the logo away (the upload stays: a backup or an old letter may still point at it).
    public func removeLogo(by viewer: Member?) async throws {
        _ = try requireAdmin(viewer, field: "logo")
        var publication = try await store.publication()
        guard publication.logo != nil else { return }
        publication.logo = nil
        try await store.updatePublication(publication)
    }
}
