import Hummingbird

extension Request {
    /// Reads a `multipart/form-data` body of at most `maxBytes` and parses it.
    ///
    /// The Content-Type is checked before any byte is read, so a wrong one costs nothing. A
    /// body over `maxBytes` throws Hummingbird's 413 from `collectBody(upTo:)`; anything else
    /// wrong throws ``MultipartFormError``.
    mutating func multipartForm(maxBytes: Int, limits: MultipartForm.Limits = .init()) async throws -> MultipartForm {
        let contentType = headers[.contentType] ?? ""
        _ = try MultipartForm.boundary(fromContentType: contentType)
        let buffer = try await collectBody(upTo: maxBytes)
        return try MultipartForm(body: buffer.readableBytesView, contentType: contentType, limits: limits)
    }
}
