import Foundation

/// A file of newline-separated records read a chunk at a time: one line in memory, never the
/// file. A gzip-compressed file (remark42 writes its backups so) is read through `gzip -dc`.
final class JSONLinesFile {
    /// A longer line than this is reported and skipped instead of held in memory.
    static let maximumLine = 64 << 20

    private let handle: FileHandle
    private let decompressor: Process?
    /// Bytes read but not yet returned start at `start`.
    private var buffer: [UInt8] = []
    private var start = 0
    private var atEnd = false
    /// Bytes of the file (compressed, when it is) read so far, when that is known.
    private(set) var bytesRead: Int64 = 0
    let isCompressed: Bool

    init(_ file: URL) throws {
        guard let probe = try? FileHandle(forReadingFrom: file) else {
            throw ImportError.unreadable("cannot open \(file.path)")
        }
        let magic = (try? probe.read(upToCount: 2)) ?? Data()
        isCompressed = magic == Data([0x1F, 0x8B])
        if isCompressed {
            try? probe.close()
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["gzip", "-dc", "--", file.path]
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = FileHandle.nullDevice
            do {
                try process.run()
            } catch {
                throw ImportError.unreadable("the file is gzip-compressed and gzip cannot be run: decompress it first (gunzip)")
            }
            decompressor = process
            handle = pipe.fileHandleForReading
        } else {
            try? probe.seek(toOffset: 0)
            decompressor = nil
            handle = probe
        }
    }

    deinit {
        if let decompressor, decompressor.isRunning { decompressor.terminate() }
        try? handle.close()
    }

    enum Line {
        case text(Data)
        case tooLong
    }

    /// The next line without its line break, or nil at the end of the file.
    func next() throws -> Line? {
        var searchFrom = start
        var skipping = false
        while true {
            if let newline = buffer[searchFrom...].firstIndex(of: 0x0A) {
                let line = Data(buffer[start..<newline])
                start = newline + 1
                return skipping ? .tooLong : .text(line)
            }
            if buffer.count - start > Self.maximumLine {
                // Drop what is held and skip to the end of this line.
                buffer.removeAll(keepingCapacity: true)
                start = 0
                skipping = true
            }
            if atEnd {
                guard start < buffer.count || skipping else { return nil }
                let line = Data(buffer[start...])
                start = buffer.count
                return skipping ? .tooLong : .text(line)
            }
            // Only the unfinished line is kept when reading on, so the copy is small.
            if start > 0 {
                buffer.removeSubrange(0..<start)
                start = 0
            }
            searchFrom = buffer.count
            let chunk = try handle.read(upToCount: 1 << 16) ?? Data()
            if chunk.isEmpty {
                atEnd = true
                if let decompressor {
                    decompressor.waitUntilExit()
                    if decompressor.terminationStatus != 0 {
                        throw ImportError.unreadable(
                            "the gzip-compressed file is damaged (gzip exited with \(decompressor.terminationStatus))")
                    }
                }
            } else {
                if !isCompressed { bytesRead += Int64(chunk.count) }
                buffer.append(contentsOf: chunk)
            }
        }
    }
}
