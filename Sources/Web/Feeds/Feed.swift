import Foundation
import Markup

/// A feed as both formats need it: the posts of the publication, or the comments of a post.
/// `FeedWriter` writes it as RSS 2.0 or Atom.
struct Feed: Sendable {
    /// One entry: a post or a comment.
    struct Entry: Sendable {
        /// The entry's id in Atom and guid in RSS: never changes (`FeedID`), unlike its address
        /// (a renamed post keeps its id, so feed readers do not show it again).
        let id: String
        /// The entry's page: its link.
        let url: String
        let title: String
        let author: String
        let published: Date
        let updated: Date
        /// A line about the entry, as plain text (a post's subtitle); nil when there is none.
        let summary: String?
        /// The entry's body as HTML, with links and images made absolute.
        let contentHTML: String
        /// Where its discussion is, for RSS's `comments`; nil for a comment.
        let commentsURL: String?
    }

    let title: String
    let subtitle: String
    /// The feed's own id in Atom (`FeedID`).
    let id: String
    /// The page the feed is about.
    let pageURL: String
    /// The feed's own address in this format.
    let selfURL: String
    let language: String
    let entries: [Entry]
    /// When the feed last changed: its newest entry, or `fallbackUpdated` when it has none.
    let fallbackUpdated: Date

    var updated: Date { entries.map(\.updated).max() ?? fallbackUpdated }
}

/// The two formats a feed is served in.
enum FeedFormat: Sendable {
    case rss, atom

    /// `?format=atom` or a path ending in `/atom` asks for Atom; anything else is RSS.
    init(path: String, format: String?) {
        self = path.hasSuffix("/atom") || format == "atom" ? .atom : .rss
    }

    var contentType: String {
        switch self {
        case .rss: "application/rss+xml; charset=utf-8"
        case .atom: "application/atom+xml; charset=utf-8"
        }
    }
}

/// Writes a `Feed` as XML. Every value is escaped as XML text; an entry's HTML goes in as
/// escaped text too (RSS `description`, Atom `content type="html"`), never as markup.
enum FeedWriter {
    static func write(_ feed: Feed, as format: FeedFormat) -> String {
        switch format {
        case .rss: rss(feed)
        case .atom: atom(feed)
        }
    }

    static func rss(_ feed: Feed) -> String {
        var xml = """
            <?xml version="1.0" encoding="utf-8"?>
            <rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">
            <channel>
            <title>\(x(feed.title))</title>
            <link>\(x(feed.pageURL))</link>
            <description>\(x(feed.subtitle.isEmpty ? feed.title : feed.subtitle))</description>
            <language>\(x(feed.language))</language>
            <lastBuildDate>\(rfc822(feed.updated))</lastBuildDate>
            <atom:link href="\(x(feed.selfURL))" rel="self" type="application/rss+xml"/>

            """
        for entry in feed.entries {
            xml += "<item>\n<title>\(x(entry.title))</title>\n<link>\(x(entry.url))</link>\n"
            xml += "<guid isPermaLink=\"false\">\(x(entry.id))</guid>\n<pubDate>\(rfc822(entry.published))</pubDate>\n"
            if !entry.author.isEmpty { xml += "<dc:creator>\(x(entry.author))</dc:creator>\n" }
            if let comments = entry.commentsURL { xml += "<comments>\(x(comments))</comments>\n" }
            xml += "<description>\(x(entry.contentHTML))</description>\n</item>\n"
        }
        return xml + "</channel>\n</rss>\n"
    }

    static func atom(_ feed: Feed) -> String {
        var xml = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="\(x(feed.language))">
            <title>\(x(feed.title))</title>

            """
        if !feed.subtitle.isEmpty { xml += "<subtitle>\(x(feed.subtitle))</subtitle>\n" }
        xml += """
            <id>\(x(feed.id))</id>
            <link rel="alternate" type="text/html" href="\(x(feed.pageURL))"/>
            <link rel="self" type="application/atom+xml" href="\(x(feed.selfURL))"/>
            <updated>\(UTCDate(feed.updated).iso8601)</updated>
            <generator>Parley</generator>

            """
        for entry in feed.entries {
            xml += "<entry>\n<title>\(x(entry.title))</title>\n<id>\(x(entry.id))</id>\n"
            xml += "<link rel=\"alternate\" type=\"text/html\" href=\"\(x(entry.url))\"/>\n"
            xml += "<published>\(UTCDate(entry.published).iso8601)</published>\n<updated>\(UTCDate(entry.updated).iso8601)</updated>\n"
            // Atom requires an author for every entry (or the feed); a nameless one is the publication.
            xml += "<author><name>\(x(entry.author.isEmpty ? feed.title : entry.author))</name></author>\n"
            if let summary = entry.summary, !summary.isEmpty { xml += "<summary type=\"text\">\(x(summary))</summary>\n" }
            xml += "<content type=\"html\">\(x(entry.contentHTML))</content>\n</entry>\n"
        }
        return xml + "</feed>\n"
    }

    /// XML text: the five characters that matter escaped, and the characters XML 1.0 forbids
    /// (C0 controls but tab and line breaks, lone surrogates cannot occur in a Swift string)
    /// dropped, so no stored text can make the feed unreadable.
    static func x(_ text: String) -> String {
        let allowed =
            text.unicodeScalars.allSatisfy { $0.value >= 0x20 || $0 == "\t" || $0 == "\n" || $0 == "\r" }
            && !text.unicodeScalars.contains { $0.value == 0xFFFE || $0.value == 0xFFFF }
        let clean =
            allowed
            ? text
            : String(
                String.UnicodeScalarView(
                    text.unicodeScalars.filter {
                        ($0.value >= 0x20 || $0 == "\t" || $0 == "\n" || $0 == "\r") && $0.value != 0xFFFE && $0.value != 0xFFFF
                    }))
        return HTMLEscaping.escape(clean)
    }

    private static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// RFC 822 (as RSS 2.0 asks, with a four-digit year): `Sun, 06 Dec 2026 06:50:53 +0000`.
    static func rfc822(_ date: Date) -> String {
        let parts = UTCDate(date)
        let days = Int((date.timeIntervalSince1970 / 86_400).rounded(.down))
        // 1 January 1970 was a Thursday.
        let weekday = weekdays[((days + 4) % 7 + 7) % 7]
        return "\(weekday), \(UTCDate.two(parts.day)) \(months[parts.month - 1]) \(parts.year) "
            + "\(UTCDate.two(parts.hour)):\(UTCDate.two(parts.minute)):\(UTCDate.two(parts.second)) +0000"
    }
}
