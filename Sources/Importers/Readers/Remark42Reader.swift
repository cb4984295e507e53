import Foundation

/// Reads a Remark42 export. (Contract stub: the readers helper replaces this file.)
public struct Remark42Reader: CommentExportReader {
    public let source = "remark42"
    public init() {}
    public func read(_ file: URL, emit: (ImportRecord) throws -> Void, progress: (Int64) -> Void) throws {
        throw ImportError.unreadable("the remark42 reader is not built yet")
    }
}
