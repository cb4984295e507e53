import Foundation
import Logging

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// "Sends" mail by writing each message, exactly as SMTP would carry it, to
/// `<folder>/<timestamp>-<id>.eml`: for a first run with no mail server, and for reading what
/// the site sends. Any mail program opens the files.
///
/// The timestamp (`20250102T030405.678Z`, UTC) makes names sort by sending time; the id is the
/// left part of the Message-ID. Each file is written under a temporary dot-name in the same
/// folder, flushed to disk, then renamed, so a reader never sees half a message. The folder is
/// created (with parents) when missing.
public final class FileMailer: Mailer {
    /// Where the `.eml` files go.
    public let directory: URL
    private let logger: Logger

    /// A mailer writing into `directory`; nothing touches the disk until ``send(_:)``.
    public init(directory: URL, logger: Logger = Logger(label: "parley.mail.file")) {
        self.directory = directory
        self.logger = logger
    }

    /// Writes `message`. Throws ``MailError/invalidHeader(_:)`` for a message that cannot be
    /// rendered and ``MailError/io(_:)`` (temporary) when the file cannot be written.
    public func send(_ message: MailMessage) async throws {
        _ = try write(message)
    }

    /// Writes `message` and returns the file's URL.
    @discardableResult
    public func write(_ message: MailMessage) throws -> URL {
        let bytes = try MIMEWriter.render(message)
        let name = "\(Self.timestamp(Date()))-\(Self.safeID(message.messageID)).eml"
        let final = directory.appendingPathComponent(name)
        let temp = directory.appendingPathComponent(".\(name).\(RandomText.hex(bytes: 4)).tmp")
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            guard FileManager.default.createFile(atPath: temp.path, contents: nil) else {
                throw MailError.io("cannot create \(temp.path)")
            }
            let handle = try FileHandle(forWritingTo: temp)
            do {
                try handle.write(contentsOf: bytes)
                try handle.synchronize()
                try handle.close()
            } catch {
                try? handle.close()
                throw error
            }
            guard rename(temp.path, final.path) == 0 else {
                throw MailError.io("cannot rename to \(final.path): \(String(cString: strerror(errno)))")
            }
        } catch {
            try? FileManager.default.removeItem(at: temp)
            if let e = error as? MailError { throw e }
            throw MailError.io("cannot write \(final.path): \(error)")
        }
        logger.info(
            "mail written to file",
            metadata: [
                "to": "\(message.to.address)", "subject": "\(message.subject)", "file": "\(final.path)",
            ])
        return final
    }

    /// `yyyyMMdd'T'HHmmss.SSS'Z'` in UTC, without Foundation formatters.
    static func timestamp(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let ms = Int((date.timeIntervalSince1970 * 1000).rounded(.down)) % 1000
        func pad(_ n: Int?, _ width: Int) -> String {
            let s = String(n ?? 0)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return pad(c.year, 4) + pad(c.month, 2) + pad(c.day, 2) + "T" + pad(c.hour, 2) + pad(c.minute, 2)
            + pad(c.second, 2) + "." + pad(ms, 3) + "Z"
    }

    /// The Message-ID's left part, reduced to characters safe in any file name.
    static func safeID(_ messageID: String) -> String {
        let left = messageID.split(separator: "@").first.map(String.init) ?? messageID
        let safe = String(
            left.unicodeScalars.filter {
                ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_"
            }.prefix(64))
        return safe.isEmpty ? RandomText.hex(bytes: 8) : safe
    }
}
