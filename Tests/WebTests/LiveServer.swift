import App
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import TestSupport
import UseCases

/// The whole application listening on a real port of 127.0.0.1, for tests that need sockets:
/// started with `limits`, stopped gracefully when `body` ends.
enum LiveServer {
    static func run(
        _ site: TestSite, limits: ConnectionLimits, configure: (inout ParleyConfiguration) -> Void = { _ in },
        _ body: @Sendable (Int) async throws -> Void
    ) async throws {
        try await run(actions: site.actions, limits: limits, configure: configure, body)
    }

    /// The same, for use cases over any site (one without an owner, say).
    static func run(
        actions: Actions, limits: ConnectionLimits, configure: (inout ParleyConfiguration) -> Void = { _ in },
        _ body: @Sendable (Int) async throws -> Void
    ) async throws {
        let port = try LoopbackListener.freePort()
        var configuration = TestSite.configuration(port: port)
        configuration.connectionLimits = limits
        configure(&configuration)
        var logger = Logger(label: "parley.live-test")
        logger.logLevel = .error
        let app = buildApplication(actions: actions, configuration: configuration, logger: logger)
        let group = ServiceGroup(configuration: .init(services: [app], logger: logger))
        let outcome = await withThrowingTaskGroup(of: Void.self) { tasks -> Result<Void, any Error> in
            tasks.addTask { try await group.run() }
            let outcome: Result<Void, any Error>
            do {
                try await waitUntilListening(port)
                try await body(port)
                outcome = .success(())
            } catch {
                outcome = .failure(error)
            }
            // Always a graceful end: cancelling the server while it holds a connection it has
            // accepted but not yet handled traps in NIO.
            await group.triggerGracefulShutdown()
            do { try await tasks.waitForAll() } catch { return outcome.flatMap { .failure(error) } }
            return outcome
        }
        try outcome.get()
    }

    /// Tries to connect every 50 ms, for at most 10 s.
    private static func waitUntilListening(_ port: Int) async throws {
        for _ in 0..<200 {
            if let probe = try? RawConnection(port: port) {
                probe.close()
                return
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw RawConnectionError("nothing listens on 127.0.0.1:\(port) after 10 s")
    }
}
