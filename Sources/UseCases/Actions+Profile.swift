import Crypto
import Domain
import Foundation
import Storage

extension Actions {
    /// Changes the viewer's display name and bio.
    public func updateProfile(displayName rawName: String, bio rawBio: String, by viewer: Member?) async throws -> Member {
        guard var viewer else { throw FieldError("name", .signInRequired) }
        let name = try DisplayName.normalize(rawName)
        let bio = try TextInput.clean(rawBio, field: "bio", max: Limits.bioLength, required: false)
        try await store.updateProfile(memberID: viewer.id, displayName: name, bio: bio)
        viewer.displayName = name
        viewer.bio = bio
        return viewer
    }

    /// Sets the viewer's avatar from uploaded bytes. The type comes from the bytes, never from
    /// the file's name or the browser's word: PNG, JPEG, WebP or GIF, within size limits. The
    /// bytes are stored as sent; they are served with their sniffed type, `nosniff` and a
    /// sandboxing CSP, so a file that only looks like an image cannot run as anything else.
    public func setAvatar(bytes: Data, by viewer: Member?) async throws -> AvatarImage {
        guard let viewer else { throw FieldError("avatar", .signInRequired) }
        guard !bytes.isEmpty else { throw FieldError("avatar", .required) }
        guard bytes.count <= Limits.avatarBytes else { throw FieldError("avatar", .fileTooLarge(maxBytes: Limits.avatarBytes)) }
        guard let type = ImageType(sniffing: bytes) else { throw FieldError("avatar", .unsupportedImage) }
        if let size = type.pixelSize(of: bytes) {
            guard size.width > 0, size.height > 0, max(size.width, size.height) <= Limits.avatarPixels
            else { throw FieldError("avatar", .imageTooLarge(maxPixels: Limits.avatarPixels)) }
        } else {
            throw FieldError("avatar", .unsupportedImage)
        }
        let version = SHA256.hash(data: bytes).prefix(8).map { String(format: "%02x", $0) }.joined()
        let avatar = AvatarImage(contentType: type.contentType, bytes: bytes, version: version, updatedAt: now)
        try await store.setAvatar(avatar, memberID: viewer.id)
        return avatar
    }

    /// Goes back to the generated avatar.
    public func removeAvatar(by viewer: Member?) async throws {
        guard let viewer else { throw FieldError("avatar", .signInRequired) }
        try await store.setAvatar(nil, memberID: viewer.id)
    }

    /// Sets (or changes) the viewer's password, so they can also sign in without a link.
    /// Signing in by link proved the address, so no old password is asked for; every other
    /// session of theirs ends, so a cookie stolen earlier does not outlive the change.
    public func setPassword(_ password: String, repeated: String, by viewer: Member?, keepingSession token: String? = nil) async throws {
        guard let viewer else { throw FieldError("password", .signInRequired) }
        guard !password.isEmpty else { throw FieldError("password", .required) }
        guard password.count >= Limits.passwordLength.lowerBound else {
            throw FieldError("password", .tooShort(min: Limits.passwordLength.lowerBound))
        }
        guard password.count <= Limits.passwordLength.upperBound else {
            throw FieldError("password", .tooLong(max: Limits.passwordLength.upperBound))
        }
        guard password == repeated else { throw FieldError("repeat", .mismatch) }
        try await store.setPasswordHash(await passwords.hash(password), memberID: viewer.id)
        try await store.deleteSessions(memberID: viewer.id, keeping: token.map(SecretToken.hash))
    }

    /// Removes the viewer's password: sign-in links only. Other sessions end, as on a change.
    public func removePassword(by viewer: Member?, keepingSession token: String? = nil) async throws {
        guard let viewer else { throw FieldError("password", .signInRequired) }
        try await store.setPasswordHash(nil, memberID: viewer.id)
        try await store.deleteSessions(memberID: viewer.id, keeping: token.map(SecretToken.hash))
    }

    /// Turns reply and mention emails on or off.
    public func setNotificationSwitches(replies: Bool, mentions: Bool, by viewer: Member?) async throws {
        guard let viewer else { throw FieldError("notifications", .signInRequired) }
        try await store.setNotificationSwitches(memberID: viewer.id, replies: replies, mentions: mentions)
    }

    /// Follows or unfollows a post's discussion: its new comments come as a digest.
    public func setFollowing(_ following: Bool, postID: PostID, by viewer: Member?) async throws {
        guard let viewer else { throw FieldError("follow", .signInRequired) }
        guard let post = try await store.post(id: postID), post.isVisible(at: clock()) else { throw FieldError("follow", .notFound) }
        do {
            try await store.setFollowing(following, memberID: viewer.id, postID: post.id, at: now)
        } catch StoreError.missing {
            throw FieldError("follow", .notFound)
        }
    }
}
