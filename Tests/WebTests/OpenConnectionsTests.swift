import Testing

@testable import App

@Suite("The connection cap's warning is logged once per spell at the cap")
struct OpenConnectionsTests {
    @Test("Churn at the cap (one closes, one more is refused) is one spell; falling clearly below the cap ends it")
    func oneWarningPerSpell() {
        let connections = OpenConnections(limit: 10)
        for _ in 0..<10 { #expect(connections.open() == .opened) }
        #expect(connections.open() == .refusedFirst)
        for _ in 0..<5 {
            connections.closed()
            #expect(connections.open() == .opened)
            #expect(connections.open() == .refused, "churn at the cap is the same spell")
        }
        // Down to 8 of 10, below 90%: the spell is over, and the next one is logged.
        connections.closed()
        connections.closed()
        #expect(connections.open() == .opened)
        #expect(connections.open() == .opened)
        #expect(connections.open() == .refusedFirst)
    }
}
