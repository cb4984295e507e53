// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "Parley",
    // macOS 15 for the standard library's `Mutex` (Synchronization); Linux has it with Swift 6.
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "parley", targets: ["parley"]),
        .executable(name: "parley-bench", targets: ["parley-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/JohnSundell/Ink", .upToNextMinor(from: "0.6.0")),
        .package(url: "https://github.com/apple/swift-openapi-generator", from: "1.14.3"),
        .package(url: "https://github.com/apple/swift-openapi-runtime", from: "1.13.4"),
        .package(url: "https://github.com/hummingbird-project/swift-openapi-hummingbird", from: "2.1.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        // Values and rules: Foundation only, no I/O, no async.
        .target(name: "Domain"),
        // The one place HTML is made from user text: escape first, then format.
        .target(
            name: "Markup",
            dependencies: [
                "Domain",
                .product(name: "Ink", package: "Ink"),
            ]),
        // Ports (protocols named by role), shared by the SQLite and PostgreSQL engines.
        .target(name: "Storage", dependencies: ["Domain"]),
        // GRDB adapter with its frozen migrations.
        .target(
            name: "StorageSQLite",
            dependencies: [
                "Domain", "Storage",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]),
        // PostgresNIO adapter: same ports, same migration IDs, LISTEN/NOTIFY event bus.
        .target(
            name: "StoragePostgres",
            dependencies: [
                "Domain", "Storage",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]),
        // Outgoing mail: MailMessage, MIMEWriter, the letters Parley sends, the Mailer port,
        // SMTP (SwiftNIO + NIOSSL), .eml files.
        .target(
            name: "Mail",
            dependencies: [
                "Domain", "Markup", "Storage",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]),
        // Outgoing webhooks: signing, the address guard (no loopback or private hosts) and the
        // worker that delivers the outbox's webhook jobs over HTTPS (AsyncHTTPClient).
        .target(
            name: "Webhooks",
            dependencies: [
                "Domain", "Storage",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]),
        // The spam classifier: features of a comment, naive Bayes, and the built-in model trained on
        // Corpus/ (labelled comments, compiled in as byte arrays: PackageResources.spam_txt, ...).
        .target(name: "Spam", dependencies: ["Domain"], resources: [.embedInCode("Corpus")]),
        // One file per verb; every write goes through here.
        .target(
            name: "UseCases",
            dependencies: [
                "Domain", "Mail", "Markup", "Spam", "Storage", "Webhooks",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
            ]),
        // Moving in and out: the readers of foreign exports (Substack, Disqus, WordPress, Isso,
        // remark42), the sink that writes them, and Parley's own export format.
        .target(
            name: "Importers",
            dependencies: [
                "Domain", "Markup", "Storage", "UseCases",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]),
        // The JSON API's contract: openapi.json is both the document served at /api/openapi.json
        // and the input of swift-openapi-generator, which makes its types and `APIProtocol` at
        // build time (a plugin, so the code that runs can never drift from the document).
        .target(
            name: "API",
            dependencies: [.product(name: "OpenAPIRuntime", package: "swift-openapi-runtime")],
            resources: [.embedInCode("openapi.json")],
            plugins: [.plugin(name: "OpenAPIGenerator", package: "swift-openapi-generator")]),
        // The only room that imports Hummingbird. Assets/ (CSS, JavaScript, icons) is compiled
        // in as byte arrays (PackageResources.parley_css, ...), so the binary needs no files.
        .target(
            name: "Web",
            dependencies: [
                "API", "Domain", "Importers", "Markup", "Storage", "UseCases",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "OpenAPIHummingbird", package: "swift-openapi-hummingbird"),
                // HTTPParserError, which the outermost middleware lets through (FrontDoorMiddleware).
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                // The live-updates hub runs as a service of the application (LiveHub).
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ], resources: [.embedInCode("Assets")]),
        // The sample site of `parley serve --demo`: Content/ (posts in Markdown; cast, phrases
        // and discussions in JSON) compiled in, and the seeding that writes it through UseCases.
        .target(name: "Demo", dependencies: ["Domain", "Storage", "UseCases"], resources: [.embedInCode("Content")]),
        // Composition root: configuration, engine choice, buildApplication(config:).
        .target(
            name: "App",
            dependencies: [
                "Demo", "Domain", "Mail", "Storage", "StorageSQLite", "StoragePostgres", "UseCases", "Web", "Webhooks",
                .product(name: "Hummingbird", package: "hummingbird"),
                // The HTTP/1 channel with our connection limits (HTTPServerBuilder+Limits).
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]),
        .executableTarget(
            name: "parley",
            dependencies: [
                "App", "Domain", "Importers", "Spam", "UseCases",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ], path: "Sources/CLI"),
        // Seeds benchmark sites; scripts/bench-pages.sh drives it.
        .executableTarget(
            name: "parley-bench",
            dependencies: [
                "App", "Domain", "Storage", "UseCases",
            ], path: "Sources/Bench"),

        .testTarget(name: "DomainTests", dependencies: ["Domain"]),
        .testTarget(name: "MarkupTests", dependencies: ["Domain", "Markup"]),
        // Test helpers shared by test targets: the real SMTP server process (aiosmtpd), loopback
        // stand-in servers, the catalogue check, a log handler that keeps what it is given.
        .target(
            name: "TestSupport",
            dependencies: [
                "Domain", .product(name: "Logging", package: "swift-log"),
                // The webhook receiver: a real HTTP server on loopback.
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ],
            path: "Tests/Support"),
        // The in-memory store, for tests only: the reference model the SQL engines are held
        // against with random operations, and a fast outbox for mail-worker tests. A target of
        // its own rather than part of TestSupport, so that WebTests (which use TestSupport and
        // run on the real engines) cannot reach for it, and TestSupport stays free of Storage.
        .target(name: "StorageReference", dependencies: ["Domain", "Storage"], path: "Tests/StorageReference"),
        .testTarget(
            name: "MailTests",
            dependencies: [
                "Domain", "Mail", "Storage", "StorageReference", "TestSupport",
                .product(name: "Logging", package: "swift-log"),
            ], exclude: ["support"]),
        .testTarget(
            name: "StorageTests",
            dependencies: [
                "Domain", "Storage", "StorageReference", "StorageSQLite", "StoragePostgres", "TestSupport",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        .testTarget(
            name: "WebhooksTests",
            dependencies: [
                "Domain", "Storage", "StorageSQLite", "StoragePostgres", "TestSupport", "Webhooks",
            ]),
        .testTarget(
            name: "ImportersTests",
            dependencies: [
                "Domain", "Importers", "Markup", "Storage", "StorageSQLite", "StoragePostgres", "TestSupport", "UseCases",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ], resources: [.copy("Fixtures")]),
        .testTarget(name: "SpamTests", dependencies: ["Domain", "Spam", "Storage", "StorageSQLite", "UseCases"]),
        .testTarget(name: "DemoTests", dependencies: ["Demo", "Domain", "Storage", "StorageSQLite", "UseCases"]),
        .testTarget(
            name: "WebTests",
            dependencies: [
                "API", "App", "Domain", "Mail", "Storage", "StorageSQLite", "StoragePostgres", "TestSupport", "UseCases", "Web", "Webhooks",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ]),
    ]
)
