import Domain
import Storage

/// The origins whose pages may embed the discussions: those of the publication's settings
/// (changed from the dashboard, read at each ask so every instance agrees at once) and those
/// the operator gave `parley serve --embed-origins`.
struct EmbedAllowList: Sendable {
    /// From `--embed-origins` (`PARLEY_EMBED_ORIGINS`), already in `EmbedOrigin` form.
    let configured: [String]
    let store: any SiteStore

    /// Whether `origin` (as a browser sends it in `Origin`, or a page URL's origin) may embed.
    func allows(_ origin: String) async throws -> Bool {
        guard let normalized = try? EmbedOrigin.normalize(origin) else { return false }
        if configured.contains(normalized) { return true }
        return try await store.publication().embedOrigins.contains(normalized)
    }
}
