import Ink

/// Renders the Markdown body of a post, written by the publication's staff, to HTML.
///
/// Writers are trusted, but a post body can still arrive from an import, a pasted
/// document or a stolen session, so the output is held to the same rule as comments:
/// raw HTML in the Markdown comes out as visible text, and no link or image can point
/// at a `javascript:`, `data:` or `vbscript:` URL (only http, https, mailto and
/// relative URLs for links; http, https and relative for images).
///
/// Pipeline: normalise the text, let `MarkdownPreprocessor` take code out and
/// neutralise `<`, stray `&` and malformed links, let Ink render the rest, then
/// `PostHTMLSanitizer` rebuilds the HTML from an allow-list and puts the code back.
public enum PostMarkdown {
    /// The HTML for a post's Markdown `markdown`.
    ///
    /// Supports what Ink supports (headings, paragraphs, emphasis, strikethrough,
    /// lists, blockquotes, tables, links, images, horizontal rules, inline code and
    /// fenced code blocks with a language class), minus raw HTML and metadata headers.
    public static func render(_ markdown: String) -> String {
        var text = TextNormalization.normalize(markdown)
        text = TextNormalization.removingPlaceholderDelimiters(text)
        text = unifyingLineSeparators(text)
        text = detachingMarksFromWhitespace(text)
        var prepared = MarkdownPreprocessor.prepare(text)
        // Ink crashes (index out of range) when a list item ends in spaces at the very
        // end of the document: "- item  " is enough. Code is already out of the text.
        while let last = prepared.markdown.last, last.isWhitespace {
            prepared.markdown.removeLast()
        }

        var parser = MarkdownParser()
        // Defence in depth: the preprocessor leaves Ink no `<` outside code, but if Ink
        // ever finds raw HTML anyway, it is shown as text.
        parser.addModifier(
            Modifier(target: .html) { input in
                HTMLEscaping.escape(input.markdown)
            })
        let html = parser.html(from: prepared.markdown)

        return PostHTMLSanitizer.sanitize(html, codeSpans: prepared.codeSpans, codeBlocks: prepared.codeBlocks)
    }

    /// Ink's own output for `markdown`, without any of the protections above. Only for
    /// tests that pin down the Ink behaviour those protections exist for, so that an Ink
    /// upgrade that changes it is noticed.
    static func unprotectedInkHTML(_ markdown: String) -> String {
        MarkdownParser().html(from: markdown)
    }

    /// Drops combining marks (and other grapheme extenders) that follow a space or a
    /// line break. Such a mark has nothing to combine with, and it makes Swift see the
    /// space and mark as one whitespace `Character`, which Ink (working on Characters)
    /// and the preprocessor (working on scalars) would otherwise read differently; a
    /// trailing " \u{301}" after a list item crashes Ink.
    private static func detachingMarksFromWhitespace(_ text: String) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        for character in text {
            if character.unicodeScalars.count > 1, let first = character.unicodeScalars.first,
                first.properties.isWhitespace
            {
                output.unicodeScalars.append(first)
            } else {
                output.append(character)
            }
        }
        return output
    }

    /// Ink treats U+2028, U+2029 and NEL as line ends too; making them plain line
    /// breaks keeps the preprocessor's idea of a line the same as Ink's.
    private static func unifyingLineSeparators(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0 == "\u{2028}" || $0 == "\u{2029}" || $0 == "\u{85}" }) else {
            return text
        }
        var output = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\u{2028}", "\u{2029}", "\u{85}": output.append("\n")
            default: output.append(scalar)
            }
        }
        return String(output)
    }
}
