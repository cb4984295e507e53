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
        // Run on its own by scripts/test (PARLEY_SCALE_TESTS=1) after the parallel run: making and
        // reading 120 MB took both cores for a minute, and timed tests beside it failed.
        .enabled(if: ProcessInfo.processInfo.environment["PARLEY_SCALE_TESTS"] == "1"),
        arguments: ["disqus", "wordpress", "remark42", "isso"])
    func boundedMemory(format: String) throws {
        let directory = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("large.\(format)")
        try Self.generate(format, megabytes: 30, into: file)
        // When a process of its own reads it (this test binary running only `named`), so that
        // other tests running meanwhile do not count
        let output = try Self.readInOwnProcess(file, kind: format)
        let numbers = output.drop { $0 != ":" }.split(whereSeparator: { !$0.isNumber && $0 != "." }).compactMap { Double($0) }
        // reader-bench KIND: R records, C comments in S s; resident memory grew by G MB, peak P MB
        try #require(output.contains("reader-bench") && numbers.count >= 5, "\(output)")
        let (comments, growth) = (numbers[1], numbers[3])
        // Then every comment was read (about 40,000 of them)
        #expect(comments > 30_000)
        // And memory grew by less than two thirds of the file (a whole-file read needs more than
        // it; 12.7 MB was seen under a heavily loaded machine, 2-6 MB otherwise)
        #expect(growth < 20, "grew by \(growth) MB")
        print("reader-scale \(format): \(Int(comments)) comments, resident memory grew by \(Int(growth)) MB")
    }

    /// Runs this test binary again with only `named` selected, reading `file`; returns its output.
    private static func readInOwnProcess(_ file: URL, kind: String) throws -> String {
        let process = Process()
        process.executableURL = Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
        process.arguments = ["--testing-library", "swift-testing", "--filter", "ReaderScaleTests/named"]
        var environment = ProcessInfo.processInfo.environment
        environment["PARLEY_READER_FILE"] = file.path
        environment["PARLEY_READER_KIND"] = kind
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let output = String(decoding: data, as: UTF8.self)
        return output.split(separator: "\n").first { $0.contains("reader-bench") }.map(String.init) ?? output
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
