import Domain
import Foundation
import Importers
import Storage
import Synchronization

/// One import started from the dashboard, as its status page shows it.
struct ImportRun: Sendable {
    enum State: String, Sendable {
        case running, finished, failed
    }

    /// Random, so a run's page cannot be guessed (it names a file and what came of it).
    let id: String
    let kind: ImportKind
    /// The file's name as the browser sent it: shown as text only.
    let fileName: String
    let startedBy: MemberID
    let startedAt: Date
    var state = State.running
    var progress: ImportProgress?
    var summary: ImportSummary?
    /// Why it failed, in words for the writer.
    var failure: String?

    /// How far through the file, 0 to 100.
    var percent: Int {
        guard let progress, progress.totalBytes > 0 else { return 0 }
        return Int(min(100, progress.bytesRead * 100 / progress.totalBytes))
    }
}

/// The imports this instance runs in the background, and the last ones it ran.
///
/// A run lives in this process: its status page answers on this instance, and a restart
/// forgets it (and stops a run under way, which is safe to start again: every import adds
/// nothing twice). One run at a time per instance, so a second upload cannot double the load
/// on a small server.
final class ImportRuns: Sendable {
    /// Finished runs kept for their pages, at most.
    static let kept = 20
    /// Where an uploaded file waits for its run, and is removed after it.
    static let directory = FileManager.default.temporaryDirectory.appendingPathComponent("parley-imports", isDirectory: true)

    private let runs = Mutex<[ImportRun]>([])

    /// The run with this id, or nil.
    func run(id: String) -> ImportRun? {
        runs.withLock { runs in runs.first { $0.id == id } }
    }

    /// The runs, newest first.
    func all() -> [ImportRun] {
        runs.withLock { $0.reversed() }
    }

    var isBusy: Bool {
        runs.withLock { runs in runs.contains { $0.state == .running } }
    }

    /// Takes `upload` (moving it away from where the form left it) and imports it as `kind` in
    /// the background; nil when a run is already under way here.
    func start(
        _ kind: ImportKind, upload: URL, fileName: String, options: ImportOptions, store: any SiteStore, by member: MemberID,
        at now: Date
    ) throws -> ImportRun? {
        let id = SecretIDs.make()
        let run = ImportRun(id: id, kind: kind, fileName: fileName, startedBy: member, startedAt: now)
        let claimed = runs.withLock { runs -> Bool in
            guard !runs.contains(where: { $0.state == .running }) else { return false }
            runs.append(run)
            let finished = runs.filter { $0.state != .running }
            if finished.count > Self.kept, let oldest = finished.first { runs.removeAll { $0.id == oldest.id } }
            return true
        }
        guard claimed else { return nil }
        let file: URL
        do {
            try FileManager.default.createDirectory(
                at: Self.directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            file = Self.directory.appendingPathComponent(id)
            try FileManager.default.moveItem(at: upload, to: file)
        } catch {
            runs.withLock { runs in runs.removeAll { $0.id == id } }
            throw error
        }
        Task.detached { [self] in
            await self.execute(id: id, kind: kind, file: file, options: options, store: store)
        }
        return run
    }

    private func execute(id: String, kind: ImportKind, file: URL, options: ImportOptions, store: any SiteStore) async {
        defer { try? FileManager.default.removeItem(at: file) }
        do {
            let summary = try await SiteImport.run(kind, file: file, store: store, options: options) { [self] progress in
                update(id) { $0.progress = progress }
            }
            update(id) {
                $0.summary = summary
                $0.state = .finished
            }
        } catch {
            let words = (error as? ImportError)?.description ?? "the import stopped: \(error)"
            update(id) {
                $0.failure = words
                $0.state = .failed
            }
        }
    }

    private func update(_ id: String, _ change: (inout ImportRun) -> Void) {
        runs.withLock { runs in
            if let index = runs.firstIndex(where: { $0.id == id }) { change(&runs[index]) }
        }
    }
}

/// Random ids for runs: 16 bytes as hex.
enum SecretIDs {
    static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<16).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }
}
