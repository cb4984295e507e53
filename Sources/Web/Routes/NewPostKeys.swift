import Domain
import Foundation

/// The posts made by a new post's first autosave, by the key the editor's script made for
/// it: a retry after a lost response gets the same post instead of a second draft. Kept in
/// this process for an hour (a retry comes within minutes), at most `capacity` keys.
actor NewPostKeys {
    /// Shared by every site in the process: keys are random and scoped by member.
    static let shared = NewPostKeys()

    static let capacity = 10_000
    static let lifetime: TimeInterval = 3_600

    private var made: [String: (post: Task<PostID, Error>, at: Date)] = [:]

    /// The post made for `key` by `member`: made now by `create`, or the one made before (a
    /// request still making it is waited for). The flag says whether it was made now.
    func post(
        member: MemberID, key: String, now: Date, create: @escaping @Sendable () async throws -> PostID
    ) async throws -> (
        PostID, made: Bool
    ) {
        let name = "\(member):\(key)"
        if let known = made[name], now.timeIntervalSince(known.at) < Self.lifetime {
            return (try await known.post.value, false)
        }
        if made.count >= Self.capacity {
            made = made.filter { now.timeIntervalSince($0.value.at) < Self.lifetime }
            if made.count >= Self.capacity { made.removeAll() }
        }
        let task = Task { try await create() }
        made[name] = (task, now)
        do {
            return (try await task.value, true)
        } catch {
            // A refused first save (a field error) makes nothing: the retry may try again.
            made[name] = nil
            throw error
        }
    }

    /// A key the script made: short, letters, digits and dashes only.
    static func isValid(_ key: String) -> Bool {
        (8...64).contains(key.utf8.count)
            && key.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x41 && $0 <= 0x5A) || $0 == 0x2D }
    }
}
