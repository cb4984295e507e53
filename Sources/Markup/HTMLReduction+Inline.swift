/// Collects the inline content of one block as Markdown: whitespace collapsed as a browser
/// would, text escaped for the target, emphasis, code, links and images written in the target's
/// syntax.
struct InlineWriter {
    let target: HTMLReduction.Target
    private(set) var output = ""
    /// Inside a link: a nested link or an image is only text.
    var insideLink = false
    /// Whether the content began with whitespace, which `output` does not keep at its start.
    private var beganWithSpace = false

    init(target: HTMLReduction.Target) {
        self.target = target
    }

    mutating func addChildren(of element: HTMLElement, reducer: inout BlockReducer) {
        for child in element.children { add(child, reducer: &reducer) }
    }

    mutating func add(_ node: HTMLNode, reducer: inout BlockReducer) {
        switch node {
        case .text(let text):
            addText(text)
        case .element(let element):
            add(element, reducer: &reducer)
        }
    }

    private mutating func add(_ element: HTMLElement, reducer: inout BlockReducer) {
        switch element.name {
        case "script", "style", "iframe", "noscript", "template", "object", "svg", "math", "head", "title", "select",
            "textarea", "button":
            return
        case "br":
            addLineBreak()
        case "em", "i", "cite", "var", "dfn":
            addWrapped(element, marker: "*", reducer: &reducer)
        case "strong", "b":
            addWrapped(element, marker: "**", reducer: &reducer)
        case "code", "kbd", "samp", "tt":
            var code = ""
            BlockReducer.collectRawText(of: element, into: &code)
            addCode(code)
        case "a":
            addLink(element, reducer: &reducer)
        case "img":
            addImage(element)
        case "td", "th":
            addSeparator()
            addChildren(of: element, reducer: &reducer)
            addSeparator()
        default:
            // Blocks met inside inline content (`<b><p>…</p></b>`) still start a new line.
            let isBlock = HTMLFragment.blockElements.contains(element.name)
            if isBlock { addLineBreak() }
            addChildren(of: element, reducer: &reducer)
            if isBlock { addLineBreak() }
        }
    }

    // MARK: Text

    private mutating func addText(_ text: String) {
        for scalar in text.unicodeScalars {
            if HTMLFragment.isSpace(scalar) {
                addSeparator()
            } else if target == .post, Self.postEscaped.contains(scalar) {
                output.unicodeScalars.append("\\")
                output.unicodeScalars.append(scalar)
            } else {
                output.unicodeScalars.append(scalar)
            }
        }
    }

    /// ASCII punctuation that Ink would read as markup anywhere in a line.
    private static let postEscaped: Set<Unicode.Scalar> = ["\\", "*", "_", "`", "[", "]", "<", ">", "|", "~", "!"]

    /// One space, unless at the start of a line or after another.
    private mutating func addSeparator() {
        if output.isEmpty { beganWithSpace = true }
        if let last = output.unicodeScalars.last, last != " ", last != "\n" { output.unicodeScalars.append(" ") }
    }

    private mutating func addLineBreak() {
        while output.unicodeScalars.last == " " { output.unicodeScalars.removeLast() }
        if !output.isEmpty, output.unicodeScalars.last != "\n" { output.unicodeScalars.append("\n") }
    }

    /// Markdown made elsewhere; a leading space merges with one already written.
    private mutating func addMarkup(_ markup: String) {
        var markup = Substring(markup)
        if markup.first == " " {
            markup = markup.dropFirst()
            addSeparator()
        }
        output += markup
    }

    // MARK: Emphasis, code

    private mutating func addWrapped(_ element: HTMLElement, marker: String, reducer: inout BlockReducer) {
        var inner = InlineWriter(target: target)
        inner.insideLink = insideLink
        inner.addChildren(of: element, reducer: &reducer)
        let text = inner.output
        let core = text.trimmedHTMLSpace()
        guard !core.isEmpty else {
            if inner.beganWithSpace { addSeparator() }
            return
        }
        // Markers hug the words: `<em> a </em>` is ` *a* `, which Markdown reads as emphasis.
        if inner.beganWithSpace || text.first == "\n" { addSeparator() }
        var lines = core.split(separator: "\n", omittingEmptySubsequences: true)
        lines = lines.map { Substring(Self.emphasised(String($0), marker: marker)) }
        addMarkup(lines.joined(separator: "\n"))
        if text.last == " " || text.last == "\n" { addSeparator() }
    }

    static func emphasised(_ text: String, marker: String) -> String {
        let core = text.trimmedHTMLSpace()
        return core.isEmpty ? "" : marker + core + marker
    }

    private mutating func addCode(_ rawCode: String) {
        // A code span is one line; its spaces are collapsed as the browser showed them.
        var code = ""
        for scalar in rawCode.unicodeScalars {
            if HTMLFragment.isSpace(scalar) {
                if let last = code.unicodeScalars.last, last != " " { code.unicodeScalars.append(" ") }
            } else {
                code.unicodeScalars.append(scalar)
            }
        }
        while code.last == " " { code.removeLast() }
        guard !code.isEmpty else { return }
        var longestRun = 0
        var run = 0
        for character in code {
            run = character == "`" ? run + 1 : 0
            longestRun = max(longestRun, run)
        }
        let fence = String(repeating: "`", count: longestRun + 1)
        let padding = code.first == "`" || code.last == "`" ? " " : ""
        addMarkup(fence + padding + code + padding + fence)
    }

    // MARK: Links, images

    private mutating func addLink(_ element: HTMLElement, reducer: inout BlockReducer) {
        var inner = InlineWriter(target: target)
        inner.insideLink = true
        inner.addChildren(of: element, reducer: &reducer)
        let text = inner.output.trimmedHTMLSpace().linesJoined()
        let href = (element.attributes["href"] ?? "").trimmedHTMLSpace()
        let leading = inner.beganWithSpace ? " " : ""
        let trailing = inner.output.last == " " ? " " : ""

        guard !insideLink, !href.isEmpty, URLSafety.isAllowedLink(href) else {
            addMarkup(leading + text + trailing)
            return
        }
        switch target {
        case .post:
            let label = text.isEmpty ? Self.escapedForPost(href) : text
            addMarkup(leading + "[" + label + "](" + Self.destination(href) + ")" + trailing)
        case .comment:
            let scheme: String? =
                if case .scheme(let name) = URLSafety.classify(href) { name } else { nil }
            let shown: String
            switch scheme {
            case "http", "https":
                let url = Self.destination(href)
                shown = text.isEmpty || Self.sameAddress(text, href) ? url : text + " (" + url + ")"
            case "mailto":
                let address = String(href.dropFirst("mailto:".count).prefix { $0 != "?" })
                shown = text.isEmpty ? address : text.contains(address) ? text : text + " (" + address + ")"
            default:
                // A relative link has no page to point at once moved: its text is kept.
                shown = text
            }
            addMarkup(leading + shown + trailing)
        }
    }

    private mutating func addImage(_ element: HTMLElement) {
        let alt = (element.attributes["alt"] ?? "").split(whereSeparator: \.isWhitespace).joined(separator: " ")
        let src = (element.attributes["src"] ?? "").trimmedHTMLSpace()
        guard target == .post, !insideLink, !src.isEmpty, URLSafety.isAllowedImage(src) else {
            if !alt.isEmpty {
                addSeparator()
                addText(alt)
                addSeparator()
            }
            return
        }
        addMarkup("![" + Self.escapedForPost(alt) + "](" + Self.destination(src) + ")")
    }

    /// Whether a link's text only repeats its address (`example.com/a` for `https://example.com/a/`).
    private static func sameAddress(_ text: String, _ href: String) -> Bool {
        func bare(_ value: String) -> String {
            var value = Substring(value.lowercased())
            for prefix in ["https://", "http://"] where value.hasPrefix(prefix) { value = value.dropFirst(prefix.count) }
            if value.hasPrefix("www.") { value = value.dropFirst(4) }
            while value.hasSuffix("/") { value = value.dropLast() }
            return String(value)
        }
        // Long addresses are often shown shortened with an ellipsis.
        for ellipsis in ["…", "..."] where text.hasSuffix(ellipsis) {
            return bare(href).hasPrefix(bare(String(text.dropLast(ellipsis.count))))
        }
        return bare(text) == bare(href)
    }

    /// A URL made safe to stand in `(…)` of a Markdown link: characters that would end it or
    /// split it are percent-encoded.
    static func destination(_ url: String) -> String {
        var output = ""
        for scalar in url.unicodeScalars {
            switch scalar {
            case " ": output += "%20"
            case "(": output += "%28"
            case ")": output += "%29"
            case "<": output += "%3C"
            case ">": output += "%3E"
            case "\"": output += "%22"
            case "\\": output += "%5C"
            case "`": output += "%60"
            case "\n", "\r", "\t": continue
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output
    }

    static func escapedForPost(_ text: String) -> String {
        var output = ""
        for scalar in text.unicodeScalars {
            if postEscaped.contains(scalar) { output.unicodeScalars.append("\\") }
            output.unicodeScalars.append(scalar)
        }
        return output
    }

    /// The collected Markdown: lines without spaces at either end, no empty first or last line.
    mutating func finish() -> String {
        output.split(separator: "\n", omittingEmptySubsequences: true)
            .map { $0.trimmedHTMLSpace() }
            .filter { !$0.isEmpty }
            .joined(separator: "\n")
    }
}

extension StringProtocol {
    /// Without HTML's spaces and line breaks at either end.
    func trimmedHTMLSpace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !HTMLFragment.isSpace($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !HTMLFragment.isSpace($0) })!
        var result = ""
        result.unicodeScalars.append(contentsOf: scalars[first...last])
        return result
    }
}

extension String {
    /// Line breaks made spaces: a heading or a link label is one line.
    func linesJoined() -> String {
        split(separator: "\n", omittingEmptySubsequences: true).joined(separator: " ")
    }
}
