/// The bidirectional marks, embeddings, overrides and isolates: U+200E, U+200F, U+202A–U+202E,
/// U+2066–U+2069 and U+061C.
///
/// Shown inline (a name, an excerpt, a mail subject) they can make text display backwards or
/// swallow what follows it ("Right\u{202E}gnp.exe" reads as "Rightexe.png"), so text that is
/// shown inline drops them. This is the one list: names, excerpts and letters all use it.
public enum BidiControls {
    /// True when `scalar` is one of the bidirectional controls.
    public static func contains(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: return true
        default: return false
        }
    }

    /// `text` without its bidirectional controls; everything else is kept as it is.
    public static func removed(from text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.filter { !contains($0) }))
    }
}
