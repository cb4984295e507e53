import Domain
import Foundation
import Testing

/// Real, tiny images made with Pillow (`Image.new(...).save(...)`) and kept as base64, so the
/// tests read what an encoder actually writes rather than headers assembled by hand.
enum SampleImages {
    static let png3x2 = bytes("iVBORw0KGgoAAAANSUhEUgAAAAMAAAACCAIAAAASFvFNAAAAFUlEQVR4nGM8IafBwMDAwMDAxAADABPYARJY7Kp/AAAAAElFTkSuQmCC")
    static let jpeg5x3 = bytes(
        """
        /9j/4AAQSkZJRgABAQAAAQABAAD/2wBDABALDA4MChAODQ4SERATGCgaGBYWGDEjJR0oOjM9PDkzODdASFxOQERXRTc4UG1RV19iZ2hnPk1xeXBkeFxlZ2P/\
        2wBDARESEhgVGC8aGi9jQjhCY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2P/wAARCAADAAUDASIAAhEBAxEB/8QAHwAA\
        AQUBAQEBAQEAAAAAAAAAAAECAwQFBgcICQoL/8QAtRAAAgEDAwIEAwUFBAQAAAF9AQIDAAQRBRIhMUEGE1FhByJxFDKBkaEII0KxwRVS0fAkM2JyggkKFhcYGRol\
        JicoKSo0NTY3ODk6Q0RFRkdISUpTVFVWV1hZWmNkZWZnaGlqc3R1dnd4eXqDhIWGh4iJipKTlJWWl5iZmqKjpKWmp6ipqrKztLW2t7i5usLDxMXGx8jJytLT1NXW\
        19jZ2uHi4+Tl5ufo6erx8vP09fb3+Pn6/8QAHwEAAwEBAQEBAQEBAQAAAAAAAAECAwQFBgcICQoL/8QAtREAAgECBAQDBAcFBAQAAQJ3AAECAxEEBSExBhJBUQdh\
        cRMiMoEIFEKRobHBCSMzUvAVYnLRChYkNOEl8RcYGRomJygpKjU2Nzg5OkNERUZHSElKU1RVVldYWVpjZGVmZ2hpanN0dXZ3eHl6goOEhYaHiImKkpOUlZaXmJma\
        oqOkpaanqKmqsrO0tba3uLm6wsPExcbHyMnK0tPU1dbX2Nna4uPk5ebn6Onq8vP09fb3+Pn6/9oADAMBAAIRAxEAPwBtFFFeQfMH/9k=
        """)
    /// Progressive (SOF2) and 17 by 9, so width and height cannot be swapped unnoticed.
    static let progressiveJPEG17x9 = bytes(
        """
        /9j/4AAQSkZJRgABAQAAAQABAAD/2wBDABALDA4MChAODQ4SERATGCgaGBYWGDEjJR0oOjM9PDkzODdASFxOQERXRTc4UG1RV19iZ2hnPk1xeXBkeFxlZ2P/\
        2wBDARESEhgVGC8aGi9jQjhCY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2P/wgARCAAJABEDASIAAhEBAxEB/8QAFQAB\
        AQAAAAAAAAAAAAAAAAAAAAX/xAAWAQEBAQAAAAAAAAAAAAAAAAAAAwX/2gAMAwEAAhADEAAAAZI2ogf/xAAUEAEAAAAAAAAAAAAAAAAAAAAg/9oACAEBAAEFAl//\
        xAAUEQEAAAAAAAAAAAAAAAAAAAAQ/9oACAEDAQE/AT//xAAUEQEAAAAAAAAAAAAAAAAAAAAQ/9oACAECAQE/AT//xAAUEAEAAAAAAAAAAAAAAAAAAAAg/9oACAEB\
        AAY/Al//xAAUEAEAAAAAAAAAAAAAAAAAAAAg/9oACAEBAAE/IV//2gAMAwEAAgADAAAAEP8A/wD/xAAUEQEAAAAAAAAAAAAAAAAAAAAQ/9oACAEDAQE/ED//xAAU\
        EQEAAAAAAAAAAAAAAAAAAAAQ/9oACAECAQE/ED//xAAUEAEAAAAAAAAAAAAAAAAAAAAg/9oACAEBAAE/EF//2Q==
        """)
    static let gif87a4x7 = bytes("R0lGODdhBAAHAIAAAAAAAAAAACwAAAAABAAHAAAICwABCBxIsKDBgwEBADs=")
    /// Two frames, so Pillow writes GIF89a with a NETSCAPE loop extension.
    static let gif89a11x2 = bytes("R0lGODlhCwACAIAAAAAAAAAAACH/C05FVFNDQVBFMi4wAwEAAAAh+QQAFAAAACwAAAAACwACAAAICwABCBxIsKBBAAEBADs=")
    static let webpLossy6x5 = bytes("UklGRiQAAABXRUJQVlA4IBgAAAAwAQCdASoGAAUAAsBMJaQAA3AA/vfggAA=")
    static let webpLossless7x3 = bytes("UklGRiAAAABXRUJQVlA4TBQAAAAvBoAAAAdQgVQIIAAKmv7HiIj+Bw==")
    /// Lossy with an alpha channel, so Pillow writes the extended (VP8X) layout.
    static let webpExtended9x4 = bytes(
        "UklGRkgAAABXRUJQVlA4WAoAAAAQAAAACAAAAwAAQUxQSAoAAAABB1CyiAhERP8DVlA4IBgAAAAwAQCdASoJAAQAAsBMJaQAA3AA/vfggAA=")

    static let all: [(name: String, bytes: Data, type: ImageType, width: Int, height: Int)] = [
        ("PNG", png3x2, .png, 3, 2),
        ("baseline JPEG", jpeg5x3, .jpeg, 5, 3),
        ("progressive JPEG", progressiveJPEG17x9, .jpeg, 17, 9),
        ("GIF87a", gif87a4x7, .gif, 4, 7),
        ("GIF89a", gif89a11x2, .gif, 11, 2),
        ("lossy WebP", webpLossy6x5, .webp, 6, 5),
        ("lossless WebP", webpLossless7x3, .webp, 7, 3),
        ("extended WebP", webpExtended9x4, .webp, 9, 4),
    ]

    private static func bytes(_ base64: String) -> Data {
        guard let data = Data(base64Encoded: base64) else { fatalError("bad base64 in a test fixture") }
        return data
    }
}

@Suite("Telling an image's type from its bytes")
struct ImageTypeTests {
    @Test(
        "Given a real tiny image of each accepted kind, when its bytes are sniffed, then the type, media type and pixel size are right",
        arguments: SampleImages.all.indices)
    func realImages(index: Int) {
        let sample = SampleImages.all[index]
        let type = ImageType(sniffing: sample.bytes)
        #expect(type == sample.type, "\(sample.name)")
        #expect(type?.pixelSize(of: sample.bytes) == ImageType.PixelSize(width: sample.width, height: sample.height), "\(sample.name)")
    }

    @Test("Given each type, then its media type is the image/ type browsers expect")
    func contentTypes() {
        #expect(ImageType.png.contentType == "image/png")
        #expect(ImageType.jpeg.contentType == "image/jpeg")
        #expect(ImageType.webp.contentType == "image/webp")
        #expect(ImageType.gif.contentType == "image/gif")
    }

    @Test("Given a PNG saved under a .gif name, when it is read back and sniffed, then it is a PNG: the name never matters")
    func nameNeverMatters() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("parley-\(UUID().uuidString)-avatar.gif")
        try SampleImages.png3x2.write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let bytes = try Data(contentsOf: url)
        #expect(ImageType(sniffing: bytes) == .png)
        #expect(ImageType(sniffing: bytes)?.contentType == "image/png")
    }

    @Test(
        "Given bytes that are not a raster image, when sniffed, then they are refused",
        arguments: [
            "", " ", "<!DOCTYPE html><html><body><script>alert(1)</script></body></html>",
            "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"><rect width=\"10\" height=\"10\"/></svg>",
            "<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"></svg>",
            "Just some plain text, nothing to see here.", "GIF8", "GIF89", "GIF89a", "GIF89a\u{1}\u{0}",
            "RIFF\u{0}\u{0}\u{0}\u{0}WEBP", "RIFF\u{0}\u{0}\u{0}\u{0}WAVEfmt ", "RIFF\u{0}\u{0}\u{0}\u{0}WEBPVP9 ",
            "%PDF-1.7\n", "\u{FEFF}<svg/>", "BM6\u{0}\u{0}\u{0}",
        ])
    func notImages(text: String) {
        #expect(ImageType(sniffing: Data(text.utf8)) == nil)
    }

    @Test("Given the first bytes of an image, cut before its signature is complete, when sniffed, then they are refused")
    func truncatedSignatures() {
        for length in 0..<16 {
            #expect(ImageType(sniffing: SampleImages.png3x2.prefix(length)) == nil, "PNG cut to \(length) bytes")
        }
        for length in 0..<3 {
            #expect(ImageType(sniffing: SampleImages.jpeg5x3.prefix(length)) == nil, "JPEG cut to \(length) bytes")
        }
        for length in 0..<13 {
            #expect(ImageType(sniffing: SampleImages.gif89a11x2.prefix(length)) == nil, "GIF cut to \(length) bytes")
        }
        for length in 0..<16 {
            #expect(ImageType(sniffing: SampleImages.webpLossy6x5.prefix(length)) == nil, "WebP cut to \(length) bytes")
        }
    }

    @Test("Given an image cut inside its header, when its size is asked, then there is none rather than a guess")
    func truncatedHeaders() throws {
        #expect(ImageType.png.pixelSize(of: SampleImages.png3x2.prefix(23)) == nil)
        #expect(ImageType.gif.pixelSize(of: SampleImages.gif87a4x7.prefix(9)) == nil)
        #expect(ImageType.webp.pixelSize(of: SampleImages.webpLossy6x5.prefix(29)) == nil)
        #expect(ImageType.webp.pixelSize(of: SampleImages.webpLossless7x3.prefix(24)) == nil)
        #expect(ImageType.webp.pixelSize(of: SampleImages.webpExtended9x4.prefix(29)) == nil)
        // The JPEG frame header sits after the quantisation tables: cut just before it ends.
        let sofStart = try #require(Self.offset(of: [0xFF, 0xC0], in: SampleImages.jpeg5x3))
        #expect(ImageType.jpeg.pixelSize(of: SampleImages.jpeg5x3.prefix(sofStart + 8)) == nil)
        #expect(ImageType.jpeg.pixelSize(of: SampleImages.jpeg5x3.prefix(sofStart + 9)) == ImageType.PixelSize(width: 5, height: 3))
    }

    @Test("Given headers that declare huge dimensions, when the size is read, then the declared numbers come back for the caller to refuse")
    func hugeDimensions() {
        var png = SampleImages.png3x2
        png.replaceSubrange(16..<24, with: [0x00, 0x01, 0x86, 0xA0, 0x00, 0x01, 0x86, 0xA0])  // 100000 x 100000
        #expect(ImageType.png.pixelSize(of: png) == ImageType.PixelSize(width: 100_000, height: 100_000))
        var gif = SampleImages.gif87a4x7
        gif.replaceSubrange(6..<10, with: [0xFF, 0xFF, 0xFF, 0xFF])
        #expect(ImageType.gif.pixelSize(of: gif) == ImageType.PixelSize(width: 65_535, height: 65_535))
        var webp = SampleImages.webpExtended9x4
        webp.replaceSubrange(24..<30, with: [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF])
        #expect(ImageType.webp.pixelSize(of: webp) == ImageType.PixelSize(width: 16_777_216, height: 16_777_216))
    }

    @Test("Given headers that declare a zero side or a PNG side past 2^31 - 1, when the size is read, then there is none")
    func zeroAndOutOfRangeSides() {
        var png = SampleImages.png3x2
        png.replaceSubrange(16..<20, with: [0, 0, 0, 0])
        #expect(ImageType.png.pixelSize(of: png) == nil)
        png.replaceSubrange(16..<20, with: [0x80, 0, 0, 0])
        #expect(ImageType.png.pixelSize(of: png) == nil)
        var gif = SampleImages.gif89a11x2
        gif.replaceSubrange(8..<10, with: [0, 0])
        #expect(ImageType.gif.pixelSize(of: gif) == nil)
    }

    @Test("Given a JPEG whose segment lengths point past the end or loop back, when its size is read, then there is none and nothing hangs")
    func hostileJPEGSegments() {
        // A segment length of 0 or 1 would make the walk stand still or go back.
        #expect(ImageType.jpeg.pixelSize(of: Data([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x00, 0xFF, 0xC0])) == nil)
        #expect(ImageType.jpeg.pixelSize(of: Data([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x01, 0xFF, 0xC0])) == nil)
        // A length past the end.
        #expect(ImageType.jpeg.pixelSize(of: Data([0xFF, 0xD8, 0xFF, 0xE0, 0xFF, 0xFF, 0x00])) == nil)
        // Start of scan before any frame header.
        #expect(ImageType.jpeg.pixelSize(of: Data([0xFF, 0xD8, 0xFF, 0xDA, 0x00, 0x02])) == nil)
        // A run of fill bytes and restart markers, then a frame header: still found.
        let filled = Data([
            0xFF, 0xD8, 0xFF, 0xFF, 0xFF, 0xD0, 0xFF, 0xC1, 0x00, 0x0B, 0x08, 0x00, 0x02, 0x00, 0x03, 0x01, 0x01, 0x11, 0x00,
        ])
        #expect(ImageType.jpeg.pixelSize(of: filled) == ImageType.PixelSize(width: 3, height: 2))
        // Only fill bytes to the end.
        #expect(ImageType.jpeg.pixelSize(of: Data([0xFF, 0xD8] + [UInt8](repeating: 0xFF, count: 5_000))) == nil)
    }

    @Test("Given an image that is a slice of a larger buffer, when sniffed and measured, then offsets count from the slice's start")
    func dataSlices() {
        let padded = Data([1, 2, 3]) + SampleImages.png3x2
        let slice = padded[3...]
        #expect(slice.startIndex == 3)
        #expect(ImageType(sniffing: slice) == .png)
        #expect(ImageType.png.pixelSize(of: slice) == ImageType.PixelSize(width: 3, height: 2))
    }

    @Test(
        "Given thousands of random, truncated and mutated inputs, when sniffed and measured as every type, then nothing crashes and no size is zero"
    )
    func fuzz() {
        var rng = SeededRandom(seed: 0x5EED_1A6E)
        var inputs: [Data] = []
        for sample in SampleImages.all {
            for length in 0...sample.bytes.count { inputs.append(sample.bytes.prefix(length)) }
            for _ in 0..<150 {
                var mutated = sample.bytes
                for _ in 0..<Int.random(in: 1...4, using: &rng) {
                    let at = Int.random(in: 0..<mutated.count, using: &rng)
                    mutated[mutated.startIndex + at] = UInt8.random(in: 0...255, using: &rng)
                }
                inputs.append(mutated.prefix(Int.random(in: 0...mutated.count, using: &rng)))
            }
        }
        let signatures: [[UInt8]] = [
            [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13] + Array("IHDR".utf8),
            [0xFF, 0xD8, 0xFF], Array("GIF89a".utf8), Array("RIFF\0\0\0\0WEBPVP8X".utf8),
            Array("RIFF\0\0\0\0WEBPVP8L".utf8), Array("RIFF\0\0\0\0WEBPVP8 ".utf8),
        ]
        for _ in 0..<2_000 {
            let tail = (0..<Int.random(in: 0...40, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            let head = Bool.random(using: &rng) ? signatures[Int.random(in: 0..<signatures.count, using: &rng)] : []
            inputs.append(Data(head + tail))
        }
        var recognised = 0
        for input in inputs {
            if ImageType(sniffing: input) != nil { recognised += 1 }
            for type in ImageType.allCases {
                if let size = type.pixelSize(of: input) {
                    #expect(size.width > 0 && size.height > 0)
                }
            }
        }
        #expect(inputs.count > 3_000)
        #expect(recognised > 0)
    }

    private static func offset(of needle: [UInt8], in data: Data) -> Int? {
        let bytes = [UInt8](data)
        guard bytes.count >= needle.count else { return nil }
        return (0...(bytes.count - needle.count)).first { bytes[$0..<$0 + needle.count].elementsEqual(needle) }
    }
}
