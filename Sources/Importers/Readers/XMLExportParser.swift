import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// What an XML export reader does with the elements of the file, as they stream past.
protocol XMLExportHandler: AnyObject {
    /// An element starts; `path` holds the names of it and its ancestors, outermost first,
    /// without namespace prefixes unless the handler keeps them. Returns whether its text is
    /// wanted (then `didEnd` receives it).
    func didStart(_ path: [String], attributes: [String: String]) throws -> Bool
    /// An element ends, with its text when `didStart` asked for it (else "").
    func didEnd(_ path: [String], text: String) throws
}

/// Drives `XMLParser` over a file read in chunks, so that a file of any size is read with the
/// memory of one chunk and one record. (swift-corelibs-foundation's `XMLParser(stream:)` feeds
/// libxml2's push parser 128 KiB at a time; `XMLParser(data:)` would hand it the whole file at
/// once.)
///
/// External entities are never resolved (no XXE); text captured for one element is capped so a
/// damaged file cannot grow memory without bound.
enum XMLExportParser {
    /// More text than this in one wanted element is cut (far above any comment limit).
    static let maximumText = 4 << 20

    static func parse(
        _ file: URL, handler: some XMLExportHandler, keepPrefixes: Bool, progress: (Int64) -> Void,
        what: String
    ) throws {
        guard let stream = CountingFileStream(file) else {
            throw ImportError.unreadable("cannot open \(file.path)")
        }
        try withoutActuallyEscaping(progress) { progress in
            let driver = Driver(handler: handler, keepPrefixes: keepPrefixes, stream: stream, progress: progress)
            let parser = XMLParser(stream: stream)
            parser.shouldProcessNamespaces = false
            parser.shouldReportNamespacePrefixes = false
            parser.shouldResolveExternalEntities = false
            parser.delegate = driver
            let finished = parser.parse()
            if let error = driver.failure {
                throw error
            }
            if finished, driver.sawRoot, !driver.closedRoot {
                // libxml2 recovers from a file cut short without an error: the open root says so.
                throw ImportError.unreadable("the \(what) file ends in the middle (is it complete?)")
            }
            if !finished || !driver.sawRoot {
                let reason = parser.parserError.map { "\($0.localizedDescription)" } ?? "not XML"
                let line = parser.lineNumber
                throw ImportError.unreadable("not a readable \(what) file (line \(line): \(reason))")
            }
            progress(stream.bytesRead)
        }
    }

    private final class Driver: NSObject, XMLParserDelegate {
        let handler: any XMLExportHandler
        let keepPrefixes: Bool
        let stream: CountingFileStream
        let progress: (Int64) -> Void
        var path: [String] = []
        /// Per open element: whether its text is collected.
        var capturing: [Bool] = []
        var text = ""
        var textBytes = 0
        var failure: (any Error)?
        var sawRoot = false
        var closedRoot = false
        var lastProgress: Int64 = 0

        init(handler: any XMLExportHandler, keepPrefixes: Bool, stream: CountingFileStream, progress: @escaping (Int64) -> Void) {
            self.handler = handler
            self.keepPrefixes = keepPrefixes
            self.stream = stream
            self.progress = progress
        }

        private func name(_ qualified: String) -> String {
            guard !keepPrefixes, let colon = qualified.lastIndex(of: ":") else { return qualified }
            return String(qualified[qualified.index(after: colon)...])
        }

        func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            guard failure == nil else { return }
            sawRoot = true
            path.append(name(elementName))
            do {
                let wanted = try handler.didStart(path, attributes: attributes)
                if wanted, !(capturing.last ?? false) {
                    text = ""
                    textBytes = 0
                }
                capturing.append(wanted || (capturing.last ?? false))
            } catch {
                stop(parser, error)
            }
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
            guard failure == nil, !path.isEmpty else { return }
            let wanted = capturing.removeLast()
            let parentCaptures = capturing.last ?? false
            do {
                try handler.didEnd(path, text: wanted && !parentCaptures ? text : "")
            } catch {
                stop(parser, error)
            }
            path.removeLast()
            if path.isEmpty { closedRoot = true }
            if stream.bytesRead - lastProgress >= 1 << 20 {
                lastProgress = stream.bytesRead
                progress(lastProgress)
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            append(string)
        }

        func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
            guard capturing.last == true else { return }
            append(String(decoding: CDATABlock, as: UTF8.self))
        }

        private func append(_ string: String) {
            guard capturing.last == true, textBytes < XMLExportParser.maximumText else { return }
            textBytes += string.utf8.count
            text += string
        }

        private func stop(_ parser: XMLParser, _ error: any Error) {
            failure = error
            stream.stop()
            parser.abortParsing()
        }
    }
}

/// A file read for `XMLParser`, counting the bytes it hands over (for progress), and able to
/// end early so an aborted parse does not read the rest of the file.
final class CountingFileStream: InputStream {
    private let handle: FileHandle
    private(set) var bytesRead: Int64 = 0
    private var stopped = false

    init?(_ file: URL) {
        guard let handle = try? FileHandle(forReadingFrom: file) else { return nil }
        self.handle = handle
        super.init(data: Data())
    }

    func stop() { stopped = true }

    override func open() {
        super.open()
    }

    override func close() {
        super.close()
        try? handle.close()
    }

    private var readError: (any Error)?
    override var streamError: (any Error)? { readError }

    override var hasBytesAvailable: Bool { !stopped }

    override func read(_ buffer: UnsafeMutablePointer<UInt8>, maxLength length: Int) -> Int {
        guard !stopped, length > 0 else { return 0 }
        let chunk: Data?
        do {
            chunk = try handle.read(upToCount: length)
        } catch {
            readError = error
            return -1
        }
        // Nil or empty at the end of the file.
        guard let data = chunk, !data.isEmpty else { return 0 }
        data.copyBytes(to: buffer, count: data.count)
        bytesRead += Int64(data.count)
        return data.count
    }

    override var streamStatus: Stream.Status { stopped ? .atEnd : .open }
}
