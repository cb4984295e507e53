import Foundation
import Storage

/// The one entry of every import, for the command line and the dashboard alike.
public enum SiteImport {
    /// Reads `file` as `kind` into `store` and says what it did.
    public static func run(
        _ kind: ImportKind, file: URL, store: any SiteStore, options: ImportOptions = ImportOptions(),
        progress: ImportProgressHandler? = nil
    ) async throws -> ImportSummary {
        switch kind {
        case .substack: try await SubstackImport.run(file: file, store: store, actorID: options.actorID, progress: progress)
        case .disqus: try await CommentImport.run(DisqusReader(), file: file, store: store, options: options, progress: progress)
        case .wordpress:
            try await CommentImport.run(WordPressReader(), file: file, store: store, options: options, progress: progress)
        case .isso: try await CommentImport.run(IssoReader(), file: file, store: store, options: options, progress: progress)
        case .remark42:
            try await CommentImport.run(Remark42Reader(), file: file, store: store, options: options, progress: progress)
        case .parley: try await ParleyImport.run(file: file, store: store, progress: progress)
        }
    }
}
