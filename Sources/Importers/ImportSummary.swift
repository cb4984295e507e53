import Foundation

/// What an import did, as `parley import` prints it and the dashboard shows it.
public struct ImportSummary: Sendable, Equatable, Codable {
    /// A line of the summary: how many of something, with a few examples (ids, URLs).
    public struct Line: Sendable, Equatable, Codable {
        public var label: String
        public var count: Int
        public var examples: [String]
        public init(label: String, count: Int, examples: [String] = []) {
            self.label = label
            self.count = count
            self.examples = examples
        }
    }

    public var kind: String
    /// What was added ("comments": 120, "discussions": 4, "authors": 31, ...).
    public var imported: [Line]
    /// What was not, each under its reason ("already imported", "marked spam", "orphan: no
    /// such thread", ...).
    public var skipped: [Line]
    /// Sentences worth saying ("Substack's export holds no comments.").
    public var notes: [String]

    public init(kind: String, imported: [Line] = [], skipped: [Line] = [], notes: [String] = []) {
        self.kind = kind
        self.imported = imported
        self.skipped = skipped
        self.notes = notes
    }
}

/// How far an import has gone: what a progress bar draws.
public struct ImportProgress: Sendable, Equatable {
    public var bytesRead: Int64
    public var totalBytes: Int64
    public var records: Int
    public init(bytesRead: Int64, totalBytes: Int64, records: Int) {
        self.bytesRead = bytesRead
        self.totalBytes = totalBytes
        self.records = records
    }
}

public typealias ImportProgressHandler = @Sendable (ImportProgress) -> Void

/// Why an import could not run at all (a bad record is skipped and counted instead).
public enum ImportError: Error, Equatable, CustomStringConvertible {
    /// The file is not an export of this kind, or is damaged beyond reading.
    case unreadable(String)
    /// `parley import parley` into a site that already holds members, posts, comments or
    /// subscribers.
    case siteNotEmpty
    /// An option that does not parse (a URL mapping line).
    case badOption(String)

    public var description: String {
        switch self {
        case .unreadable(let why): "cannot read the file: \(why)"
        case .siteNotEmpty: "the site is not empty: import a Parley export into a new site"
        case .badOption(let why): why
        }
    }
}
