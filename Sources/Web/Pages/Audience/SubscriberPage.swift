import Domain
import Foundation

/// `/dashboard/subscribers/{id}`: one address, what is known of it, the member account with
/// the same address, and the form that removes it from the list.
enum SubscriberPage {
    static func render(chrome: PageChrome, subscriber: Subscriber, member: Member?) -> HTML {
        let text = chrome.text
        let words = text.audience
        var facts: [HTML] = [
            "<dt>\(words.statusLabel)</dt><dd>\(AudienceNames.status(subscriber.status, words))</dd>",
            "<dt>\(words.sourceLabel)</dt><dd>\(AudienceNames.source(subscriber.source, words))</dd>",
            "<dt>\(words.subscribedColumn)</dt><dd>\(SubscribersPage.day(subscriber.createdAt, text))</dd>",
        ]
        if let confirmed = subscriber.confirmedAt {
            facts.append("<dt>\(words.confirmedColumn)</dt><dd>\(SubscribersPage.day(confirmed, text))</dd>")
        }
        if let member, !member.isDeleted {
            facts.append("<dt>\(words.memberAccount)</dt><dd><a href=\"\(Paths.member(member.id))\">\(text.name(of: member))</a></dd>")
        }
        return Layout.page(
            title: subscriber.email, chrome: chrome, showsSubscribe: false,
            main: """
                \(AudienceAssets.links)\
                <section class="dashboard subscriber"><h1>\(subscriber.email)</h1>\
                \(DashboardNav.render(chrome, current: "/dashboard/subscribers"))\
                <p><a href="/dashboard/subscribers">\(words.backToSubscribers)</a></p>\
                <h2>\(words.subscriberFacts)</h2><dl class="subscriber-facts">\(facts)</dl>\
                \(removal(subscriber, chrome))</section>
                """)
    }

    /// The form that takes the address off the list, for an address still on it.
    static func removal(_ subscriber: Subscriber, _ chrome: PageChrome) -> HTML {
        guard subscriber.status == .pending || subscriber.status == .active else { return "" }
        let words = chrome.text.audience
        return """
            <section class="danger-zone" aria-labelledby="remove-heading"><h2 id="remove-heading">\(words.removeHeading)</h2>\
            <p class="hint" id="remove-hint">\(words.removeHint)</p>\
            <form method="post" action="/dashboard/subscribers/\(subscriber.id)/remove">\(csrfField(chrome.csrf))\
            <button type="submit" class="button danger" aria-describedby="remove-hint">\(words.removeButton)</button></form></section>
            """
    }
}

/// What staff see of a member's subscription on the member's page: the list entry with their
/// account's address, if any, and for owners and admins the way to manage it.
enum MemberSubscription {
    static func render(_ subscriber: Subscriber?, chrome: PageChrome) -> HTML {
        let text = chrome.text
        let words = text.audience
        let body: HTML
        if let subscriber {
            let manage: HTML =
                (chrome.viewer?.role.runsPublication ?? false)
                ? " <a href=\"/dashboard/subscribers/\(subscriber.id)\">\(words.manageSubscriber)</a>" : ""
            body = """
                <p><strong>\(AudienceNames.status(subscriber.status, words))</strong> \
                (\(AudienceNames.source(subscriber.source, words))), \
                \(words.since(text.fullDayOnly(subscriber.confirmedAt ?? subscriber.createdAt))).\(manage)</p>
                """
        } else {
            body = "<p>\(words.notSubscribed)</p>"
        }
        return """
            <section class="staff-subscription" aria-labelledby="subscription-heading">\
            <h2 id="subscription-heading">\(words.subscriptionHeading)</h2>\(body)</section>
            """
    }
}
