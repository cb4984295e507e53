import Foundation

/// The publication itself: one per site, and how it presents itself in pages and letters.
public struct Publication: Hashable, Sendable {
    public var name: String
    public var description: String
    /// The uploaded logo shown in the masthead and at the top of letters.
    public var logo: UploadKey?
    /// The colour of buttons and links in pages and letters.
    public var accentColour: AccentColour
    /// The about page (`/about`) as the writer typed it, and as `PostMarkdown` renders it once
    /// when saved, so a page view never renders Markdown.
    public var aboutMarkdown: String
    public var aboutHTML: String
    /// The name letters come from ("Field Notes" <editor@...>); empty: the publication's name.
    public var senderName: String
    /// Where replies to letters go; empty: to the sender address.
    public var replyTo: String
    /// A line under every page and letter (an address, a licence); plain text.
    public var footerText: String
    /// Origins (`https://blog.example`) whose pages may embed the discussions (next issue).
    public var embedOrigins: [String]
    /// Whether people without an account may comment with a name (and optional email and
    /// website), as Isso allows: the dashboard setting, or `parley serve --anonymous-comments`.
    /// Their comments are held or passed by the moderation rules like any other.
    public var anonymousComments: Bool

    public init(
        name: String, description: String, logo: UploadKey? = nil, accentColour: AccentColour = .standard,
        aboutMarkdown: String = "", aboutHTML: String = "", senderName: String = "", replyTo: String = "",
        footerText: String = "", embedOrigins: [String] = [], anonymousComments: Bool = false
    ) {
        self.name = name
        self.description = description
        self.logo = logo
        self.accentColour = accentColour
        self.aboutMarkdown = aboutMarkdown
        self.aboutHTML = aboutHTML
        self.senderName = senderName
        self.replyTo = replyTo
        self.footerText = footerText
        self.embedOrigins = embedOrigins
        self.anonymousComments = anonymousComments
    }

    /// What a brand-new site calls itself until the writer names it.
    public static let placeholder = Publication(name: "Parley", description: "A publication and its discussions.")
}

/// A colour as `#rrggbb`, lowercased: the only form stored, so it can go into CSS and HTML
/// attributes without escaping anything.
public struct AccentColour: Hashable, Sendable, CustomStringConvertible {
    /// `#rrggbb`, lowercase.
    public let hex: String

    /// Accepts `#rgb` or `#rrggbb` (any case, surrounding spaces ignored); nil for anything else.
    public init?(_ text: String) {
        var digits = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard digits.hasPrefix("#") else { return nil }
        digits.removeFirst()
        guard digits.allSatisfy(\.isHexDigit), digits.allSatisfy(\.isASCII) else { return nil }
        switch digits.count {
        case 3: digits = digits.map { "\($0)\($0)" }.joined()
        case 6: break
        default: return nil
        }
        hex = "#" + digits
    }

    /// Parley's own orange, as the stylesheet has it.
    public static let standard = AccentColour("#c2410c")!

    public var description: String { hex }

    /// The red, green and blue channels, 0...255.
    public var channels: (red: Int, green: Int, blue: Int) {
        let value = Int(hex.dropFirst(), radix: 16) ?? 0
        return ((value >> 16) & 0xFF, (value >> 8) & 0xFF, value & 0xFF)
    }

    /// WCAG relative luminance, 0 (black) ... 1 (white).
    public var luminance: Double {
        func linear(_ channel: Int) -> Double {
            let c = Double(channel) / 255
            return c <= 0.039_28 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        let (r, g, b) = channels
        return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
    }

    /// The WCAG contrast ratio between this colour and `other`, 1...21.
    public func contrast(with other: AccentColour) -> Double {
        let (a, b) = (luminance, other.luminance)
        return (max(a, b) + 0.05) / (min(a, b) + 0.05)
    }

    /// Text drawn on this colour (a button's label): white or near-black, whichever reads better.
    public var foreground: AccentColour {
        let white = AccentColour("#ffffff")!, ink = AccentColour("#16181b")!
        return contrast(with: white) >= contrast(with: ink) ? white : ink
    }
}
