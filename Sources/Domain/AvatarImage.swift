import Foundation

/// An uploaded avatar: the bytes as checked (type sniffed from them) and a version for its URL.
public struct AvatarImage: Sendable, Hashable {
    /// `image/png`, `image/jpeg`, `image/webp` or `image/gif`.
    public var contentType: String
    public var bytes: Data
    /// Short hex of the bytes' hash: a new upload gets a new URL, so caches never go stale.
    public var version: String
    public var updatedAt: Date

    public init(contentType: String, bytes: Data, version: String, updatedAt: Date) {
        self.contentType = contentType
        self.bytes = bytes
        self.version = version
        self.updatedAt = updatedAt
    }
}
