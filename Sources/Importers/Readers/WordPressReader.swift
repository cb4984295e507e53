import Foundation

/// Reads a WordPress export. (Contract stub: the readers helper replaces this file.)
public struct WordPressReader: CommentExportReader {
    public let source = "wordpress"
    public init() {}
    public func read(_ file: URL, emit: (ImportRecord) throws -> Void, progress: (Int64) -> Void) throws {
        throw ImportError.unreadable("the wordpress reader is not built yet")
    }
}
