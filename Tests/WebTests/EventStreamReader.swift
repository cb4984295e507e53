import Domain
import Foundation
import Synchronization

/// One event of a `text/event-stream`, as a browser's `EventSource` would see it.
struct StreamEvent: Sendable, Equatable {
    var id: Int64?
    var name: String
    var data: String

    /// The fields docs/LIVE.md lists, whichever this event has.
    struct Fields: Decodable, Equatable {
        var post: Int64?
        var comment: Int64?
        var parent: Int64?
        var status: String?
        var html: String?
        var edited: Bool?
        var placeholder: Bool?
        var hidden: Bool?
        var count: Int?
        var last: Int64?
    }

    var fields: Fields { (try? JSONDecoder().decode(Fields.self, from: Data(data.utf8))) ?? Fields() }
}

/// A reader of `/live/{post}` over a real socket: sends the request as a browser would (with
/// its session cookie and `Last-Event-ID` when it has them), then reads the chunked body as it
/// arrives. Every wait is bounded.
final class EventStreamReader: Sendable {
    let connection: RawConnection
    /// Everything received so far.
    private let received = Mutex("")

    init(port: Int, post: PostID, session: String? = nil, lastEventID: Int64? = nil, query: String = "") throws {
        connection = try RawConnection(port: port)
        var request = "GET /live/\(post)\(query) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nAccept: text/event-stream\r\n"
        if let session { request += "Cookie: __Host-parley_session=\(session)\r\n" }
        if let lastEventID { request += "Last-Event-ID: \(lastEventID)\r\n" }
        try connection.send(request + "\r\n")
    }

    /// Reads until `enough` holds for the events so far, the server closes, or `seconds` pass,
    /// and returns the response head and every event of the stream from its start.
    func read(within seconds: Double = 10, until enough: @Sendable ([StreamEvent]) -> Bool) async -> (head: String, events: [StreamEvent]) {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            let parsed = Self.parse(received.withLock { $0 })
            if enough(parsed.events) { return parsed }
            let (text, closed) = await connection.readUntilClosed(within: 0.1)
            received.withLock { $0 += text }
            if closed { break }
        }
        return Self.parse(received.withLock { $0 })
    }

    /// The head, and the events of the chunked body (a partial last chunk is left for later).
    static func parse(_ raw: String) -> (head: String, events: [StreamEvent]) {
        guard let end = raw.range(of: "\r\n\r\n") else { return (raw, []) }
        let head = String(raw[..<end.lowerBound])
        var rest = Substring(raw[end.upperBound...])
        var body = ""
        while let line = rest.range(of: "\r\n"), let size = Int(rest[..<line.lowerBound], radix: 16) {
            let start = line.upperBound
            guard size > 0, rest.utf8.count >= rest.utf8.distance(from: rest.startIndex, to: start) + size + 2 else { break }
            let stop = rest.utf8.index(start, offsetBy: size)
            body += rest[start..<stop]
            rest = rest[rest.utf8.index(stop, offsetBy: 2)...]
        }
        var events: [StreamEvent] = []
        // Only whole events (ended by a blank line); comments (": keep-alive") and retry are skipped.
        let blocks = body.components(separatedBy: "\n\n").dropLast()
        for block in blocks {
            var event = StreamEvent(id: nil, name: "message", data: "")
            var isEvent = false
            for line in block.split(separator: "\n") {
                if line.hasPrefix("id: ") { event.id = Int64(line.dropFirst(4)) }
                if line.hasPrefix("event: ") {
                    event.name = String(line.dropFirst(7))
                    isEvent = true
                }
                if line.hasPrefix("data: ") { event.data = String(line.dropFirst(6)) }
            }
            if isEvent { events.append(event) }
        }
        return (head, events)
    }

    func close() { connection.close() }
}
