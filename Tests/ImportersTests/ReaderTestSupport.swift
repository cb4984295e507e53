import Foundation
import Importers
import Testing

/// What a reader emitted, in order, for the readers' tests.
struct ReadRecords {
    var records: [ImportRecord] = []
    var progress: [Int64] = []

    var threads: [ImportedThread] {
        records.compactMap { if case .thread(let thread) = $0 { thread } else { nil } }
    }
    var comments: [ImportedComment] {
        records.compactMap { if case .comment(let comment) = $0 { comment } else { nil } }
    }
    var skipped: [(reason: String, id: String)] {
        records.compactMap { if case .skipped(let reason, let id) = $0 { (reason, id) } else { nil } }
    }

    func comment(_ id: String) -> ImportedComment? {
        comments.first { $0.externalID == id }
    }

    static func read(_ reader: some CommentExportReader, _ file: URL) throws -> ReadRecords {
        var result = ReadRecords()
        try reader.read(file, emit: { result.records.append($0) }, progress: { result.progress.append($0) })
        return result
    }
}

enum Fixture {
    /// A file of Tests/ImportersTests/Fixtures.
    static func url(_ name: String) throws -> URL {
        let url = Bundle.module.resourceURL!.appendingPathComponent("Fixtures").appendingPathComponent(name)
        #expect(FileManager.default.fileExists(atPath: url.path), "fixture \(name)")
        return url
    }

    /// A new empty directory, removed by the caller.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("parley-readers-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// `text` written to a new temporary file named `name`.
    static func write(_ text: String, named name: String, in directory: URL) throws -> URL {
        let url = directory.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url
    }
}

/// A UTC instant written the way the tests read best.
func utc(_ text: String) -> Date {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    if let date = formatter.date(from: text) { return date }
    formatter.formatOptions = [.withInternetDateTime]
    return formatter.date(from: text)!
}
