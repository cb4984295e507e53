import Domain
import Foundation

/// The words of the import pages (`/dashboard/import` and each run's status page), for one
/// language: a part of ``PageText``, declared the same way.
public struct ImportText: Sendable {
    public let title: String
    public let intro: String
    public let formHeading: String
    public let kindLabel: String
    public let fileLabel: String
    /// Under the file input: the size limit, in MiB.
    public let fileHint: Phrase<Int>
    public let mappingLabel: String
    public let mappingHint: String
    public let startButton: String
    public let runsHeading: String
    public let noRuns: String
    public let runTitle: Phrase<String>
    public let running: String
    public let finished: String
    public let failed: String
    /// "12 records read, 40%".
    public let progress: Phrase<(Int, Int)>
    public let waiting: String
    public let refresh: String
    public let refreshHint: String
    public let importedHeading: String
    public let skippedHeading: String
    public let notesHeading: String
    public let nothing: String
    public let countColumn: String
    public let whatColumn: String
    public let examplesColumn: String
    public let startedLabel: String
    public let fileNameLabel: String
    public let backToImport: String
    public let fileRequired: String
    public let mappingInvalid: Phrase<Int>
    public let mappingTooMany: Phrase<Int>
    public let busy: String
    public let runNotFound: String

    public static let english = ImportText(
        title: "Import",
        intro:
            "Bring in a Substack publication, or the comments of Disqus, WordPress, Isso or Remark42, or a Parley export. The import runs on this server in the background; running the same file again adds nothing twice.",
        formHeading: "Import a file",
        kindLabel: "What the file is",
        fileLabel: "File",
        fileHint: Phrase { "At most \($0) MiB. The file goes straight to disk on the server as it arrives." },
        mappingLabel: "Map old addresses to new ones (optional)",
        mappingHint:
            "One rule a line: OLD=NEW, for example https://old.example/blog/=https://example.com/posts/. The longest matching start wins. Comment imports only.",
        startButton: "Start the import",
        runsHeading: "Recent imports on this server",
        noRuns: "No imports since this server started.",
        runTitle: Phrase { "Import of \($0)" },
        running: "Running",
        finished: "Finished",
        failed: "Failed",
        progress: Phrase { records, percent in "\(records) records read, \(percent)% of the file" },
        waiting: "Starting…",
        refresh: "Refresh",
        refreshHint: "This page shows the import as it was when it loaded; refresh it to see how far it has got.",
        importedHeading: "Imported",
        skippedHeading: "Not imported",
        notesHeading: "Notes",
        nothing: "Nothing.",
        countColumn: "How many",
        whatColumn: "What",
        examplesColumn: "For example",
        startedLabel: "Started",
        fileNameLabel: "File",
        backToImport: "Back to imports",
        fileRequired: "Choose the file to import.",
        mappingInvalid: Phrase { "Line \($0) is not OLD=NEW with two addresses." },
        mappingTooMany: Phrase { "At most \($0) rules." },
        busy: "An import is already running on this server. Wait for it to finish, then start the next one.",
        runNotFound: "There is no such import on this server. Imports are kept until the server restarts.")
}
