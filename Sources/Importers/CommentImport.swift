import Foundation
import Storage

/// Writes what a `CommentExportReader` reads: discussions keyed by URL, authors merged by
/// email, nesting, dates, likes; idempotent through `import_keys`. (Contract stub: the
/// comment-import helper replaces this file.)
public enum CommentImport {
    public static func run(
        _ reader: some CommentExportReader, file: URL, store: any SiteStore, options: ImportOptions,
        progress: ImportProgressHandler?
    ) async throws -> ImportSummary {
        throw ImportError.unreadable("\(reader.source) import is not built yet")
    }
}
