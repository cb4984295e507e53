import App
import Domain
import Foundation
import Storage
import Testing
import UseCases

/// The import upload may take longer than the body timeout, as long as it keeps coming: real
/// sockets against the real server, with the timeout shortened to two seconds.
@Suite("A long import upload keeps its connection while it keeps its pace")
struct ImportUploadPaceTests {
    static func limits() -> ConnectionLimits {
        var limits = ConnectionLimits(
            idleTimeout: .seconds(3), headerTimeout: .seconds(30), bodyTimeout: .seconds(2), maxConnections: 100)
        // Far below what the test sends, so a loaded machine's pauses cannot make it miss.
        limits.minimumBodyRate = 100
        return limits
    }

    static func head(cookie: String?) -> String {
        "POST /dashboard/import HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            + "Content-Type: multipart/form-data; boundary=pace\r\nContent-Length: 100000000\r\n"
            + (cookie.map { "Cookie: \($0)\r\n" } ?? "") + "\r\n"
            + "--pace\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.zip\"\r\n\r\n"
    }

    /// Sends 400 bytes every 250 ms (1,600 a second) for `seconds`, or until the server closes.
    static func trickle(_ connection: RawConnection, for seconds: Double) async -> Bool {
        let chunk = String(repeating: "z", count: 400)
        for _ in 0..<Int(seconds * 4) {
            try? connection.send(chunk)
            if await connection.readUntilClosed(within: 0.25).closed { return true }
        }
        return false
    }

    @Test("An owner's upload sent at the pace outlasts the body timeout, and is closed once it stops coming")
    func ownerAtPace() async throws {
        let site = try await TestSite()
        let token = "pace-test-session-token-0123456789abcdef"
        try await site.store.insertSession(
            tokenHash: SecretToken.hash(token), memberID: site.owner.id, createdAt: Date(), expiresAt: Date().addingTimeInterval(3600))
        try await LiveServer.run(site, limits: Self.limits()) { port in
            let connection = try RawConnection(port: port)
            try connection.send(Self.head(cookie: "__Host-parley_session=\(token)"))
            let closed = await Self.trickle(connection, for: 7)
            #expect(!closed, "closed within 7 s (three body timeouts) though the body kept its pace")
            // Stopped: within the next period or two the connection goes.
            #expect(await connection.readUntilClosed(within: 10).closed, "still open 10 s after the body stopped")
        }
    }

    @Test("A signed-out upload is refused at once, and at the same pace is closed after the body timeout")
    func refusedAtPace() async throws {
        let site = try await TestSite()
        try await LiveServer.run(site, limits: Self.limits()) { port in
            let connection = try RawConnection(port: port)
            try connection.send(Self.head(cookie: nil))
            let started = Date()
            let closed = await Self.trickle(connection, for: 10)
            #expect(closed, "still open after 10 s")
            #expect(Date().timeIntervalSince(started) >= 1.9)
        }
    }
}
