/// Writes reduced blocks as the Markdown of the target: full Markdown for a post (read by
/// `PostMarkdown`), the comment formatter's small set for a comment (paragraphs, line breaks,
/// one level of `> ` quotes; lists and code blocks as lines of text).
struct MarkdownBlockWriter {
    let target: HTMLReduction.Target

    func write(_ blocks: [ReducedBlock]) -> String {
        blocks.map(write).filter { !$0.isEmpty }.joined(separator: "\n\n")
    }

    private func write(_ block: ReducedBlock) -> String {
        switch block {
        case .paragraph(let text):
            return target == .post ? Self.escapingLineStarts(text, hardBreaks: true) : text
        case .heading(let level, let text):
            return String(repeating: "#", count: min(max(level, 1), 6)) + " " + text
        case .code(let code, let language):
            return target == .post ? Self.fenced(code, language: language) : Self.codeLines(code)
        case .quote(let blocks):
            let inner = write(blocks)
            return inner.split(separator: "\n", omittingEmptySubsequences: false).map { line in
                if line.isEmpty { return ">" }
                // The comment formatter has one level of quote: a quote in a quote joins it.
                if target == .comment, line.hasPrefix(">") { return String(line) }
                return "> " + line
            }.joined(separator: "\n")
        case .list(let ordered, let start, let items):
            return items.enumerated().map { offset, item in
                let marker = ordered ? "\(start + offset). " : "- "
                let body = item.map(write).filter { !$0.isEmpty }.joined(separator: "\n")
                let indent = String(repeating: " ", count: marker.count)
                return body.split(separator: "\n", omittingEmptySubsequences: false).enumerated().map { index, line in
                    index == 0 ? marker + line : line.isEmpty ? "" : indent + line
                }.joined(separator: "\n")
            }.joined(separator: "\n")
        case .rule:
            return "---"
        }
    }

    /// A fenced block whose fence is longer than any run of backticks inside.
    private static func fenced(_ code: String, language: String?) -> String {
        var longestRun = 0
        var run = 0
        for character in code {
            run = character == "`" ? run + 1 : 0
            longestRun = max(longestRun, run)
        }
        let fence = String(repeating: "`", count: max(3, longestRun + 1))
        return fence + (language ?? "") + "\n" + code + "\n" + fence
    }

    /// Preformatted text in a comment: each line an inline code span, so the formatter shows
    /// it as code and line by line.
    private static func codeLines(_ code: String) -> String {
        code.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            let text = line.trimmedHTMLSpace()
            guard !text.isEmpty else { return "" }
            var longestRun = 0
            var run = 0
            for character in text {
                run = character == "`" ? run + 1 : 0
                longestRun = max(longestRun, run)
            }
            let fence = String(repeating: "`", count: longestRun + 1)
            let padding = text.first == "`" || text.last == "`" ? " " : ""
            return fence + padding + text + padding + fence
        }.filter { !$0.isEmpty }.joined(separator: "\n")
    }

    /// A paragraph's lines, escaped where Markdown would read the start of a line as a block
    /// (`#`, `-`, `+`, `=`, `1.`) and with Ink's hard line break between them.
    private static func escapingLineStarts(_ text: String, hardBreaks: Bool) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: true).map { line -> String in
            guard let first = line.unicodeScalars.first else { return "" }
            if "#-+=".unicodeScalars.contains(first) { return "\\" + line }
            let digits = line.unicodeScalars.prefix { ("0"..."9").contains($0) }
            if !digits.isEmpty, digits.count < line.unicodeScalars.count {
                let after = line.unicodeScalars[line.unicodeScalars.index(line.unicodeScalars.startIndex, offsetBy: digits.count)]
                if after == "." || after == ")" {
                    var escaped = ""
                    escaped.unicodeScalars.append(contentsOf: digits)
                    escaped += "\\" + String(line.dropFirst(digits.count))
                    return escaped
                }
            }
            return String(line)
        }.joined(separator: hardBreaks ? "\\\n" : "\n")
    }
}
