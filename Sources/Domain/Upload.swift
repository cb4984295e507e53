import Foundation

/// Names an uploaded file: the first 32 hex digits of the SHA-256 of its bytes. Made from the
/// content, so the same image uploaded twice is stored once and its URL can be cached for good.
public struct UploadKey: Hashable, Sendable, RawRepresentable, Codable, CustomStringConvertible {
    public let rawValue: String

    /// Accepts exactly 32 lowercase hex digits, as keys are made; nil for anything else, so a
    /// key from a URL or a form is safe in a query and in a path.
    public init?(rawValue: String) {
        guard rawValue.utf8.count == 32, rawValue.utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) })
        else { return nil }
        self.rawValue = rawValue
    }

    public var description: String { rawValue }
}

/// An image a writer uploaded (a cover, an image in a post, the publication's logo). The bytes
/// live in the database, so a backup has them and every instance of a site serves them.
public struct Upload: Hashable, Sendable {
    public let key: UploadKey
    /// Told from the bytes when uploaded, never from the file name or declared type.
    public var type: ImageType
    public var bytes: Data
    /// Width and height as the file's header declares them.
    public var size: ImageType.PixelSize
    /// Who uploaded it; nil once that member is gone.
    public var uploaderID: MemberID?
    public var createdAt: Date

    public init(key: UploadKey, type: ImageType, bytes: Data, size: ImageType.PixelSize, uploaderID: MemberID?, createdAt: Date) {
        self.key = key
        self.type = type
        self.bytes = bytes
        self.size = size
        self.uploaderID = uploaderID
        self.createdAt = createdAt
    }
}
