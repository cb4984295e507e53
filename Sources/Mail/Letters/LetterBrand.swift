import Domain
import Foundation

/// How the publication dresses its letters, from its settings: the accent of buttons, the logo
/// at the top of a newsletter, the footer line under every letter, and where replies go.
public struct LetterBrand: Sendable, Hashable {
    /// The button colour, already made readable on a letter's white page (and under white text).
    public var accent: AccentColour
    /// One line under every letter (an address, a licence); empty: none.
    public var footer: String
    /// Where replies to letters go; nil: to the sender.
    public var replyTo: MailAddress?
    /// The logo's absolute address on the site itself (never elsewhere), or nil.
    public var logoURL: URL?

    /// `accent` is made readable on white here, so a pale colour still gives a button whose
    /// white label reads (WCAG AA).
    public init(accent: AccentColour = .standard, footer: String = "", replyTo: MailAddress? = nil, logoURL: URL? = nil) {
        self.accent = accent.readable(on: .lightBackground)
        self.footer = PlainText.oneLine(footer)
        self.replyTo = replyTo
        self.logoURL = logoURL
    }

    /// The rule under a newsletter's masthead, in the accent.
    var mastheadRule: String { "border:none;border-top:3px solid \(accent.hex);margin:0 0 24px" }

    /// A link drawn as a button in the accent.
    var buttonStyle: String { LetterStyle.button(accent: accent) }

    /// Parley's own look: the standard accent, no footer, replies to the sender.
    public static let standard = LetterBrand()
}

extension LetterStyle {
    /// `button` in `accent`, with the label in the colour that reads on it.
    static func button(accent: AccentColour) -> String {
        "display:inline-block;padding:12px 20px;background-color:\(accent.hex);color:\(accent.foreground.hex);"
            + "text-decoration:none;border-radius:6px;font-weight:600"
    }
}

extension Letters {
    /// A link styled as a button in the publication's accent, for the one action a letter asks for.
    func button(_ label: String, _ url: URL) -> LetterHTML {
        "<p style=\"\(LetterStyle.paragraph)\"><a href=\"\(url)\" style=\"\(LetterStyle.button(accent: brand.accent))\">\(label)</a></p>"
    }

    /// The footer line of the HTML part, when the publication has one.
    var footerHTML: LetterHTML {
        brand.footer.isEmpty ? "" : "<p style=\"\(LetterStyle.muted)\">\(brand.footer)</p>"
    }
}
