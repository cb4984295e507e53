import Logging
import Storage
import Webhooks

/// The webhook worker of a site, as the configuration asks: links in bodies start with the
/// public URL, and `--webhooks-allow-private` lets deliveries reach private addresses.
enum WebhookSetup {
    static func worker(store: any WebhookStore, configuration: ParleyConfiguration, logger: Logger) -> WebhookWorker {
        WebhookWorker(
            store: store, sender: WebhookSender(destination: WebhookDestination(allowPrivate: configuration.webhooksAllowPrivate)),
            body: WebhookBody(baseURL: configuration.resolvedPublicURL), logger: logger)
    }
}
