import Domain
import Markup

/// A fragment of HTML that is safe to send: every interpolated `String` is escaped.
///
/// Literal text in Swift source is trusted; values are not. Inserting markup that was made
/// elsewhere (a comment's stored rendering, a post body) needs `HTML(trusted:)`, the one
/// visible exception, so a reviewer can find every place raw HTML enters a page.
public struct HTML: Sendable, ExpressibleByStringInterpolation, CustomStringConvertible {
    public private(set) var rendered: String

    /// Markup that was made safe before it got here (by `CommentFormatter` or `PostMarkdown`).
    public init(trusted markup: String) { rendered = markup }

    public init(stringLiteral value: String) { rendered = value }

    public init(stringInterpolation: StringInterpolation) { rendered = stringInterpolation.output }

    public var description: String { rendered }

    /// The interpolation rules: strings and numbers escaped, HTML inserted as it is.
    public struct StringInterpolation: StringInterpolationProtocol {
        var output = ""

        public init(literalCapacity: Int, interpolationCount: Int) {
            output.reserveCapacity(literalCapacity + interpolationCount * 16)
        }

        public mutating func appendLiteral(_ literal: String) { output += literal }
        public mutating func appendInterpolation(_ text: String) { output += HTMLEscaping.escape(text) }
        public mutating func appendInterpolation(_ text: Substring) { output += HTMLEscaping.escape(text) }
        public mutating func appendInterpolation(_ number: Int) { output += String(number) }
        public mutating func appendInterpolation(_ number: Int64) { output += String(number) }
        public mutating func appendInterpolation<Entity>(_ id: Identifier<Entity>) { output += String(id.rawValue) }
        public mutating func appendInterpolation(_ html: HTML) { output += html.rendered }
        public mutating func appendInterpolation(_ html: HTML?) { if let html { output += html.rendered } }
        public mutating func appendInterpolation(_ parts: [HTML]) { for part in parts { output += part.rendered } }
    }
}
