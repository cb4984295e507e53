import Domain
import Foundation
import Storage

extension InMemoryStore {
    public func insertMember(_ new: NewMember) throws -> Member {
        guard memberIDsByEmail[new.email] == nil else { throw StoreError.duplicate(field: "email") }
        lastMemberID += 1
        let member = Member(
            id: MemberID(lastMemberID), email: new.email, displayName: new.displayName, bio: new.bio,
            role: new.role, createdAt: new.createdAt.truncatedToMilliseconds)
        storedMembers[member.id] = StoredMember(member: member, passwordHash: new.passwordHash)
        memberIDsByEmail[new.email] = member.id
        return member
    }

    public func member(id: MemberID) -> Member? {
        storedMembers[id]?.member
    }

    public func member(email: String) -> Member? {
        memberIDsByEmail[email].flatMap { storedMembers[$0]?.member }
    }

    public func members(ids: Set<MemberID>) -> [MemberID: Member] {
        var found: [MemberID: Member] = [:]
        for id in ids {
            if let member = storedMembers[id]?.member { found[id] = member }
        }
        return found
    }

    public func passwordHash(memberID: MemberID) -> String? {
        storedMembers[memberID]?.passwordHash
    }

    public func memberCount() -> Int {
        storedMembers.count
    }

    public func members(nameKeys: Set<String>) -> [Member] {
        // The key is derived, not stored: here it can never disagree with the name.
        storedMembers.values.map(\.member)
            .filter { !$0.isDeleted && nameKeys.contains(NameKey.of($0.displayName)) }
            .sorted { $0.id < $1.id }
    }

    public func updateProfile(memberID: MemberID, displayName: String, bio: String) throws {
        try changeMember(memberID) {
            $0.member.displayName = displayName
            $0.member.bio = bio
        }
    }

    public func setPasswordHash(_ hash: String?, memberID: MemberID) throws {
        try changeMember(memberID) { $0.passwordHash = hash }
    }

    public func setNotificationSwitches(memberID: MemberID, replies: Bool, mentions: Bool) throws {
        try changeMember(memberID) {
            $0.member.notifyReplies = replies
            $0.member.notifyMentions = mentions
        }
    }

    public func setAvatar(_ avatar: AvatarImage?, memberID: MemberID) throws {
        let stored = avatar.map {
            AvatarImage(
                contentType: $0.contentType, bytes: $0.bytes, version: $0.version,
                updatedAt: $0.updatedAt.truncatedToMilliseconds)
        }
        try changeMember(memberID) { $0.member.avatarVersion = stored?.version }
        avatars[memberID] = stored
    }

    public func avatar(memberID: MemberID) -> AvatarImage? {
        avatars[memberID]
    }

    /// Applies `change` to a stored member; `StoreError.missing` for an unknown one.
    func changeMember(_ id: MemberID, _ change: (inout StoredMember) -> Void) throws {
        guard var stored = storedMembers[id] else { throw StoreError.missing("member") }
        change(&stored)
        storedMembers[id] = stored
    }
}
