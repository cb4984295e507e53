import Logging
import Synchronization

/// Keeps every log line (message and metadata) for inspection. A logger copies its handler:
/// every copy adds to the same lines.
public struct LogCollector: LogHandler {
    private final class Lines: Sendable {
        let all = Mutex<[String]>([])
    }

    private let lines = Lines()

    public init() {}
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level = .trace

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        let line = "\(event.level) \(event.message) \(event.metadata ?? [:]) \(metadata)"
        lines.all.withLock { $0.append(line) }
    }

    public var text: String { lines.all.withLock { $0.joined(separator: "\n") } }
}
