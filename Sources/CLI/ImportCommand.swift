import App
import ArgumentParser
import Foundation
import Importers

extension ImportKind: ExpressibleByArgument {}

/// `parley import KIND FILE`: brings a site's posts, subscribers or comments in from elsewhere.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Import a Substack, Disqus, WordPress, Isso, Remark42 or Parley export.",
        discussion: """
            Comments are kept in discussions keyed by their page's address. Running the same import again adds
            nothing. A progress bar is drawn on standard error when it is a terminal; the summary goes to standard output.
            Examples:
              parley import disqus disqus-export.xml --map-url http://old.example/=https://blog.example/
              parley import isso comments.db --map-url /=https://blog.example/
              parley import wordpress site.wxr --public-url https://news.example
            """)

    @Argument(help: ArgumentHelp("What the file is: substack, disqus, wordpress, isso, remark42 or parley.", valueName: "kind"))
    var kind: ImportKind

    @Argument(help: ArgumentHelp("The export file.", valueName: "file"))
    var file: String

    @Option(
        name: .customLong("map-url"),
        help: ArgumentHelp(
            "Move discussions from an old address to a new one: OLD=NEW, e.g. http://old.example/blog/=https://blog.example/ (the longest matching OLD wins; repeat for more). A path works too: /=https://blog.example/ makes Isso's paths full addresses.",
            valueName: "old=new"))
    var mapURL: [String] = []

    @Option(
        name: .customLong("url-map"),
        help: ArgumentHelp("A file of URL mappings, one OLD=NEW (or OLD NEW) per line; # starts a comment.", valueName: "file"))
    var urlMap: String?

    @Option(
        help: ArgumentHelp(
            "This site's public address (PARLEY_PUBLIC_URL): a thread at PUBLIC-URL/p/SLUG joins that post's discussion.",
            valueName: "url"))
    var publicURL: String?

    @OptionGroup var site: SiteOptions

    func run() async throws {
        let options = try importOptions()
        let path = (file as NSString).expandingTildeInPath
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { throw fail("\(file): no such file.") }
        guard !isFolder.boolValue else { throw fail("\(file) is a folder; give the export file itself.") }
        guard FileManager.default.isReadableFile(atPath: path) else { throw fail("\(file) cannot be read (permissions).") }
        let bar = ImportProgressBar.onTerminal()
        let kind = kind
        do {
            // A Parley export goes into a new, empty site; every other import into one that exists.
            let summary = try await SiteOpening.withSite(site.configuration(), creating: kind == .parley) { opened, _ in
                try await SiteImport.run(
                    kind, file: URL(fileURLWithPath: path), store: opened.store, options: options, progress: bar?.draw)
            }
            bar?.end()
            print(ImportSummaryText.render(summary, file: file), terminator: "")
        } catch let error as ImportError {
            bar?.end()
            throw fail(error.description)
        } catch let error as SiteOpeningError {
            bar?.end()
            throw fail(error.description)
        }
    }

    /// The URL mapping (`--url-map` first, then each `--map-url`) and the public address.
    private func importOptions() throws -> ImportOptions {
        var rules: [URLMapping.Rule] = []
        if let urlMap {
            guard let data = FileManager.default.contents(atPath: (urlMap as NSString).expandingTildeInPath) else {
                throw fail("--url-map \(urlMap) cannot be read.")
            }
            guard let text = String(validating: data, as: UTF8.self) else { throw fail("--url-map \(urlMap) is not UTF-8 text.") }
            do {
                rules += try URLMapping.rules(parsingFile: text)
            } catch {
                throw fail("--url-map \(urlMap): \(error.description)")
            }
        }
        for item in mapURL {
            do {
                rules.append(try URLMapping.rule(parsing: item))
            } catch {
                throw fail("--map-url: \(error.description)")
            }
        }
        return ImportOptions(urlMapping: URLMapping(rules: rules), publicURL: try publicAddress(publicURL))
    }

}
