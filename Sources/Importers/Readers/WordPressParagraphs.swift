/// WordPress stores a comment as typed, with HTML allowed, and makes paragraphs of its blank
/// lines and `<br>` of its single line breaks only when showing it. This does the same before
/// the text is read as HTML, where line breaks would otherwise be lost as whitespace.
enum WordPressParagraphs {
    /// Tags that start a block of their own: such a chunk is not wrapped in a paragraph.
    private static let blockStarts = [
        "<p", "<div", "<blockquote", "<ul", "<ol", "<li", "<pre", "<table", "<h1", "<h2", "<h3", "<h4", "<h5", "<h6",
        "<hr", "<figure",
    ]

    static func html(_ text: String) -> String {
        let unified = text.split(separator: "\r\n", omittingEmptySubsequences: false).joined(separator: "\n")
        var chunks: [String] = []
        var current: [Substring] = []
        for line in unified.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.allSatisfy(\.isWhitespace) {
                if !current.isEmpty { chunks.append(chunk(current)) }
                current = []
            } else {
                current.append(line)
            }
        }
        if !current.isEmpty { chunks.append(chunk(current)) }
        return chunks.joined(separator: "\n")
    }

    private static func chunk(_ lines: [Substring]) -> String {
        let first = lines[0].drop { $0 == " " || $0 == "\t" }.lowercased()
        if blockStarts.contains(where: { first.hasPrefix($0) }) {
            return lines.joined(separator: "\n")
        }
        return "<p>" + lines.joined(separator: "<br>\n") + "</p>"
    }
}
