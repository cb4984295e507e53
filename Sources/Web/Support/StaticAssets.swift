import Foundation
import Hummingbird

/// The stylesheet and script of the pages, served from memory.
enum StaticAssets {
    struct Asset: Sendable {
        let body: ByteBuffer
        let contentType: String
        let etag: String
    }

    /// Built once from the compiled-in texts: no file is read at run time, so the binary runs
    /// wherever it is copied (a resource bundle next to it would be one more thing to deploy).
    static let assets: [String: Asset] = {
        var assets: [String: Asset] = [:]
        for (name, type, text) in [("parley.css", "text/css; charset=utf-8", stylesheet), ("parley.js", "text/javascript; charset=utf-8", script)] {
            let tag = "\"\(text.utf8.count)-\(GeneratedAvatar.stableHash(text))\""
            assets[name] = Asset(body: ByteBuffer(string: text), contentType: type, etag: tag)
        }
        return assets
    }()

    static func register(on router: Router<AppRequestContext>) {
        router.get("/static/:file") { request, context -> Response in
            guard let name = context.parameters.get("file"), let asset = assets[name] else { return Response(status: .notFound) }
            if request.headers[.ifNoneMatch] == asset.etag {
                return Response(status: .notModified, headers: [.eTag: asset.etag])
            }
            var headers = HTTPFields()
            headers[.contentType] = asset.contentType
            headers[.cacheControl] = "public, max-age=300"
            headers[.eTag] = asset.etag
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: asset.body))
        }
    }
}
