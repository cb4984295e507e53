import Foundation

/// The test SMTP server (`support/smtp_sink.py`, aiosmtpd) as a child process on a free
/// 127.0.0.1 port, with its own folder of received messages. Use through ``withSMTPSink``,
/// which always stops it.
public final class SMTPSink: Sendable {
    public enum TLSMode: String, Sendable { case none, starttls, implicit }

    public struct Options {
        public var tls: TLSMode = .none
        public var auth: (user: String, password: String)?
        public var authMechanisms: [String] = ["PLAIN", "LOGIN"]
        public var rcptReplies: [String: Int] = [:]
        public var failData: (count: Int, code: Int)?
        public var silent = false

        public init(
            tls: TLSMode = .none, auth: (user: String, password: String)? = nil, authMechanisms: [String] = ["PLAIN", "LOGIN"],
            rcptReplies: [String: Int] = [:], failData: (count: Int, code: Int)? = nil, silent: Bool = false
        ) {
            self.tls = tls
            self.auth = auth
            self.authMechanisms = authMechanisms
            self.rcptReplies = rcptReplies
            self.failData = failData
            self.silent = silent
        }
    }

    /// One received message: the bytes as they arrived and what Python's email package read.
    public struct Received: Sendable {
        public var raw: [UInt8]
        public var record: Record
        public var rawText: String { String(decoding: raw, as: UTF8.self) }
    }

    /// `NNNNNN.json` as the sink writes it.
    public struct Record: Decodable, Sendable {
        public struct Person: Decodable, Sendable { public var name: String; public var address: String }
        public var mail_from: String
        public var rcpt_tos: [String]
        public var tls: Bool
        public var auth_login: String?
        public var headers: [[String]]
        public var subject: String
        public var from: Person?
        public var to: Person?
        public var content_type: String
        public var text: String?
        public var html: String?
        public var defects: [String]
    }

    public let port: Int
    public let directory: URL
    private let process: Process
    private let stdin: Pipe
    private let stderrURL: URL

    private init(port: Int, directory: URL, process: Process, stdin: Pipe, stderrURL: URL) {
        self.port = port
        self.directory = directory
        self.process = process
        self.stdin = stdin
        self.stderrURL = stderrURL
    }

    static var script: URL {
        // Tests/Support/SMTPSink.swift -> Tests/MailTests/support/smtp_sink.py
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("MailTests/support/smtp_sink.py")
    }

    public static func start(_ options: Options) async throws -> SMTPSink {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("parley-smtp-\(UUID().uuidString)")
        let dir = base.appendingPathComponent("received")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        var args = [script.path, "--dir", dir.path, "--host", "127.0.0.1", "--port", "0", "--watch-stdin"]
        if options.tls != .none {
            let cert = try TestCertificate.shared.get()
            args += ["--tls", options.tls.rawValue, "--cert", cert.certificate, "--key", cert.key]
        }
        if let auth = options.auth {
            args += [
                "--auth", "\(auth.user):\(auth.password)",
                "--auth-mechanisms", options.authMechanisms.joined(separator: ","),
            ]
        }
        for (address, code) in options.rcptReplies { args += ["--rcpt-reply", "\(address)=\(code)"] }
        if let f = options.failData { args += ["--fail-data", "\(f.count):\(f.code)"] }
        if options.silent { args.append("--silent") }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [ProcessInfo.processInfo.environment["PARLEY_TEST_PYTHON"] ?? "python3"] + args
        let stdin = Pipe(), stdout = Pipe()
        let stderrURL = base.appendingPathComponent("stderr.txt")
        _ = FileManager.default.createFile(atPath: stderrURL.path, contents: nil)
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = try FileHandle(forWritingTo: stderrURL)
        try process.run()

        // Read "READY <port>" on a plain thread: FileHandle reads block.
        let port: Int? = await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                var text = ""
                while true {
                    let chunk = stdout.fileHandleForReading.availableData
                    if chunk.isEmpty { continuation.resume(returning: nil); return }
                    text += String(decoding: chunk, as: UTF8.self)
                    if let line = text.split(separator: "\n").first(where: { $0.hasPrefix("READY ") }) {
                        continuation.resume(returning: Int(line.dropFirst(6)))
                        return
                    }
                }
            }
        }
        guard let port else {
            process.waitUntilExit()
            let err = (try? String(contentsOf: stderrURL, encoding: .utf8)) ?? ""
            throw SinkError(
                "the SMTP sink did not start (exit \(process.terminationStatus)); is aiosmtpd installed "
                    + "(scripts/install-test-deps.sh)? stderr:\n\(err)")
        }
        return SMTPSink(port: port, directory: dir, process: process, stdin: stdin, stderrURL: stderrURL)
    }

    /// Waits until `count` messages have arrived and returns them in order.
    public func messages(count: Int, timeout: Duration = .seconds(10)) async throws -> [Received] {
        let deadline = ContinuousClock.now + timeout
        while true {
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
                .filter { $0.hasSuffix(".eml") }.sorted()
            if names.count >= count {
                return try names.map { name in
                    let eml = directory.appendingPathComponent(name)
                    let json = eml.deletingPathExtension().appendingPathExtension("json")
                    return Received(
                        raw: Array(try Data(contentsOf: eml)),
                        record: try JSONDecoder().decode(Record.self, from: Data(contentsOf: json)))
                }
            }
            if ContinuousClock.now > deadline {
                throw SinkError("only \(names.count) of \(count) message(s) arrived; sink stderr:\n\(stderrText)")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    /// How many messages have arrived so far.
    public var receivedCount: Int {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).filter { $0.hasSuffix(".eml") }.count
    }

    public var stderrText: String { (try? String(contentsOf: stderrURL, encoding: .utf8)) ?? "" }

    /// Closes its stdin and sends SIGTERM, then SIGKILL if it has not gone after 5 seconds;
    /// removes its folder.
    public func stop() {
        try? stdin.fileHandleForWriting.close()
        if process.isRunning {
            process.terminate()
            let deadline = Date().addingTimeInterval(5)
            while process.isRunning, Date() < deadline { usleep(20_000) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL); process.waitUntilExit() }
        }
        try? FileManager.default.removeItem(at: directory.deletingLastPathComponent())
    }
}

public struct SinkError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// Runs `body` with a started sink and stops the sink afterwards, whatever happens.
public func withSMTPSink<T>(_ options: SMTPSink.Options = .init(), _ body: (SMTPSink) async throws -> T) async throws -> T {
    let sink = try await SMTPSink.start(options)
    do {
        let result = try await body(sink)
        sink.stop()
        return result
    } catch {
        sink.stop()
        throw error
    }
}

/// A self-signed certificate for localhost and 127.0.0.1, made once per test run by `openssl`.
public final class TestCertificate: Sendable {
    public struct Files: Sendable { public var certificate: String; public var key: String }
    public static let shared = TestCertificate()
    private let result: Result<Files, SinkError>

    private static let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("parley-smtp-cert-\(ProcessInfo.processInfo.processIdentifier)")

    private init() {
        let dir = Self.directory
        atexit { try? FileManager.default.removeItem(at: TestCertificate.directory) }
        let cert = dir.appendingPathComponent("cert.pem").path, key = dir.appendingPathComponent("key.pem").path
        do {
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            p.arguments = [
                "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                "-nodes", "-keyout", key, "-out", cert, "-days", "2", "-subj", "/CN=localhost",
                "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
            ]
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            p.waitUntilExit()
            guard p.terminationStatus == 0 else { throw SinkError("openssl req exited \(p.terminationStatus)") }
            result = .success(Files(certificate: cert, key: key))
        } catch {
            result = .failure(SinkError("cannot make a test certificate with openssl: \(error)"))
        }
    }

    public func get() throws -> Files { try result.get() }
}

/// A 127.0.0.1 port that nothing listens on (bound, then released).
public func unusedPort() throws -> Int {
    #if canImport(Glibc)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
    #endif
    guard fd >= 0 else { throw SinkError("socket() failed") }
    defer { close(fd) }
    var addr = sockaddr_in()
    addr.sin_family = sa_family_t(AF_INET)
    addr.sin_port = 0
    addr.sin_addr.s_addr = inet_addr("127.0.0.1")
    var len = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &addr) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { ptr -> Bool in
            bind(fd, ptr, len) == 0 && getsockname(fd, ptr, &len) == 0
        }
    }
    guard bound else { throw SinkError("bind() failed") }
    return Int(UInt16(bigEndian: addr.sin_port))
}
