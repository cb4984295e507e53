import Importers
import Testing

@Suite("Import kinds")
struct ImportKindTests {
    @Test("Given the import kinds, then each has a title for the dashboard")
    func titles() {
        #expect(ImportKind.allCases.allSatisfy { !$0.title.isEmpty })
    }
}
