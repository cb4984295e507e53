import Domain
import Foundation

/// Times in an export: UTC, ISO 8601 with exactly three decimals (`2026-03-01T09:30:00.250Z`),
/// the millisecond every engine stores. Made and read by hand from whole milliseconds, so a
/// time leaves and comes back to the same millisecond on every platform.
enum ExportTime {
    static func text(_ date: Date) -> String {
        text(milliseconds: date.millisecondsSince1970)
    }

    /// The time `text` names, or nil when it is not in the export's form.
    static func date(_ text: String) -> Date? {
        milliseconds(text).map(Date.init(millisecondsSince1970:))
    }

    static func text(milliseconds millis: Int64) -> String {
        let (seconds, fraction) = millis.quotientAndRemainder(dividingBy: 1000)
        let wholeSeconds = fraction < 0 ? seconds - 1 : seconds
        var time = time_t(wholeSeconds)
        var parts = tm()
        gmtime_r(&time, &parts)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday),
            Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec), Int(fraction < 0 ? fraction + 1000 : fraction))
    }

    /// Milliseconds since 1970 of the time `text` names, or nil when it is not in the export's form.
    static func milliseconds(_ text: String) -> Int64? {
        let bytes = Array(text.utf8)
        // YYYY-MM-DDTHH:MM:SS.mmmZ
        guard bytes.count == 24, bytes[4] == 45, bytes[7] == 45, bytes[10] == 84, bytes[13] == 58, bytes[16] == 58,
            bytes[19] == 46, bytes[23] == 90
        else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                guard (48...57).contains(bytes[index]) else { return nil }
                value = value * 10 + Int(bytes[index] - 48)
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10), let hour = number(11..<13),
            let minute = number(14..<16), let second = number(17..<19), let millis = number(20..<23),
            (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 60
        else { return nil }
        var parts = tm()
        parts.tm_year = Int32(year - 1900)
        parts.tm_mon = Int32(month - 1)
        parts.tm_mday = Int32(day)
        parts.tm_hour = Int32(hour)
        parts.tm_min = Int32(minute)
        parts.tm_sec = Int32(second)
        let seconds = Int64(timegm(&parts))
        let result = seconds * 1000 + Int64(millis)
        // timegm moves a 31 February on to March; only the canonical text of a time is one.
        return Self.text(milliseconds: result) == text ? result : nil
    }
}
