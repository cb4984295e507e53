import Foundation

/// How long a client may keep a connection doing nothing, or take to send a request, and how
/// many connections may be open at once. A slow or silent client otherwise holds a socket, a
/// file descriptor and memory forever; enough of them and nobody else gets in.
public struct ConnectionLimits: Sendable {
    /// A connection that sends nothing for this long is closed: a socket that never sends a
    /// request, or a keep-alive connection waiting for the next one. Longer than the 60 s an
    /// nginx in front keeps its idle upstream connections, so nginx closes first and never
    /// sends a request on a connection Parley is closing.
    public var idleTimeout: Duration
    /// From the first bytes of a request to the end of its headers. Headers are a few hundred
    /// bytes: any client sends them in well under a second.
    public var headerTimeout: Duration
    /// From the end of the headers to the end of the body. The largest body (an avatar upload,
    /// about 1 MiB) needs about 17 KiB/s to make it.
    public var bodyTimeout: Duration
    /// Connections open at once; one more is answered 503 and closed.
    public var maxConnections: Int
    /// POST paths whose body may take longer than `bodyTimeout` while it keeps arriving at
    /// `minimumBodyRate`: the dashboard's import, whose upload (up to 1 GiB) is streamed to disk.
    public var longBodyPaths: Set<String> = ["/dashboard/import"]
    /// Bytes per second such a body must average over each `bodyTimeout`, or be cut off.
    public var minimumBodyRate = 16 * 1024

    public init(
        idleTimeout: Duration = .seconds(75), headerTimeout: Duration = .seconds(10),
        bodyTimeout: Duration = .seconds(60), maxConnections: Int = ConnectionLimits.defaultMaxConnections
    ) {
        self.idleTimeout = idleTimeout
        self.headerTimeout = headerTimeout
        self.bodyTimeout = bodyTimeout
        self.maxConnections = maxConnections
    }

    /// 1,000, or half the process's file descriptor limit when that is lower (a common soft limit
    /// is 1,024): the other half stays for the database, the mail server and the log, so the
    /// cap is reached before accepting a connection can fail for want of a descriptor.
    public static let defaultMaxConnections: Int = {
        var limit = rlimit()
        #if os(Linux)
            let read = getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit)
        #else
            let read = getrlimit(RLIMIT_NOFILE, &limit)
        #endif
        guard read == 0 else { return 1_000 }
        // "Unlimited" is the largest value, which clamping keeps large.
        return max(16, min(1_000, Int(clamping: limit.rlim_cur) / 2))
    }()
}
