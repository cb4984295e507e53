import Foundation
import Testing

@testable import Importers

@Suite("Export dates")
struct ExportDateTests {
    @Test("Given the date forms of the exports, then each is read as the right UTC instant")
    func forms() {
        #expect(ExportDate.parse("2012-12-12T12:12:12Z") == utc("2012-12-12T12:12:12Z"))
        #expect(ExportDate.parse("2012-12-12T12:12:12") == utc("2012-12-12T12:12:12Z"))
        #expect(ExportDate.parse(" 2014-01-14 17:31:03\n") == utc("2014-01-14T17:31:03Z"))
        #expect(ExportDate.parse("2017-12-20T15:18:22-06:00") == utc("2017-12-20T21:18:22Z"))
        #expect(ExportDate.parse("2020-02-29T23:30:00+0530") == utc("2020-02-29T18:00:00Z"))
        let micro = ExportDate.parse("2018-12-23T02:55:22.472041-06:00")!.timeIntervalSince1970
        #expect(abs(micro - utc("2018-12-23T08:55:22Z").timeIntervalSince1970 - 0.472041) < 0.000_01)
        #expect(ExportDate.parse("1999-12-31") == utc("1999-12-31T00:00:00Z"))
    }

    @Test("Given what is not a date, then nothing is read")
    func notDates() {
        for text in ["", "0000-00-00 00:00:00", "2012-13-01T00:00:00Z", "yesterday", "2012-12-12T12:12:12Q", "2012-12-12T"] {
            #expect(ExportDate.parse(text) == nil, "\(text)")
        }
        #expect(ExportDate.unixSeconds(.nan) == nil)
        #expect(ExportDate.unixSeconds(-5) == nil)
    }
}
