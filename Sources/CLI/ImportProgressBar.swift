import Foundation
import Importers

/// The progress bar of `parley import`, drawn over itself on standard error, and only when that
/// is a terminal: a log file or a pipe gets no control characters.
final class ImportProgressBar: @unchecked Sendable {
    private let lock = NSLock()
    private var lastDrawn = Date.distantPast
    private var drawn = false
    private let width = 30

    /// A bar when standard error is a terminal, else nil.
    static func onTerminal() -> ImportProgressBar? {
        isatty(STDERR_FILENO) == 1 ? ImportProgressBar() : nil
    }

    /// Draws `progress`, at most ten times a second (the last state is drawn by `end`).
    @Sendable func draw(_ progress: ImportProgress) {
        lock.withLock {
            let now = Date()
            let done = progress.totalBytes > 0 && progress.bytesRead >= progress.totalBytes
            guard done || now.timeIntervalSince(lastDrawn) >= 0.1 else { return }
            lastDrawn = now
            drawn = true
            FileHandle.standardError.write(Data(("\r" + Self.line(progress, width: width)).utf8))
        }
    }

    /// Ends the bar's line, so what is printed next starts on a line of its own.
    func end() {
        lock.withLock {
            if drawn { FileHandle.standardError.write(Data("\n".utf8)) }
            drawn = false
        }
    }

    /// `[#########---------]  45%  12.0 of 26.6 MB  12,345 records`
    static func line(_ progress: ImportProgress, width: Int) -> String {
        let fraction = progress.totalBytes > 0 ? min(1, max(0, Double(progress.bytesRead) / Double(progress.totalBytes))) : 0
        let filled = Int((fraction * Double(width)).rounded(.down))
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        let percent = String(Int((fraction * 100).rounded(.down)))
        let megabytes = { (bytes: Int64) in String(format: "%.1f", Double(bytes) / 1_048_576) }
        return "[\(bar)] \(String(repeating: " ", count: 3 - percent.count))\(percent)%  "
            + "\(megabytes(progress.bytesRead)) of \(megabytes(progress.totalBytes)) MB  "
            + "\(ImportSummaryText.grouped(progress.records)) records"
    }
}
