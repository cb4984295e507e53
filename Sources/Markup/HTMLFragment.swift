/// A tolerant reading of foreign HTML into a small tree, the way a browser would read it
/// closely enough for `HTMLReduction`: tags are matched loosely (an end tag without its start
/// is ignored, an element left open ends with its parent), comments and doctypes vanish, the
/// content of script-like elements is never read as markup, and references are decoded.
///
/// It never fails and runs in time linear in the input; nesting deeper than `maximumDepth`
/// is flattened so that the recursive rendering cannot exhaust the stack.
final class HTMLElement {
    let name: String
    let attributes: [String: String]
    var children: [HTMLNode] = []

    init(name: String, attributes: [String: String]) {
        self.name = name
        self.attributes = attributes
    }
}

enum HTMLNode {
    case text(String)
    case element(HTMLElement)
}

enum HTMLFragment {
    static let maximumDepth = 48

    /// Elements that never have content.
    static let voidElements: Set<String> = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
    ]
    /// Elements whose content is not markup: read up to their end tag and dropped.
    static let rawTextElements: Set<String> = [
        "script", "style", "iframe", "noscript", "noembed", "noframes", "template", "title", "textarea", "xmp",
    ]
    /// Elements that end an open paragraph when they start.
    static let blockElements: Set<String> = [
        "address", "article", "aside", "blockquote", "center", "details", "dd", "div", "dl", "dt", "fieldset",
        "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main",
        "nav", "ol", "p", "pre", "section", "summary", "table", "ul",
    ]

    /// The tree of `html`, under an unnamed root element.
    static func parse(_ html: String) -> HTMLElement {
        var builder = TreeBuilder()
        let scalars = Array(html.unicodeScalars)
        var index = 0
        var textStart = 0

        func flushText(upTo end: Int) {
            if end > textStart {
                var text = ""
                text.unicodeScalars.append(contentsOf: scalars[textStart..<end])
                builder.text(HTMLCharacterReferences.decode(text))
            }
        }

        while index < scalars.count {
            guard scalars[index] == "<", index + 1 < scalars.count else {
                index += 1
                continue
            }
            let next = scalars[index + 1]
            if isASCIILetter(next) {
                flushText(upTo: index)
                let (tag, end) = startTag(in: scalars, from: index + 1)
                index = end
                if rawTextElements.contains(tag.name) && !tag.selfClosing {
                    index = endOfRawText(named: tag.name, in: scalars, from: index)
                } else {
                    builder.start(tag)
                }
                textStart = index
            } else if next == "/", index + 2 < scalars.count, isASCIILetter(scalars[index + 2]) {
                flushText(upTo: index)
                var nameEnd = index + 2
                while nameEnd < scalars.count, isNameScalar(scalars[nameEnd]) { nameEnd += 1 }
                var name = ""
                name.unicodeScalars.append(contentsOf: scalars[(index + 2)..<nameEnd])
                index = skipPast(">", in: scalars, from: nameEnd)
                builder.end(name.lowercased())
                textStart = index
            } else if next == "!" || next == "?" || next == "/" {
                flushText(upTo: index)
                if hasPrefix(scalars, at: index, "<!--") {
                    index = endOfComment(in: scalars, from: index + 4)
                } else {
                    index = skipPast(">", in: scalars, from: index + 2)
                }
                textStart = index
            } else {
                index += 1
            }
        }
        flushText(upTo: scalars.count)
        return builder.root
    }

    struct Tag {
        var name: String
        var attributes: [String: String]
        var selfClosing: Bool
    }

    /// Reads a start tag whose name begins at `start`; returns it and the index after its `>`.
    private static func startTag(in scalars: [Unicode.Scalar], from start: Int) -> (Tag, Int) {
        var index = start
        while index < scalars.count, isNameScalar(scalars[index]) { index += 1 }
        var name = ""
        name.unicodeScalars.append(contentsOf: scalars[start..<index])
        var attributes: [String: String] = [:]
        var selfClosing = false
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == ">" {
                index += 1
                break
            }
            if scalar == "/" {
                selfClosing = index + 1 < scalars.count && scalars[index + 1] == ">"
                index += 1
                continue
            }
            if isSpace(scalar) {
                index += 1
                continue
            }
            selfClosing = false
            let nameStart = index
            while index < scalars.count, !isSpace(scalars[index]),
                !"=>/".unicodeScalars.contains(scalars[index])
                    || (index == nameStart && scalars[index] == "=")
            {
                index += 1
            }
            var attributeName = ""
            attributeName.unicodeScalars.append(contentsOf: scalars[nameStart..<index])
            while index < scalars.count, isSpace(scalars[index]) { index += 1 }
            var value = ""
            if index < scalars.count, scalars[index] == "=" {
                index += 1
                while index < scalars.count, isSpace(scalars[index]) { index += 1 }
                if index < scalars.count, scalars[index] == "\"" || scalars[index] == "'" {
                    let quote = scalars[index]
                    let valueStart = index + 1
                    index = valueStart
                    while index < scalars.count, scalars[index] != quote { index += 1 }
                    value.unicodeScalars.append(contentsOf: scalars[valueStart..<index])
                    if index < scalars.count { index += 1 }
                } else {
                    let valueStart = index
                    while index < scalars.count, !isSpace(scalars[index]), scalars[index] != ">" { index += 1 }
                    value.unicodeScalars.append(contentsOf: scalars[valueStart..<index])
                }
            }
            let key = attributeName.lowercased()
            // The first of two same-named attributes wins, as in browsers.
            if attributes[key] == nil { attributes[key] = HTMLCharacterReferences.decode(value) }
        }
        return (Tag(name: name.lowercased(), attributes: attributes, selfClosing: selfClosing), index)
    }

    /// The index after the end tag `</name ...>` that closes raw text, or the end of input.
    private static func endOfRawText(named name: String, in scalars: [Unicode.Scalar], from start: Int) -> Int {
        let closing = Array(("</" + name).unicodeScalars)
        var index = start
        while index + closing.count <= scalars.count {
            if scalars[index] == "<", matchesIgnoringCase(scalars, at: index, closing) {
                let after = index + closing.count
                if after == scalars.count || isSpace(scalars[after]) || scalars[after] == ">" || scalars[after] == "/" {
                    return skipPast(">", in: scalars, from: after)
                }
            }
            index += 1
        }
        return scalars.count
    }

    private static func endOfComment(in scalars: [Unicode.Scalar], from start: Int) -> Int {
        var index = start
        while index + 2 < scalars.count {
            if scalars[index] == "-", scalars[index + 1] == "-", scalars[index + 2] == ">" { return index + 3 }
            index += 1
        }
        return scalars.count
    }

    private static func skipPast(_ target: Unicode.Scalar, in scalars: [Unicode.Scalar], from start: Int) -> Int {
        var index = start
        while index < scalars.count, scalars[index] != target { index += 1 }
        return min(index + 1, scalars.count)
    }

    private static func hasPrefix(_ scalars: [Unicode.Scalar], at index: Int, _ prefix: String) -> Bool {
        matchesIgnoringCase(scalars, at: index, Array(prefix.unicodeScalars))
    }

    private static func matchesIgnoringCase(
        _ scalars: [Unicode.Scalar], at index: Int, _ pattern: [Unicode.Scalar]
    )
        -> Bool
    {
        guard index + pattern.count <= scalars.count else { return false }
        for offset in pattern.indices where lowered(scalars[index + offset]) != lowered(pattern[offset]) {
            return false
        }
        return true
    }

    private static func lowered(_ scalar: Unicode.Scalar) -> UInt32 {
        (0x41...0x5A).contains(scalar.value) ? scalar.value + 0x20 : scalar.value
    }

    private static func isASCIILetter(_ scalar: Unicode.Scalar) -> Bool {
        (0x41...0x5A).contains(scalar.value) || (0x61...0x7A).contains(scalar.value)
    }

    private static func isNameScalar(_ scalar: Unicode.Scalar) -> Bool {
        !isSpace(scalar) && scalar != "/" && scalar != ">"
    }

    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" || scalar == "\u{0C}"
    }
}

/// Builds the tree from tags in document order, closing what a browser would close.
private struct TreeBuilder {
    let root = HTMLElement(name: "", attributes: [:])
    private var open: [HTMLElement] = []

    init() { open = [root] }

    mutating func text(_ text: String) {
        guard !text.isEmpty else { return }
        let current = open[open.count - 1]
        if case .text(let previous) = current.children.last {
            current.children[current.children.count - 1] = .text(previous + text)
        } else {
            current.children.append(.text(text))
        }
    }

    mutating func start(_ tag: HTMLFragment.Tag) {
        if HTMLFragment.blockElements.contains(tag.name) { closeParagraph() }
        if tag.name == "li" { closeListItem() }
        let element = HTMLElement(name: tag.name, attributes: tag.attributes)
        open[open.count - 1].children.append(.element(element))
        let isVoid = HTMLFragment.voidElements.contains(tag.name)
        if !isVoid, !tag.selfClosing, open.count < HTMLFragment.maximumDepth { open.append(element) }
    }

    mutating func end(_ name: String) {
        if name == "br" {
            // Browsers read </br> as <br>.
            start(HTMLFragment.Tag(name: "br", attributes: [:], selfClosing: true))
            return
        }
        guard let index = open.lastIndex(where: { $0.name == name }), index > 0 else { return }
        open.removeSubrange(index...)
    }

    /// A new block ends an open paragraph (only the nearest: a paragraph cannot hold blocks).
    private mutating func closeParagraph() {
        if let index = open.lastIndex(where: { $0.name == "p" }), index > 0,
            !open[index...].contains(where: { ["blockquote", "li", "td", "th", "div", "figure"].contains($0.name) })
        {
            open.removeSubrange(index...)
        }
    }

    /// A new list item ends the previous one of the same list.
    private mutating func closeListItem() {
        if let index = open.lastIndex(where: { $0.name == "li" }), index > 0,
            !open[(index + 1)...].contains(where: { $0.name == "ul" || $0.name == "ol" })
        {
            open.removeSubrange(index...)
        }
    }
}
