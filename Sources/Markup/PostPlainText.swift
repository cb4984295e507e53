/// A post as readable plain text, made from the HTML `PostMarkdown` rendered (never from the
/// Markdown: a reader of the text part of a letter must not see `**`, `[text](url)` or `#`).
///
/// Paragraphs are separated by a blank line, headings stand on their own line, list items
/// start with "-" or their number, quotes with "> ", code blocks keep their lines indented,
/// and a link's text is followed by a number in brackets whose address is listed under
/// "Links" at the end. Images become their alt text in brackets.
///
/// It reads only what the sanitiser writes (known tags, double-quoted and escaped attribute
/// values), so a small scanner is enough.
public struct PostPlainText: Sendable, Equatable {
    /// The text, without the list of links.
    public var body: String
    /// Every link's address, in the order of the numbers in `body` (relative ones made absolute).
    public var links: [String]

    /// The text with its links listed at the end under `linksHeading`.
    public func rendered(linksHeading: String = "Links") -> String {
        guard !links.isEmpty else { return body }
        let list = links.enumerated().map { "[\($0.offset + 1)] \($0.element)" }
        return body + "\n\n" + linksHeading + ":\n" + list.joined(separator: "\n")
    }

    /// `html` (a post's sanitised HTML) as plain text. A link to a path of the site ("/p/x")
    /// is listed as `baseURL` + path, so it works from a mail reader.
    public static func make(html: String, baseURL: String = "") -> PostPlainText {
        var writer = Writer(baseURL: baseURL)
        writer.read(html)
        return PostPlainText(body: writer.finish(), links: writer.links)
    }

    /// The opening of a post as one line of plain text: its first paragraph (the one under the
    /// heading when it opens with one), at most `limit` characters ("…" ending a cut one). What
    /// the archive shows of a post anyone may read.
    public static func excerpt(html: String, limit: Int = 280) -> String {
        opening(html: html, limit: limit, halfAtMost: false)
    }

    /// The excerpt, and never more than half of the whole post, so a short post is not given
    /// away by it: what pages, feeds and search show of a subscribers-only post to readers who
    /// may not read it, and the only words of its body search lets them find it by.
    public static func teaser(html: String, limit: Int = 280) -> String {
        opening(html: html, limit: limit, halfAtMost: true)
    }

    private static func opening(html: String, limit: Int, halfAtMost: Bool) -> String {
        let paragraphs = make(html: html).body.components(separatedBy: "\n\n").map {
            $0.split(whereSeparator: \.isNewline).joined(separator: " ")
        }.filter { !$0.isEmpty }
        guard let first = paragraphs.first else { return "" }
        // A heading's rule ("=====") is not words.
        let words = first.split(separator: " ")
        let isHeading = words.count > 1 && (words.last.map { $0.allSatisfy { $0 == "=" || $0 == "-" } } ?? false)
        // A heading's words run into the paragraph's in one line ("Before Every Friday..."): the paragraph alone reads better.
        let opening = isHeading && paragraphs.count > 1 ? paragraphs[1] : first
        let whole = paragraphs.joined(separator: " ").count
        let length = halfAtMost ? min(limit, whole / 2 + 1) : limit
        return CommentFormatter.plainTextExcerpt(opening, maxLength: max(1, length))
    }
}

extension PostPlainText {
    /// Walks the sanitised HTML once, writing text as it goes.
    fileprivate struct Writer {
        let baseURL: String
        var links: [String] = []
        private var blocks: [String] = []
        private var line = ""
        /// The prefix of every line of the current block ("> " in a quote, the indent of a list).
        private var quoteDepth = 0
        private var lists: [(ordered: Bool, next: Int)] = []
        private var inPre = false
        private var linkStack: [(href: String?, textStart: String.Index)] = []
        private var cellCount = 0

        init(baseURL: String) { self.baseURL = baseURL }

        mutating func read(_ html: String) {
            var rest = Substring(html)
            while let open = rest.firstIndex(of: "<") {
                text(rest[..<open])
                guard let close = rest[open...].firstIndex(of: ">") else {
                    rest = rest[open...]
                    break
                }
                tag(rest[rest.index(after: open)..<close])
                rest = rest[rest.index(after: close)...]
            }
            text(rest)
        }

        mutating func finish() -> String {
            endBlock()
            return blocks.joined(separator: "\n\n")
        }

        // MARK: Text

        private mutating func text(_ raw: Substring) {
            guard !raw.isEmpty else { return }
            let decoded = EntityDecoder.decode(raw.unicodeScalars)
            if inPre {
                line += decoded
                return
            }
            // Outside code, white space (line breaks of the source included) is one space.
            for character in decoded {
                if character.isWhitespace {
                    if !line.isEmpty, line.last != " ", line.last != "\n" { line.append(" ") }
                } else {
                    line.append(character)
                }
            }
        }

        // MARK: Tags

        private mutating func tag(_ source: Substring) {
            let isEnd = source.hasPrefix("/")
            let nameAndAttributes = isEnd ? source.dropFirst() : source
            let name = String(nameAndAttributes.prefix { $0 != " " && $0 != "/" }).lowercased()
            switch (name, isEnd) {
            case ("p", false), ("h1", false), ("h2", false), ("h3", false), ("h4", false), ("h5", false), ("h6", false),
                ("table", false):
                endBlock()
            case ("p", true), ("table", true):
                endBlock()
            case ("h1", true), ("h2", true), ("h3", true), ("h4", true), ("h5", true), ("h6", true):
                // A heading stands out by a rule under it, as plain-text mail always did it.
                let title = line.trimmingTrailingSpaces
                if !title.isEmpty {
                    line = title + "\n" + String(repeating: name == "h1" || name == "h2" ? "=" : "-", count: min(title.count, 72))
                }
                endBlock()
            case ("br", _):
                line = line.trimmingTrailingSpaces + "\n"
            case ("hr", _):
                endBlock()
                line = "* * *"
                endBlock()
            case ("blockquote", false):
                endBlock()
                quoteDepth += 1
            case ("blockquote", true):
                endBlock()
                quoteDepth = max(0, quoteDepth - 1)
            case ("pre", false):
                endBlock()
                inPre = true
            case ("pre", true):
                let code = line.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }
                line = code.joined(separator: "\n").trimmingTrailingNewlines
                inPre = false
                endBlock()
            case ("ul", false), ("ol", false):
                endBlock()
                let start = attribute("start", in: nameAndAttributes).flatMap { Int($0) } ?? 1
                lists.append((name == "ol", start))
            case ("ul", true), ("ol", true):
                endBlock()
                _ = lists.popLast()
                if lists.isEmpty { separateNextBlock() }
            case ("li", false):
                endLine()
                let indent = String(repeating: "   ", count: max(0, lists.count - 1))
                if let list = lists.last {
                    if list.ordered {
                        line = indent + "\(list.next). "
                        lists[lists.count - 1].next += 1
                    } else {
                        line = indent + "- "
                    }
                }
            case ("li", true):
                endLine()
            case ("tr", false):
                endLine()
                cellCount = 0
            case ("td", false), ("th", false):
                if cellCount > 0 { line += " | " }
                cellCount += 1
            case ("a", false):
                linkStack.append((attribute("href", in: nameAndAttributes), line.endIndex))
            case ("a", true):
                guard let link = linkStack.popLast(), let href = link.href, !href.isEmpty else { return }
                let address = absolute(href)
                let label = link.textStart <= line.endIndex ? String(line[link.textStart...]) : ""
                // A bare address needs no number: it is already readable as it stands.
                if label == href || label == address { return }
                if let index = links.firstIndex(of: address) {
                    line += " [\(index + 1)]"
                } else {
                    links.append(address)
                    line += " [\(links.count)]"
                }
            case ("img", _):
                if let alt = attribute("alt", in: nameAndAttributes), !alt.isEmpty { line += "[\(alt)]" }
            default:
                break  // strong, em, s, code, thead, tbody: the words stay, the marks go
            }
        }

        /// The decoded value of `name="..."` in a tag the sanitiser wrote.
        private func attribute(_ name: String, in tag: Substring) -> String? {
            guard let start = tag.range(of: " \(name)=\"") else { return nil }
            let value = tag[start.upperBound...].prefix { $0 != "\"" }
            return EntityDecoder.decode(value.unicodeScalars)
        }

        private func absolute(_ href: String) -> String {
            href.hasPrefix("/") && !href.hasPrefix("//") ? baseURL + href : href
        }

        // MARK: Blocks

        /// Ends a line inside a block (a list item, a table row).
        private mutating func endLine() {
            let finished = line.trimmingTrailingSpaces
            line = ""
            guard !finished.trimmed(of: " ").isEmpty else { return }
            append(finished, newParagraph: false)
        }

        private mutating func endBlock() {
            let finished = line.trimmingTrailingSpaces
            line = ""
            guard !finished.trimmed(of: " \n").isEmpty else { return }
            append(finished, newParagraph: lists.isEmpty)
        }

        private var joinsLastBlock = false

        /// Adds a finished line: a new paragraph, or the next line of a list.
        private mutating func append(_ text: String, newParagraph: Bool) {
            let prefix = String(repeating: "> ", count: quoteDepth)
            let quoted = text.split(separator: "\n", omittingEmptySubsequences: false).map { prefix + $0 }.joined(separator: "\n")
            if !newParagraph, joinsLastBlock, let last = blocks.popLast() {
                blocks.append(last + "\n" + quoted)
            } else {
                blocks.append(quoted)
            }
            joinsLastBlock = !newParagraph
        }

        private mutating func separateNextBlock() { joinsLastBlock = false }
    }
}

extension String {
    fileprivate var trimmingTrailingSpaces: String {
        var copy = self
        while copy.last == " " { copy.removeLast() }
        return copy
    }

    fileprivate var trimmingTrailingNewlines: String {
        var copy = self
        while copy.last == "\n" || copy.last == " " { copy.removeLast() }
        return copy
    }

    fileprivate func trimmed(of set: String) -> String {
        String(drop { set.contains($0) }.reversed().drop { set.contains($0) }.reversed())
    }
}
