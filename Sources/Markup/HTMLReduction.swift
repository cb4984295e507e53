/// Foreign HTML (imported comments and posts) reduced to Markdown that Parley's own renderers
/// turn back into safe HTML: what is kept is what they allow, the rest is text, and a script is
/// never kept as anything.
///
/// The result is only ever input to `CommentFormatter` (for `.comment`) or `PostMarkdown` (for
/// `.post`), which escape and filter again; this step is about keeping the meaning, not about
/// safety. It still never turns an unsafe URL into a link or an image.
public enum HTMLReduction {
    /// What the reduced text is for: a comment keeps the comment formatter's set; a post also
    /// keeps headings, images, rules and figures.
    public enum Target: Sendable {
        case comment, post
    }

    /// The Markdown for `html`: paragraphs, line breaks, links with safe URLs, emphasis, code,
    /// quotes and lists; for a post also headings, images, rules and figure captions. Script,
    /// style and frame elements are dropped with their content; every other element becomes
    /// its text.
    public static func markdown(fromHTML html: String, for target: Target) -> String {
        let root = HTMLFragment.parse(html)
        var reducer = BlockReducer(target: target)
        let blocks = reducer.blocks(of: root.children)
        let writer = MarkdownBlockWriter(target: target)
        var blocksToWrite = blocks[...]
        // A post starting with a rule would start with `---`, which Ink reads as metadata.
        while target == .post, case .rule = blocksToWrite.first { blocksToWrite = blocksToWrite.dropFirst() }
        return writer.write(Array(blocksToWrite))
    }
}

extension HTMLReduction {
    /// The text a browser would show for `html`, on one line: tags dropped (scripts and styles
    /// with their content), references decoded, whitespace collapsed. For titles that exports
    /// keep HTML-escaped (WordPress writes `Tom &amp; Jerry` inside CDATA).
    public static func plainText(fromHTML html: String) -> String {
        guard html.contains("<") || html.contains("&") else {
            return html.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        }
        var text = ""
        func collect(_ element: HTMLElement) {
            for child in element.children {
                switch child {
                case .text(let value): text += value
                case .element(let inner):
                    if HTMLFragment.rawTextElements.contains(inner.name) { continue }
                    let isBlock = HTMLFragment.blockElements.contains(inner.name) || inner.name == "br"
                    if isBlock { text += " " }
                    collect(inner)
                    if isBlock { text += " " }
                }
            }
        }
        collect(HTMLFragment.parse(html))
        return text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}

/// A block of reduced content, before it is written out as Markdown.
indirect enum ReducedBlock {
    /// Inline Markdown; `\n` is a line break.
    case paragraph(String)
    case heading(Int, String)
    case code(String, language: String?)
    case quote([ReducedBlock])
    case list(ordered: Bool, start: Int, items: [[ReducedBlock]])
    case rule
}
