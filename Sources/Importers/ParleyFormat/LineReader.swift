import Foundation

/// Reads a file a line at a time through a buffer of about a megabyte, so a large export is
/// never in memory whole. A line is what comes before a "\n" (a "\r" before it is dropped).
struct LineReader {
    private let handle: FileHandle
    private var buffer = [UInt8]()
    /// Where the next line starts in `buffer`: lines are handed out by moving it, and the bytes
    /// before it are dropped only when more are read, so a line costs no copy of the rest.
    private var start = 0
    private var atEnd = false
    /// Bytes handed out so far, for the progress bar.
    private(set) var bytesRead: Int64 = 0
    /// A line longer than this is refused, so a file without newlines cannot fill the memory.
    let longestLine: Int

    init(handle: FileHandle, longestLine: Int) {
        self.handle = handle
        self.longestLine = longestLine
    }

    struct LineTooLong: Error {}

    /// The next line without its newline, or nil at the end of the file.
    mutating func next() throws -> Data? {
        var searched = start
        while true {
            if let newline = buffer[searched...].firstIndex(of: UInt8(ascii: "\n")) {
                var end = newline
                if end > start, buffer[end - 1] == UInt8(ascii: "\r") { end -= 1 }
                let line = Data(buffer[start..<end])
                bytesRead += Int64(newline + 1 - start)
                start = newline + 1
                return line
            }
            guard buffer.count - start <= longestLine else { throw LineTooLong() }
            if atEnd {
                guard start < buffer.count else { return nil }
                let line = Data(buffer[start...])
                bytesRead += Int64(buffer.count - start)
                start = buffer.count
                return line
            }
            buffer.removeSubrange(0..<start)
            start = 0
            searched = buffer.count
            let chunk = try handle.read(upToCount: 1 << 20) ?? Data()
            if chunk.isEmpty { atEnd = true } else { buffer.append(contentsOf: chunk) }
        }
    }
}
