import ArgumentParser
import Foundation

/// `parley export [--out FILE]`. (Contract stub: the export helper builds it.)
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "export", abstract: "Write the whole site to one file.")
    func run() async throws {
        throw fail("not built yet")
    }
}

/// `parley backup FILE`. (Contract stub: the export helper builds it.)
struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup", abstract: "Take a consistent copy of the SQLite database while the server runs.")
    func run() async throws {
        throw fail("not built yet")
    }
}
