import Foundation

/// Reads a Disqus export. (Contract stub: the readers helper replaces this file.)
public struct DisqusReader: CommentExportReader {
    public let source = "disqus"
    public init() {}
    public func read(_ file: URL, emit: (ImportRecord) throws -> Void, progress: (Int64) -> Void) throws {
        throw ImportError.unreadable("the disqus reader is not built yet")
    }
}
