import Foundation
import Markup

/// The generated default avatar: initials on a colour picked from the name, as SVG.
enum GeneratedAvatar {
    private static let palette = [
        "#b4461f", "#1f6fb4", "#2f8a4c", "#8a3fb0", "#b0305a", "#2b7f86", "#9a6a12", "#4b5bbf", "#6a7a1c", "#a23b3b",
    ]

    static func svg(name: String) -> String {
        let initials = initialsOf(name)
        let colour = palette[Int(stableHash(name) % UInt64(palette.count))]
        let text = HTMLEscaping.escape(initials)
        return """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" width="64" height="64">\
            <rect width="64" height="64" rx="32" fill="\(colour)"/>\
            <text x="32" y="41" font-family="system-ui,-apple-system,Segoe UI,Roboto,sans-serif" font-size="26" \
            font-weight="600" fill="#ffffff" text-anchor="middle">\(text)</text></svg>
            """
    }

    /// Up to two initials: first letters of the first and last words.
    static func initialsOf(_ name: String) -> String {
        let words = name.split(whereSeparator: { $0.isWhitespace }).filter { $0.first?.isLetter ?? false }
        guard let first = words.first?.first else { return "?" }
        guard words.count > 1, let last = words.last?.first else { return String(first).uppercased() }
        return (String(first) + String(last)).uppercased()
    }

    /// FNV-1a: the same colour for the same name on every run and every machine.
    static func stableHash(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf29ce484222325
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100000001b3 }
        return hash
    }
}
