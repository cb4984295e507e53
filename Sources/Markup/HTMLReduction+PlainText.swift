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
