/// An independent reader of the HTML our formatters produce, used by the tests to
/// check the security promise rather than exact strings: every `<` starts an allowed
/// tag written in canonical form, attributes are on the allow-list (never `on…`),
/// URLs have an allowed scheme however they are encoded, and tags nest properly.
///
/// It is deliberately strict (double-quoted values only, no raw `>` in text) and
/// shares no code with the module under test, so a bug there cannot hide itself here.
struct HTMLAllowList: Sendable {
    /// Allowed tags and, for each, the attributes it may carry.
    var attributes: [String: Set<String>]
    /// Attributes that must be present with exactly these values.
    var requiredValues: [String: [String: String]] = [:]
    /// Tags whose attribute set must be exactly the allowed set.
    var exactAttributes: Set<String> = []
    var voidElements: Set<String> = ["br", "hr", "img"]
    /// Schemes allowed in `href`; relative URLs are allowed when `allowsRelativeURLs`.
    var linkSchemes: Set<String>
    var imageSchemes: Set<String> = []
    var allowsRelativeURLs: Bool

    /// Comments: p, br, strong, em, code, blockquote, and a with exactly href + rel.
    static let comment = HTMLAllowList(
        attributes: [
            "p": [], "br": [], "strong": [], "em": [], "code": [], "blockquote": [],
            "a": ["href", "rel"],
        ],
        requiredValues: ["a": ["rel": "nofollow ugc noopener"]],
        exactAttributes: ["a"],
        linkSchemes: ["http", "https"],
        allowsRelativeURLs: false
    )

    /// Posts: Ink's normal output tags.
    static let post = HTMLAllowList(
        attributes: [
            "p": [], "br": [], "hr": [],
            "h1": [], "h2": [], "h3": [], "h4": [], "h5": [], "h6": [],
            "strong": [], "em": [], "s": [], "code": ["class"], "pre": [], "blockquote": [],
            "ul": [], "ol": ["start"], "li": [],
            "table": [], "thead": [], "tbody": [], "tr": [], "th": ["align"], "td": ["align"],
            "a": ["href"], "img": ["src", "alt"],
        ],
        linkSchemes: ["http", "https", "mailto"],
        imageSchemes: ["http", "https"],
        allowsRelativeURLs: true
    )

    /// Everything wrong with `html`; empty when it is acceptable.
    func violations(in html: String) -> [String] {
        let s = Array(html.unicodeScalars)
        var problems: [String] = []
        var stack: [String] = []
        var i = 0

        while i < s.count {
            let c = s[i]
            if c == ">" {
                problems.append("raw '>' in text at \(i)")
                i += 1
                continue
            }
            guard c == "<" else { i += 1; continue }

            // Canonical tag: <name( attr="value")*> or </name>
            var j = i + 1
            var isEnd = false
            if j < s.count, s[j] == "/" { isEnd = true; j += 1 }
            let nameStart = j
            while j < s.count, s[j].isASCII, s[j].properties.isLowercase || ("0"..."9").contains(s[j]) { j += 1 }
            let name = text(s[nameStart..<j])
            guard !name.isEmpty, let allowed = attributes[name] else {
                problems.append("tag not allowed or malformed at \(i): \(text(s[i..<min(s.count, i + 20)]))")
                i += 1
                continue
            }

            var seen: [String: String] = [:]
            var malformed = false
            while j < s.count, s[j] == " " {
                j += 1
                let attrStart = j
                while j < s.count, s[j].isASCII, s[j].properties.isLowercase || s[j] == "-" { j += 1 }
                let attr = text(s[attrStart..<j])
                guard !attr.isEmpty, j + 1 < s.count, s[j] == "=", s[j + 1] == "\"" else { malformed = true; break }
                j += 2
                let valueStart = j
                while j < s.count, s[j] != "\"" { j += 1 }
                guard j < s.count else { malformed = true; break }
                let value = text(s[valueStart..<j])
                j += 1
                if seen[attr] != nil { problems.append("duplicate attribute \(attr) on <\(name)>") }
                seen[attr] = value
            }
            guard !malformed, j < s.count, s[j] == ">" else {
                problems.append("malformed tag at \(i): \(text(s[i..<min(s.count, i + 40)]))")
                i += 1
                continue
            }
            let tagSource = text(s[i...j])
            i = j + 1

            if isEnd {
                if !seen.isEmpty { problems.append("attributes on end tag \(tagSource)") }
                if voidElements.contains(name) { problems.append("end tag for void element \(tagSource)") }
                if stack.last == name { stack.removeLast() } else { problems.append("misnested \(tagSource), open: \(stack)") }
                continue
            }

            for (attr, value) in seen {
                if attr.hasPrefix("on") { problems.append("event handler \(attr) on <\(name)>") }
                if !allowed.contains(attr) { problems.append("attribute \(attr) not allowed on <\(name)>") }
                if value.unicodeScalars.contains(where: { $0 == "<" || $0 == ">" || $0 == "'" }) {
                    problems.append("unescaped character in \(attr)=\"\(value)\"")
                }
                if attr == "href" || attr == "src" {
                    if let problem = urlProblem(value, schemes: attr == "href" ? linkSchemes : imageSchemes) {
                        problems.append("\(attr) on <\(name)>: \(problem)")
                    }
                }
            }
            if exactAttributes.contains(name), Set(seen.keys) != allowed {
                problems.append("<\(name)> must have exactly \(allowed.sorted()), has \(seen.keys.sorted())")
            }
            for (attr, expected) in requiredValues[name] ?? [:] where seen[attr] != expected {
                problems.append("<\(name)> \(attr) must be \"\(expected)\", is \(seen[attr] ?? "missing")")
            }
            if !voidElements.contains(name) { stack.append(name) }
        }
        if !stack.isEmpty { problems.append("unclosed elements: \(stack)") }

        let lowered = html.lowercased()
        for forbidden in ["href=\"javascript:", "href=\"data:", "href=\"vbscript:", "src=\"javascript:", "src=\"data:", "src=\"vbscript:"]
        where lowered.contains(forbidden) {
            problems.append("forbidden URL \(forbidden)")
        }
        return problems
    }

    /// Why `raw` (an attribute value as written) is not an acceptable URL, if it is not.
    private func urlProblem(_ raw: String, schemes: Set<String>) -> String? {
        // What the browser sees: references decoded, outer control characters and
        // spaces ignored, tabs and line breaks removed.
        var url = Array(Self.decodeReferences(raw).unicodeScalars)
        while let first = url.first, first.value <= 0x20 { url.removeFirst() }
        url.removeAll { $0 == "\t" || $0 == "\n" || $0 == "\r" }
        let lowered = text(url[...]).lowercased()
        for bad in ["javascript:", "data:", "vbscript:", "file:"] where lowered.hasPrefix(bad) {
            return "dangerous scheme in \(raw)"
        }
        // Scalars, not Characters: the URL parser does not group "/" with a combining mark.
        let scalars = Array(lowered.unicodeScalars)
        let stop = scalars.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? scalars.endIndex
        if let colon = scalars[..<stop].firstIndex(of: ":") {
            let scheme = text(scalars[..<colon])
            return schemes.contains(scheme) ? nil : "scheme \(scheme) not allowed in \(raw)"
        }
        return allowsRelativeURLs ? nil : "relative URL not allowed: \(raw)"
    }

    private static func decodeReferences(_ value: String) -> String {
        var out = ""
        var rest = Substring(value)
        let named = ["amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "colon": ":", "tab": "\t", "newline": "\n"]
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            let after = rest[rest.index(after: amp)...]
            if after.hasPrefix("#") {
                var digits = after.dropFirst()
                var radix = 10
                if let x = digits.first, x == "x" || x == "X" { radix = 16; digits = digits.dropFirst() }
                let number = digits.prefix(while: { $0.isHexDigit && (radix == 16 || $0.isNumber) })
                if let value = UInt32(number, radix: radix), let scalar = Unicode.Scalar(value) {
                    out.unicodeScalars.append(scalar)
                    rest = digits.dropFirst(number.count)
                    if rest.first == ";" { rest = rest.dropFirst() }
                    continue
                }
            } else if let semicolon = after.firstIndex(of: ";"), let decoded = named[after[..<semicolon].lowercased()] {
                out += decoded
                rest = after[after.index(after: semicolon)...]
                continue
            }
            out += "&"
            rest = after
        }
        return out + rest
    }

    private func text(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var result = ""
        result.unicodeScalars.append(contentsOf: scalars)
        return result
    }
}
