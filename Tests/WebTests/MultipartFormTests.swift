import Domain
import Foundation
import Testing

@testable import Web

/// Builds `multipart/form-data` bodies the way a browser writes them: CRLF everywhere, a
/// delimiter line before each part, the closing delimiter and a final CRLF.
struct MultipartBody {
    var boundary = "----ParleyFormBoundary7MA4YWxkTrZu0gW"
    var parts: [(headers: [String], content: [UInt8])] = []
    var preamble: [UInt8] = []
    var epilogue: [UInt8] = []

    var contentType: String { "multipart/form-data; boundary=\(boundary)" }

    mutating func field(_ name: String, _ value: String) {
        parts.append((["Content-Disposition: form-data; name=\"\(name)\""], Array(value.utf8)))
    }

    mutating func file(_ name: String, filename: String, type: String? = "application/octet-stream", _ bytes: [UInt8]) {
        var headers = ["Content-Disposition: form-data; name=\"\(name)\"; filename=\"\(filename)\""]
        if let type { headers.append("Content-Type: \(type)") }
        parts.append((headers, bytes))
    }

    mutating func raw(_ headers: [String], _ content: String) {
        parts.append((headers, Array(content.utf8)))
    }

    var bytes: [UInt8] {
        var out = preamble
        for part in parts {
            out += Array("--\(boundary)\r\n".utf8)
            for header in part.headers { out += Array("\(header)\r\n".utf8) }
            out += Array("\r\n".utf8)
            out += part.content
            out += Array("\r\n".utf8)
        }
        out += Array("--\(boundary)--\r\n".utf8)
        return out + epilogue
    }

    func parse(limits: MultipartForm.Limits = .init()) throws -> MultipartForm {
        try MultipartForm(body: bytes, contentType: contentType, limits: limits)
    }
}

@Suite("Reading multipart/form-data bodies")
struct MultipartFormTests {
    /// Every byte value, then the sequences a careless parser stops at.
    static let awkwardBytes: [UInt8] = Array(0...255) + Array("\r\n\r\n--\r\n-\r\n--x\r\n".utf8) + [13, 10]

    @Test(
        "Given text fields and a binary file, when the body is parsed, then the fields, the file's bytes, name and declared type come back exactly"
    )
    func roundTrip() throws {
        var body = MultipartBody()
        body.field("csrf", "tok-123")
        body.field("bio", "Hello, Zoë 👋\r\nSecond line")
        body.file("avatar", filename: "me.png", type: "image/png", Self.awkwardBytes)
        let form = try body.parse()
        #expect(form["csrf"] == "tok-123")
        #expect(form["bio"] == "Hello, Zoë 👋\r\nSecond line")
        #expect(form.fields.count == 2)
        let file = try #require(form.file(named: "avatar"))
        #expect(file.fieldName == "avatar")
        #expect(file.filename == "me.png")
        #expect(file.declaredContentType == "image/png")
        #expect(file.bytes == Data(Self.awkwardBytes))
        #expect(form.files.count == 1)
    }

    @Test("Given file bytes full of CRLF, dashes and the boundary without its leading CRLF, when parsed, then they are kept byte for byte")
    func crlfInsideFile() throws {
        var body = MultipartBody()
        let boundary = body.boundary
        // CRLF "--" and the whole boundary would be a delimiter; a prefix of it, or the boundary
        // in the middle of a line, is content.
        let content = Array("start\r\n\r\n\r\nline\r\n--\r\n-\r\n--x\r\nmid-line --\(boundary)--\r\n--\(boundary.dropLast())\r\n\r\n".utf8)
        body.file("upload", filename: "data.bin", content)
        body.file("empty-lines", filename: "crlf.bin", Array("\r\n\r\n\r\n".utf8))
        let form = try body.parse()
        #expect(form.files.map(\.bytes) == [Data(content), Data("\r\n\r\n\r\n".utf8)])
    }

    @Test("Given a preamble, an epilogue, header names in any case and a quoted boundary, when parsed, then the form reads the same")
    func tolerantButExact() throws {
        var body = MultipartBody(boundary: "a b:c'(x)+_,-./=?")
        body.preamble = Array("This is the preamble; ignore it.\r\n".utf8)
        body.epilogue = Array("and an epilogue".utf8)
        body.raw(["content-DISPOSITION:form-data;name=title"], "Plain")
        body.raw(["Content-Disposition: form-data; name=\"note\"", "Content-Type: text/plain; charset=utf-8"], "With type")
        let form = try MultipartForm(body: body.bytes, contentType: "Multipart/Form-Data; boundary=\"a b:c'(x)+_,-./=?\"")
        #expect(form["title"] == "Plain")
        #expect(form["note"] == "With type")
    }

    @Test(
        "Given filenames with quotes, semicolons, equals signs and a Windows path, when parsed, then each is read as one name without its directory"
    )
    func filenames() throws {
        var body = MultipartBody()
        body.raw([#"Content-Disposition: form-data; name="a"; filename="x;y=z.png""#], "1")
        body.raw([#"Content-Disposition: form-data; name="b"; filename="say \"hi\".png""#], "2")
        body.raw([#"Content-Disposition: form-data; name="c"; filename="C:\Users\ada\avatar.png""#], "3")
        body.raw([#"Content-Disposition: form-data; name="d"; filename="../../etc/passwd""#], "4")
        body.raw([#"Content-Disposition: form-data; name="e"; filename="Zoë's photo.JPG""#, "Content-Type: IMAGE/JPEG; name=x"], "5")
        let form = try body.parse()
        #expect(form.files.map(\.filename) == ["x;y=z.png", "say \"hi\".png", "avatar.png", "passwd", "Zoë's photo.JPG"])
        #expect(form.files.map(\.declaredContentType) == [nil, nil, nil, nil, "image/jpeg"])
    }

    @Test("Given repeated field names and several files, when parsed, then the first value wins and every file is kept in order")
    func repeats() throws {
        var body = MultipartBody()
        body.field("name", "first")
        body.field("name", "second")
        body.file("photos", filename: "1.png", [1])
        body.file("photos", filename: "2.png", [2])
        let form = try body.parse()
        #expect(form["name"] == "first")
        #expect(form.files.map(\.filename) == ["1.png", "2.png"])
        #expect(form.file(named: "photos")?.bytes == Data([1]))
    }

    @Test("Given a file input left empty, when parsed, then no file is listed; an empty form parses to nothing")
    func emptyFileAndForm() throws {
        var body = MultipartBody()
        body.field("csrf", "t")
        body.file("avatar", filename: "", [])
        let form = try body.parse()
        #expect(form.files.isEmpty)
        #expect(form["csrf"] == "t")
        let empty = try MultipartBody().parse()
        #expect(empty.fields.isEmpty && empty.files.isEmpty)
    }

    @Test("Given 20 parts, when parsed, then they are read; given 21, then the body is refused as too many parts")
    func tooManyParts() throws {
        var body = MultipartBody()
        for i in 1...20 { body.field("f\(i)", "\(i)") }
        #expect(try body.parse().fields.count == 20)
        body.file("one-more", filename: "x.bin", [0])
        #expect(throws: MultipartFormError.tooManyParts(max: 20)) { try body.parse() }
    }

    @Test("Given a text field at the size limit, when parsed, then it is read; one byte more, then it is refused naming the field")
    func fieldSize() throws {
        var body = MultipartBody()
        body.field("bio", String(repeating: "a", count: 10 * 1024))
        #expect(try body.parse()["bio"]?.count == 10 * 1024)
        body.parts = []
        body.field("bio", String(repeating: "a", count: 10 * 1024 + 1))
        #expect(throws: MultipartFormError.fieldTooLarge(name: "bio", max: 10 * 1024)) { try body.parse() }
        // Files are bounded by the body size only.
        body.parts = []
        body.file("avatar", filename: "big.bin", [UInt8](repeating: 7, count: 50_000))
        #expect(try body.parse().files.first?.bytes.count == 50_000)
    }

    @Test("Given a text field that is not UTF-8, when parsed, then it is refused naming the field; the same bytes in a file are fine")
    func invalidUTF8() throws {
        var body = MultipartBody()
        body.parts.append((["Content-Disposition: form-data; name=\"bio\""], [0x66, 0x6F, 0xC3, 0x28, 0xFF]))
        #expect(throws: MultipartFormError.invalidUTF8(field: "bio")) { try body.parse() }
        body.parts = []
        body.file("bin", filename: "x.bin", [0x66, 0x6F, 0xC3, 0x28, 0xFF])
        #expect(try body.parse().files.count == 1)
    }

    @Test(
        "Given content types without a usable boundary, when parsed, then each is refused with the matching error",
        arguments: [
            ("multipart/form-data", MultipartFormError.missingBoundary),
            ("multipart/form-data; charset=utf-8", .missingBoundary),
            ("multipart/form-data; boundary=", .invalidBoundary),
            ("multipart/form-data; boundary=\"\"", .invalidBoundary),
            ("multipart/form-data; boundary=" + String(repeating: "b", count: 71), .invalidBoundary),
            ("multipart/form-data; boundary=\"ends with space \"", .invalidBoundary),
            ("multipart/form-data; boundary=a@b", .invalidBoundary),
            ("multipart/form-data; boundary=\"unclosed", .invalidBoundary),
            ("multipart/form-data; boundary=one; boundary=two", .invalidBoundary),
            ("application/x-www-form-urlencoded", .notMultipartFormData),
            ("multipart/mixed; boundary=abc", .notMultipartFormData),
            ("", .notMultipartFormData),
        ])
    func badContentTypes(contentType: String, error: MultipartFormError) {
        let body = MultipartBody(boundary: "abc")
        #expect(throws: error) { try MultipartForm(body: body.bytes, contentType: contentType) }
    }

    @Test(
        "Given a body cut anywhere before its closing boundary, even inside the first one, when parsed, then it is refused as truncated, never read as a shorter form"
    )
    func truncatedBodies() throws {
        var body = MultipartBody()
        body.field("csrf", "tok")
        body.file("avatar", filename: "a.png", type: "image/png", Self.awkwardBytes)
        body.field("bio", "last field")
        let full = body.bytes
        // Whole, and without the final CRLF, the body parses; every shorter cut is refused.
        _ = try MultipartForm(body: full, contentType: body.contentType)
        _ = try MultipartForm(body: full.dropLast(2), contentType: body.contentType)
        for length in 0..<(full.count - 2) {
            do {
                _ = try MultipartForm(body: full.prefix(length), contentType: body.contentType)
                Issue.record("a body cut to \(length) of \(full.count) bytes was accepted")
            } catch {
                #expect(error as? MultipartFormError == .truncated, "cut to \(length) bytes")
            }
        }
    }

    @Test(
        "Given malformed bodies, when parsed, then each is refused as malformed",
        arguments: [
            "no boundary here at all",
            "--abcX\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--abc--",
            "--abc\r\nContent-Type: text/plain\r\n\r\n1\r\n--abc--",
            "--abc\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\n1\r\n--abc--",
            "--abc\r\nContent-Disposition: form-data\r\n\r\n1\r\n--abc--",
            "--abc\r\nContent-Disposition: form-data; name=\"\"\r\n\r\n1\r\n--abc--",
            "--abc\r\nContent-Disposition: form-data; name=\"a\r\n\r\n1\r\n--abc--",
            "--abc\r\nContent-Disposition: form-data; name=\"a\"; name=\"b\"\r\n\r\n1\r\n--abc--",
            "--abc\r\nContent-Disposition: form-data; name=\"a\"\r\nContent-Disposition: form-data; name=\"b\"\r\n\r\n1\r\n--abc--",
            "--abc\r\nContent-Disposition: form-data;\r\n name=\"a\"\r\n\r\n1\r\n--abc--",
            "--abc\r\nNo colon on this line\r\n\r\n1\r\n--abc--",
            "--abc\r\nContent-Disposition: form-data; name=\"a\"\nX: y\r\n\r\n1\r\n--abc--",
            "--abc\r\n\r\n1\r\n--abc--",
            "--abc\nContent-Disposition: form-data; name=\"a\"\n\n1\n--abc--\n",
            "--abc\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--abc junk\r\n",
        ])
    func malformed(body: String) {
        do {
            _ = try MultipartForm(body: Array(body.utf8), contentType: "multipart/form-data; boundary=abc")
            Issue.record("accepted \(body.debugDescription)")
        } catch let error as MultipartFormError {
            guard case .malformed = error else { Issue.record("\(error) for \(body.debugDescription)"); return }
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test("Given part headers longer than the limit, when parsed, then the body is refused as malformed")
    func longHeaders() {
        var body = MultipartBody()
        body.raw(["Content-Disposition: form-data; name=\"a\"", "X-Padding: " + String(repeating: "p", count: 5_000)], "1")
        #expect(throws: MultipartFormError.malformed("a part's headers are longer than 4096 bytes")) { try body.parse() }
    }

    /// The fuzz test's seed: `PARLEY_FUZZ_SEED` (decimal, or hex with 0x) to repeat a run,
    /// else a new one each run, so that runs keep trying new inputs; it is printed, and named
    /// in every failure, so any run can be repeated. Nil when the variable is not a number.
    static var fuzzSeed: UInt64? {
        guard let text = ProcessInfo.processInfo.environment["PARLEY_FUZZ_SEED"], !text.isEmpty else { return .random(in: .min ... .max) }
        return text.lowercased().hasPrefix("0x") ? UInt64(text.dropFirst(2), radix: 16) : UInt64(text)
    }

    @Test("Given random bytes and random cuts of a valid body, when parsed, then nothing crashes and only a malformed-form error is thrown")
    func fuzz() throws {
        let seed = try #require(Self.fuzzSeed, "PARLEY_FUZZ_SEED is not a number")
        // Printed before the run too: a crash ends the process before any failure is reported.
        print("multipart fuzz: seed \(seed) (PARLEY_FUZZ_SEED=\(seed) repeats this run)")
        var body = MultipartBody(boundary: "xyz")
        body.field("a", "b")
        body.file("f", filename: "f.bin", Array("\r\n--xy\r\n--xyz-\r\n".utf8))
        let valid = body.bytes
        var rng = SeededRandom(seed: seed)
        for round in 0..<2_000 {
            var bytes = valid
            for _ in 0..<(1 + rng.below(5)) {
                bytes[rng.below(bytes.count)] = [13, 10, 45, 34, 59, 61, 0x78, 0xFF][rng.below(8)]
            }
            let cut = bytes.prefix(rng.below(bytes.count + 1))
            do {
                _ = try MultipartForm(body: cut, contentType: body.contentType)
            } catch is MultipartFormError {
                // Refused as malformed: what a broken body should get.
            } catch {
                Issue.record("seed \(seed), round \(round): \(error) for \(Array(cut))")
            }
        }
    }
}
