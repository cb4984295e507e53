import Foundation

/// The image formats Parley accepts for uploads (avatars, a publication's logo), told by the
/// first bytes of the file and never by its name or the type the browser declared: both are
/// the uploader's to choose, the bytes are what a reader's browser will decode.
///
/// SVG is deliberately absent: it is a document that can carry scripts and links, not a
/// picture of pixels.
public enum ImageType: String, Sendable, CaseIterable, Codable {
    case png, jpeg, webp, gif

    /// Width and height in pixels, as the file's header declares them.
    public struct PixelSize: Sendable, Hashable {
        public var width: Int
        public var height: Int

        public init(width: Int, height: Int) {
            self.width = width
            self.height = height
        }
    }

    /// The type whose signature starts `bytes`, or nil when they are none of the four.
    ///
    /// Checks more than the first few bytes where the format allows, so text that merely
    /// starts with "GIF8" or "RIFF" is not taken for an image: PNG needs its 8-byte signature
    /// followed by the IHDR chunk header, JPEG `FF D8 FF`, GIF `GIF87a` or `GIF89a` and its
    /// logical screen descriptor, WebP `RIFF....WEBP` followed by a `VP8 `, `VP8L` or `VP8X` chunk.
    public init?(sniffing bytes: Data) {
        let r = ByteReader(bytes)
        if r.matches([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], at: 0),
            r.be32(at: 8) == 13, r.matches(Array("IHDR".utf8), at: 12)
        {
            self = .png
        } else if r.matches([0xFF, 0xD8, 0xFF], at: 0) {
            self = .jpeg
        } else if r.matches(Array("GIF87a".utf8), at: 0) || r.matches(Array("GIF89a".utf8), at: 0),
            r.count >= 13
        {
            self = .gif
        } else if r.matches(Array("RIFF".utf8), at: 0), r.matches(Array("WEBP".utf8), at: 8),
            Self.webpChunks.contains(where: { r.matches($0, at: 12) })
        {
            self = .webp
        } else {
            return nil
        }
    }

    /// The media type to serve the bytes with.
    public var contentType: String {
        switch self {
        case .png: "image/png"
        case .jpeg: "image/jpeg"
        case .webp: "image/webp"
        case .gif: "image/gif"
        }
    }

    /// The usual file extension, without the dot, for naming stored files.
    public var fileExtension: String {
        switch self {
        case .png: "png"
        case .jpeg: "jpg"
        case .webp: "webp"
        case .gif: "gif"
        }
    }

    /// The size declared in the header of `bytes`, read as this type; nil when the header is
    /// missing, truncated, malformed or declares a zero side.
    ///
    /// Only headers are read (nothing is decoded), so the cost is a few bytes, or for JPEG a
    /// walk over segment headers up to the frame header. A caller refuses nil as it refuses an
    /// absurd size: either way it cannot know what a browser would be asked to draw.
    public func pixelSize(of bytes: Data) -> PixelSize? {
        let r = ByteReader(bytes)
        let size: PixelSize?
        switch self {
        case .png: size = Self.pngSize(r)
        case .jpeg: size = Self.jpegSize(r)
        case .webp: size = Self.webpSize(r)
        case .gif: size = Self.gifSize(r)
        }
        guard let size, size.width > 0, size.height > 0 else { return nil }
        return size
    }

    private static let webpChunks = ["VP8 ", "VP8L", "VP8X"].map { Array($0.utf8) }

    /// IHDR: width and height as big-endian 32-bit values right after the chunk type.
    private static func pngSize(_ r: ByteReader) -> PixelSize? {
        guard r.matches(Array("IHDR".utf8), at: 12), let w = r.be32(at: 16), let h = r.be32(at: 20),
            w <= Int32.max, h <= Int32.max  // PNG caps each side at 2^31 - 1.
        else { return nil }
        return PixelSize(width: Int(w), height: Int(h))
    }

    /// The logical screen descriptor: little-endian 16-bit width and height after the signature.
    private static func gifSize(_ r: ByteReader) -> PixelSize? {
        guard let w = r.le16(at: 6), let h = r.le16(at: 8) else { return nil }
        return PixelSize(width: Int(w), height: Int(h))
    }

    /// The first chunk after `RIFF....WEBP` holds the size, in one of three layouts.
    private static func webpSize(_ r: ByteReader) -> PixelSize? {
        if r.matches(Array("VP8 ".utf8), at: 12) {
            // Lossy: a 3-byte frame tag, the start code 9D 01 2A, then 14-bit width and height
            // (the top two bits of each are a scaling hint, not part of the size).
            guard r.matches([0x9D, 0x01, 0x2A], at: 23), let w = r.le16(at: 26), let h = r.le16(at: 28)
            else { return nil }
            return PixelSize(width: Int(w & 0x3FFF), height: Int(h & 0x3FFF))
        }
        if r.matches(Array("VP8L".utf8), at: 12) {
            // Lossless: signature 0x2F, then width - 1 and height - 1 as 14-bit fields packed
            // little-endian into the next 32 bits.
            guard r.byte(at: 20) == 0x2F, let bits = r.le32(at: 21) else { return nil }
            return PixelSize(width: Int(bits & 0x3FFF) + 1, height: Int((bits >> 14) & 0x3FFF) + 1)
        }
        if r.matches(Array("VP8X".utf8), at: 12) {
            // Extended: 4 bytes of flags, then canvas width - 1 and height - 1 as 24-bit values.
            guard let w = r.le24(at: 24), let h = r.le24(at: 27) else { return nil }
            return PixelSize(width: Int(w) + 1, height: Int(h) + 1)
        }
        return nil
    }

    /// Walks the segments after SOI to the first start-of-frame marker, which holds the size.
    /// Every step moves forward and every read is bounds-checked, so hostile lengths end the
    /// walk instead of looping or reading past the end.
    private static func jpegSize(_ r: ByteReader) -> PixelSize? {
        guard r.matches([0xFF, 0xD8], at: 0) else { return nil }
        var offset = 2
        while true {
            guard r.byte(at: offset) == 0xFF else { return nil }
            // Any number of 0xFF fill bytes may come before a marker code.
            var markerOffset = offset + 1
            while r.byte(at: markerOffset) == 0xFF { markerOffset += 1 }
            guard let marker = r.byte(at: markerOffset) else { return nil }
            let segment = markerOffset + 1
            switch marker {
            case 0x01, 0xD0...0xD7:
                // TEM and RSTn stand alone: no length follows.
                offset = segment
                continue
            case 0x00, 0xD8, 0xD9, 0xDA:
                // A stuffed zero, a second SOI, EOI or start of scan before any frame header:
                // not a JPEG whose size we can trust.
                return nil
            default:
                break
            }
            guard let length = r.be16(at: segment), length >= 2 else { return nil }
            // SOF0...SOF15, except DHT (C4), JPG (C8) and DAC (CC), which share the range.
            if (0xC0...0xCF).contains(marker), ![0xC4, 0xC8, 0xCC].contains(marker) {
                // Length, sample precision, then height and width; a zero height means it is
                // given later by a DNL marker, which we do not chase.
                guard length >= 7, let h = r.be16(at: segment + 3), let w = r.be16(at: segment + 5)
                else { return nil }
                return PixelSize(width: Int(w), height: Int(h))
            }
            offset = segment + Int(length)
        }
    }
}

/// Bounds-checked reads from `Data` by offset from its first byte, whatever its indices:
/// a slice of a larger `Data` does not start at index 0.
private struct ByteReader {
    let data: Data
    init(_ data: Data) { self.data = data }

    var count: Int { data.count }

    func byte(at offset: Int) -> UInt8? {
        guard offset >= 0, offset < data.count else { return nil }
        return data[data.startIndex + offset]
    }

    func matches(_ expected: [UInt8], at offset: Int) -> Bool {
        guard offset >= 0, offset + expected.count <= data.count else { return false }
        let start = data.startIndex + offset
        return data[start..<start + expected.count].elementsEqual(expected)
    }

    /// `count` bytes from `offset` as an unsigned integer, most significant first when `bigEndian`.
    private func integer(at offset: Int, count: Int, bigEndian: Bool) -> UInt32? {
        guard offset >= 0, offset + count <= data.count else { return nil }
        var value: UInt32 = 0
        for i in 0..<count {
            let b = UInt32(data[data.startIndex + offset + i])
            value |= bigEndian ? b << (8 * UInt32(count - 1 - i)) : b << (8 * UInt32(i))
        }
        return value
    }

    func be16(at offset: Int) -> UInt32? { integer(at: offset, count: 2, bigEndian: true) }
    func be32(at offset: Int) -> UInt32? { integer(at: offset, count: 4, bigEndian: true) }
    func le16(at offset: Int) -> UInt32? { integer(at: offset, count: 2, bigEndian: false) }
    func le24(at offset: Int) -> UInt32? { integer(at: offset, count: 3, bigEndian: false) }
    func le32(at offset: Int) -> UInt32? { integer(at: offset, count: 4, bigEndian: false) }
}
