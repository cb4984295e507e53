/// Walks an `HTMLFragment` tree and finds its blocks, collecting inline content into
/// paragraphs on the way.
struct BlockReducer {
    let target: HTMLReduction.Target

    private static let dropped: Set<String> = [
        "script", "style", "iframe", "noscript", "template", "object", "svg", "math", "head", "title", "select",
        "textarea", "button",
    ]

    mutating func blocks(of nodes: [HTMLNode]) -> [ReducedBlock] {
        var blocks: [ReducedBlock] = []
        var inline = InlineWriter(target: target)

        func flush() {
            let text = inline.finish()
            if !text.isEmpty { blocks.append(.paragraph(text)) }
            inline = InlineWriter(target: target)
        }

        for node in nodes {
            guard case .element(let element) = node else {
                inline.add(node, reducer: &self)
                continue
            }
            let name = element.name
            if Self.dropped.contains(name) { continue }
            switch name {
            case "p", "div", "section", "article", "aside", "header", "footer", "nav", "main", "address", "center",
                "details", "summary", "dl", "dt", "dd", "form", "fieldset", "table", "thead", "tbody", "tfoot", "tr",
                "caption", "figure":
                flush()
                blocks += self.blocks(of: element.children)
            case "figcaption":
                flush()
                var caption = InlineWriter(target: target)
                caption.addChildren(of: element, reducer: &self)
                let text = caption.finish()
                if !text.isEmpty {
                    blocks.append(.paragraph(target == .post ? InlineWriter.emphasised(text, marker: "*") : text))
                }
            case "h1", "h2", "h3", "h4", "h5", "h6":
                flush()
                var heading = InlineWriter(target: target)
                heading.addChildren(of: element, reducer: &self)
                let text = heading.finish().linesJoined()
                guard !text.isEmpty else { continue }
                if target == .post, let level = Int(name.dropFirst()) {
                    blocks.append(.heading(level, text))
                } else {
                    blocks.append(.paragraph(text))
                }
            case "blockquote":
                flush()
                let inner = self.blocks(of: element.children)
                if !inner.isEmpty { blocks.append(.quote(inner)) }
            case "ul", "ol":
                flush()
                blocks.append(contentsOf: list(element))
            case "li":
                // A list item outside a list: a line of its own.
                flush()
                blocks += self.blocks(of: element.children)
            case "pre":
                flush()
                var code = ""
                Self.collectRawText(of: element, into: &code)
                if code.hasPrefix("\r\n") {
                    code.removeFirst(2)
                } else if code.hasPrefix("\n") {
                    code.removeFirst()
                }
                while code.last == "\n" || code.last == " " { code.removeLast() }
                if !code.isEmpty { blocks.append(.code(code, language: Self.language(of: element))) }
            case "hr":
                flush()
                if target == .post { blocks.append(.rule) }
            default:
                inline.add(node, reducer: &self)
            }
        }
        flush()
        return blocks
    }

    private mutating func list(_ element: HTMLElement) -> [ReducedBlock] {
        var items: [[ReducedBlock]] = []
        var loose: [HTMLNode] = []
        for child in element.children {
            if case .element(let item) = child, item.name == "li" {
                if !loose.isEmpty {
                    let blocks = self.blocks(of: loose)
                    if !blocks.isEmpty { items.append(blocks) }
                    loose = []
                }
                let blocks = self.blocks(of: item.children)
                if !blocks.isEmpty { items.append(blocks) }
            } else {
                loose.append(child)
            }
        }
        if !loose.isEmpty {
            let blocks = self.blocks(of: loose)
            if !blocks.isEmpty { items.append(blocks) }
        }
        guard !items.isEmpty else { return [] }
        let start = element.name == "ol" ? Int(element.attributes["start"] ?? "").flatMap { (0...999_999).contains($0) ? $0 : nil } ?? 1 : 1
        return [.list(ordered: element.name == "ol", start: start, items: items)]
    }

    /// The text inside `pre`, as written: tags are dropped (a `br` is a line break), dropped
    /// elements are left out.
    static func collectRawText(of element: HTMLElement, into text: inout String) {
        for child in element.children {
            switch child {
            case .text(let value):
                text += value.split(separator: "\r\n", omittingEmptySubsequences: false).joined(separator: "\n")
            case .element(let inner):
                if inner.name == "br" {
                    text += "\n"
                } else if !dropped.contains(inner.name) {
                    collectRawText(of: inner, into: &text)
                }
            }
        }
    }

    /// `language-x` or `lang-x` on the `pre` or its `code`, when it is a plain word.
    private static func language(of pre: HTMLElement) -> String? {
        var classes = pre.attributes["class"] ?? ""
        for case .element(let code) in pre.children where code.name == "code" {
            classes += " " + (code.attributes["class"] ?? "")
        }
        for word in classes.split(separator: " ") {
            for prefix in ["language-", "lang-"] where word.hasPrefix(prefix) {
                let name = word.dropFirst(prefix.count)
                if !name.isEmpty, name.count <= 32,
                    name.unicodeScalars.allSatisfy({
                        $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "+-#".unicodeScalars.contains($0))
                    })
                {
                    return String(name)
                }
            }
        }
        return nil
    }
}
