import Foundation

/// The dates of foreign exports, read into UTC without `DateFormatter` (slow to make, and its
/// locale and time zone settings have nothing to do with what the file says).
///
/// Understands ISO 8601 / RFC 3339 (`2012-12-12T12:12:12Z`, with a fraction, with `+02:00`,
/// `-0600` or no zone at all, which is read as UTC), the `2014-01-14 17:31:03` of WordPress
/// (UTC when the `_gmt` field is read) and Unix seconds with a fraction (Isso).
enum ExportDate {
    /// The instant `text` names, or nil when it names none (WordPress writes `0000-00-00 00:00:00`
    /// for a date it never set).
    static func parse(_ text: String) -> Date? {
        let bytes = Array(text.utf8.drop { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 })
        var end = bytes.count
        while end > 0, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[end - 1]) { end -= 1 }
        var reader = Reader(bytes: bytes[0..<end])
        guard let year = reader.number(digits: 4), reader.skip("-"), let month = reader.number(digits: 2),
            reader.skip("-"), let day = reader.number(digits: 2)
        else { return nil }
        guard (1...12).contains(month), (1...31).contains(day), year >= 1 else { return nil }
        var seconds = Double(daysSinceEpoch(year: year, month: month, day: day)) * 86_400
        guard reader.skip("T") || reader.skip("t") || reader.skip(" ") else {
            return reader.atEnd ? Date(timeIntervalSince1970: seconds) : nil
        }
        guard let hour = reader.number(digits: 2), reader.skip(":"), let minute = reader.number(digits: 2),
            hour <= 24, minute <= 59
        else { return nil }
        var second = 0
        if reader.skip(":") {
            guard let value = reader.number(digits: 2), value <= 60 else { return nil }
            second = value
        }
        seconds += Double(hour * 3600 + minute * 60 + second)
        if reader.skip(".") || reader.skip(",") {
            var fraction = 0.0
            var scale = 0.1
            var any = false
            while let digit = reader.digit() {
                fraction += Double(digit) * scale
                scale /= 10
                any = true
            }
            guard any else { return nil }
            seconds += fraction
        }
        _ = reader.skip(" ")
        if reader.skip("Z") || reader.skip("z") || reader.atEnd {
            return reader.atEnd ? Date(timeIntervalSince1970: seconds) : nil
        }
        let sign: Double
        if reader.skip("+") {
            sign = 1
        } else if reader.skip("-") {
            sign = -1
        } else {
            return nil
        }
        guard let offsetHours = reader.number(digits: 2), offsetHours <= 23 else { return nil }
        _ = reader.skip(":")
        let offsetMinutes = reader.number(digits: 2) ?? 0
        guard reader.atEnd, offsetMinutes <= 59 else { return nil }
        // 12:00+02:00 is 10:00 UTC.
        return Date(timeIntervalSince1970: seconds - sign * Double(offsetHours * 3600 + offsetMinutes * 60))
    }

    /// Unix seconds (Isso's `created`), refusing what no real comment could have.
    static func unixSeconds(_ value: Double) -> Date? {
        guard value.isFinite, value > 0, value < 32_503_680_000 else { return nil }
        return Date(timeIntervalSince1970: value)
    }

    /// Days from 1970-01-01 to the given day of the proleptic Gregorian calendar.
    private static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        // Counting years from March puts the leap day at the end of the year.
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let monthFromMarch = (month + 9) % 12
        let dayOfYear = (153 * monthFromMarch + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private struct Reader {
        let bytes: ArraySlice<UInt8>
        var index: Int

        init(bytes: ArraySlice<UInt8>) {
            self.bytes = bytes
            index = bytes.startIndex
        }

        var atEnd: Bool { index == bytes.endIndex }

        mutating func skip(_ character: Unicode.Scalar) -> Bool {
            guard index < bytes.endIndex, bytes[index] == UInt8(character.value) else { return false }
            index += 1
            return true
        }

        mutating func digit() -> Int? {
            guard index < bytes.endIndex, (0x30...0x39).contains(bytes[index]) else { return nil }
            defer { index += 1 }
            return Int(bytes[index] - 0x30)
        }

        mutating func number(digits: Int) -> Int? {
            var value = 0
            for _ in 0..<digits {
                guard let digit = digit() else { return nil }
                value = value * 10 + digit
            }
            return value
        }
    }
}
