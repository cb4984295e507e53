import Domain
import Foundation

/// The add form as typed (or empty), with its refusal.
struct WebhookForm {
    var url = ""
    var events: Set<WebhookEvent> = []
    var format: WebhookFormat = .parley
    var error: (field: String, message: String)?

    init() {}

    init(typed form: FormBody) {
        url = form["url"] ?? ""
        events = Set(WebhookEvent.subscribable.filter { form[Self.eventField($0)] != nil })
        format = WebhookFormat(rawValue: form["format"] ?? "") ?? .parley
    }

    /// One checkbox per event, since a form body keeps one value per name.
    static func eventField(_ event: WebhookEvent) -> String { "event-\(event.rawValue)" }
}

/// What `/dashboard/settings/webhooks` shows.
struct WebhooksModel {
    var endpoints: [(endpoint: WebhookEndpoint, deliveries: [WebhookDelivery])]
    var form = WebhookForm()
    /// The secret of the endpoint just added, shown this once.
    var secret: String?
    /// "added", "test" or "removed": the note at the top.
    var note: String?
    /// Whether `--webhooks-allow-private` is on (the URL hint says so).
    var allowPrivate: Bool
}

/// `/dashboard/settings/webhooks`: the owner's endpoints, each with its last answer and its
/// recent deliveries, "Send a test" and "Remove"; and the form that adds one.
enum WebhooksPage {
    static func render(chrome: PageChrome, model: WebhooksModel) -> HTML {
        let text = chrome.text
        let words = text.webhooks
        let csrf = csrfField(chrome.csrf)
        let note: HTML =
            switch model.note {
            case "added": "<p class=\"notice\" role=\"status\">\(words.added)</p>"
            case "test": "<p class=\"notice\" role=\"status\">\(words.testQueued)</p>"
            case "removed": "<p class=\"notice\" role=\"status\">\(words.removed)</p>"
            default: ""
            }
        let secret: HTML =
            model.secret.map { secret in
                """
                <section class="notice" aria-labelledby="webhook-secret-heading"><h2 id="webhook-secret-heading">\(words.secretHeading)</h2>\
                <p>\(words.secretOnce)</p><p class="audit-text"><code id="webhook-secret">\(secret)</code></p></section>
                """
            } ?? ""
        let endpoints: [HTML] = model.endpoints.map { endpoint(chrome, $0.endpoint, $0.deliveries, csrf: csrf) }
        let list: HTML = endpoints.isEmpty ? "<p class=\"hint\">\(words.noEndpoints)</p>" : "\(endpoints)"
        return Layout.page(
            title: words.title, chrome: chrome, showsSubscribe: false,
            main: """
                \(DashboardNav.assets(script: false))\
                <section class="dashboard publication-settings webhooks"><h1>\(words.title)</h1>\
                \(DashboardNav.render(chrome, current: "/dashboard/settings/webhooks"))\(note)\(secret)\
                <p>\(words.intro)</p>\
                <section aria-labelledby="webhook-endpoints-heading"><h2 id="webhook-endpoints-heading">\(words.endpointsHeading)</h2>\
                \(list)</section>\
                \(addForm(chrome, model, csrf: csrf))</section>
                """)
    }

    static func endpoint(_ chrome: PageChrome, _ endpoint: WebhookEndpoint, _ deliveries: [WebhookDelivery], csrf: HTML) -> HTML {
        let text = chrome.text
        let words = text.webhooks
        let id = "webhook-\(endpoint.id)"
        let events = endpoint.events.map { words.events.name($0) }.joined(separator: ", ")
        let format = endpoint.format == .slack ? words.formatSlack : words.formatParley
        let last: HTML =
            deliveries.first(where: { $0.lastResponse != nil }).map { delivery in
                "<p><span class=\"label\">\(words.lastResponseLabel):</span> \(response(words, delivery))</p>"
            } ?? "<p class=\"hint\">\(words.noDeliveries)</p>"
        let rows: [HTML] = deliveries.map { delivery in
            let when = delivery.lastAttemptAt ?? delivery.createdAt
            return """
                <tr><td><time datetime="\(UTCDate(when).iso8601)">\(text.fullDate(when))</time></td>\
                <td>\(words.events.name(delivery.event))</td><td>\(words.statuses.name(delivery.status))</td>\
                <td>\(String(delivery.attempts))</td><td><div class="audit-text">\(response(words, delivery))</div></td></tr>
                """
        }
        let log: HTML =
            rows.isEmpty
            ? ""
            : """
            <table class="dashboard-table"><caption>\(words.logCaption(endpoint.url))</caption>\
            <thead><tr><th scope="col">\(words.whenColumn)</th><th scope="col">\(words.eventColumn)</th>\
            <th scope="col">\(words.statusColumn)</th><th scope="col">\(words.attemptsColumn)</th>\
            <th scope="col">\(words.responseColumn)</th></tr></thead><tbody>\(rows)</tbody></table>
            """
        return """
            <section class="staff-ban" aria-labelledby="\(id)-heading" id="\(id)"><h3 id="\(id)-heading" class="audit-text">\(endpoint.url)</h3>\
            <div class="queue-facts"><p><span class="label">\(words.eventsLabel):</span> \(events)</p>\
            <p><span class="label">\(words.formatLabel):</span> \(format)</p>\(last)</div>\
            <div class="queue-actions">\
            <form method="post" action="/dashboard/settings/webhooks/\(String(endpoint.id.rawValue))/test" class="queue-action">\(csrf)\
            <button type="submit" class="button secondary">\(words.sendTest)</button></form>\
            <form method="post" action="/dashboard/settings/webhooks/\(String(endpoint.id.rawValue))/remove" class="queue-action">\(csrf)\
            <button type="submit" class="button secondary">\(words.remove)</button></form></div>\
            \(log)</section>
            """
    }

    /// "200 in 35 ms: the start of the answer", or why none came.
    static func response(_ words: WebhooksText, _ delivery: WebhookDelivery) -> HTML {
        guard let response = delivery.lastResponse else { return "" }
        let summary =
            response.status.map { words.responseSummary(String($0), response.milliseconds) } ?? words.noAnswer(response.milliseconds)
        return response.excerpt.isEmpty ? "\(summary)" : "\(summary): \(response.excerpt)"
    }

    static func addForm(_ chrome: PageChrome, _ model: WebhooksModel, csrf: HTML) -> HTML {
        let words = chrome.text.webhooks
        let form = model.form
        func error(_ field: String) -> HTML {
            guard form.error?.field == field, let message = form.error?.message else { return "" }
            return "<p class=\"field-error\" id=\"webhook-\(field)-error\" role=\"alert\">\(message)</p>"
        }
        func invalid(_ field: String) -> HTML { form.error?.field == field ? " aria-invalid=\"true\"" : "" }
        let urlDescribed = ["webhook-url-hint", form.error?.field == "url" ? "webhook-url-error" : nil].compactMap { $0 }
            .joined(separator: " ")
        let boxes: [HTML] = WebhookEvent.subscribable.map { event in
            let name = WebhookForm.eventField(event)
            return """
                <div class="check"><input type="checkbox" id="webhook-\(name)" name="\(name)" value="1"\
                \(form.events.contains(event) ? " checked" : "")><label for="webhook-\(name)">\(words.events.name(event))</label></div>
                """
        }
        let formats: [HTML] = WebhookFormat.allCases.map { format in
            """
            <div class="check"><input type="radio" id="webhook-format-\(format.rawValue)" name="format" value="\(format.rawValue)"\
            \(form.format == format ? " checked" : "")><label for="webhook-format-\(format.rawValue)">\
            \(format == .slack ? words.formatSlack : words.formatParley)</label></div>
            """
        }
        let eventsDescribed: HTML = form.error?.field == "events" ? " aria-describedby=\"webhook-events-error\"" : ""
        return """
            <section aria-labelledby="webhook-add-heading"><h2 id="webhook-add-heading">\(words.addHeading)</h2>\
            <form method="post" action="/dashboard/settings/webhooks" novalidate>\(csrf)\
            <div class="field"><label for="webhook-url">\(words.urlLabel)</label>\
            <input id="webhook-url" name="url" type="url" value="\(form.url)" maxlength="\(String(Limits.webhookURLLength))" required \
            autocomplete="off" aria-describedby="\(urlDescribed)"\(invalid("url"))>\
            <p class="hint" id="webhook-url-hint">\(model.allowPrivate ? words.urlHintPrivate : words.urlHint)</p>\(error("url"))</div>\
            <fieldset\(eventsDescribed)><legend>\(words.eventsLabel)</legend>\(boxes)\(error("events"))</fieldset>\
            <fieldset><legend>\(words.formatLabel)</legend>\(formats)\(error("format"))</fieldset>\
            <div class="form-actions"><button type="submit" class="button">\(words.addButton)</button></div></form></section>
            """
    }
}
