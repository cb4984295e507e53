import Domain

/// Turns the plain text of a reader's comment into the small, safe HTML the
/// discussion pages show.
///
/// The order of work is the security argument: the whole text is HTML-escaped
/// *first*, so after that step no character the reader typed can start a tag or end an
/// attribute. The formatter then only ever inserts a fixed set of tags of its own
/// (`p`, `br`, `a` with `href` and `rel`, `strong`, `em`, `code`, `blockquote`), and
/// every tag it opens it also closes, in order.
///
/// Supported formatting, kept deliberately small:
/// - a blank line starts a new paragraph, a single line break becomes `<br>`;
/// - `http://`, `https://` and `www.` addresses become links with
///   `rel="nofollow ugc noopener"` (no other scheme ever becomes a link);
/// - `**bold**`, `*italic*` and `_italic_` (markers pair within a paragraph, unpaired
///   markers stay as typed);
/// - `` `inline code` `` (nothing is formatted or linked inside code);
/// - lines starting with `> ` are a quote;
/// - an @mention (`MentionSyntax`) that names one of `mentions` links to that member's page,
///   `<a class="mention" href="/members/ID">`, the name as typed (outside code and links).
public enum CommentFormatter {
    /// The HTML for a comment's plain `text`. Returns an empty string for text that is
    /// empty once trailing whitespace is removed.
    ///
    /// Runs in time linear in the length of `text`: every scan moves forward and the
    /// emphasis matcher pops each marker at most once, so hostile input (thousands of
    /// `*`, `_` or backticks) cannot make rendering slow; a mention reads at most three
    /// words past its `@`.
    ///
    /// `mentions` are the members the text's @mentions were resolved against when it was
    /// written (`MentionTargets`); the HTML is stored, so the links never cost a read.
    public static func render(_ text: String, mentions: MentionTargets = .none) -> String {
        let cleaned = TextNormalization.trimmingTrailingWhitespace(TextNormalization.normalize(text))
        guard !cleaned.isEmpty else { return "" }

        // Escape first: from here on the formatter reads the escaped text, in which
        // `& < > " '` only occur as the entities HTMLEscaping produced.
        let escaped = HTMLEscaping.escape(cleaned)
        let lines = escaped.split(separator: "\n", omittingEmptySubsequences: false).map(Unit.units(ofEscapedLine:))

        var html = ""
        for block in Block.blocks(from: lines) {
            switch block {
            case .paragraph(let lines):
                html += "<p>" + InlineRenderer.render(lines, mentions: mentions) + "</p>"
            case .quote(let paragraphs):
                html += "<blockquote>"
                for lines in paragraphs {
                    html += "<p>" + InlineRenderer.render(lines, mentions: mentions) + "</p>"
                }
                html += "</blockquote>"
            }
        }
        return html
    }

    /// Where a mention links: the member's page (the web room's `Paths.member`).
    public static func memberPath(_ id: MemberID) -> String { "/members/\(id)" }

    /// A short plain-text version of `text` for places that cannot show formatting
    /// (notification subjects, page descriptions, moderation lists): runs of whitespace
    /// collapse to one space, and text longer than `maxLength` characters is cut at a
    /// word boundary and ends with "…" (the result, "…" included, is at most `maxLength`
    /// characters).
    ///
    /// The result is plain text, *not* HTML: escape it where it is put into markup.
    /// Bidirectional controls (`BidiControls`) are removed because an excerpt is shown
    /// inline, where they could reorder the surrounding interface text.
    public static func plainTextExcerpt(_ text: String, maxLength: Int) -> String {
        guard maxLength > 0 else { return "" }
        var scalars = String.UnicodeScalarView()
        for scalar in TextNormalization.normalize(text).unicodeScalars where !BidiControls.contains(scalar) {
            scalars.append(scalar)
        }
        let collapsed = String(scalars)
            .split(whereSeparator: { $0.isWhitespace })
            .joined(separator: " ")
        guard collapsed.count > maxLength else { return collapsed }
        guard maxLength > 1 else { return "…" }

        // Leave room for the ellipsis.
        let budget = maxLength - 1
        let hardEnd = collapsed.index(collapsed.startIndex, offsetBy: budget)
        var cut = collapsed[..<hardEnd]
        // Unless the cut already falls between two words, go back to the last space.
        if collapsed[hardEnd] != " ", let lastSpace = cut.lastIndex(of: " ") {
            cut = cut[..<lastSpace]
        }
        while let last = cut.last, last == " " || ",;:-–—".contains(last) {
            cut = cut.dropLast()
        }
        // A single word longer than the budget: cut inside it rather than return nothing.
        if cut.isEmpty { cut = collapsed[..<hardEnd] }
        return cut + "…"
    }
}

// MARK: - Units

/// One character of the *escaped* text: what the reader typed (for deciding what is
/// a marker, a space or part of an address) together with its already-escaped HTML
/// (the only thing ever copied to the output).
private struct Unit {
    let scalar: Unicode.Scalar
    let html: String

    /// The entities HTMLEscaping produces, mapped back to the character they stand for.
    private static let entities: [(name: [Unicode.Scalar], character: Unicode.Scalar)] = [
        (Array("amp;".unicodeScalars), "&"),
        (Array("lt;".unicodeScalars), "<"),
        (Array("gt;".unicodeScalars), ">"),
        (Array("quot;".unicodeScalars), "\""),
        (Array("#39;".unicodeScalars), "'"),
    ]

    static func units(ofEscapedLine line: Substring) -> [Unit] {
        let scalars = Array(line.unicodeScalars)
        var units: [Unit] = []
        units.reserveCapacity(scalars.count)
        var index = 0
        scan: while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "&" {
                for entity in entities where scalars[(index + 1)...].starts(with: entity.name) {
                    let end = index + 1 + entity.name.count
                    var html = ""
                    html.unicodeScalars.append(contentsOf: scalars[index..<end])
                    units.append(Unit(scalar: entity.character, html: html))
                    index = end
                    continue scan
                }
            }
            units.append(Unit(scalar: scalar, html: String(scalar)))
            index += 1
        }
        // Trailing spaces on a line carry no meaning and would only end up before a <br>.
        while let last = units.last, last.scalar.properties.isWhitespace {
            units.removeLast()
        }
        return units
    }

    var isWhitespace: Bool { scalar.properties.isWhitespace }
    var isAlphanumeric: Bool { scalar.properties.isAlphabetic || scalar.properties.numericType != nil }
}

// MARK: - Blocks

/// Paragraphs and quotes, found line by line.
private enum Block {
    /// Lines of one `<p>`.
    case paragraph([[Unit]])
    /// Paragraphs of one `<blockquote>` (an empty `>` line separates them).
    case quote([[[Unit]]])

    static func blocks(from lines: [[Unit]]) -> [Block] {
        var blocks: [Block] = []
        var paragraph: [[Unit]] = []
        var quoteParagraphs: [[[Unit]]] = []
        var quoteParagraph: [[Unit]] = []

        func flushParagraph() {
            if !paragraph.isEmpty { blocks.append(.paragraph(paragraph)) }
            paragraph = []
        }
        func flushQuote() {
            if !quoteParagraph.isEmpty { quoteParagraphs.append(quoteParagraph) }
            if !quoteParagraphs.isEmpty { blocks.append(.quote(quoteParagraphs)) }
            quoteParagraph = []
            quoteParagraphs = []
        }

        for line in lines {
            if line.allSatisfy(\.isWhitespace) {
                flushParagraph()
                flushQuote()
            } else if let content = quoteContent(of: line) {
                flushParagraph()
                if content.allSatisfy(\.isWhitespace) {
                    if !quoteParagraph.isEmpty { quoteParagraphs.append(quoteParagraph) }
                    quoteParagraph = []
                } else {
                    quoteParagraph.append(Array(content))
                }
            } else {
                flushQuote()
                paragraph.append(line)
            }
        }
        flushParagraph()
        flushQuote()
        return blocks
    }

    /// The text after `> ` when `line` is a quote line (`>` alone also counts, as an
    /// empty quote line), else nil.
    private static func quoteContent(of line: [Unit]) -> ArraySlice<Unit>? {
        var index = 0
        while index < line.count, line[index].scalar == " " || line[index].scalar == "\t" { index += 1 }
        guard index < line.count, line[index].scalar == ">" else { return nil }
        index += 1
        guard index < line.count else { return [] }
        guard line[index].scalar == " " || line[index].scalar == "\t" else { return nil }
        return line[(index + 1)...]
    }
}

// MARK: - Inline formatting

/// Code, links and emphasis inside one paragraph.
private enum InlineRenderer {
    private enum Token {
        /// Finished HTML (escaped text, a code span or a link).
        case html(String)
        /// An emphasis marker, by index into the delimiter list.
        case delimiter(Int)
        case lineBreak
    }

    private enum Role { case literal, opening, closing }

    private struct Delimiter {
        let marker: Unicode.Scalar
        /// 1 for italic, 2 for bold.
        var length: Int
        let canOpen: Bool
        let canClose: Bool
        /// The first half of a `***` run, whose other half is the next delimiter.
        var isFirstOfTriple = false
        var role = Role.literal

        /// Markers only pair with markers of the same character and length.
        var kind: Int { (marker == "*" ? 0 : 2) + (length - 1) }
        var tagName: String { length == 2 ? "strong" : "em" }
        var literal: String { String(repeating: String(marker), count: length) }
    }

    static func render(_ lines: [[Unit]], mentions: MentionTargets) -> String {
        var tokens: [Token] = []
        var delimiters: [Delimiter] = []
        for (number, line) in lines.enumerated() {
            if number > 0 { tokens.append(.lineBreak) }
            tokenize(line, into: &tokens, delimiters: &delimiters, mentions: mentions)
        }
        matchEmphasis(&delimiters)

        var html = ""
        for token in tokens {
            switch token {
            case .html(let text):
                html += text
            case .lineBreak:
                html += "<br>"
            case .delimiter(let index):
                let delimiter = delimiters[index]
                switch delimiter.role {
                case .literal: html += delimiter.literal
                case .opening: html += "<\(delimiter.tagName)>"
                case .closing: html += "</\(delimiter.tagName)>"
                }
            }
        }
        return html
    }

    /// Splits one line into escaped text, code spans, links, mentions and emphasis markers.
    private static func tokenize(_ line: [Unit], into tokens: inout [Token], delimiters: inout [Delimiter], mentions: MentionTargets) {
        let codeSpans = pairedBacktickRuns(in: line)
        // The characters as typed, which is what mentions are read from (`MentionSyntax`).
        let scalars = mentions.isEmpty ? [] : line.map(\.scalar)
        var text = ""
        func flushText() {
            if !text.isEmpty { tokens.append(.html(text)) }
            text = ""
        }

        var index = 0
        while index < line.count {
            let scalar = line[index].scalar

            if scalar == "`" {
                let runEnd = endOfRun(in: line, from: index)
                if let closingStart = codeSpans[index] {
                    flushText()
                    tokens.append(.html(codeHTML(line[runEnd..<closingStart])))
                    index = closingStart + (runEnd - index)
                } else {
                    for unit in line[index..<runEnd] { text += unit.html }
                    index = runEnd
                }
                continue
            }

            if let link = Autolink.match(in: line, at: index) {
                flushText()
                tokens.append(.html(link.html))
                index = link.end
                continue
            }

            if scalar == "@", !mentions.isEmpty, let candidate = MentionSyntax.candidate(in: scalars, at: index),
                let named = candidate.resolve(mentions)
            {
                flushText()
                let end = candidate.wordEnds[named.words - 1]
                // The name as typed, already escaped; the address is made of the member's id alone.
                let name = line[index..<end].map(\.html).joined()
                tokens.append(.html("<a class=\"mention\" href=\"\(CommentFormatter.memberPath(named.member))\">\(name)</a>"))
                index = end
                continue
            }

            if scalar == "*" || scalar == "_" {
                let runEnd = endOfRun(in: line, from: index)
                let count = runEnd - index
                let before = index > 0 ? line[index - 1] : nil
                let after = runEnd < line.count ? line[runEnd] : nil
                var canOpen = !(after?.isWhitespace ?? true)
                var canClose = !(before?.isWhitespace ?? true)
                if scalar == "_" {
                    // snake_case_words stay as they are: `_` never opens or closes inside a word.
                    canOpen = canOpen && !(before?.isAlphanumeric ?? false)
                    canClose = canClose && !(after?.isAlphanumeric ?? false)
                }
                // Runs longer than `***` are never formatting; they stay literal, which also
                // keeps a wall of markers cheap.
                if count <= 3, canOpen || canClose {
                    flushText()
                    // `***` is a bold and an italic marker; which one comes first is
                    // decided when matching (see matchEmphasis).
                    let lengths = count == 3 ? [2, 1] : [count]
                    for (part, length) in lengths.enumerated() {
                        var delimiter = Delimiter(marker: scalar, length: length, canOpen: canOpen, canClose: canClose)
                        delimiter.isFirstOfTriple = count == 3 && part == 0
                        delimiters.append(delimiter)
                        tokens.append(.delimiter(delimiters.count - 1))
                    }
                } else {
                    for unit in line[index..<runEnd] { text += unit.html }
                }
                index = runEnd
                continue
            }

            text += line[index].html
            index += 1
        }
        flushText()
    }

    /// Pairs each opener with the nearest earlier-opened marker of the same kind, the
    /// way a stack of open tags works; openers skipped over stay literal. Each marker
    /// is pushed and popped at most once, so this is linear, and the pairs it makes are
    /// always properly nested.
    private static func matchEmphasis(_ delimiters: inout [Delimiter]) {
        var stack: [Int] = []
        var openCount = [0, 0, 0, 0]
        for index in delimiters.indices {
            if delimiters[index].isFirstOfTriple, delimiters[index].canClose {
                // A closing `***` closes the innermost open marker first: `</em></strong>`
                // after `**…*…`, `</strong></em>` after `*…**…`.
                // (Searched only when such a marker is open; the markers searched past are
                // then popped by the match, so this stays linear.)
                let marker = delimiters[index].marker
                let base = marker == "*" ? 0 : 2
                if openCount[base] + openCount[base + 1] > 0,
                    let innermost = stack.last(where: { delimiters[$0].marker == marker })
                {
                    delimiters[index].length = delimiters[innermost].length
                    delimiters[index + 1].length = 3 - delimiters[innermost].length
                }
            }
            let kind = delimiters[index].kind
            if delimiters[index].canClose, openCount[kind] > 0 {
                while let top = stack.popLast() {
                    let topKind = delimiters[top].kind
                    openCount[topKind] -= 1
                    if topKind == kind {
                        delimiters[top].role = .opening
                        delimiters[index].role = .closing
                        break
                    }
                }
                continue
            }
            if delimiters[index].canOpen {
                stack.append(index)
                openCount[kind] += 1
            }
        }
    }

    private static func endOfRun(in line: [Unit], from start: Int) -> Int {
        var end = start
        while end < line.count, line[end].scalar == line[start].scalar { end += 1 }
        return end
    }

    /// For every backtick run that opens a code span, the start of the run closing it:
    /// the next run on the line with the same number of backticks. Computed in one pass
    /// from the right, so unmatched runs cost nothing extra.
    private static func pairedBacktickRuns(in line: [Unit]) -> [Int: Int] {
        var runs: [(start: Int, length: Int)] = []
        var index = 0
        while index < line.count {
            if line[index].scalar == "`" {
                let end = endOfRun(in: line, from: index)
                runs.append((index, end - index))
                index = end
            } else {
                index += 1
            }
        }
        guard runs.count > 1 else { return [:] }

        return CodeSpanPairing.pairs(of: runs)
    }

    /// A code span: its (already escaped) content verbatim, with one surrounding space
    /// removed so that `` ` `` can be quoted as `` `` ` `` ``.
    private static func codeHTML(_ content: ArraySlice<Unit>) -> String {
        var content = content
        if content.count >= 2, content.first?.scalar == " ", content.last?.scalar == " ",
            content.contains(where: { $0.scalar != " " })
        {
            content = content.dropFirst().dropLast()
        }
        return "<code>" + content.map(\.html).joined() + "</code>"
    }
}

// MARK: - Links

/// Web addresses in comment text.
private enum Autolink {
    static let rel = "nofollow ugc noopener"

    /// The link starting at `start`, if an `http://`, `https://` or `www.` address
    /// starts there.
    static func match(in line: [Unit], at start: Int) -> (html: String, end: Int)? {
        let first = line[start].scalar
        guard first == "h" || first == "H" || first == "w" || first == "W" else { return nil }
        // Only at the start of a word: "xhttp://" or "a.www.b" are not addresses.
        if start > 0 {
            let previous = line[start - 1]
            if previous.isAlphanumeric || "/.@-_:&".unicodeScalars.contains(previous.scalar) { return nil }
        }

        let prefixLength: Int
        let addsScheme: Bool
        if hasPrefix(line, at: start, "https://") {
            prefixLength = 8; addsScheme = false
        } else if hasPrefix(line, at: start, "http://") {
            prefixLength = 7; addsScheme = false
        } else if hasPrefix(line, at: start, "www.") {
            prefixLength = 4; addsScheme = true
        } else {
            return nil
        }
        let bodyStart = start + prefixLength
        // The host must start with a letter or digit (or "[" for an IPv6 literal).
        guard bodyStart < line.count,
            line[bodyStart].isAlphanumeric || (!addsScheme && line[bodyStart].scalar == "[")
        else { return nil }

        var end = bodyStart
        var parenBalance = 0
        var bracketBalance = 0
        while end < line.count, isAddressCharacter(line[end].scalar) {
            switch line[end].scalar {
            case "(": parenBalance += 1
            case ")": parenBalance -= 1
            case "[": bracketBalance += 1
            case "]": bracketBalance -= 1
            default: break
            }
            end += 1
        }
        // Punctuation that ends a sentence is not part of the address; a closing
        // bracket only is when the address opened one ("…/Foo_(bar)").
        while end > bodyStart {
            let last = line[end - 1].scalar
            if ".,!?:;*_'~".unicodeScalars.contains(last) {
                end -= 1
            } else if last == ")", parenBalance < 0 {
                parenBalance += 1
                end -= 1
            } else if last == "]", bracketBalance < 0 {
                bracketBalance += 1
                end -= 1
            } else {
                break
            }
        }
        guard end > bodyStart else { return nil }

        // The units carry escaped HTML, so the address is already safe inside a quoted
        // attribute (`&`, `'`, `"`, `<`, `>` are entities) and as visible text.
        let visible = line[start..<end].map(\.html).joined()
        let href = (addsScheme ? "https://" : "") + visible
        return ("<a href=\"\(href)\" rel=\"\(rel)\">\(visible)</a>", end)
    }

    private static func hasPrefix(_ line: [Unit], at start: Int, _ prefix: String) -> Bool {
        var index = start
        for expected in prefix.unicodeScalars {
            guard index < line.count else { return false }
            let actual = line[index].scalar
            guard actual == expected || (actual.properties.lowercaseMapping == String(expected) && actual.isASCII) else {
                return false
            }
            index += 1
        }
        return true
    }

    /// Characters an address may contain: no spaces, no control or invisible
    /// formatting characters (bidi overrides, zero-width joiners, which could disguise
    /// where a link goes), and none of `<`, `>`, `"` or a backtick.
    private static func isAddressCharacter(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.properties.isWhitespace { return false }
        switch scalar.properties.generalCategory {
        case .control, .format, .unassigned, .lineSeparator, .paragraphSeparator, .surrogate:
            return false
        default:
            break
        }
        return !"<>\"`".unicodeScalars.contains(scalar)
    }
}
