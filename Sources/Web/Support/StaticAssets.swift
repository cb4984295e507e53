import Crypto
import Foundation
import Hummingbird

/// The stylesheet, scripts and icon of the pages: the files of `Sources/Web/Assets`, compiled
/// into the binary (`Package.swift` embeds the folder with `.embedInCode`), so `parley` stays
/// one file to deploy and nothing is read from disk at run time.
///
/// Pages link each file under a name that carries a hash of its content
/// (`/static/parley.3f2a9c1e.css`), served as immutable for a year: a new version is a new
/// name, so browsers never hold a stale stylesheet and never ask twice for the current one.
/// The plain name (`/static/parley.css`) still answers, revalidated on every use (`no-cache`
/// and an ETag), for what cannot know the hash: links from outside the site, the embed script
/// of a host page, old copies of a page.
///
/// A hashed name of a known file whose hash is not the current one answers the current bytes,
/// revalidated on every use like a plain name and never immutable: during a rolling deploy
/// behind a load balancer, a page from a new instance asks an old one for the new hash (and the
/// reverse), and unstyled pages would be worse than the other version's stylesheet for one
/// visit. Not immutable, so that nothing keeps those bytes under that name: the next use asks
/// again, with the ETag, and gets the right ones once every instance runs the same version.
/// A name that is no file of ours answers 404.
enum StaticAssets {
    /// Every file of `Sources/Web/Assets`: adding one is one line here.
    static let files: [Asset] = [
        Asset("parley.css", PackageResources.parley_css),
        Asset("parley.js", PackageResources.parley_js),
        Asset("favicon.svg", PackageResources.favicon_svg),
        Asset("moderation.js", PackageResources.moderation_js),
        Asset("moderation.css", PackageResources.moderation_css),
        Asset("editor.js", PackageResources.editor_js),
        Asset("editor.css", PackageResources.editor_css),
        Asset("audience.css", PackageResources.audience_css),
        Asset("embed.css", PackageResources.embed_css),
        Asset("embed-handoff.js", PackageResources.embed_handoff_js),
        Asset("live.js", PackageResources.live_js),
        Asset("import.js", PackageResources.import_js),
    ]

    /// The icon browsers ask for at `/favicon.ico` without reading the page.
    static let favicon = "favicon.svg"

    /// What every page links to, worked out once.
    static let stylesheetPath = path("parley.css")
    static let scriptPath = path("parley.js")
    static let iconPath = path(favicon)

    /// The path pages link to: the file's hashed name. `name` must be one of ``files``.
    static func path(_ name: String) -> String {
        guard let asset = byPlainName[name] else { preconditionFailure("\(name) is not in StaticAssets.files") }
        return "/static/" + asset.hashedName
    }

    struct Asset: Sendable {
        /// "parley.css".
        let name: String
        /// "parley.3f2a9c1e.css": the first 8 hex digits of the content's SHA-256 before the extension.
        let hashedName: String
        let body: ByteBuffer
        let contentType: String
        let etag: String

        init(_ name: String, _ bytes: [UInt8]) {
            let digest = SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
            let dot = name.lastIndex(of: ".") ?? name.endIndex
            self.name = name
            hashedName = "\(name[..<dot]).\(digest.prefix(8))\(name[dot...])"
            body = ByteBuffer(bytes: bytes)
            contentType = Self.contentType(extension: name[dot...].dropFirst())
            etag = "\"\(digest.prefix(32))\""
        }

        static func contentType(extension: Substring) -> String {
            switch `extension` {
            case "css": "text/css; charset=utf-8"
            case "js": "text/javascript; charset=utf-8"
            case "svg": "image/svg+xml"
            case "ico": "image/x-icon"
            case "png": "image/png"
            default: preconditionFailure("no content type for .\(`extension`): add it to StaticAssets")
            }
        }
    }

    static let byPlainName = Dictionary(uniqueKeysWithValues: files.map { ($0.name, $0) })
    static let byHashedName = Dictionary(uniqueKeysWithValues: files.map { ($0.hashedName, $0) })

    /// Hashed names: cached for a year and never revalidated.
    static let immutable = "public, max-age=31536000, immutable"
    /// Plain names, and other versions' hashed names: cached, but asked again (cheaply, with the
    /// ETag) before each use.
    static let revalidated = "public, no-cache"

    static func register(on router: Router<AppRequestContext>) {
        router.get("/static/:file") { request, context -> Response in
            guard let file = context.parameters.get("file") else { return Response(status: .notFound) }
            if let asset = byHashedName[file] { return serve(asset, caching: immutable, to: request) }
            // A plain name, or a hashed name of another version (see above): the current bytes, asked for again on each use.
            if let asset = byPlainName[plainName(file)] { return serve(asset, caching: revalidated, to: request) }
            return Response(status: .notFound)
        }
        router.get("/favicon.ico") { request, _ -> Response in
            serve(byPlainName[favicon]!, caching: revalidated, to: request)
        }
    }

    /// "parley.css" for "parley.1a2b3c4d.css": a name shaped like a hashed name without its hash,
    /// whatever the hash; any other name as it is.
    static func plainName(_ file: String) -> String {
        guard let dot = file.lastIndex(of: "."), let hashDot = file[..<dot].lastIndex(of: ".") else { return file }
        let hash = file[file.index(after: hashDot)..<dot]
        guard !hash.isEmpty, hash.allSatisfy(\.isHexDigit) else { return file }
        return String(file[..<hashDot] + file[dot...])
    }

    static func serve(_ asset: Asset, caching: String, to request: Request) -> Response {
        var headers = HTTPFields()
        headers[.cacheControl] = caching
        headers[.eTag] = asset.etag
        if let tags = request.headers[.ifNoneMatch], matches(tags, asset.etag) {
            return Response(status: .notModified, headers: headers)
        }
        headers[.contentType] = asset.contentType
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: asset.body))
    }

    /// If-None-Match: `*` or a list of tags, compared weakly (a `W/` prefix is ignored), as
    /// RFC 9110 asks for this header.
    static func matches(_ header: String, _ etag: String) -> Bool {
        header.split(separator: ",").contains { candidate in
            let tag = candidate.trimmingCharacters(in: .whitespaces)
            return tag == "*" || tag == etag || tag == "W/" + etag
        }
    }
}
