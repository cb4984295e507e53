import Foundation
import Storage

/// `parley import substack EXPORT.zip`. (Contract stub: the Substack helper replaces this file.)
public enum SubstackImport {
    public static func run(file: URL, store: any SiteStore, progress: ImportProgressHandler?) async throws -> ImportSummary {
        throw ImportError.unreadable("substack import is not built yet")
    }
}
