import Testing

@testable import Importers

@Suite("Substack images")
struct SubstackImagesTests {
    @Test(
        "Given an image tag whose name is followed by any of HTML's spaces, then the image is decided on like any other",
        arguments: [" ", "\t", "\n", "\r", "\r\n", "\u{0C}", "/"])
    func everySeparator(separator: String) {
        // Given an image on another server, its attribute after the separator
        let html = "<p>Look<img\(separator)src=\"https://tracker.example/x.png\" alt=\"x\"></p>"
        // When the images are rewritten, outside ones as links
        var decided: [String] = []
        let out = SubstackImages.rewrite(html) { src in
            decided.append(src)
            return .link
        }
        // Then the image was seen and became a link: no <img> to another server is left
        #expect(decided == ["https://tracker.example/x.png"])
        #expect(!out.contains("<img"), "\(out)")
    }

    @Test("Given a tag that only starts like img, then it is left as it is")
    func otherTags() {
        let out = SubstackImages.rewrite("<imgfoo src=\"a\">") { _ in .link }
        #expect(out == "<imgfoo src=\"a\">")
    }
}
