extension MailError {
    /// True for a 5xx reply to RCPT TO, DATA or the message itself: the receiving server
    /// refused this address or this mail to it for good, so the address bounced. A refused
    /// sender (MAIL FROM), a refused login or a bad configuration is the site's fault, not
    /// the address's, and is not a bounce.
    public var isBounce: Bool {
        guard case .rejected(_, let message) = self else { return false }
        // SMTPMailer names the step that failed at the start of the message.
        return ["RCPT TO:", "DATA:", "message:"].contains { message.hasPrefix($0) }
    }
}
