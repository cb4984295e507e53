import Foundation
import Hummingbird

/// `/embed.js` and `/count.js`, the scripts other sites' pages load by their plain names.
///
/// `embed.js` is served with its words: the catalogue's `EmbedText` as a JSON object before the
/// file's own code (`Sources/Web/Assets/embed.js`), so the texts stay in the catalogue, one line
/// each, and the script stays a plain file with no build step. Both are made once, at start, and
/// served as the plain names of `StaticAssets` are: cached, revalidated on each use by ETag, so a
/// host page picks up a new version on its next load.
struct EmbedScript: Sendable {
    let embed: StaticAssets.Asset
    let count: StaticAssets.Asset

    init(text: EmbedText) {
        // The file is the body of a function, so nothing it declares reaches the host page's scope.
        var code = Array("(() => {\nconst TEXT = ".utf8)
        code += Self.json(text)
        code += Array(";\nconst STYLE = \"\(StaticAssets.path("embed.css"))\";\n".utf8)
        code += PackageResources.embed_js
        code += Array("\n})();\n".utf8)
        embed = StaticAssets.Asset("embed.js", code)
        count = StaticAssets.Asset("count.js", PackageResources.count_js)
    }

    /// The widget's words, by the names `embed.js` uses (the properties of `EmbedText` that are
    /// plain strings; the popup's phrases stay on the server).
    static func json(_ text: EmbedText) -> [UInt8] {
        var words: [String: String] = [:]
        for child in Mirror(reflecting: text).children {
            if let label = child.label, let value = child.value as? String { words[label] = value }
        }
        // Sorted keys: the same bytes, and so the same ETag, on every instance.
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array((try? encoder.encode(words)) ?? Data("{}".utf8))
    }
}
