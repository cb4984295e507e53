import App
import Domain
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Storage
import StorageSQLite
import Testing
import UseCases

@testable import StoragePostgres

/// The engine the HTTP tests run on: a real SQLite file by default; a real PostgreSQL server
/// (a fresh schema per test) when `PARLEY_TEST_WEB_POSTGRES_URL` is set, as `scripts/test` does
/// for a second run of this suite.
enum TestEngine {
    static let postgresURL = ProcessInfo.processInfo.environment["PARLEY_TEST_WEB_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }

    /// A fresh, migrated store of the engine, and what keeps it running.
    static func openStore() async throws -> (any SiteStore, RunningClient?) {
        guard let url = postgresURL else {
            let folder = try TemporaryFolders.make("site")
            return (try SQLiteStore(path: folder.appendingPathComponent("parley.sqlite").path), nil)
        }
        // Made from a UUID, never from input, so it is safe in DDL.
        let schema = "w_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        var configuration = try PostgresStore.configuration(url: url)
        configuration.options.additionalStartupParameters.append(("search_path", schema))
        configuration.options.maximumConnections = 3
        var logger = Logger(label: "parley.web-tests")
        logger.logLevel = .error
        let store = PostgresStore(configuration: configuration, logger: logger)
        let running = RunningClient(Task { try await store.run() })
        try await store.executeRaw("CREATE SCHEMA \(schema)")
        try await store.migrate()
        return (store, running)
    }
}

/// Keeps a PostgreSQL client running for as long as the test's site lives.
final class RunningClient: Sendable {
    let task: Task<Void, Error>
    init(_ task: Task<Void, Error>) { self.task = task }
    deinit { task.cancel() }
}

/// A real site for HTTP tests: a fresh store (see `TestEngine`), an owner, a reader with a
/// password, and one published post.
struct TestSite {
    static let password = "correct horse battery"
    let store: any SiteStore
    let running: RunningClient?
    let actions: Actions
    let owner: Member
    let reader: Member
    let post: Post

    /// `mail` holds the public URL too (`--public-url`), the origin forms may come from.
    init(publishedPost: Bool = true, mail: MailSettings = .local()) async throws {
        (store, running) = try await TestEngine.openStore()
        actions = Actions(store: store, passwords: PasswordHasher(cost: 4), mail: mail)
        try await store.updatePublication(Publication(name: "Field Notes", description: "Notes from the field."))
        owner = try await actions.addMember(
            AddMemberInput(email: "owner@example.com", displayName: "Olive Owner", role: .owner, password: Self.password))
        reader = try await actions.addMember(
            AddMemberInput(email: "reader@example.com", displayName: "Rita Reader", password: Self.password))
        post = try await actions.addPost(
            AddPostInput(
                title: "First post", subtitle: "A subtitle", bodyMarkdown: "Hello **world**.",
                authorEmail: owner.email, draft: !publishedPost,
                publishedAt: Date().addingTimeInterval(-3_600), emailSubscribers: false))
    }

    /// Another member, for likes and replies from someone else.
    func member(_ name: String, role: Role = .member) async throws -> Member {
        try await actions.addMember(
            AddMemberInput(email: "\(name.lowercased())@example.com", displayName: name, role: role, password: Self.password))
    }

    /// A comment written straight through the use case.
    @discardableResult
    func comment(_ text: String, by member: Member, replyTo parent: CommentID? = nil, on post: Post? = nil) async throws -> Domain.Comment {
        try await actions.postComment(postID: (post ?? self.post).id, replyTo: parent, text: text, by: member)
    }

    func fresh(_ post: Post) async throws -> Post { try #require(try await store.post(id: post.id)) }

    /// The configuration of a test server: cheap password hashes, and forms taken at once (a
    /// test posts a form the moment it has it; `HumanCheckTests` checks the fill time).
    static func configuration(host: String = "127.0.0.1", port: Int = 8080) -> ParleyConfiguration {
        var configuration = ParleyConfiguration(host: host, port: port, passwordCost: 4)
        configuration.formMinimumSeconds = 0
        return configuration
    }

    /// Runs `body` against the real application, without a socket.
    func test(
        logger: Logger = Logger(label: "test"), configuration: ParleyConfiguration = TestSite.configuration(),
        _ body: @escaping @Sendable (Browser) async throws -> Void
    ) async throws {
        let app = buildApplication(actions: actions, configuration: configuration, logger: logger)
        try await app.test(.router) { client in
            try await body(Browser(client: client))
        }
    }
}

/// A test client that keeps cookies like a browser and speaks forms.
final class Browser {
    let client: any TestClientProtocol
    var cookies: [String: String] = [:]
    /// Attributes of the last Set-Cookie per name, for checking flags.
    var cookieAttributes: [String: String] = [:]

    init(client: any TestClientProtocol) { self.client = client }

    var csrf: String { cookies["__Host-parley_csrf"] ?? "" }

    @discardableResult
    func get(_ uri: String, json: Bool = false) async throws -> TestResponse {
        try await send(uri, method: .get, body: nil, json: json)
    }

    /// Posts a form; the CSRF token is added unless `csrf` says otherwise.
    @discardableResult
    func post(
        _ uri: String, form: [String: String] = [:], csrf token: String? = nil, json: Bool = false,
        headers extra: HTTPFields = [:]
    ) async throws -> TestResponse {
        if cookies["__Host-parley_csrf"] == nil { try await get("/") }
        var fields = form
        if fields["_csrf"] == nil { fields["_csrf"] = token ?? csrf }
        let body = fields.sorted { $0.key < $1.key }.map { "\(Self.encode($0.key))=\(Self.encode($0.value))" }.joined(separator: "&")
        return try await send(uri, method: .post, body: ByteBuffer(string: body), json: json, headers: extra)
    }

    /// Posts raw bytes as a form body.
    func postRaw(_ uri: String, bytes: [UInt8], json: Bool = false) async throws -> TestResponse {
        if cookies["__Host-parley_csrf"] == nil { try await get("/") }
        return try await send(uri, method: .post, body: ByteBuffer(bytes: bytes), json: json)
    }

    func signIn(_ email: String, password: String = TestSite.password) async throws {
        let response = try await post("/sign-in", form: ["email": email, "password": password, "next": "/"])
        // A failed sign-in fails the test that asked, not the whole test process.
        try #require(response.status == .seeOther, "sign-in failed: \(response.status)")
    }

    func send(
        _ uri: String, method: HTTPRequest.Method, body: ByteBuffer?, json: Bool, headers extra: HTTPFields = [:]
    ) async throws -> TestResponse {
        var headers = extra
        if !cookies.isEmpty { headers[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") }
        if body != nil { headers[.contentType] = "application/x-www-form-urlencoded" }
        if json { headers[.accept] = "application/json" }
        let response = try await client.execute(uri: uri, method: method, headers: headers, body: body) { $0 }
        for line in response.headers[values: .setCookie] {
            let pair = line.split(separator: ";", maxSplits: 1)[0].split(separator: "=", maxSplits: 1)
            let name = String(pair[0])
            let value = pair.count > 1 ? String(pair[1]) : ""
            cookieAttributes[name] = line
            if value.isEmpty || line.contains("Max-Age=0") { cookies[name] = nil } else { cookies[name] = value }
        }
        return response
    }

    static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }
    var location: String? { headers[.location] }
}

/// How many times `needle` occurs in `haystack`.
func occurrences(of needle: String, in haystack: String) -> Int {
    haystack.components(separatedBy: needle).count - 1
}
