/// Clean-up applied to every piece of user text before it is rendered, so that the
/// formatters only ever see one kind of line ending and no invisible control bytes.
enum TextNormalization {
    /// `text` with CRLF and lone CR turned into LF, and every C0 control character
    /// except LF and TAB (plus DEL) removed.
    ///
    /// Control characters have no legitimate use in a comment or a post, can confuse
    /// terminals and log viewers, and some (NUL) are treated differently by different
    /// parsers; dropping them up front means the HTML we emit never contains them.
    static func normalize(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var previousWasCarriageReturn = false
        for scalar in text.unicodeScalars {
            defer { previousWasCarriageReturn = (scalar == "\r") }
            switch scalar.value {
            case 0x0D:
                out.append("\n")
            case 0x0A:
                // The LF of a CRLF pair was already emitted for the CR.
                if !previousWasCarriageReturn { out.append(scalar) }
            case 0x09:
                out.append(scalar)
            case 0x00...0x1F, 0x7F:
                continue
            default:
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// `text` without whitespace (including newlines) at its end.
    static func trimmingTrailingWhitespace(_ text: String) -> String {
        var scalars = Substring(text).unicodeScalars
        while let last = scalars.last, last.properties.isWhitespace {
            scalars.removeLast()
        }
        return String(scalars)
    }

    /// Private-use scalars the Markdown pipeline reserves for its placeholders; they are
    /// removed from the writer's text so that no input can forge a placeholder.
    static let placeholderOpen: Unicode.Scalar = "\u{E000}"
    static let placeholderClose: Unicode.Scalar = "\u{E001}"

    /// `text` without the placeholder delimiters.
    static func removingPlaceholderDelimiters(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0 == placeholderOpen || $0 == placeholderClose }) else {
            return text
        }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars where scalar != placeholderOpen && scalar != placeholderClose {
            out.append(scalar)
        }
        return String(out)
    }
}
