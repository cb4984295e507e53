import Domain
import Testing

@Suite("Text a person types")
struct TextInputTests {
    @Test("A one-line value has its line breaks and tabs turned into spaces, and is trimmed")
    func oneLine() throws {
        #expect(TextInput.oneLine(" A\r\ntitle\twith\u{0}breaks \n") == "A  title with breaks")
        #expect(try TextInput.singleLine("Two\nlines", field: "title", max: 20) == "Two lines")
    }

    @Test("A required value of nothing but spaces and controls is refused; an optional one is empty")
    func requiredAndOptional() throws {
        #expect(throws: FieldError("title", .required)) { try TextInput.singleLine(" \n\t ", field: "title", max: 20) }
        #expect(try TextInput.singleLine(" \n\t ", field: "subtitle", max: 20, required: false) == "")
    }

    @Test("A value longer than its limit once trimmed is refused as too long; a multi-line body keeps its lines")
    func limits() throws {
        #expect(try TextInput.clean("  abc  ", field: "body", max: 3) == "abc")
        #expect(throws: FieldError("body", .tooLong(max: 3))) { try TextInput.clean("abcd", field: "body", max: 3) }
        #expect(try TextInput.clean("one\ntwo", field: "body", max: 10) == "one\ntwo")
    }
}
