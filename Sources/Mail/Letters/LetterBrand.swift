import Foundation

/// The publication's look in a letter: its accent colour (buttons and a rule under the
/// masthead) and its logo.
public struct LetterBrand: Sendable, Hashable {
    /// `#rrggbb`, lowercase.
    public let accentColour: String
    /// The logo's absolute address on the site itself (never elsewhere), or nil.
    public let logoURL: URL?

    /// Anything but `#rgb` or `#rrggbb` falls back to the plain letter's near-black, so no
    /// stored value can put anything else in a style attribute.
    public init(accentColour: String, logoURL: URL? = nil) {
        self.accentColour = Self.hex(accentColour) ?? Self.plain.accentColour
        self.logoURL = logoURL
    }

    private init(hex: String) {
        accentColour = hex
        logoURL = nil
    }

    /// The letter without a brand: near-black buttons, no logo.
    public static let plain = LetterBrand(hex: "#1f1f1f")

    /// Text on the accent colour: white or near-black, whichever contrasts more (WCAG's
    /// relative luminance), so a light accent still has readable buttons.
    var textOnAccent: String {
        let digits = Array(accentColour.dropFirst())
        func channel(_ index: Int) -> Double {
            let value = Double(Int(String(digits[index * 2...index * 2 + 1]), radix: 16) ?? 0) / 255
            return value <= 0.039_28 ? value / 12.92 : pow((value + 0.055) / 1.055, 2.4)
        }
        let luminance = 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2)
        // Contrast with white: 1.05 / (L + 0.05); with #111111 (L ≈ 0.0056): (L + 0.05) / 0.0556.
        return 1.05 / (luminance + 0.05) >= (luminance + 0.05) / 0.0556 ? "#ffffff" : "#111111"
    }

    var buttonStyle: String {
        "display:inline-block;padding:12px 20px;background-color:\(accentColour);color:\(textOnAccent);"
            + "text-decoration:none;border-radius:6px;font-weight:600"
    }

    var mastheadRule: String { "border:none;border-top:3px solid \(accentColour);margin:0 0 24px" }

    static func hex(_ text: String) -> String? {
        let lower = text.lowercased()
        guard lower.hasPrefix("#"), lower.dropFirst().allSatisfy({ $0.isHexDigit && $0.isASCII }) else { return nil }
        let digits = lower.dropFirst()
        switch digits.count {
        case 6: return lower
        case 3: return "#" + digits.map { "\($0)\($0)" }.joined()
        default: return nil
        }
    }
}
