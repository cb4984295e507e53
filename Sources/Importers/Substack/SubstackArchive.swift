import Foundation
import ZIPFoundation

/// A Substack export as ZIPFoundation opens it: its files by path, found wherever the
/// export's folder sits (at the root, or inside one top folder when the ZIP was made again
/// from an unpacked copy), and read with a size limit each, so a ZIP that unpacks to far more
/// than it holds (a "zip bomb") is refused part way, never unpacked.
final class SubstackArchive {
    private let archive: Archive
    /// Every file entry by its path inside the export's folder (the folder's own prefix cut).
    private(set) var files: [String: Entry] = [:]
    /// The export's folder inside the ZIP: "" at the root.
    let root: String

    /// Files in one export, at most: far beyond any publication, and a bound on memory.
    static let maxEntries = 200_000
    /// Bytes unpacked from one export, at most, whatever each file's own limit: many files each
    /// just under their limit would otherwise cost hours of CPU and disk (4 GiB is far beyond
    /// any publication's posts and images).
    static let maxUnpackedBytes: Int64 = 4 << 30
    /// Bytes unpacked so far, counted as they come.
    private(set) var unpackedBytes: Int64 = 0

    init(url: URL) throws {
        do {
            archive = try Archive(url: url, accessMode: .read, pathEncoding: nil)
        } catch {
            throw ImportError.unreadable("it is not a ZIP archive (a Substack export is the .zip file Substack sends)")
        }
        var all: [String: Entry] = [:]
        var count = 0
        for entry in archive where entry.type == .file {
            count += 1
            guard count <= Self.maxEntries else { throw ImportError.unreadable("the archive holds more than \(Self.maxEntries) files") }
            all[entry.path] = entry
        }
        // The folder holding posts.csv (or else an email list) is the export's.
        let marker =
            all.keys.filter { $0 == "posts.csv" || $0.hasSuffix("/posts.csv") }.min { $0.count < $1.count }
            ?? all.keys.filter { Self.isEmailList(($0 as NSString).lastPathComponent) }.min { $0.count < $1.count }
        let root = marker.map { path in path.contains("/") ? String(path[...path.lastIndex(of: "/")!]) : "" } ?? ""
        self.root = root
        for (path, entry) in all where path.hasPrefix(root) {
            files[String(path.dropFirst(root.count))] = entry
        }
    }

    /// True for the subscriber lists' names: `email_list.csv`, `email_list.NAME.csv`, ...
    static func isEmailList(_ name: String) -> Bool {
        let lower = name.lowercased()
        return lower.hasPrefix("email_list") && lower.hasSuffix(".csv")
    }

    /// The email lists at the export's top level, in name order.
    var emailLists: [String] {
        files.keys.filter { !$0.contains("/") && Self.isEmailList($0) }.sorted()
    }

    /// The compressed size of the file at `path`, for progress.
    func compressedSize(_ path: String) -> Int64 {
        files[path].map { Int64($0.compressedSize) } ?? 0
    }

    /// The bytes of the file at `path`, or nil when there is none; throws `TooLarge` past `limit`.
    func data(_ path: String, limit: Int) throws -> Data? {
        guard let entry = files[path] else { return nil }
        guard entry.uncompressedSize <= UInt64(limit) else { throw TooLarge(path: path, limit: limit) }
        var data = Data()
        do {
            // The declared size can lie: the bytes are counted as they come.
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                guard data.count + chunk.count <= limit else { throw TooLarge(path: path, limit: limit) }
                unpackedBytes += Int64(chunk.count)
                guard unpackedBytes <= Self.maxUnpackedBytes else {
                    throw ImportError.unreadable("the archive unpacks to more than \(Self.maxUnpackedBytes >> 30) GiB")
                }
                data.append(chunk)
            }
        } catch let error as TooLarge {
            throw error
        } catch let error as ImportError {
            throw error
        } catch {
            throw ImportError.unreadable("\(path) is damaged in the archive")
        }
        return data
    }

    /// The text of the file at `path` (UTF-8, invalid bytes replaced), or nil when there is none.
    func text(_ path: String, limit: Int) throws -> String? {
        try data(path, limit: limit).map { String(decoding: $0, as: UTF8.self) }
    }

    /// A file larger than its kind may be.
    struct TooLarge: Error {
        let path: String
        let limit: Int
    }
}
