import Domain
import Foundation

/// Images writers upload, kept in the database: a backup holds them and every instance of a
/// site serves them. Keyed by their content (`UploadKey`), so uploading one twice stores it once.
public protocol UploadStore: Sendable {
    /// Stores `upload` unless an upload with its key is already stored (the same bytes: the key
    /// is made from them), and returns the one stored.
    func insertUpload(_ upload: Upload) async throws -> Upload
    /// The upload with `key`, bytes included, or nil.
    func upload(key: UploadKey) async throws -> Upload?
}
