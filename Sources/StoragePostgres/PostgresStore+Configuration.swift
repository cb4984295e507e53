import Foundation
import PostgresNIO

/// A `postgres://` URL that cannot be used, and why. The message never repeats the password.
public struct PostgresURLError: Error, CustomStringConvertible, Sendable {
    public let description: String

    init(_ description: String) {
        self.description = description
    }
}

extension PostgresStore {
    /// The client configuration a database URL asks for, with libpq's spelling so that the URL an
    /// operator tries with `psql` works unchanged:
    ///
    ///     postgres://USER:PASSWORD@HOST:PORT/DATABASE?sslmode=require
    ///
    /// `postgresql://` works too. The port defaults to 5432 and the database to the user's name,
    /// as in libpq; user and password may be percent-encoded. Parameters:
    /// - `sslmode`: `disable` (plain TCP); `prefer`, the default as in libpq (TLS when the server
    ///   offers it, without checking its certificate; plain otherwise); `require` (TLS or no
    ///   connection, certificate not checked: protects against eavesdropping, not against an
    ///   impostor); `verify-ca` (TLS, certificate chain checked, host name not); `verify-full`
    ///   (TLS, chain and host name checked). Verification uses the system's trust roots, or the
    ///   PEM file named by `sslrootcert`.
    /// - `application_name`: shown in `pg_stat_activity`.
    /// Any other parameter is refused rather than silently ignored.
    public static func configuration(url text: String) throws -> PostgresClient.Configuration {
        guard let url = URLComponents(string: text) else { throw PostgresURLError("the database URL is not a URL") }
        guard let scheme = url.scheme?.lowercased(), scheme == "postgres" || scheme == "postgresql" else {
            throw PostgresURLError("the database URL must start with postgres:// or postgresql://")
        }
        guard var host = url.host, !host.isEmpty else { throw PostgresURLError("the database URL names no host") }
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard let user = url.user, !user.isEmpty else { throw PostgresURLError("the database URL names no user") }
        let port = url.port ?? 5432
        guard (1...65535).contains(port) else { throw PostgresURLError("the database URL's port is out of range") }
        let path = url.path
        let database = path.hasPrefix("/") ? String(path.dropFirst()) : path
        guard !database.contains("/") else { throw PostgresURLError("the database URL's path must be one database name") }

        var sslMode = "prefer"
        var rootCertificate: String?
        var startupParameters: [(String, String)] = []
        for item in url.queryItems ?? [] {
            let value = item.value ?? ""
            switch item.name {
            case "sslmode": sslMode = value
            case "sslrootcert": rootCertificate = value
            case "application_name": startupParameters.append(("application_name", value))
            default: throw PostgresURLError("the database URL has a parameter Parley does not know: \(item.name)")
            }
        }

        var configuration = PostgresClient.Configuration(
            host: host, port: port, username: user, password: url.password,
            database: database.isEmpty ? nil : database, tls: try tls(sslMode: sslMode, rootCertificate: rootCertificate))
        configuration.options.additionalStartupParameters = startupParameters
        return configuration
    }

    /// The same server, credentials, TLS and startup parameters as `configuration(url:)`, for
    /// one connection of its own: the check that tells an operator at once why a server cannot
    /// be used (`checkServer(within:)`), which the pool would only retry.
    static func connectionConfiguration(url text: String) throws -> PostgresConnection.Configuration {
        let client = try configuration(url: text)
        // `configuration(url:)` accepted the URL, so it parses; like it, the last sslmode wins.
        let items = URLComponents(string: text)?.queryItems ?? []
        let settings = try tlsSettings(
            sslMode: items.last { $0.name == "sslmode" }?.value ?? "prefer",
            rootCertificate: items.last { $0.name == "sslrootcert" }?.value)
        let tls: PostgresConnection.Configuration.TLS
        do {
            switch settings {
            case nil: tls = .disable
            case let (configuration, required)?:
                let context = try NIOSSLContext(configuration: configuration)
                tls = required ? .require(context) : .prefer(context)
            }
        } catch {
            throw PostgresURLError("the database URL's TLS settings cannot be used (is sslrootcert a readable PEM file?): \(error)")
        }
        var connection = PostgresConnection.Configuration(
            host: client.host ?? "localhost", port: client.port ?? 5432, username: client.username,
            password: client.password, database: client.database, tls: tls)
        connection.options.additionalStartupParameters = client.options.additionalStartupParameters
        return connection
    }

    /// libpq's `sslmode` in postgres-nio's terms.
    static func tls(sslMode: String, rootCertificate: String?) throws -> PostgresClient.Configuration.TLS {
        switch try tlsSettings(sslMode: sslMode, rootCertificate: rootCertificate) {
        case nil: .disable
        case let (configuration, required)?: required ? .require(configuration) : .prefer(configuration)
        }
    }

    /// libpq's `sslmode`: nil for no TLS; else what to check of the server's certificate and
    /// whether a server without TLS is refused.
    static func tlsSettings(sslMode: String, rootCertificate: String?) throws -> (TLSConfiguration, required: Bool)? {
        var tls = TLSConfiguration.makeClientConfiguration()
        if let rootCertificate { tls.trustRoots = .file(rootCertificate) }
        switch sslMode {
        case "disable":
            return nil
        case "prefer":
            tls.certificateVerification = .none
            return (tls, false)
        case "require":
            tls.certificateVerification = .none
            return (tls, true)
        case "verify-ca":
            tls.certificateVerification = .noHostnameVerification
            return (tls, true)
        case "verify-full":
            tls.certificateVerification = .fullVerification
            return (tls, true)
        default:
            throw PostgresURLError(
                "sslmode must be disable, prefer, require, verify-ca or verify-full, not \(sslMode)")
        }
    }
}
