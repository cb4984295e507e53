import Foundation

/// What is rate limited, each with its own counts.
public enum LimitedAction: String, Sendable, CaseIterable {
    /// Writing a comment: a new one, a reply or an edit.
    case comment
    /// A like toggled on or off.
    case like
    /// Following or unfollowing a discussion.
    case follow
    /// Reporting a comment to the moderators.
    case report
    /// A password sign-in attempt.
    case signIn
    /// Asking for a sign-in link (each one sends mail).
    case signInLink
    /// Asking to subscribe (each one sends a confirmation mail).
    case subscribe

    /// The form field a refusal is shown at.
    var field: String {
        switch self {
        case .comment: "body"
        case .like: "like"
        case .follow: "follow"
        case .report: "report"
        case .signIn: "password"
        case .signInLink, .subscribe: "email"
        }
    }
}

/// At most `count` hits in a window of `seconds`.
public struct RateRule: Sendable, Hashable {
    public var count: Int
    public var seconds: Int

    public init(_ count: Int, per seconds: Int) {
        self.count = count
        self.seconds = seconds
    }

    public static func perMinute(_ count: Int) -> RateRule { RateRule(count, per: 60) }
    public static func perHour(_ count: Int) -> RateRule { RateRule(count, per: 3_600) }
    public static func perDay(_ count: Int) -> RateRule { RateRule(count, per: 86_400) }
}

/// The limits of one action: per signed-in member (stricter while the account is new), per
/// client address, and per account named in the form (the email of a sign-in).
public struct ActionLimits: Sendable, Hashable {
    public var perMember: [RateRule] = []
    /// Used instead of `perMember` while the account is younger than `RateLimits.newAccountAge`.
    public var perNewMember: [RateRule] = []
    public var perAddress: [RateRule] = []
    public var perAccount: [RateRule] = []

    public init(perMember: [RateRule] = [], perNewMember: [RateRule] = [], perAddress: [RateRule] = [], perAccount: [RateRule] = []) {
        self.perMember = perMember
        self.perNewMember = perNewMember
        self.perAddress = perAddress
        self.perAccount = perAccount
    }
}

/// Every limit of the site. The standard figures are far above what a person does by hand and
/// are met by a script within seconds; docs/OPERATIONS.md lists them.
public struct RateLimits: Sendable, Hashable {
    public var actions: [LimitedAction: ActionLimits]
    /// An account younger than this gets `perNewMember` limits.
    public var newAccountAge: TimeInterval

    public init(actions: [LimitedAction: ActionLimits], newAccountAge: TimeInterval = 86_400) {
        self.actions = actions
        self.newAccountAge = newAccountAge
    }

    /// The limits of `action` (none when it has no entry).
    public subscript(action: LimitedAction) -> ActionLimits { actions[action] ?? ActionLimits() }

    /// No limits at all (for benchmarks).
    public static let none = RateLimits(actions: [:])

    public static let standard = RateLimits(actions: [
        .comment: ActionLimits(
            perMember: [.perMinute(10), .perHour(120)], perNewMember: [.perMinute(5), .perHour(40)],
            perAddress: [.perMinute(30), .perHour(400)]),
        .like: ActionLimits(
            perMember: [.perMinute(60), .perHour(600)], perNewMember: [.perMinute(30), .perHour(300)],
            perAddress: [.perMinute(120), .perHour(2_000)]),
        .follow: ActionLimits(
            perMember: [.perMinute(20), .perHour(200)], perNewMember: [.perMinute(10), .perHour(100)],
            perAddress: [.perMinute(60), .perHour(600)]),
        .report: ActionLimits(
            perMember: [RateRule(10, per: 600), .perDay(100)], perNewMember: [RateRule(5, per: 600), .perDay(20)],
            perAddress: [.perHour(60)]),
        .signIn: ActionLimits(perAddress: [RateRule(30, per: 300)], perAccount: [RateRule(10, per: 300)]),
        .signInLink: ActionLimits(perAddress: [RateRule(20, per: 900)], perAccount: [RateRule(5, per: 900)]),
        .subscribe: ActionLimits(perAddress: [RateRule(20, per: 900)], perAccount: [RateRule(5, per: 900)]),
    ])
}
