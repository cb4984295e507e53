import Domain
import Foundation

/// What the publication's settings put on every page: its accent colour (a stylesheet of
/// two custom properties), its logo beside the name, and its footer line with the about link.
enum PublicationChrome {
    /// The stylesheet that sets `--accent` for the light and dark schemes, named by the colour
    /// so it can be cached for good: `/accent/c2410c.css`.
    static func accentPath(_ colour: AccentColour) -> String { "/accent/\(colour.hex.dropFirst()).css" }

    /// The `<link>` of the accent stylesheet; nothing for Parley's own colour, which the
    /// main stylesheet already has.
    static func accentLink(_ publication: Publication) -> HTML {
        guard publication.accentColour != .standard else { return "" }
        return "<link rel=\"stylesheet\" href=\"\(accentPath(publication.accentColour))\">"
    }

    /// The accent as CSS: in each scheme the colour made readable on that scheme's background
    /// (for links) and the label colour that reads on it (for buttons). Only `#rrggbb` values,
    /// made by `AccentColour`, are written, so nothing else can reach the stylesheet.
    static func accentStylesheet(_ colour: AccentColour) -> String {
        // Read against the soft panels (the subscribe box), which are a little closer to the
        // colour than the page itself: readable there is readable everywhere.
        let light = colour.readable(on: AccentColour("#f5f6f7")!)
        let dark = colour.readable(on: AccentColour("#1f2226")!)
        return """
            :root { --accent: \(light.hex); --accent-fg: \(light.foreground.hex); }
            @media (prefers-color-scheme: dark) {
              :root { --accent: \(dark.hex); --accent-fg: \(dark.foreground.hex); }
            }

            """
    }

    /// The masthead's logo: decorative beside the publication's name, which says it in words.
    static func logo(_ publication: Publication) -> HTML {
        guard let key = publication.logo else { return "" }
        return "<img class=\"site-logo\" src=\"\(Paths.upload(key))\" alt=\"\" height=\"32\">"
    }

    /// The footer line and the about link, or nothing when the publication has neither.
    static func footer(_ chrome: PageChrome) -> HTML {
        let publication = chrome.publication
        let words = chrome.text.publication
        guard !publication.footerText.isEmpty || !publication.aboutHTML.isEmpty else { return "" }
        let about: HTML =
            publication.aboutHTML.isEmpty
            ? ""
            : "<nav class=\"site-footer-links\" aria-label=\"\(words.footerNavigation)\"><a href=\"/about\">\(words.aboutLink)</a></nav>"
        let line: HTML = publication.footerText.isEmpty ? "" : "<p class=\"site-footer-text\">\(publication.footerText)</p>"
        return "<div class=\"site-footer\">\(about)\(line)</div>"
    }
}

extension PublicationChrome {
    /// The footer line on a page without the subscribe box: a `footer` landmark of its own.
    static func standaloneFooter(_ chrome: PageChrome) -> HTML {
        let footer = footer(chrome)
        return footer.rendered.isEmpty ? "" : "<footer class=\"site-footer-box\">\(footer)</footer>"
    }
}
