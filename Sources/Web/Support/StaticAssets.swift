import Foundation
import Hummingbird

/// The stylesheet and script of the pages, read once from the bundle and served from memory.
enum StaticAssets {
    struct Asset: Sendable {
        let body: ByteBuffer
        let contentType: String
        let etag: String
    }

    static let assets: [String: Asset] = {
        var assets: [String: Asset] = [:]
        for (name, type) in [("parley.css", "text/css; charset=utf-8"), ("parley.js", "text/javascript; charset=utf-8")] {
            guard let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Static"),
                  let data = try? Data(contentsOf: url) else { continue }
            let tag = "\"\(data.count)-\(GeneratedAvatar.stableHash(String(decoding: data, as: UTF8.self)))\""
            assets[name] = Asset(body: ByteBuffer(bytes: data), contentType: type, etag: tag)
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
