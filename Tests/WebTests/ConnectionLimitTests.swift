import App
import Foundation
import Testing

/// Real sockets against the real server on 127.0.0.1, with limits shortened through the
/// configuration; the long ones stay long so only the limit under test can close a connection.
@Suite("Slow, silent and surplus connections are closed")
struct ConnectionLimitTests {
    static let patient = ConnectionLimits(
        idleTimeout: .seconds(30), headerTimeout: .seconds(30), bodyTimeout: .seconds(30), maxConnections: 100)

    @Test("A request whose headers stop halfway is closed after the header timeout")
    func halfSentHeaders() async throws {
        var limits = Self.patient
        limits.headerTimeout = .milliseconds(500)
        try await LiveServer.run(try await TestSite(), limits: limits) { port in
            let connection = try RawConnection(port: port)
            let started = Date()
            try connection.send("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/html\r\n")
            let result = await connection.readUntilClosed(within: 10)
            #expect(result.closed, "still open after 10 s")
            #expect(Date().timeIntervalSince(started) < 10)
        }
    }

    @Test("A body sent a byte at a time is closed after the body timeout, though bytes keep coming")
    func tricklingBody() async throws {
        var limits = Self.patient
        // Bytes every 250 ms keep a 3 s idle timeout from ever firing, even on a busy machine.
        limits.idleTimeout = .seconds(3)
        limits.bodyTimeout = .seconds(1)
        try await LiveServer.run(try await TestSite(), limits: limits) { port in
            let connection = try RawConnection(port: port)
            try connection.send(
                "POST /subscribe HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                    + "Content-Length: 1000\r\n\r\nemail=")
            let started = Date()
            var closed = false
            // A byte every 250 ms, for up to 10 s.
            for _ in 0..<40 where !closed {
                try? connection.send("a")
                closed = await connection.readUntilClosed(within: 0.25).closed
            }
            #expect(closed, "still open after 10 s of trickling")
            #expect(Date().timeIntervalSince(started) >= 1, "closed before the body timeout")
        }
    }

    @Test("An idle keep-alive connection is closed after the idle timeout")
    func idleKeepAlive() async throws {
        var limits = Self.patient
        limits.idleTimeout = .seconds(1)
        try await LiveServer.run(try await TestSite(), limits: limits) { port in
            let connection = try RawConnection(port: port)
            try connection.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            #expect(try await connection.readResponse(within: 10).hasPrefix("HTTP/1.1 200"))
            let result = await connection.readUntilClosed(within: 10)
            #expect(result.closed, "the kept-alive connection is still open after 10 s")
            #expect(result.text.isEmpty)
        }
    }

    @Test("A connection that never sends a byte is closed after the idle timeout")
    func silentSocket() async throws {
        var limits = Self.patient
        limits.idleTimeout = .milliseconds(500)
        try await LiveServer.run(try await TestSite(), limits: limits) { port in
            let connection = try RawConnection(port: port)
            #expect(await connection.readUntilClosed(within: 10).closed, "still open after 10 s")
        }
    }

    @Test("Connections beyond the cap are answered 503 and closed; a freed place is taken again")
    func cap() async throws {
        var limits = Self.patient
        limits.maxConnections = 2
        try await LiveServer.run(try await TestSite(), limits: limits) { port in
            let first = try await servedConnection(port)
            let second = try await servedConnection(port)
            let surplus = try RawConnection(port: port)
            let refused = await surplus.readUntilClosed(within: 10)
            #expect(refused.closed, "the third connection is still open after 10 s")
            // It sent nothing, so nothing of its own can reset the connection before the answer.
            #expect(refused.text.hasPrefix("HTTP/1.1 503"), "\(refused.text.debugDescription)")
            first.close()
            let again = try await servedConnection(port)
            again.close()
            second.close()
        }
    }

    @Test("A request without a Host, or with two, is refused with 400")
    func hostHeader() async throws {
        try await LiveServer.run(try await TestSite(), limits: Self.patient) { port in
            for request in ["GET / HTTP/1.1\r\n\r\n", "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nHost: evil.example\r\n\r\n"] {
                let connection = try RawConnection(port: port)
                try connection.send(request)
                let response = try await connection.readResponse(within: 10)
                #expect(response.hasPrefix("HTTP/1.1 400"), "\(request.debugDescription): \(response)")
                #expect(response.lowercased().contains("content-security-policy:"))
            }
            let connection = try RawConnection(port: port)
            try connection.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            #expect(try await connection.readResponse(within: 10).hasPrefix("HTTP/1.1 200"), "one Host is fine")
        }
    }

    @Test("A body that breaks HTTP framing is answered 400 and its connection closed")
    func brokenChunkedBody() async throws {
        try await LiveServer.run(try await TestSite(), limits: Self.patient) { port in
            let connection = try RawConnection(port: port)
            try connection.send(
                "POST /subscribe HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\nzz\r\nemail=a@example.com\r\n0\r\n\r\n")
            // 25 s: a loaded machine (the whole suite in parallel) has taken over 10 s to answer
            let result = await connection.readUntilClosed(within: 25)
            #expect(result.text.hasPrefix("HTTP/1.1 400"), "\(result.text)")
            #expect(result.closed, "still open after 25 s")
        }
    }

    @Test("A multipart body that breaks HTTP framing is answered 400 and closed, not taken for a file too large")
    func brokenChunkedUpload() async throws {
        try await LiveServer.run(try await TestSite(), limits: Self.patient) { port in
            let connection = try RawConnection(port: port)
            try connection.send(
                "POST /settings/avatar HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: multipart/form-data; boundary=b\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\nzz\r\n--b\r\n0\r\n\r\n")
            // 25 s: a loaded machine (the whole suite in parallel) has taken over 10 s to answer
            let result = await connection.readUntilClosed(within: 25)
            #expect(result.text.hasPrefix("HTTP/1.1 400"), "\(result.text)")
            #expect(result.closed, "still open after 25 s")
        }
    }

    @Test("Answered before its body ended (a form from another origin), the next request on the connection still has a header timeout")
    func headerTimeoutAfterEarlyAnswer() async throws {
        var limits = Self.patient
        limits.headerTimeout = .milliseconds(500)
        try await LiveServer.run(try await TestSite(), limits: limits) { port in
            let connection = try RawConnection(port: port)
            try connection.send(
                "POST /subscribe HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: https://evil.example\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 21\r\n\r\nemail=")
            // Refused for its origin before a byte of the body is read (within 25 s: a loaded
            // machine, the whole suite in parallel, has taken over 10 s to answer)
            let refused = try await connection.readResponse(within: 25)
            #expect(refused.hasPrefix("HTTP/1.1 403"), "\(refused)")
            #expect(!refused.lowercased().contains("connection: close"), "the connection is kept alive")
            try connection.send("a%40example.com")
            // Apart, so the half head comes in a read of its own, as from a slow client.
            try await Task.sleep(for: .milliseconds(300))
            try connection.send("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            let started = Date()
            let result = await connection.readUntilClosed(within: 25)
            #expect(result.closed, "half a head still open after 25 s: only the 30 s idle timeout was left")
            #expect(Date().timeIntervalSince(started) < 25)
        }
    }

    /// A connection that got a 200 for /healthz. A place freed a moment ago may not be counted
    /// free yet (the server learns of the close a little later), so a refusal is tried again,
    /// 20 times at most.
    private func servedConnection(_ port: Int) async throws -> RawConnection {
        var last = ""
        for _ in 0..<20 {
            // A refused connect is retried too: under a loaded machine the freed place can lag.
            do {
                let connection = try RawConnection(port: port)
                try? connection.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                last = try await connection.readResponse(within: 10)
                if last.hasPrefix("HTTP/1.1 200") { return connection }
            } catch {
                last = "\(error)"
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw RawConnectionError("not served after 20 tries: \(last)")
    }
}
