import Foundation
import Markup

/// A fragment of a letter's HTML in which every interpolated `String` or `URL` is escaped.
///
/// The Mail room keeps its own small escaper rather than borrowing the web room's: mail is
/// built by the outbox side, which must not depend on Hummingbird or the page code. Literal
/// text in Swift source is trusted; values are not. Markup made elsewhere (a post's sanitised
/// body) enters only through `LetterHTML(trusted:)`, so every such place can be found.
struct LetterHTML: ExpressibleByStringInterpolation, CustomStringConvertible {
    private(set) var rendered: String

    init(trusted markup: String) { rendered = markup }
    init(stringLiteral value: String) { rendered = value }
    init(stringInterpolation: StringInterpolation) { rendered = stringInterpolation.output }

    var description: String { rendered }

    struct StringInterpolation: StringInterpolationProtocol {
        var output = ""

        init(literalCapacity: Int, interpolationCount: Int) {
            output.reserveCapacity(literalCapacity + interpolationCount * 24)
        }

        mutating func appendLiteral(_ literal: String) { output += literal }
        mutating func appendInterpolation(_ text: String) { output += HTMLEscaping.escape(text) }
        mutating func appendInterpolation(_ text: Substring) { output += HTMLEscaping.escape(text) }
        mutating func appendInterpolation(_ number: Int) { output += String(number) }
        /// A link target: escaped like text, so a quote in it cannot end the attribute.
        mutating func appendInterpolation(_ url: URL) { output += HTMLEscaping.escape(url.absoluteString) }
        mutating func appendInterpolation(_ html: LetterHTML) { output += html.rendered }
        mutating func appendInterpolation(_ parts: [LetterHTML]) { for part in parts { output += part.rendered } }
    }
}

/// The inline styles of every letter. Inline because many mail readers drop `<style>`
/// blocks; light only, because a dark-mode reader inverts a light letter well but not the
/// reverse; system fonts, because nothing may be loaded from anywhere.
enum LetterStyle {
    static let body = "margin:0;padding:0;background-color:#ffffff;color:#1f1f1f"
    static let frame =
        "max-width:560px;margin:0 auto;padding:32px 20px;"
        + "font-family:-apple-system,BlinkMacSystemFont,Segoe UI,Helvetica,Arial,sans-serif;"
        + "font-size:16px;line-height:1.6;color:#1f1f1f;background-color:#ffffff"
    static let masthead = "margin:0 0 24px;font-size:14px;font-weight:600;color:#555555"
    static let title = "margin:0 0 8px;font-size:26px;line-height:1.3;color:#111111"
    static let titleLink = "color:#111111;text-decoration:none"
    static let subtitle = "margin:0 0 8px;font-size:18px;color:#444444"
    static let heading = "margin:28px 0 8px;font-size:17px;color:#111111"
    static let paragraph = "margin:0 0 16px"
    static let button =
        "display:inline-block;padding:12px 20px;background-color:#1f1f1f;color:#ffffff;"
        + "text-decoration:none;border-radius:6px;font-weight:600"
    static let link = "color:#1a56b8"
    static let muted = "margin:0 0 12px;font-size:13px;line-height:1.5;color:#666666"
    static let quote = "margin:6px 0 8px;padding:6px 12px;border-left:3px solid #d9d9d9;color:#333333"
    static let rule = "border:none;border-top:1px solid #e5e5e5;margin:32px 0 16px"
    static let item = "margin:0 0 20px"
}

extension LetterHTML {
    /// The whole document around `content`: no `<style>`, no images, no external anything.
    static func document(language: String, title: String, content: LetterHTML) -> LetterHTML {
        """
        <!DOCTYPE html>
        <html lang="\(language)">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="color-scheme" content="light">
        <title>\(title)</title>
        </head>
        <body style="\(LetterStyle.body)">
        <div style="\(LetterStyle.frame)">
        \(content)
        </div>
        </body>
        </html>
        """
    }

    /// A link styled as a button, for the one action a letter asks for.
    static func button(_ label: String, _ url: URL) -> LetterHTML {
        "<p style=\"\(LetterStyle.paragraph)\"><a href=\"\(url)\" style=\"\(LetterStyle.button)\">\(label)</a></p>"
    }

    /// An ordinary link.
    static func link(_ label: String, _ url: URL) -> LetterHTML {
        "<a href=\"\(url)\" style=\"\(LetterStyle.link)\">\(label)</a>"
    }
}
