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

    /// libpq's `sslmode` in postgres-nio's terms.
    static func tls(sslMode: String, rootCertificate: String?) throws -> PostgresClient.Configuration.TLS {
        var tls = TLSConfiguration.makeClientConfiguration()
        if let rootCertificate { tls.trustRoots = .file(rootCertificate) }
        switch sslMode {
        case "disable":
            return .disable
        case "prefer":
            tls.certificateVerification = .none
            return .prefer(tls)
        case "require":
            tls.certificateVerification = .none
            return .require(tls)
        case "verify-ca":
            tls.certificateVerification = .noHostnameVerification
            return .require(tls)
        case "verify-full":
            tls.certificateVerification = .fullVerification
            return .require(tls)
        default:
            throw PostgresURLError(
                "sslmode must be disable, prefer, require, verify-ca or verify-full, not \(sslMode)")
        }
    }
}
