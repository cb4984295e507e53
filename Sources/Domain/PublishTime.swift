import Foundation

/// Reads the time a writer schedules a post for: an HTML `datetime-local` value
/// (`2026-12-06T14:05`, seconds optional) in a zone given as minutes to add to reach UTC (what
/// JavaScript's `getTimezoneOffset()` returns; 0, UTC, without a script).
public enum PublishTime {
    /// Minutes a zone can be from UTC, either way (UTC-12 to UTC+14, with room).
    public static let maxOffsetMinutes = 16 * 60

    /// The moment, or nil when `text` is not a `datetime-local` value or the offset is absurd.
    public static func parse(_ text: String, offsetMinutes: Int) -> Date? {
        guard abs(offsetMinutes) <= maxOffsetMinutes else { return nil }
        let value = text.trimmingCharacters(in: .whitespaces)
        guard (16...19).contains(value.utf8.count) else { return nil }
        let parts = value.split(separator: "T", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return nil }
        let date = parts[0].split(separator: "-", omittingEmptySubsequences: false)
        let time = parts[1].split(separator: ":", omittingEmptySubsequences: false)
        guard date.count == 3, (2...3).contains(time.count), date[0].count == 4, date[1].count == 2, date[2].count == 2,
            time.allSatisfy({ $0.count == 2 })
        else { return nil }
        let numbers = (date + time).map { part in part.allSatisfy(\.isASCII) ? Int(part) : nil }
        guard numbers.allSatisfy({ $0 != nil }) else { return nil }
        let n = numbers.map { $0! }
        let (year, month, day, hour, minute, second) = (n[0], n[1], n[2], n[3], n[4], n.count > 5 ? n[5] : 0)
        guard (1970...9999).contains(year), (1...12).contains(month), (1...daysIn(month, of: year)).contains(day),
            (0...23).contains(hour), (0...59).contains(minute), (0...59).contains(second)
        else { return nil }
        let days = daysFromEpoch(year: year, month: month, day: day)
        let seconds = ((days * 24 + hour) * 60 + minute) * 60 + second + offsetMinutes * 60
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    /// The `datetime-local` value of `date` in UTC, to the minute: what the form shows again.
    public static func format(_ date: Date) -> String {
        var seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let days = Int((Double(seconds) / 86_400).rounded(.down))
        seconds -= days * 86_400
        let (year, month, day) = civil(fromDays: days)
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(year)-\(two(month))-\(two(day))T\(two(seconds / 3600)):\(two(seconds % 3600 / 60))"
    }

    static func isLeap(_ year: Int) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }

    static func daysIn(_ month: Int, of year: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days from 1970-01-01 to the date (proleptic Gregorian): Howard Hinnant's algorithm.
    static func daysFromEpoch(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The date of a day count from 1970-01-01: the inverse of `daysFromEpoch`.
    static func civil(fromDays days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
