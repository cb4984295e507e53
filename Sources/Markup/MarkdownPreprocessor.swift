/// Rewrites a writer's Markdown before Ink sees it, so that Ink only has to handle the
/// harmless part of its job (headings, lists, emphasis, tables, well-formed links).
///
/// Found by experiment with Ink 0.6 (see PostMarkdownTests and InkBehaviourTests):
/// - raw HTML (`<script>`, `<img onerror=…>`) is copied to the output verbatim, and an
///   unclosed tag swallows the rest of the document as raw HTML;
/// - link and image URLs are copied into `href`/`src` unchecked and unescaped, so a `"`
///   in a URL or in image alt text breaks out of the attribute, and `javascript:` URLs
///   pass through;
/// - unmatched `[` make Ink backtrack exponentially (20 of them take seconds, a few
///   thousand overflow the stack and crash the process), and runs of `&` are quadratic;
/// - backslashes are dropped (`C:\Users` becomes `C:Users`), `a_b_c` gets italics, and a
///   body starting with a `---` line is swallowed as metadata;
/// - inside code spans and fenced blocks Ink escapes `<`, `>` and `&` itself, so code
///   must not be pre-escaped or it would show `&amp;lt;`.
///
/// So this step takes code out entirely (placeholders, rendered by the sanitizer),
/// turns every other `<`, stray `&`, `"`, escaped character and bracket that is not
/// part of a well-formed link into a character reference Ink passes through as text,
/// and percent-encodes the characters of link destinations that could end an
/// attribute. Whatever slips through is still caught by `PostHTMLSanitizer`.
enum MarkdownPreprocessor {
    /// A fenced code block, rendered by the sanitizer in place of its placeholder.
    struct CodeBlock {
        var language: String?
        var code: String
    }

    /// An inline code span: its content, and the Markdown it came from (used when a
    /// span ends up inside an attribute, where markup is not possible).
    struct CodeSpan {
        var code: String
        var source: String
    }

    struct Result {
        var markdown: String
        var codeSpans: [CodeSpan]
        var codeBlocks: [CodeBlock]
    }

    static func prepare(_ text: String) -> Result {
        var result = Result(markdown: "", codeSpans: [], codeBlocks: [])
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var output: [String] = []
        output.reserveCapacity(lines.count)

        var index = 0
        var hasContent = false
        while index < lines.count {
            let line = lines[index]
            defer { hasContent = hasContent || !line.allSatisfy(\.isWhitespace) }
            if let fence = openingFence(line) {
                var code: [String] = []
                var next = index + 1
                while next < lines.count, !isClosingFence(lines[next], length: fence.length) {
                    code.append(removingIndentation(lines[next], upTo: fence.indentation))
                    next += 1
                }
                result.codeBlocks.append(CodeBlock(language: fence.language, code: code.joined(separator: "\n")))
                // Blank lines around the placeholder make it a paragraph of its own, which
                // the sanitizer replaces as a whole by <pre><code>…</code></pre>.
                output.append("")
                output.append(placeholder("B", result.codeBlocks.count - 1))
                output.append("")
                index = next + 1
                continue
            }
            if line.trimmingSpaces() == "---", !hasContent {
                // Ink reads a document starting with `---` as metadata and drops it;
                // `***` is the same horizontal rule without that trap.
                output.append("***")
            } else {
                var rewriter = LineRewriter(line, firstCodeSpanNumber: result.codeSpans.count)
                output.append(rewriter.rewrite())
                result.codeSpans += rewriter.codeSpans
            }
            index += 1
        }
        result.markdown = output.joined(separator: "\n")
        return result
    }

    static func placeholder(_ kind: Character, _ number: Int) -> String {
        var text = String(TextNormalization.placeholderOpen)
        text.append(kind)
        text += String(number)
        text.unicodeScalars.append(TextNormalization.placeholderClose)
        return text
    }

    // MARK: Fences

    private static func openingFence(_ line: Substring) -> (length: Int, language: String?, indentation: Int)? {
        let indentation = line.prefix(while: { $0 == " " || $0 == "\t" }).count
        let rest = line.dropFirst(indentation)
        let length = rest.prefix(while: { $0 == "`" }).count
        guard length >= 3 else { return nil }
        let info = rest.dropFirst(length).trimmingSpaces()
        // "```code```" on one line is inline code, not a fence.
        guard !info.contains("`") else { return nil }
        let word = info.prefix(while: { !$0.isWhitespace })
        let isCleanLanguage =
            !word.isEmpty && word.count <= 32
            && word.unicodeScalars.allSatisfy {
                $0.isASCII && ($0.properties.isAlphabetic || $0.properties.numericType != nil || "_+#.-".unicodeScalars.contains($0))
            }
        return (length, isCleanLanguage ? String(word) : nil, indentation)
    }

    private static func isClosingFence(_ line: Substring, length: Int) -> Bool {
        let trimmed = line.trimmingSpaces()
        return trimmed.count >= length && trimmed.allSatisfy { $0 == "`" }
    }

    private static func removingIndentation(_ line: Substring, upTo count: Int) -> String {
        var line = line
        var removed = 0
        while removed < count, let first = line.first, first == " " || first == "\t" {
            line = line.dropFirst()
            removed += 1
        }
        return String(line)
    }
}

private extension Substring {
    func trimmingSpaces() -> Substring {
        var result = self
        while let first = result.first, first == " " || first == "\t" { result = result.dropFirst() }
        while let last = result.last, last == " " || last == "\t" { result = result.dropLast() }
        return result
    }
}

// MARK: - One line

/// Rewrites one line outside fenced code. Works on Unicode scalars so that a `<` or
/// `&` carrying a combining mark is still found.
private struct LineRewriter {
    /// A scalar Ink may read as syntax, or text that is already final for Ink (a
    /// character reference or a code placeholder, which Ink copies through).
    enum Piece {
        case raw(Unicode.Scalar)
        case literal(String)
    }

    private let scalars: [Unicode.Scalar]
    /// The number the first code span of this line gets in the document's list.
    private let firstCodeSpanNumber: Int
    /// This line's code spans, in order.
    private(set) var codeSpans: [MarkdownPreprocessor.CodeSpan] = []
    private var pieces: [Piece] = []
    /// For each raw `(`, the index of its balanced raw `)`.
    private var matchingParenthesis: [Int: Int] = [:]
    /// For each index, the first raw `[` or `]` at or after it.
    private var nextBracket: [Int?] = []

    init(_ line: Substring, firstCodeSpanNumber: Int) {
        self.scalars = Array(line.unicodeScalars)
        self.firstCodeSpanNumber = firstCodeSpanNumber
    }

    mutating func rewrite() -> String {
        splitOutCodeAndEscapes()
        indexBrackets()
        if let declaration = rewriteURLDeclaration() { return declaration }
        return emit(0..<pieces.count)
    }

    // MARK: Pass 1: code spans and backslash escapes

    private mutating func splitOutCodeAndEscapes() {
        let pairs = pairedBacktickRuns()
        pieces.reserveCapacity(scalars.count)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "\\" {
                if index + 1 < scalars.count, Self.isASCIIPunctuation(scalars[index + 1]) {
                    // A Markdown escape: the character, as text Ink will not interpret.
                    pieces.append(.literal(Self.reference(scalars[index + 1])))
                    index += 2
                } else if index + 1 == scalars.count {
                    // A backslash ending a line is Ink's hard line break; keep it.
                    pieces.append(.raw(scalar))
                    index += 1
                } else {
                    // Ink would silently drop it (C:\Users → C:Users).
                    pieces.append(.literal(Self.reference(scalar)))
                    index += 1
                }
                continue
            }
            if scalar == "`" {
                let runEnd = endOfBacktickRun(from: index)
                if let closing = pairs[index] {
                    let length = runEnd - index
                    var content = scalars[runEnd..<closing]
                    if content.count >= 2, content.first == " ", content.last == " ",
                        content.contains(where: { $0 != " " })
                    {
                        content = content.dropFirst().dropLast()
                    }
                    var code = "", source = ""
                    code.unicodeScalars.append(contentsOf: content)
                    source.unicodeScalars.append(contentsOf: scalars[index..<(closing + length)])
                    codeSpans.append(.init(code: code, source: source))
                    pieces.append(.literal(MarkdownPreprocessor.placeholder("C", firstCodeSpanNumber + codeSpans.count - 1)))
                    index = closing + length
                } else {
                    for _ in index..<runEnd { pieces.append(.literal("&#96;")) }
                    index = runEnd
                }
                continue
            }
            pieces.append(.raw(scalar))
            index += 1
        }
    }

    /// Opening run start → closing run start, pairing each run with the next run of
    /// the same length (CommonMark's rule), skipping backslash-escaped characters the
    /// same way pass 1 does. Linear: the next run of each length is found from the right.
    private func pairedBacktickRuns() -> [Int: Int] {
        var runs: [(start: Int, length: Int)] = []
        var index = 0
        while index < scalars.count {
            if scalars[index] == "\\", index + 1 < scalars.count, Self.isASCIIPunctuation(scalars[index + 1]) {
                index += 2
            } else if scalars[index] == "`" {
                let end = endOfBacktickRun(from: index)
                runs.append((index, end - index))
                index = end
            } else {
                index += 1
            }
        }
        guard runs.count > 1 else { return [:] }
        return CodeSpanPairing.pairs(of: runs)
    }

    private func endOfBacktickRun(from start: Int) -> Int {
        var end = start
        while end < scalars.count, scalars[end] == "`" { end += 1 }
        return end
    }

    // MARK: Pass 2: links

    private func isRaw(_ index: Int, _ scalar: Unicode.Scalar) -> Bool {
        guard index >= 0, index < pieces.count, case .raw(let value) = pieces[index] else { return false }
        return value == scalar
    }

    private mutating func indexBrackets() {
        var open: [Int] = []
        for index in pieces.indices {
            if isRaw(index, "(") {
                open.append(index)
            } else if isRaw(index, ")"), let opening = open.popLast() {
                matchingParenthesis[opening] = index
            }
        }
        nextBracket = [Int?](repeating: nil, count: pieces.count + 1)
        var next: Int? = nil
        for index in pieces.indices.reversed() {
            if isRaw(index, "[") || isRaw(index, "]") { next = index }
            nextBracket[index] = next
        }
    }

    private struct LinkShape {
        var text: Range<Int>
        /// `(url)` content, or nil for a `[reference]`.
        var destination: Range<Int>?
        var reference: Range<Int>?
        var end: Int
    }

    /// The link (or image, with `allowsNestedImage` false) whose `[` is at `start`, if
    /// it is well-formed: text without brackets (except one level of images inside a
    /// link), then `(destination)` or `[reference]` on the same line. Anything else is
    /// not given to Ink as a link, which is what keeps Ink from backtracking.
    private func link(at start: Int, allowsNestedImage: Bool) -> LinkShape? {
        var cursor = start + 1
        var textEnd: Int?
        while textEnd == nil {
            guard let bracket = nextBracket[cursor] else { return nil }
            if isRaw(bracket, "]") {
                textEnd = bracket
            } else if allowsNestedImage, bracket - 1 >= cursor, isRaw(bracket - 1, "!"),
                let image = link(at: bracket, allowsNestedImage: false)
            {
                cursor = image.end
            } else {
                return nil
            }
        }
        guard let textEnd else { return nil }
        let after = textEnd + 1
        if isRaw(after, "("), let closing = matchingParenthesis[after] {
            return LinkShape(text: (start + 1)..<textEnd, destination: (after + 1)..<closing, end: closing + 1)
        }
        if isRaw(after, "["), let bracket = nextBracket[after + 1], isRaw(bracket, "]") {
            return LinkShape(text: (start + 1)..<textEnd, reference: (after + 1)..<bracket, end: bracket + 1)
        }
        return nil
    }

    /// `[name]: url` on a line of its own, Ink's reference definition.
    private func rewriteURLDeclaration() -> String? {
        var index = 0
        while isRaw(index, " ") || isRaw(index, "\t") { index += 1 }
        guard isRaw(index, "["), let close = nextBracket[index + 1], isRaw(close, "]"), close > index + 1,
            isRaw(close + 1, ":"), isRaw(close + 2, " ") || isRaw(close + 2, "\t")
        else { return nil }
        var urlStart = close + 2
        while isRaw(urlStart, " ") || isRaw(urlStart, "\t") { urlStart += 1 }
        return "[" + emitText((index + 1)..<close) + "]: " + emitDestination(urlStart..<pieces.count)
    }

    // MARK: Pass 3: output

    private func emit(_ range: Range<Int>) -> String {
        var output = ""
        var index = range.lowerBound
        while index < range.upperBound {
            let isImage = isRaw(index, "!") && isRaw(index + 1, "[")
            let bracket = isImage ? index + 1 : index
            if isRaw(bracket, "["), let shape = link(at: bracket, allowsNestedImage: !isImage), shape.end <= range.upperBound {
                output += isImage ? "![" : "["
                output += emit(shape.text) + "]"
                if let destination = shape.destination {
                    output += "(" + emitDestination(destination) + ")"
                } else if let reference = shape.reference {
                    output += "[" + emitText(reference) + "]"
                }
                index = shape.end
                continue
            }
            output += emitPiece(at: index, in: range)
            index += 1
        }
        return output
    }

    /// Text where brackets cannot start anything (reference names).
    private func emitText(_ range: Range<Int>) -> String {
        range.map { emitPiece(at: $0, in: range) }.joined()
    }

    private func emitPiece(at index: Int, in range: Range<Int>) -> String {
        guard case .raw(let scalar) = pieces[index] else {
            if case .literal(let text) = pieces[index] { return text }
            return ""
        }
        switch scalar {
        case "<": return "&lt;"
        case "\"": return "&quot;"
        case "[", "]": return Self.reference(scalar)
        case "&": return startsCharacterReference(at: index, in: range) ? "&" : "&amp;"
        case "_":
            // Ink would italicise snake_case_words; CommonMark does not.
            if index > range.lowerBound, index + 1 < range.upperBound,
                case .raw(let before) = pieces[index - 1], case .raw(let after) = pieces[index + 1],
                Self.isAlphanumeric(before), Self.isAlphanumeric(after)
            {
                return "&#95;"
            }
            return "_"
        default:
            return String(scalar)
        }
    }

    /// A link destination: the title (`url "title"`) is dropped because Ink would put it
    /// inside the `href`, and characters that could end the attribute or the tag are
    /// percent-encoded.
    private func emitDestination(_ range: Range<Int>) -> String {
        var end = range.upperBound
        var start = range.lowerBound
        while start < end, isRaw(start, " ") || isRaw(start, "\t") { start += 1 }
        while end > start, isRaw(end - 1, " ") || isRaw(end - 1, "\t") { end -= 1 }
        // url "title" / url 'title'
        if end - start >= 2, let quote = [Unicode.Scalar("\""), "'"].first(where: { isRaw(end - 1, $0) }) {
            var cursor = end - 2
            while cursor > start, !isRaw(cursor, quote) { cursor -= 1 }
            if cursor > start, isRaw(cursor - 1, " ") || isRaw(cursor - 1, "\t") {
                end = cursor
                while end > start, isRaw(end - 1, " ") || isRaw(end - 1, "\t") { end -= 1 }
            }
        }
        var output = ""
        for index in start..<end {
            switch pieces[index] {
            case .literal(let text):
                output += text
            case .raw(let scalar):
                switch scalar {
                case "\"": output += "%22"
                case "<": output += "%3C"
                case ">": output += "%3E"
                case " ": output += "%20"
                case "\t": output += "%09"
                default: output.unicodeScalars.append(scalar)
                }
            }
        }
        return output
    }

    /// Whether the `&` at `index` starts `&name;`, `&#123;` or `&#x1F;`, which Ink copies
    /// through and the browser shows as the character. Looks at most 33 pieces ahead.
    private func startsCharacterReference(at index: Int, in range: Range<Int>) -> Bool {
        func raw(_ offset: Int) -> Unicode.Scalar? {
            let position = index + offset
            guard position < range.upperBound, case .raw(let scalar) = pieces[position] else { return nil }
            return scalar
        }
        var offset = 1
        if raw(1) == "#" {
            offset = 2
            var isHex = false
            if raw(2) == "x" || raw(2) == "X" { isHex = true; offset = 3 }
            let digitsStart = offset
            while let scalar = raw(offset), scalar.isASCII,
                isHex ? scalar.properties.isASCIIHexDigit : ("0"..."9").contains(scalar)
            {
                offset += 1
                if offset - digitsStart > 7 { return false }
            }
            return offset > digitsStart && raw(offset) == ";"
        }
        while let scalar = raw(offset), scalar.isASCII, Self.isAlphanumeric(scalar) {
            offset += 1
            if offset > 33 { return false }
        }
        return offset > 1 && raw(offset) == ";"
    }

    // MARK: Helpers

    private static func reference(_ scalar: Unicode.Scalar) -> String {
        "&#\(scalar.value);"
    }

    private static func isASCIIPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII && "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~".unicodeScalars.contains(scalar)
    }

    private static func isAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }
}
