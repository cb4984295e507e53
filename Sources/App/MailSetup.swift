import Foundation
import Logging
import Mail

/// The one place that chooses how mail leaves: SMTP when configured, else `.eml` files in the
/// data folder, so a first run needs no mail server.
public enum MailSetup {
    /// The mailer the configuration names; a bad URL or sender is a `SiteOpeningError` that
    /// never repeats the URL's password.
    public static func mailer(_ configuration: ParleyConfiguration, logger: Logger) throws -> any Mailer {
        _ = try sender(configuration)
        guard let url = configuration.smtpURL, !url.isEmpty else {
            return FileMailer(directory: URL(fileURLWithPath: configuration.mailDirectory), logger: logger)
        }
        do {
            return try SMTPMailer(url: url, logger: logger)
        } catch let error as MailError {
            throw SiteOpeningError(description: "--smtp-url: \(error.localizedReason)")
        }
    }

    /// The configured sender, parsed from `Name <address>` or a bare address.
    public static func sender(_ configuration: ParleyConfiguration) throws -> MailAddress {
        let text = configuration.mailFrom.trimmingCharacters(in: .whitespaces)
        do {
            if let open = text.lastIndex(of: "<"), text.hasSuffix(">") {
                let name = text[..<open].trimmingCharacters(in: .whitespaces)
                let address = String(text[text.index(after: open)..<text.index(before: text.endIndex)])
                return try MailAddress(address, name: name.isEmpty ? nil : name)
            }
            return try MailAddress(text)
        } catch {
            throw SiteOpeningError(description: "--mail-from must be an address like parley@example.com or \"Name <parley@example.com>\".")
        }
    }
}

extension MailError {
    /// The reason in words, for an operator; configuration errors never hold a password.
    var localizedReason: String {
        if case .invalidConfiguration(let reason) = self { return reason }
        return "\(self)"
    }
}
