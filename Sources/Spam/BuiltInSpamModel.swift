import Domain

/// The starting model: counts learned from the whole corpus, so a new site is protected on its
/// first day. A site's own counts (what its moderators decided) are added to these.
///
/// Made from the compiled-in corpus on first use rather than generated at build time: the
/// corpus stays the one source (no generated file to keep in step), and counting it takes a
/// few milliseconds once per process (`parley spam evaluate` prints how long).
public enum BuiltInSpamModel {
    /// Every feature of every corpus comment, counted.
    public static let counts: SpamCounts = train(SpamCorpus.examples)

    /// How many distinct features the built-in model knows.
    public static var vocabularySize: Int { counts.features.count }

    /// Counts learned from `examples`, each comment once, without author signals.
    public static func train(_ examples: some Sequence<SpamExample>) -> SpamCounts {
        var counts = SpamCounts()
        for example in examples {
            counts.learn(SpamFeatureExtractor.features(text: example.text), as: example.label)
        }
        return counts
    }
}
