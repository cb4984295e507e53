import Foundation
import Storage

/// Writes what a `CommentExportReader` reads: discussions keyed by URL, authors merged by
/// email, nesting, dates, likes; idempotent through `import_keys`.
///
/// The reader runs on a thread of its own (`ReaderPump`) and waits while each batch of its
/// records is written in one transaction, so memory holds one batch, the threads of the file
/// (a few per page, far fewer than comments) and the replies still waiting for a parent that
/// comes later in the file.
public enum CommentImport {
    /// Records per batch: one transaction each.
    public static let batchSize = 500

    public static func run(
        _ reader: some CommentExportReader, file: URL, store: any SiteStore, options: ImportOptions,
        progress: ImportProgressHandler?
    ) async throws -> ImportSummary {
        let attributes: [FileAttributeKey: Any]
        do {
            attributes = try FileManager.default.attributesOfItem(atPath: file.path)
        } catch {
            throw ImportError.unreadable("\(file.path) cannot be opened")
        }
        guard attributes[.type] as? FileAttributeType != .typeDirectory else {
            throw ImportError.unreadable("\(file.path) is a folder, not an export file")
        }
        let total = (attributes[.size] as? NSNumber)?.int64Value ?? 0
        var sink = CommentSink(source: reader.source, store: store, options: options, startedAt: Date())
        let pump = ReaderPump()
        for try await batch in pump.start(reader, file: file, batchSize: batchSize) {
            try await sink.take(batch.records)
            progress?(ImportProgress(bytesRead: batch.bytesRead, totalBytes: total, records: sink.recordsRead))
            pump.next()
        }
        try await sink.finish()
        progress?(ImportProgress(bytesRead: total, totalBytes: total, records: sink.recordsRead))
        return sink.summary()
    }
}
