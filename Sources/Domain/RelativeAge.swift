import Foundation

/// How long ago something happened, in the coarse steps a comment card shows ("2h", "3d").
public enum RelativeAge: Hashable, Sendable {
    case justNow
    case minutes(Int)
    case hours(Int)
    case days(Int)
    case weeks(Int)
    /// Older than about a year: the card shows the date instead.
    case date(Date)

    public init(of date: Date, now: Date) {
        let seconds = max(0, now.timeIntervalSince(date))
        switch seconds {
        case ..<60: self = .justNow
        case ..<3_600: self = .minutes(Int(seconds / 60))
        case ..<86_400: self = .hours(Int(seconds / 3_600))
        case ..<(7 * 86_400): self = .days(Int(seconds / 86_400))
        case ..<(365 * 86_400): self = .weeks(Int(seconds / (7 * 86_400)))
        default: self = .date(date)
        }
    }
}
