import Foundation
import Hummingbird
import Logging
import Storage
import UseCases
import Web

/// Builds the whole application from a configuration: store, use cases, routes, server.
public func buildApplication(configuration: ParleyConfiguration) async throws -> some ApplicationProtocol {
    var logger = Logger(label: "parley")
    logger.logLevel = configuration.logLevel
    let store = try SiteOpening.openStore(configuration)
    let actions = SiteOpening.actions(store: store, configuration: configuration)
    if configuration.demo {
        if try await DemoSite.seedIfEmpty(store: store, passwords: actions.passwords, now: Date()) {
            logger.info("Filled an empty site with demo data. Sign in as \(DemoSite.readerEmail) with password \(DemoSite.readerPassword).")
        }
    }
    return buildApplication(actions: actions, configuration: configuration, logger: logger)
}

/// Builds the application over use cases that already exist (tests share a store this way).
public func buildApplication(actions: Actions, configuration: ParleyConfiguration, logger: Logger) -> some ApplicationProtocol {
    let router = Router(context: AppRequestContext.self)
    SiteRoutes(actions: actions).register(on: router)
    return Application(
        router: router,
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "Parley"),
        logger: logger
    )
}
