import Dispatch
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

    /// A valid hash of nothing anyone knows, verified against when the email is unknown,
    /// so a wrong address takes as long as a wrong password.
    static let decoyHash = Bcrypt.hash("parley-decoy-password", cost: 11)

    private static func offPool<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: work()) }
        }
    }
}
