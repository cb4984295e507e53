import Foundation
import Importers
import Testing

/// The readers stream: reading a large export costs the memory of a chunk and a record, not of
/// the file. The file is made by scripts/make-large-export.py, the benchmark's own generator.
@Suite("Reader scale", .serialized)
struct ReaderScaleTests {
    private static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The process's resident memory now, in bytes (Linux), from /proc/self/status.
    static func residentBytes(_ field: String = "VmRSS") -> Int64? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix(field + ":") {
            let kilobytes = line.split(separator: " ").dropFirst().first.flatMap { Int64($0) }
            return kilobytes.map { $0 * 1024 }
        }
        return nil
    }

    private static func generate(_ format: String, megabytes: Int, into file: URL) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", repository.appendingPathComponent("scripts/make-large-export.py").path, "--format", format,
            "--megabytes", String(megabytes), file.path,
        ]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }

    /// Reads `file`, counting records and the most resident memory seen above the start.
    static func measure(_ reader: some CommentExportReader, _ file: URL) throws -> (records: Int, comments: Int, growth: Int64) {
        let baseline = residentBytes() ?? 0
        var peak = baseline
        var records = 0
        var comments = 0
        try reader.read(
            file,
            emit: { record in
                records += 1
                if case .comment = record { comments += 1 }
                if records % 2000 == 0, let now = residentBytes() { peak = max(peak, now) }
            }, progress: { _ in })
        return (records, comments, peak - baseline)
    }

    @Test(
        "Given a 30 MB export of each format, then reading it grows memory by far less than the file",
        arguments: ["disqus", "wordpress", "remark42", "isso"])
    func boundedMemory(format: String) throws {
        let directory = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("large.\(format)")
        try Self.generate(format, megabytes: 30, into: file)
        let reader: any CommentExportReader =
            switch format {
            case "disqus": DisqusReader()
            case "wordpress": WordPressReader()
            case "remark42": Remark42Reader()
            default: IssoReader()
            }
        let result = try Self.measure(reader, file)
        // Then every comment was read (about 40,000 of them)
        #expect(result.comments > 30_000)
        // And memory grew by less than a third of the file (a whole-file read needs more than it)
        #expect(result.growth < 30_000_000 / 3, "grew by \(result.growth) bytes")
        print("reader-scale \(format): \(result.comments) comments, resident memory grew by \(result.growth / 1_000_000) MB")
    }

    /// `PARLEY_READER_FILE=FILE PARLEY_READER_KIND=disqus swift test --filter ReaderScaleTests/named`
    /// (scripts/bench-import.sh): the reader alone on a file of any size.
    @Test(
        "Given a named export file, then the reader alone reads it (benchmark)",
        .enabled(if: ProcessInfo.processInfo.environment["PARLEY_READER_FILE"] != nil))
    func named() throws {
        let environment = ProcessInfo.processInfo.environment
        let file = URL(fileURLWithPath: environment["PARLEY_READER_FILE"]!)
        let reader: any CommentExportReader =
            switch environment["PARLEY_READER_KIND"] ?? "disqus" {
            case "wordpress": WordPressReader()
            case "remark42": Remark42Reader()
            case "isso": IssoReader()
            default: DisqusReader()
            }
        let start = Date()
        let result = try Self.measure(reader, file)
        let seconds = Date().timeIntervalSince(start)
        print(
            "reader-bench \(reader.source): \(result.records) records, \(result.comments) comments in "
                + String(format: "%.1f", seconds) + " s; resident memory grew by \(result.growth / 1_000_000) MB, "
                + "peak \((Self.residentBytes("VmHWM") ?? 0) / 1_000_000) MB")
    }
}
