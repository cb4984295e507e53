import Domain
import Foundation

/// `/about`: the about page the writer wrote in the settings, rendered when it was saved.
enum AboutPage {
    static func render(chrome: PageChrome) -> HTML {
        let publication = chrome.publication
        let title = chrome.text.publication.aboutTitle(publication.name)
        return Layout.page(
            title: title, chrome: chrome, description: publication.description,
            main: """
                <article class="about-page"><h1>\(title)</h1>\
                <div class="post-body">\(HTML(trusted: publication.aboutHTML))</div></article>
                """)
    }
}
