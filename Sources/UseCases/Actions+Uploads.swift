import Crypto
import Domain
import Foundation
import Storage

extension Actions {
    /// Stores an image a writer uploads (a cover, an image in a post): its type told from the
    /// bytes, its size and sides within the limits. The same bytes uploaded twice are stored
    /// once, under one key. Owners and admins.
    public func uploadImage(bytes: Data, field: String = "image", by viewer: Member?) async throws -> Upload {
        let uploader = try requireAdmin(viewer, field: field)
        guard !bytes.isEmpty else { throw FieldError(field, .required) }
        guard bytes.count <= Limits.imageBytes else { throw FieldError(field, .fileTooLarge(maxBytes: Limits.imageBytes)) }
        guard let type = ImageType(sniffing: bytes), let size = type.pixelSize(of: bytes) else {
            throw FieldError(field, .unsupportedImage)
        }
        guard max(size.width, size.height) <= Limits.imagePixels else {
            throw FieldError(field, .imageTooLarge(maxPixels: Limits.imagePixels))
        }
        let digest = SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
        guard let key = UploadKey(rawValue: String(digest.prefix(32))) else { throw FieldError(field, .unsupportedImage) }
        return try await store.insertUpload(
            Upload(key: key, type: type, bytes: bytes, size: size, uploaderID: uploader.id, createdAt: now))
    }
}
