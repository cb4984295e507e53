import Foundation

/// The `<img>` tags of a post's HTML, each rewritten by a caller's decision: an image the
/// archive holds points at its upload, one it does not becomes a link to where it lives
/// (the pages load nothing from another origin), and one that cannot be used becomes its
/// alternative text.
enum SubstackImages {
    /// What becomes of one image.
    enum Fate: Equatable {
        case upload(path: String)
        case link
        case text
    }

    /// What may follow `<img` in an image tag.
    private static let separators = Set(" \t\r\n\u{0C}/>".unicodeScalars)

    /// `html` with each `<img ...>` replaced as `decide` says for its `src`.
    static func rewrite(_ html: String, decide: (String) -> Fate) -> String {
        var out = ""
        out.reserveCapacity(html.utf8.count)
        var rest = html[...]
        while let open = rest.range(of: "<img", options: .caseInsensitive) {
            let afterName = open.upperBound
            // "<imgfoo" is another tag: keep it as it is. The separators are HTML's own spaces
            // (form feed included, as HTMLFragment reads them), so no image escapes this pass;
            // compared as scalars, since "\r\n" is one Character and would match neither.
            guard afterName < rest.endIndex, Self.separators.contains(rest.unicodeScalars[afterName]) else {
                out += rest[..<afterName]
                rest = rest[afterName...]
                continue
            }
            guard let close = tagEnd(rest, from: afterName) else { break }
            out += rest[..<open.lowerBound]
            let attributes = Self.attributes(String(rest[afterName..<close]))
            let src = attributes["src"] ?? ""
            let alt = attributes["alt"] ?? ""
            switch src.isEmpty ? .text : decide(src) {
            case .upload(let path): out += "<img src=\"\(escape(path))\" alt=\"\(escape(alt))\">"
            case .link: out += "<a href=\"\(escape(src))\">\(escape(alt.isEmpty ? src : alt))</a>"
            case .text: out += escape(alt)
            }
            rest = rest[rest.index(after: close)...]
        }
        out += rest
        return out
    }

    /// The `>` that ends a tag whose attributes start at `from`, skipping quoted values.
    private static func tagEnd(_ text: Substring, from: String.Index) -> String.Index? {
        var quote: Character?
        var index = from
        while index < text.endIndex {
            let character = text[index]
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == ">" {
                return index
            }
            index = text.index(after: index)
        }
        return nil
    }

    /// The attributes of a tag by lowercased name, values with their entities decoded.
    static func attributes(_ text: String) -> [String: String] {
        var result: [String: String] = [:]
        let scalars = Array(text.unicodeScalars)
        var i = 0
        func isSpace(_ s: Unicode.Scalar) -> Bool { s == " " || s == "\t" || s == "\n" || s == "\r" || s == "\u{0C}" || s == "/" }
        while i < scalars.count {
            while i < scalars.count, isSpace(scalars[i]) { i += 1 }
            var name = String.UnicodeScalarView()
            while i < scalars.count, !isSpace(scalars[i]), scalars[i] != "=" { name.append(scalars[i]); i += 1 }
            guard !name.isEmpty else { i += 1; continue }
            while i < scalars.count, scalars[i] == " " { i += 1 }
            var value = String.UnicodeScalarView()
            if i < scalars.count, scalars[i] == "=" {
                i += 1
                while i < scalars.count, scalars[i] == " " { i += 1 }
                if i < scalars.count, scalars[i] == "\"" || scalars[i] == "'" {
                    let quote = scalars[i]
                    i += 1
                    while i < scalars.count, scalars[i] != quote { value.append(scalars[i]); i += 1 }
                    i += 1
                } else {
                    while i < scalars.count, !isSpace(scalars[i]) { value.append(scalars[i]); i += 1 }
                }
            }
            let key = String(name).lowercased()
            if result[key] == nil { result[key] = decodeEntities(String(value)) }
        }
        return result
    }

    /// The few entities attribute values carry in practice (`&amp;` above all, in URLs).
    static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        return text.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}
