import Demo
import Foundation
import Hummingbird
import Logging
import Mail
import ServiceLifecycle
import Storage
import UseCases
import Web

/// Builds the whole application from a configuration: store, bus, use cases, routes, server.
///
/// The database client, bus and outbox worker run as services of the application, so shutdown
/// is graceful;
/// migrations (and demo data) run after they start and before the server accepts requests.
public func buildApplication(configuration: ParleyConfiguration) async throws -> some ApplicationProtocol {
    var logger = Logger(label: "parley")
    logger.logLevel = configuration.logLevel
    let site = try SiteOpening.open(configuration, logger: logger, creating: true)
    // Mail leaves through the outbox only: the worker sends what use cases committed.
    let worker = OutboxWorker(store: site.store, mailer: try MailSetup.mailer(configuration, logger: logger), logger: logger)
    let actions = try SiteOpening.actions(site: site, configuration: configuration, logger: logger, mailQueued: { worker.wake() })
    let outbox = AfterReady(worker)
    let scheduler = AfterReady(MailScheduler(actions: actions, logger: logger))
    let posts = AfterReady(PostScheduler(actions: actions, logger: logger))
    let search = AfterReady(SearchIndexer(actions: actions, logger: logger))
    let webhooks = AfterReady(WebhookSetup.worker(store: site.store, configuration: configuration, logger: logger))
    var app = buildApplication(
        actions: actions, configuration: configuration, logger: logger,
        services: site.services + [outbox, scheduler, posts, search, webhooks])
    app.beforeServerStarts { [logger] in
        try await site.prepare()
        outbox.ready()
        scheduler.ready()
        posts.ready()
        search.ready()
        webhooks.ready()
        logger.info("Site ready on \(site.engine).")
        if configuration.demo, try await DemoSite.seedIfEmpty(store: site.store, passwords: actions.passwords, now: Date()) {
            logger.info("Filled an empty site with demo data. Sign in as \(DemoSite.readerEmail) with password \(DemoSite.readerPassword).")
        }
        try await FirstRunNotice.log(actions: actions, configuration: configuration, logger: logger)
    }
    return app
}

/// Builds the application over use cases that already exist (tests share a store this way).
public func buildApplication(
    actions: Actions, configuration: ParleyConfiguration, logger: Logger,
    services: [any Service] = []
) -> Application<RouterResponder<AppRequestContext>> {
    let router = Router(context: AppRequestContext.self)
    let routes = SiteRoutes(actions: actions, protection: configuration.protection)
    routes.register(on: router)
    return Application(
        router: router,
        server: .http1(limits: configuration.connectionLimits),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "Parley"),
        services: services + [routes.live],
        logger: logger
    )
}
