import Domain
import Testing

@Suite("Subscriber lists are read from CSV and pasted text")
struct SubscriberCSVTests {
    @Test("Given a file with an email header, the addresses of that column are read, normalised, each once")
    func headedColumn() throws {
        let list = try SubscriberCSV.file(
            "name,Email,joined\nAda,Ada@Example.com,2024\nBob,bob@example.org,2025\nAda again,ada@example.com,2026\n")
        #expect(list.addresses == ["ada@example.com", "bob@example.org"])
        #expect(list.repeated == 1)
        #expect(list.bad.isEmpty)
    }

    @Test("Given a file without a header, the first column holding an @ is the address column")
    func guessedColumn() throws {
        let list = try SubscriberCSV.file("Ada,ada@example.com\r\nBob,bob@example.org\r\n")
        #expect(list.addresses == ["ada@example.com", "bob@example.org"])
    }

    @Test("Quoted cells keep commas, doubled quotes and line breaks, and line numbers count the lines of the file")
    func quoting() throws {
        let text = "email,note\n\"ada@example.com\",\"likes, commas\"\n\"not an \"\"address\"\"\",\"two\nlines\"\nbob@example.org,x\n"
        let list = try SubscriberCSV.file(text)
        #expect(list.addresses == ["ada@example.com", "bob@example.org"])
        #expect(list.bad == [SubscriberCSV.BadLine(line: 3, text: "not an \"address\"")])
    }

    @Test("A semicolon-separated file with a byte order mark is read; 'Name <address>' cells give the address")
    func spreadsheetFlavours() throws {
        let list = try SubscriberCSV.file("\u{FEFF}E-mail;Name\nAda Lovelace <ada@example.com>;Ada\n'=cmd@example.com;Eve\n")
        #expect(list.addresses == ["ada@example.com", "=cmd@example.com"])
    }

    @Test("A file with no address column is refused on its field; an empty one too")
    func noColumn() {
        #expect(throws: FieldError("file", .required)) { try SubscriberCSV.file("name,joined\nAda,2024\n") }
        #expect(throws: FieldError("file", .required)) { try SubscriberCSV.file("\n\n") }
    }

    @Test("Pasted addresses may be separated by lines, commas, semicolons or spaces; bad ones are named by line")
    func pasted() {
        let list = SubscriberCSV.pasted("ada@example.com, bob@example.org\n\nnope\ncy@example.net;ADA@example.com")
        #expect(list.addresses == ["ada@example.com", "bob@example.org", "cy@example.net"])
        #expect(list.bad == [SubscriberCSV.BadLine(line: 3, text: "nope")])
        #expect(list.repeated == 1)
    }

    @Test("An exported cell is quoted when it must be and never starts a spreadsheet formula")
    func exportCells() throws {
        #expect(SubscriberCSV.cell("ada@example.com") == "ada@example.com")
        #expect(SubscriberCSV.cell("=HYPERLINK(\"x\")@example.com") == "\"'=HYPERLINK(\"\"x\"\")@example.com\"")
        #expect(SubscriberCSV.cell("+1@example.com") == "'+1@example.com")
        #expect(SubscriberCSV.cell("a,b") == "\"a,b\"")
        // What we write, we read back.
        let back = try SubscriberCSV.file("email\n" + SubscriberCSV.cell("-dash@example.com") + "\n")
        #expect(back.addresses == ["-dash@example.com"])
    }
}
