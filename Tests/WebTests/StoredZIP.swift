import Foundation

/// A ZIP archive of uncompressed ("stored") files, written by the tests that upload one: the
/// format's local headers, central directory and end record, and its CRC-32, nothing more.
enum StoredZIP {
    static func make(_ files: [(path: String, bytes: Data)]) -> Data {
        var out = Data()
        var central = Data()
        for file in files {
            let name = Data(file.path.utf8)
            let crc = crc32(file.bytes)
            let offset = UInt32(out.count)
            var local = Data()
            local.append(le32(0x0403_4b50))
            local.append(le16(20))  // version needed
            local.append(le16(0x0800))  // UTF-8 names
            local.append(le16(0))  // stored
            local.append(le16(0))
            local.append(le16(0x21))  // 1980-01-01
            local.append(le32(crc))
            local.append(le32(UInt32(file.bytes.count)))
            local.append(le32(UInt32(file.bytes.count)))
            local.append(le16(UInt16(name.count)))
            local.append(le16(0))
            out.append(local)
            out.append(name)
            out.append(file.bytes)

            central.append(le32(0x0201_4b50))
            central.append(le16(20))
            central.append(le16(20))
            central.append(le16(0x0800))
            central.append(le16(0))
            central.append(le16(0))
            central.append(le16(0x21))
            central.append(le32(crc))
            central.append(le32(UInt32(file.bytes.count)))
            central.append(le32(UInt32(file.bytes.count)))
            central.append(le16(UInt16(name.count)))
            central.append(le16(0))
            central.append(le16(0))
            central.append(le16(0))
            central.append(le16(0))
            central.append(le32(0o100644 << 16))
            central.append(le32(offset))
            central.append(name)
        }
        let centralOffset = UInt32(out.count)
        out.append(central)
        out.append(le32(0x0605_4b50))
        out.append(le16(0))
        out.append(le16(0))
        out.append(le16(UInt16(files.count)))
        out.append(le16(UInt16(files.count)))
        out.append(le32(UInt32(central.count)))
        out.append(le32(centralOffset))
        out.append(le16(0))
        return out
    }

    private static func le16(_ value: UInt16) -> Data { Data([UInt8(value & 0xFF), UInt8(value >> 8)]) }
    private static func le32(_ value: UInt32) -> Data { Data((0..<4).map { UInt8(value >> (8 * $0) & 0xFF) }) }

    private static func crc32(_ data: Data) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in data {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return crc ^ 0xFFFF_FFFF
    }
}
