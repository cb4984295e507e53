import Foundation
import HummingbirdBcrypt

/// bcrypt hashing, off the cooperative thread pool: a hash costs tens of milliseconds of CPU.
public struct PasswordHasher: Sendable {
    /// bcrypt's work factor; tests lower it to keep the suite fast.
    public let cost: UInt8

    public init(cost: UInt8 = 11) { self.cost = cost }

    public func hash(_ password: String) async -> String {
        let cost = self.cost
        return await Self.offPool { Bcrypt.hash(password, cost: cost) }
    }

    public func verify(_ password: String, hash: String) async -> Bool {
        await Self.offPool { Bcrypt.verify(password, hash: hash) }
    }

    /// Verifies against `hash`, or against the decoy when there is none, so both take as long.
    /// The decoy is made on first use, off the cooperative pool like every hash.
    func verify(_ password: String, hashOrDecoy hash: String?) async -> Bool {
        await Self.offPool { Bcrypt.verify(password, hash: hash ?? Self.decoyHash) && hash != nil }
    }

    /// A valid hash of nothing anyone knows, verified against when the email is unknown,
    /// so a wrong address takes as long as a wrong password.
    static let decoyHash = Bcrypt.hash("parley-decoy-password", cost: 11)

    /// At most one hash per core at a time: a burst of sign-ins waits its turn instead of
    /// taking every core from the requests being served.
    private static let queue: OperationQueue = {
        let queue = OperationQueue()
        queue.name = "parley.bcrypt"
        queue.maxConcurrentOperationCount = max(1, ProcessInfo.processInfo.activeProcessorCount)
        return queue
    }()

    private static func offPool<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            queue.addOperation { continuation.resume(returning: work()) }
        }
    }
}
