/// A typed database identifier, so a comment's id can never be passed where a post's is expected.
///
/// Identifiers are 64-bit integers assigned by the store, in insertion order.
public struct Identifier<Entity>: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let rawValue: Int64

    public init(_ rawValue: Int64) { self.rawValue = rawValue }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
    public var description: String { String(rawValue) }

    /// Parses a decimal identifier from a URL or form; nil for anything else (signs, spaces, overflow).
    public init?(parsing text: Substring) {
        guard !text.isEmpty, text.count <= 19, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
            let value = Int64(text), value > 0
        else { return nil }
        self.rawValue = value
    }

    public init?(parsing text: String) { self.init(parsing: Substring(text)) }
}

public typealias MemberID = Identifier<Member>
public typealias PostID = Identifier<Post>
public typealias CommentID = Identifier<Comment>
