import Domain
import Foundation
import Markup

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
            if BidiControls.contains(scalar) { continue }
            let category = scalar.properties.generalCategory
            if category == .control || category == .lineSeparator || category == .paragraphSeparator
                || scalar.properties.isWhitespace
            {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace { out.append(" ") }
            pendingSpace = false
            out.append(scalar)
        }
        return String(out)
    }

    /// `text` on one line and at most `limit` characters, "…" included: Markup's excerpt
    /// (cut at a word, ended with "…") of the one-line text.
    static func excerpt(_ text: String, limit: Int = 280) -> String {
        CommentFormatter.plainTextExcerpt(oneLine(text), maxLength: limit)
    }

    /// A subject line: one line, and no longer than `limit` characters, so no title or name,
    /// however long, can make an unbreakable header line.
    static func subject(_ text: String, limit: Int = 180) -> String {
        excerpt(text, limit: limit)
    }
}
