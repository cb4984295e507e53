import Domain
import Foundation
import Hummingbird

extension SiteRoutes {
    /// `GET /uploads/{key}`: a writer's image, the same for every visitor (no session is read).
    func registerUploads(on router: Router<AppRequestContext>) {
        router.get("/uploads/:key") { request, context in try await uploadedImage(request, context) }
    }

    /// The bytes as uploaded, with the type told from them when they were stored. The key is
    /// made from the bytes, so the answer never changes: cached for a year. Served so that no
    /// browser runs or re-reads it as anything else: `nosniff` (on every answer) and a CSP
    /// that sandboxes it when opened on its own.
    func uploadedImage(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        guard let raw = context.parameters.get("key"), let key = UploadKey(rawValue: raw),
            let upload = try await store.upload(key: key)
        else { return Response(status: .notFound) }
        let etag = "\"\(key.rawValue)\""
        var headers = HTTPFields()
        headers[.cacheControl] = "public, max-age=31536000, immutable"
        headers[.eTag] = etag
        if request.headers[.ifNoneMatch] == etag { return Response(status: .notModified, headers: headers) }
        headers[.contentType] = upload.type.contentType
        headers[.contentSecurityPolicy] = "default-src 'none'; sandbox"
        headers[.contentDisposition] = "inline"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: upload.bytes)))
    }
}
