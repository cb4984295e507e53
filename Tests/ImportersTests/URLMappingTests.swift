import Importers
import Testing

@Suite("URL mapping")
struct URLMappingTests {
    @Test("Given overlapping rules, then the longest matching prefix wins and other addresses stay as they are")
    func longestPrefix() {
        let mapping = URLMapping(rules: [
            URLMapping.Rule(from: "http://old.example/", to: "https://new.example/"),
            URLMapping.Rule(from: "http://old.example/blog/", to: "https://blog.example/"),
            URLMapping.Rule(from: "/", to: "https://isso.example/"),
        ])
        #expect(mapping.apply("http://old.example/about/") == "https://new.example/about/")
        #expect(mapping.apply("http://old.example/blog/a/?x=1") == "https://blog.example/a/?x=1")
        #expect(mapping.apply("/posts/one/") == "https://isso.example/posts/one/")
        #expect(mapping.apply("https://elsewhere.example/a") == "https://elsewhere.example/a")
        #expect(URLMapping().apply(" https://a.example/ ") == "https://a.example/")
    }

    @Test("Given OLD=NEW with an = in the old query, then it splits where the new address starts")
    func parsing() throws {
        let rule = try URLMapping.rule(parsing: "http://old.example/?p=1=https://new.example/one")
        #expect(rule == URLMapping.Rule(from: "http://old.example/?p=1", to: "https://new.example/one"))
        #expect(try URLMapping.rule(parsing: "/ https://isso.example/") == URLMapping.Rule(from: "/", to: "https://isso.example/"))
        #expect(throws: ImportError.self) { try URLMapping.rule(parsing: "nonsense") }
        #expect(throws: ImportError.self) { try URLMapping.rule(parsing: "http://old.example/=javascript:alert(1)") }
        #expect(throws: ImportError.self) { try URLMapping.rule(parsing: "=https://new.example/") }
    }

    @Test("Given a mapping file with comments and a bad line, then the bad line is named by its number")
    func file() throws {
        let rules = try URLMapping.rules(parsingFile: "# moved\n\nhttp://a.example/=https://b.example/\n  /x/ https://c.example/x/\n")
        #expect(rules.count == 2)
        #expect(
            throws: ImportError.badOption(
                "line 3: a URL mapping is OLD=NEW, e.g. https://old.example/blog/=https://new.example/, not \"oops\"")
        ) {
            try URLMapping.rules(parsingFile: "# one\nhttp://a.example/=https://b.example/\noops\n")
        }
    }
}
