import App
import ArgumentParser
import Foundation
import Importers

/// `parley export [--out FILE]`: the whole site as a Parley export (docs/EXPORT-FORMAT.md).
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Write the whole site to one file.",
        discussion: """
            Posts, comments, members, subscribers, settings, uploads, moderation and the site's secrets, as JSON lines \
            (docs/EXPORT-FORMAT.md), read in one consistent snapshot while the server runs. Sessions are left out. The file \
            holds password hashes and the site's signing secrets: keep it as safe as the database. `parley import parley FILE` \
            reads it into an empty site on either engine.
            """)

    @Option(help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var out: String?

    @OptionGroup var site: SiteOptions

    func run() async throws {
        let configuration = site.configuration()
        let out = self.out
        do {
            let records = try await SiteOpening.withSite(configuration) { opened, _ in
                try await Self.export(opened, to: out)
            }
            FileHandle.standardError.write(Data("Exported \(records) records\(out.map { " to \($0)" } ?? "").\n".utf8))
        } catch let error as SiteOpeningError {
            throw fail(error.description)
        } catch let error as ExportFileError {
            throw fail(error.description)
        }
    }

    struct ExportFileError: Error, CustomStringConvertible {
        var description: String
    }

    /// Writes the export to `out` (through a file beside it, renamed when whole, so a failed
    /// export leaves nothing that looks finished) or to standard output.
    static func export(_ site: OpenedSite, to out: String?) async throws -> Int {
        guard let out else {
            var sink = BufferedSink(handle: FileHandle.standardOutput)
            let records = try await ParleyExport.run(store: site.store) { try sink.write($0) }
            try sink.flush()
            return records
        }
        let partial = out + ".partial"
        // Readable by its owner only: the export holds password hashes and the site's secrets.
        guard FileManager.default.createFile(atPath: partial, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            throw ExportFileError(description: "cannot write \(partial)")
        }
        do {
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: partial))
            defer { try? handle.close() }
            var sink = BufferedSink(handle: handle)
            let records = try await ParleyExport.run(store: site.store) { try sink.write($0) }
            try sink.flush()
            try handle.synchronize()
            if FileManager.default.fileExists(atPath: out) { try FileManager.default.removeItem(atPath: out) }
            try FileManager.default.moveItem(atPath: partial, toPath: out)
            return records
        } catch {
            try? FileManager.default.removeItem(atPath: partial)
            throw error
        }
    }
}

/// Collects lines into writes of about a megabyte: one system call per line would cost more
/// than making the line.
struct BufferedSink {
    let handle: FileHandle
    var buffer = Data()

    mutating func write(_ data: Data) throws {
        buffer.append(data)
        if buffer.count >= 1 << 20 { try flush() }
    }

    mutating func flush() throws {
        guard !buffer.isEmpty else { return }
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}
