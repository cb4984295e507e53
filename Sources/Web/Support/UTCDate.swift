import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A moment broken into UTC calendar fields, with the machine-readable forms pages need.
///
/// Made with `gmtime_r` rather than DateFormatter or ISO8601DateFormatter: a discussion page
/// formats two dates per card, and those formatters cost tens of microseconds a call.
struct UTCDate: Sendable {
    let year, month, day, hour, minute, second: Int

    init(_ date: Date) {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        year = Int(parts.tm_year) + 1900
        month = Int(parts.tm_mon) + 1
        day = Int(parts.tm_mday)
        hour = Int(parts.tm_hour)
        minute = Int(parts.tm_min)
        second = Int(parts.tm_sec)
    }

    /// RFC 3339 / ISO 8601 in UTC, for `<time datetime>`: `2026-11-30T02:00:11Z`.
    var iso8601: String {
        "\(year)-\(Self.two(month))-\(Self.two(day))T\(Self.two(hour)):\(Self.two(minute)):\(Self.two(second))Z"
    }

    static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
}
