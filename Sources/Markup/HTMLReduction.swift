import Foundation

/// Foreign HTML (imported comments and posts) reduced to Markdown that Parley's own renderers
/// turn back into safe HTML: what is kept is what they allow, the rest is text, and a script is
/// never kept as anything. (Contract stub: the readers helper builds it.)
public enum HTMLReduction {
    /// What the reduced text is for: a comment keeps the comment formatter's set; a post also
    /// keeps headings, images, rules and figures.
    public enum Target: Sendable {
        case comment, post
    }

    public static func markdown(fromHTML html: String, for target: Target) -> String {
        html
    }
}
