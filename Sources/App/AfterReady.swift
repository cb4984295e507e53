import Foundation
import ServiceLifecycle
import Synchronization

/// Runs a service only once the site is ready (migrations applied), so a worker never polls a
/// table that does not exist yet; `ready()` is called by the application's start-up step.
/// Shut down or cancelled before that, it ends without running the service.
final class AfterReady: Service {
    private struct Gate {
        var isOpen = false
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    private let gate = Mutex(Gate())
    private let service: any Service

    init(_ service: any Service) {
        self.service = service
    }

    /// Lets the service start; later calls do nothing.
    func ready() {
        release()
    }

    func run() async throws {
        do {
            try await cancelWhenGracefulShutdown { try await self.waitUntilOpen() }
        } catch is CancellationError {
            return
        }
        try await service.run()
    }

    private func waitUntilOpen() async throws {
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let resumeNow = gate.withLock { gate in
                    if gate.isOpen { return true }
                    gate.waiters.append(continuation)
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            self.release()
        }
        try Task.checkCancellation()
    }

    /// Opens the gate and wakes every waiter exactly once.
    private func release() {
        let toResume: [CheckedContinuation<Void, Never>] = gate.withLock { gate in
            gate.isOpen = true
            defer { gate.waiters = [] }
            return gate.waiters
        }
        toResume.forEach { $0.resume() }
    }
}
