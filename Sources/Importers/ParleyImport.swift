import Foundation
import Storage

/// `parley import parley FILE`: a Parley export into an empty site. (Contract stub: the
/// export helper replaces this file.)
public enum ParleyImport {
    public static func run(file: URL, store: any SiteStore, progress: ImportProgressHandler?) async throws -> ImportSummary {
        throw ImportError.unreadable("parley import is not built yet")
    }
}
