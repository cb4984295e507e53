/// The last step of rendering a post: re-reads the HTML Ink produced the way a browser
/// tokenizes it, and writes it out again keeping only an allow-list of tags and
/// attributes, with every attribute value decoded, checked and re-escaped and every
/// text run re-escaped.
///
/// Because the output is re-serialised (not patched), what the browser parses is
/// exactly what this type decided to keep: a `"` that broke out of an Ink attribute
/// becomes a dropped attribute, an unknown tag becomes visible text, a
/// `javascript:` link loses its `href`, and every element opened is closed in order.
struct PostHTMLSanitizer {
    /// Ink's tags and the attributes Ink gives them; nothing else survives.
    static let allowedAttributes: [String: Set<String>] = [
        "p": [], "br": [], "hr": [],
        "h1": [], "h2": [], "h3": [], "h4": [], "h5": [], "h6": [],
        "strong": [], "em": [], "s": [], "code": [], "pre": [], "blockquote": [],
        "ul": [], "ol": ["start"], "li": [],
        "table": [], "thead": [], "tbody": [], "tr": [], "th": ["align"], "td": ["align"],
        "a": ["href"], "img": ["src", "alt"],
    ]
    static let voidElements: Set<String> = ["br", "hr", "img"]

    private let input: [Unicode.Scalar]
    private let codeSpans: [MarkdownPreprocessor.CodeSpan]
    private let codeBlocks: [MarkdownPreprocessor.CodeBlock]
    private var position = 0
    private var output = ""
    private var openElements: [String] = []

    static func sanitize(
        _ html: String,
        codeSpans: [MarkdownPreprocessor.CodeSpan] = [],
        codeBlocks: [MarkdownPreprocessor.CodeBlock] = []
    ) -> String {
        var sanitizer = PostHTMLSanitizer(input: Array(html.unicodeScalars), codeSpans: codeSpans, codeBlocks: codeBlocks)
        return sanitizer.run()
    }

    private init(input: [Unicode.Scalar], codeSpans: [MarkdownPreprocessor.CodeSpan], codeBlocks: [MarkdownPreprocessor.CodeBlock]) {
        self.input = input
        self.codeSpans = codeSpans
        self.codeBlocks = codeBlocks
    }

    private mutating func run() -> String {
        output.reserveCapacity(input.count)
        var textStart = 0
        while position < input.count {
            guard input[position] == "<", let tag = parseTag(at: position) else {
                position += 1
                continue
            }
            emitText(textStart..<position)
            position = handle(tag)
            textStart = position
        }
        emitText(textStart..<input.count)
        for element in openElements.reversed() { output += "</\(element)>" }
        return output
    }

    // MARK: Tags

    private struct Tag {
        var name: String
        var isEndTag: Bool
        var attributes: [(name: String, value: Range<Int>?)]
        var start: Int
        var end: Int
    }

    /// The tag starting at `start` as the HTML tokenizer reads it, or nil when the `<`
    /// does not start a tag (then it is text) or the tag never ends.
    private func parseTag(at start: Int) -> Tag? {
        var index = start + 1
        var isEndTag = false
        if index < input.count, input[index] == "/" {
            isEndTag = true
            index += 1
        }
        guard index < input.count, input[index].isASCII, input[index].properties.isAlphabetic else { return nil }
        let nameStart = index
        while index < input.count, !isSpace(input[index]), input[index] != "/", input[index] != ">" { index += 1 }
        let name = string(nameStart..<index).lowercased()

        var attributes: [(name: String, value: Range<Int>?)] = []
        while true {
            while index < input.count, isSpace(input[index]) || input[index] == "/" { index += 1 }
            guard index < input.count else { return nil }
            if input[index] == ">" { return Tag(name: name, isEndTag: isEndTag, attributes: attributes, start: start, end: index + 1) }

            let attributeStart = index
            index += 1  // a name may start with "=", as in the tokenizer
            while index < input.count, !isSpace(input[index]), input[index] != "/", input[index] != ">", input[index] != "=" { index += 1 }
            let attributeName = string(attributeStart..<index).lowercased()
            while index < input.count, isSpace(input[index]) { index += 1 }

            var value: Range<Int>?
            if index < input.count, input[index] == "=" {
                index += 1
                while index < input.count, isSpace(input[index]) { index += 1 }
                guard index < input.count else { return nil }
                let quote = input[index]
                if quote == "\"" || quote == "'" {
                    index += 1
                    let valueStart = index
                    while index < input.count, input[index] != quote { index += 1 }
                    guard index < input.count else { return nil }
                    value = valueStart..<index
                    index += 1
                } else {
                    let valueStart = index
                    while index < input.count, !isSpace(input[index]), input[index] != ">" { index += 1 }
                    value = valueStart..<index
                }
            }
            attributes.append((attributeName, value))
        }
    }

    /// Writes the sanitised form of `tag`; returns where reading continues.
    private mutating func handle(_ tag: Tag) -> Int {
        guard let allowed = Self.allowedAttributes[tag.name] else {
            // Not one of Ink's tags: show it as the text it was.
            emitEscapedSource(tag.start..<tag.end)
            return tag.end
        }
        let isVoid = Self.voidElements.contains(tag.name)

        if tag.isEndTag {
            guard !isVoid, let index = openElements.lastIndex(of: tag.name) else { return tag.end }
            for element in openElements[index...].reversed() { output += "</\(element)>" }
            openElements.removeSubrange(index...)
            return tag.end
        }

        if tag.name == "p", let block = codeBlockFilling(paragraphEndingAfter: tag.end) {
            // The placeholder of a fenced block came back as a paragraph of its own.
            output += codeBlockHTML(block.number)
            return block.end
        }

        var attributesHTML = ""
        var seen = Set<String>()
        for attribute in tag.attributes where allowed.contains(attribute.name) && seen.insert(attribute.name).inserted {
            guard let range = attribute.value else { continue }
            let value = replacingPlaceholdersWithSource(EntityDecoder.decode(input[range]))
            guard isAllowed(value, for: attribute.name) else { continue }
            attributesHTML += " \(attribute.name)=\"\(HTMLEscaping.escape(value))\""
        }
        output += "<\(tag.name)\(attributesHTML)>"
        if !isVoid { openElements.append(tag.name) }
        return tag.end
    }

    private func isAllowed(_ value: String, for attribute: String) -> Bool {
        switch attribute {
        case "href": return URLSafety.isAllowedLink(value)
        case "src": return URLSafety.isAllowedImage(value)
        case "start": return !value.isEmpty && value.count <= 9 && value.allSatisfy(\.isASCII) && value.allSatisfy(\.isNumber)
        case "align": return ["left", "center", "right"].contains(value)
        case "alt": return true
        default: return false
        }
    }

    // MARK: Text

    /// A text run: references that look like references are kept (they can only ever
    /// stand for a character), every other `&`, and every `<` and `>`, are escaped, and
    /// code placeholders become code.
    private mutating func emitText(_ range: Range<Int>) {
        var index = range.lowerBound
        while index < range.upperBound {
            let scalar = input[index]
            switch scalar {
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "&":
                output += referenceLength(at: index, before: range.upperBound) != nil ? "&" : "&amp;"
            case TextNormalization.placeholderOpen:
                if let placeholder = placeholder(at: index, before: range.upperBound) {
                    switch placeholder.kind {
                    case "C": output += "<code>" + HTMLEscaping.escape(codeSpans[placeholder.number].code) + "</code>"
                    default: output += codeBlockHTML(placeholder.number)
                    }
                    index = placeholder.end
                    continue
                }
            case TextNormalization.placeholderClose:
                break
            default:
                output.unicodeScalars.append(scalar)
            }
            index += 1
        }
    }

    private mutating func emitEscapedSource(_ range: Range<Int>) {
        output += HTMLEscaping.escape(replacingPlaceholdersWithSource(string(range)))
    }

    // MARK: Code placeholders

    private func placeholder(at start: Int, before end: Int) -> (kind: Unicode.Scalar, number: Int, end: Int)? {
        guard start + 2 < end, input[start] == TextNormalization.placeholderOpen else { return nil }
        let kind = input[start + 1]
        guard kind == "C" || kind == "B" else { return nil }
        var index = start + 2
        var number = 0
        while index < end, ("0"..."9").contains(input[index]), index - start < 12 {
            number = number * 10 + Int(input[index].value - 48)
            index += 1
        }
        guard index > start + 2, index < end, input[index] == TextNormalization.placeholderClose else { return nil }
        let count = kind == "C" ? codeSpans.count : codeBlocks.count
        guard number < count else { return nil }
        return (kind, number, index + 1)
    }

    private func codeBlockFilling(paragraphEndingAfter start: Int) -> (number: Int, end: Int)? {
        guard let placeholder = placeholder(at: start, before: input.count), placeholder.kind == "B" else { return nil }
        let closing = Array("</p>".unicodeScalars)
        guard input[placeholder.end...].starts(with: closing) else { return nil }
        return (placeholder.number, placeholder.end + closing.count)
    }

    private func codeBlockHTML(_ number: Int) -> String {
        let block = codeBlocks[number]
        let language = block.language.map { " class=\"language-\(HTMLEscaping.escape($0))\"" } ?? ""
        return "<pre><code\(language)>" + HTMLEscaping.escape(block.code) + "</code></pre>"
    }

    /// Attribute values cannot hold markup, so a code span there is its Markdown source.
    private func replacingPlaceholdersWithSource(_ text: String) -> String {
        guard text.unicodeScalars.contains(TextNormalization.placeholderOpen) else { return text }
        let scalars = Array(text.unicodeScalars)
        var result = ""
        var index = 0
        while index < scalars.count {
            if scalars[index] == TextNormalization.placeholderOpen,
                let close = scalars[index...].firstIndex(of: TextNormalization.placeholderClose),
                close - index >= 3, let number = Int(String(String.UnicodeScalarView(scalars[(index + 2)..<close])))
            {
                let kind = scalars[index + 1]
                if kind == "C", number < codeSpans.count {
                    result += codeSpans[number].source
                } else if kind == "B", number < codeBlocks.count {
                    result += codeBlocks[number].code
                }
                index = close + 1
                continue
            }
            if scalars[index] != TextNormalization.placeholderOpen, scalars[index] != TextNormalization.placeholderClose {
                result.unicodeScalars.append(scalars[index])
            }
            index += 1
        }
        return result
    }

    // MARK: Helpers

    /// Length of `&name;`, `&#123;` or `&#x1F;` at `start`, if one is there.
    private func referenceLength(at start: Int, before end: Int) -> Int? {
        var index = start + 1
        guard index < end else { return nil }
        if input[index] == "#" {
            index += 1
            var isHex = false
            if index < end, input[index] == "x" || input[index] == "X" { isHex = true; index += 1 }
            let digitsStart = index
            while index < end, input[index].isASCII,
                isHex ? input[index].properties.isASCIIHexDigit : ("0"..."9").contains(input[index])
            {
                index += 1
                if index - digitsStart > 7 { return nil }
            }
            guard index > digitsStart, index < end, input[index] == ";" else { return nil }
            return index + 1 - start
        }
        guard input[index].isASCII, input[index].properties.isAlphabetic else { return nil }
        while index < end, input[index].isASCII, input[index].properties.isAlphabetic || ("0"..."9").contains(input[index]) {
            index += 1
            if index - start > 33 { return nil }
        }
        guard index < end, input[index] == ";" else { return nil }
        return index + 1 - start
    }

    private func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" || scalar == "\u{0C}"
    }

    private func string(_ range: Range<Int>) -> String {
        var text = ""
        text.unicodeScalars.append(contentsOf: input[range])
        return text
    }
}
