import Domain

/// The words of live updates on discussion pages (live.js). Part of ``PageText`` (`text.live.…`),
/// declared as ``PageText`` is: one line per text, one value per language. The script cannot run
/// a `Phrase`, so a count is given to it as a sentence for one and one with `{n}` for more.
public struct LiveText: Sendable {
    /// The button above the comments when one new comment waits.
    public let newComment: String
    /// The same for several: the script puts the count where the value goes (it is given "{n}").
    public let newComments: Phrase<String>
    /// Shown when the stream could not resume: some updates were missed.
    public let missedUpdates: String

    /// English, the catalogue every other language starts from.
    public static let english = LiveText(
        newComment: "1 new comment",
        newComments: Phrase { "\($0) new comments" },
        missedUpdates: "Some updates were missed. Reload to see the latest comments.")
}
