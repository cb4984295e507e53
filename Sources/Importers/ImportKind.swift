import Domain
import Foundation

/// The formats `parley import KIND FILE` and the dashboard's import page read.
public enum ImportKind: String, CaseIterable, Sendable, Codable {
    case substack, disqus, wordpress, isso, remark42, parley

    /// How the dashboard names it.
    public var title: String {
        switch self {
        case .substack: "Substack export (.zip)"
        case .disqus: "Disqus comments (XML)"
        case .wordpress: "WordPress export (WXR)"
        case .isso: "Isso database (SQLite)"
        case .remark42: "Remark42 backup"
        case .parley: "Parley export"
        }
    }
}

/// Options every import takes.
public struct ImportOptions: Sendable, Equatable {
    /// Old addresses to new ones, for discussions keyed by URL.
    public var urlMapping: URLMapping
    /// This site's public address (`--public-url`): a thread at `PUBLIC-URL/p/SLUG` joins that
    /// post's discussion instead of becoming a page discussion. Nil: only a mapped path `/p/SLUG` does.
    public var publicURL: String?
    /// Who runs the import, named in the audit log beside the subscribers it adds; nil for the
    /// command line, which the log shows as the site itself.
    public var actorID: MemberID?
    public init(urlMapping: URLMapping = URLMapping(), publicURL: String? = nil, actorID: MemberID? = nil) {
        self.urlMapping = urlMapping
        self.publicURL = publicURL
        self.actorID = actorID
    }
}

/// Maps the pages' old addresses to new ones (`--map-url OLD=NEW`, `--url-map FILE`): the
/// longest matching prefix wins; an address no rule matches stays as it is.
public struct URLMapping: Sendable, Equatable {
    public struct Rule: Sendable, Equatable {
        public var from: String
        public var to: String
        public init(from: String, to: String) {
            self.from = from
            self.to = to
        }
    }

    public var rules: [Rule]
    public init(rules: [Rule] = []) {
        self.rules = rules
    }
}
