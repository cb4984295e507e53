import Foundation

/// Folders the web tests keep SQLite sites in: each test gets its own, all under one folder of
/// this test process, which is removed when the process exits.
///
/// Not removed per test: a site's store is shared by the test, its application and the tasks
/// they start, and stays open as long as any of them holds it; deleting its files under an
/// open pool could fail a test that is still reading. One removal at exit has no such race.
enum TemporaryFolders {
    /// `parley-web-tests-<pid>` under the system's temporary directory, made on first use.
    static let root: URL = {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("parley-web-tests-\(ProcessInfo.processInfo.processIdentifier)")
        atexit { try? FileManager.default.removeItem(at: TemporaryFolders.root) }
        return url
    }()

    /// A new, empty folder named `prefix-<uuid>` under `root`.
    static func make(_ prefix: String) throws -> URL {
        let folder = root.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }
}
