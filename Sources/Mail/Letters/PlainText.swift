import Foundation

/// Shaping of untrusted plain text (names, titles, excerpts) before it goes into a letter.
enum PlainText {
    /// `text` on one line: control characters (CR and LF among them) and line or paragraph
    /// separators become spaces, bidirectional overrides are dropped, runs of white space
    /// become one space, and the ends are trimmed.
    ///
    /// Used for everything that is meant to be one line: in a subject a line break would break
    /// the header (MIMEWriter refuses it), and in a text part a name with line breaks could
    /// pose as a line of the letter itself ("Click here: ...").
    static func oneLine(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if isBidiControl(scalar) { continue }
            let category = scalar.properties.generalCategory
            if category == .control || category == .lineSeparator || category == .paragraphSeparator
                || scalar.properties.isWhitespace {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace { out.append(" ") }
            pendingSpace = false
            out.append(scalar)
        }
        return String(out)
    }

    /// Embedding and override characters (U+202A to U+202E, U+2066 to U+2069): they can make a
    /// name display backwards or swallow the text after it.
    private static func isBidiControl(_ scalar: Unicode.Scalar) -> Bool {
        (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
    }

    /// `text` on one line and at most `limit` characters, cut at a word boundary where one is
    /// near and ended with "…" when anything was cut.
    static func excerpt(_ text: String, limit: Int = 280) -> String {
        let flat = oneLine(text)
        guard flat.count > limit else { return flat }
        var cut = Substring(flat.prefix(limit))
        // Prefer to end at a word, unless that would drop a large part of the allowance.
        if let space = cut.lastIndex(of: " "), cut.distance(from: space, to: cut.endIndex) <= 40 {
            cut = cut[..<space]
        }
        return cut.trimmingCharacters(in: .whitespaces) + "…"
    }

    /// A subject line: one line, and no longer than `limit` characters, so no title or name,
    /// however long, can make an unbreakable header line.
    static func subject(_ text: String, limit: Int = 180) -> String {
        excerpt(text, limit: limit)
    }
}
