/// Escaping of text for HTML: the first step of every rendering of user text.
public enum HTMLEscaping {
    /// `text` with `& < > " '` replaced by entities, safe in element content and in
    /// double- or single-quoted attribute values.
    ///
    /// Every page escapes hundreds of strings, most of which need no entity at all (names,
    /// paths, tokens): they are scanned once and returned as they are. The characters replaced
    /// are all ASCII, and in UTF-8 an ASCII byte is never part of a longer character, so the
    /// scan and the copying between replacements work on bytes and whole runs, not characters.
    public static func escape(_ text: some StringProtocol) -> String {
        guard text.utf8.contains(where: needsEntity) else { return String(text) }
        let source = String(text)
        let bytes = source.utf8
        var out = ""
        out.reserveCapacity(bytes.count + 16)
        var runStart = bytes.startIndex
        var index = bytes.startIndex
        while index != bytes.endIndex {
            let byte = bytes[index]
            if needsEntity(byte) {
                out += source[runStart..<index]
                out += entity(byte)
                runStart = bytes.index(after: index)
            }
            index = bytes.index(after: index)
        }
        out += source[runStart...]
        return out
    }

    @inline(__always)
    private static func needsEntity(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "'"), 0: true
        default: false
        }
    }

    private static func entity(_ byte: UInt8) -> String {
        switch byte {
        case UInt8(ascii: "&"): "&amp;"
        case UInt8(ascii: "<"): "&lt;"
        case UInt8(ascii: ">"): "&gt;"
        case UInt8(ascii: "\""): "&quot;"
        case UInt8(ascii: "'"): "&#39;"
        default: "\u{FFFD}"  // NUL: browsers replace it anyway; never pass it on
        }
    }
}
