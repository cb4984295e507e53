import Foundation

/// Reads a Isso export. (Contract stub: the readers helper replaces this file.)
public struct IssoReader: CommentExportReader {
    public let source = "isso"
    public init() {}
    public func read(_ file: URL, emit: (ImportRecord) throws -> Void, progress: (Int64) -> Void) throws {
        throw ImportError.unreadable("the isso reader is not built yet")
    }
}
