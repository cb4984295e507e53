/// Sends one email. The port the outbox worker talks to; ``SMTPMailer`` and ``FileMailer``
/// implement it.
///
/// Implementations are safe to call from several tasks at once. A mailer neither retries nor
/// queues: that is the outbox's job, which it decides from the thrown ``MailError``
/// (``MailError/isPermanent``).
public protocol Mailer: Sendable {
    /// Delivers `message` to its recipient's mail server (or wherever the implementation puts
    /// mail) and returns once it has been accepted.
    ///
    /// - Throws: ``MailError``. A permanent error means this message will never go through as
    ///   it is; a temporary one means it may go through later. When the call throws, the
    ///   message may still have been delivered in rare cases (the connection dropped after
    ///   the server took the data but before it confirmed), so a retry can produce a
    ///   duplicate with the same Message-ID.
    func send(_ message: MailMessage) async throws
}
