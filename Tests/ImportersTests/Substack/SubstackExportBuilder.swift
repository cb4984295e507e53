import Foundation
import ZIPFoundation

/// A Substack export written by the test: the files Substack puts in its ZIP (`posts.csv`,
/// `posts/ID.html`, `email_list.NAME.csv`) with contents each test chooses.
struct SubstackExportBuilder {
    var files: [(path: String, bytes: Data)] = []

    mutating func add(_ path: String, _ text: String) {
        files.append((path, Data(text.utf8)))
    }

    mutating func add(_ path: String, bytes: Data) {
        files.append((path, bytes))
    }

    /// Writes the ZIP (deflated, as Substack's is) to `url`.
    func write(to url: URL) throws {
        let archive = try Archive(url: url, accessMode: .create, pathEncoding: nil)
        for file in files {
            try archive.addEntry(
                with: file.path, type: .file, uncompressedSize: Int64(file.bytes.count), compressionMethod: .deflate
            ) { position, size in
                file.bytes.subdata(in: Int(position)..<Int(position) + size)
            }
        }
    }

    /// A CSV line with every field quoted, as Substack quotes its fields.
    static func line(_ fields: [String]) -> String {
        fields.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: ",") + "\n"
    }

    static let postsHeader = line([
        "post_id", "post_date", "is_published", "email_sent_at", "inbox_sent_at", "type", "audience", "title", "subtitle",
        "podcast_url",
    ])

    static func post(
        _ id: String, date: String, published: Bool = true, audience: String = "everyone", title: String, subtitle: String = ""
    ) -> String {
        line([id, date, published ? "true" : "false", published ? date : "", "", "newsletter", audience, title, subtitle, ""])
    }

    static let emailHeader = line([
        "email", "active_subscription", "expiry", "plan", "email_disabled", "title", "comp", "gift", "created_at",
        "first_payment_at",
    ])

    static func subscriber(
        _ email: String, active: Bool = true, disabled: Bool = false, since: String, plan: String = "other"
    )
        -> String
    {
        line([email, active ? "true" : "false", "", plan, disabled ? "true" : "false", "", "false", "false", since, ""])
    }

    /// The first bytes of a PNG of `width` by `height`: signature and IHDR, all Parley reads.
    static func png(width: UInt32, height: UInt32, seed: UInt8 = 0) -> Data {
        var bytes: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]
        bytes += Array("IHDR".utf8)
        for value in [width, height] {
            bytes += [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
        }
        bytes += [8, 6, 0, 0, 0, 0, 0, 0, seed]
        return Data(bytes)
    }
}
