import Domain
import Foundation

/// `/unsubscribe?topics=...&sig=...`: what the signed link turns off, and one button.
enum UnsubscribePage {
    static func render(chrome: PageChrome, topics: [String], action: String) -> HTML {
        let account = chrome.text.account
        let list: [HTML] = topics.map { "<li>\($0)</li>" }
        return Layout.page(
            title: account.unsubscribeTitle, chrome: chrome, showsSubscribe: false,
            main: """
                <section class="form-page"><h1>\(account.unsubscribeTitle)</h1><p>\(account.unsubscribeIntro)</p><ul>\(list)</ul>\
                <form method="post" action="\(action)"><div class="form-actions">\
                <button type="submit" class="button">\(account.unsubscribeButton)</button></div></form></section>
                """)
    }
}
