import Domain
import Foundation
import Storage

extension Actions {
    /// Replaces the publication's moderation rules (owners and admins). Word lists are kept
    /// trimmed, lowercased, without blanks or repeats; every count and list is bounded.
    public func updateModerationSettings(_ settings: ModerationSettings, by viewer: Member?) async throws {
        let admin = try requireAdmin(viewer, field: "settings")
        let checked = try Self.checkedModerationSettings(settings)
        let before = try await store.moderationSettings()
        try await store.updateModerationSettings(
            checked,
            audit: NewAuditEntry(
                at: now, actorID: admin.id, action: .moderationSettings, before: Self.auditText(before), after: Self.auditText(checked)))
    }

    /// Sets who may join a post's discussion and when it closes by age (nil: the publication's
    /// default). Staff may.
    public func setDiscussion(postID: PostID, setting: DiscussionSetting, autoCloseDays: Int?, by viewer: Member?) async throws {
        let staff = try requireStaff(viewer, field: "discussion")
        if let days = autoCloseDays, !(1...Limits.autoCloseDaysMax).contains(days) {
            throw FieldError("autoCloseDays", .outOfRange(min: 1, max: Limits.autoCloseDaysMax))
        }
        guard let post = try await store.post(id: postID) else { throw FieldError("post", .notFound) }
        do {
            try await store.setDiscussion(
                setting, autoCloseDays: autoCloseDays, postID: post.id,
                audit: NewAuditEntry(
                    at: now, actorID: staff.id, action: .discussionSettings, postID: post.id,
                    before: Self.auditText(post.discussion, post.autoCloseDays), after: Self.auditText(setting, autoCloseDays)))
        } catch StoreError.missing {
            throw FieldError("post", .notFound)
        }
    }

    /// `settings` within the limits, word lists normalised; or the first field out of them.
    static func checkedModerationSettings(_ settings: ModerationSettings) throws(FieldError) -> ModerationSettings {
        var checked = settings
        let most = Limits.moderationCountMax
        if case .firstComments(let count) = settings.holdPolicy, !(1...most).contains(count) {
            throw FieldError("holdCount", .outOfRange(min: 1, max: most))
        }
        guard (0...most).contains(settings.maxLinks) else { throw FieldError("maxLinks", .outOfRange(min: 0, max: most)) }
        guard (1...most).contains(settings.reportsToHold) else { throw FieldError("reportsToHold", .outOfRange(min: 1, max: most)) }
        if let days = settings.autoCloseDays, !(1...Limits.autoCloseDaysMax).contains(days) {
            throw FieldError("autoCloseDays", .outOfRange(min: 1, max: Limits.autoCloseDaysMax))
        }
        guard settings.spamThreshold > 0, settings.spamThreshold <= 1 else { throw FieldError("spamThreshold", .invalidChoice) }
        checked.holdWords = try wordList(settings.holdWords, field: "holdWords")
        checked.blockWords = try wordList(settings.blockWords, field: "blockWords")
        return checked
    }

    /// A word list as stored: trimmed, lowercased, inner spaces collapsed, blanks and repeats dropped.
    static func wordList(_ raw: [String], field: String) throws(FieldError) -> [String] {
        var seen = Set<String>()
        var list: [String] = []
        for entry in raw {
            let word = entry.lowercased().split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
            guard !word.isEmpty, seen.insert(word).inserted else { continue }
            guard word.count <= Limits.wordListEntryLength else { throw FieldError(field, .tooLong(max: Limits.wordListEntryLength)) }
            list.append(word)
        }
        guard list.count <= Limits.wordListEntries else { throw FieldError(field, .outOfRange(min: 0, max: Limits.wordListEntries)) }
        return list
    }

    /// The settings as one line of the audit log.
    static func auditText(_ settings: ModerationSettings) -> String {
        let policy =
            switch settings.holdPolicy {
            case .nothing: "nothing"
            case .everything: "everything"
            case .firstComments(let count): "first \(count)"
            }
        return "hold: \(policy); links: \(settings.maxLinks); reports: \(settings.reportsToHold); "
            + "hold words: \(settings.holdWords.count); block words: \(settings.blockWords.count); "
            + "auto-close: \(settings.autoCloseDays.map(String.init) ?? "never"); spam: \(settings.spamThreshold)"
    }

    /// A post's discussion setting as one line of the audit log.
    static func auditText(_ setting: DiscussionSetting, _ autoCloseDays: Int?) -> String {
        "\(setting.rawValue); auto-close: \(autoCloseDays.map(String.init) ?? "default")"
    }
}
