import Domain
import Foundation

// How both engines store moderation values, and what they write in the audit log's
// before/after for changes they can see both sides of: one definition, so the engines agree.

extension SiteData.ModerationSettingsRow {
    /// The row that stores `settings`: word lists one per line.
    public init(_ settings: ModerationSettings) {
        let (policy, count): (String, Int) =
            switch settings.holdPolicy {
            case .nothing: ("nothing", 0)
            case .firstComments(let count): ("first_comments", count)
            case .everything: ("everything", 0)
            }
        self.init(
            holdPolicy: policy, holdFirstCount: count, maxLinks: settings.maxLinks, reportsToHold: settings.reportsToHold,
            holdWords: settings.holdWords.joined(separator: "\n"), blockWords: settings.blockWords.joined(separator: "\n"),
            autoCloseDays: settings.autoCloseDays, spamThreshold: settings.spamThreshold)
    }

    /// The settings this row stores; nil for a hold policy the schema's CHECK should have refused.
    public var settings: ModerationSettings? {
        let policy: HoldPolicy
        switch holdPolicy {
        case "nothing": policy = .nothing
        case "first_comments": policy = .firstComments(count: holdFirstCount)
        case "everything": policy = .everything
        default: return nil
        }
        return ModerationSettings(
            holdPolicy: policy, maxLinks: maxLinks, reportsToHold: reportsToHold, holdWords: Self.lines(holdWords),
            blockWords: Self.lines(blockWords), autoCloseDays: autoCloseDays, spamThreshold: spamThreshold)
    }

    static func lines(_ text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
    }
}

/// The before/after texts of audit entries that the stores write themselves.
public enum AuditText {
    /// A role as the log shows it: its stored name.
    public static func role(_ role: Role) -> String {
        role.rawValue
    }

    /// A ban: how long it holds, and how many comments went with it (nil: none were asked to go).
    public static func ban(_ ban: Ban, removedComments: Int? = nil) -> String {
        let length = ban.until.map { "until \(ISO8601DateFormatter().string(from: $0))" } ?? "for good"
        guard let removedComments else { return length }
        return "\(length); \(removedComments) comment\(removedComments == 1 ? "" : "s") removed"
    }

    /// A post's discussion setting and when it closes.
    public static func discussion(_ setting: DiscussionSetting, autoCloseDays: Int?) -> String {
        let closing = autoCloseDays.map { "closes \($0) days after publication" } ?? "closes as the publication decides"
        return "\(setting.rawValue); \(closing)"
    }

    /// The publication's rules, one per line.
    public static func settings(_ settings: ModerationSettings) -> String {
        let policy =
            switch settings.holdPolicy {
            case .nothing: "nothing"
            case .firstComments(let count): "first \(count) comments"
            case .everything: "everything"
            }
        return [
            "hold: \(policy)",
            "links: \(settings.maxLinks)",
            "reports to hold: \(settings.reportsToHold)",
            "hold words: \(settings.holdWords.joined(separator: ", "))",
            "block words: \(settings.blockWords.joined(separator: ", "))",
            "auto-close: \(settings.autoCloseDays.map { "\($0) days" } ?? "never")",
            "spam threshold: \(settings.spamThreshold)",
        ].joined(separator: "\n")
    }
}
