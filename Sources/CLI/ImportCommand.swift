import ArgumentParser
import Foundation

/// `parley import KIND FILE`. (Contract stub: the comment-import helper builds it.)
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Import a Substack, Disqus, WordPress, Isso, Remark42 or Parley export.")
    func run() async throws {
        throw fail("not built yet")
    }
}
