import Foundation

/// Runs a synchronous `CommentExportReader` on a thread of its own and hands its records over in
/// batches, one at a time: after handing one over the reader waits until the sink has written it
/// (`next()`), so at most one batch is in memory however large the file is, and the reader's
/// thread never blocks a task of the cooperative pool.
final class ReaderPump: @unchecked Sendable {
    /// Records in file order, and how far into the file the reader was.
    struct Batch: Sendable {
        var records: [ImportRecord]
        var bytesRead: Int64
    }

    private let written = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var stopped = false

    /// Starts reading `file` with `reader`; the stream ends with the file, or with the reader's error.
    func start(_ reader: some CommentExportReader, file: URL, batchSize: Int) -> AsyncThrowingStream<Batch, Error> {
        let (stream, continuation) = AsyncThrowingStream<Batch, Error>.makeStream()
        // The consumer gone (finished, failed or cancelled): let a waiting reader go, and stop it.
        continuation.onTermination = { [self] _ in stop() }
        let thread = Thread { [self] in
            var buffer: [ImportRecord] = []
            buffer.reserveCapacity(batchSize)
            var bytes: Int64 = 0
            do {
                try reader.read(
                    file,
                    emit: { record in
                        buffer.append(record)
                        guard buffer.count >= batchSize else { return }
                        try handOver(Batch(records: buffer, bytesRead: bytes), continuation)
                        buffer.removeAll(keepingCapacity: true)
                    }, progress: { bytes = $0 })
                if !buffer.isEmpty { continuation.yield(Batch(records: buffer, bytesRead: bytes)) }
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        thread.name = "parley-import-reader"
        // Readers of nested formats may recurse a little; the default secondary stack is small.
        thread.stackSize = 8 << 20
        thread.start()
        return stream
    }

    /// The sink wrote the batch it was handed: the reader may read on.
    func next() {
        written.signal()
    }

    private func stop() {
        lock.withLock { stopped = true }
        written.signal()
    }

    private var isStopped: Bool { lock.withLock { stopped } }

    private func handOver(_ batch: Batch, _ continuation: AsyncThrowingStream<Batch, Error>.Continuation) throws {
        if isStopped { throw CancellationError() }
        continuation.yield(batch)
        written.wait()
        if isStopped { throw CancellationError() }
    }
}
