import Domain
import Testing

@Suite("IP addresses and ranges")
struct IPAddressTests {
    @Test(
        "Addresses are read in their usual forms and written back in the canonical one",
        arguments: [
            ("192.0.2.1", "192.0.2.1"), ("2001:DB8:0:0:0:0:0:1", "2001:db8::1"), ("::1", "::1"), ("::", "::"),
            ("::ffff:192.0.2.1", "192.0.2.1"), ("fe80::1%eth0", "fe80::1"), ("2001:db8:0:1:0:0:0:0", "2001:db8:0:1::"),
            ("2001:0:0:1:0:0:0:1", "2001:0:0:1::1"), ("2001:0:0:1:1:0:0:1", "2001::1:1:0:0:1"), ("1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8"),
        ])
    func parsesAndPrints(text: String, canonical: String) throws {
        #expect(try #require(IPAddress(text)).description == canonical)
    }

    @Test(
        "Names, ports, out-of-range numbers and junk are not addresses",
        arguments: ["", "localhost", "192.0.2.1:80", "256.1.1.1", "1.2.3", "2001:db8::g", "[::1]", " 192.0.2.1", "unknown"])
    func refusesJunk(text: String) {
        #expect(IPAddress(text) == nil)
    }

    @Test("An IPv4 address is limited on its own; an IPv6 address with the rest of its /64")
    func limitKeys() throws {
        #expect(try #require(IPAddress("198.51.100.7")).limitKey == "198.51.100.7")
        let one = try #require(IPAddress("2001:db8:1:2:aaaa::1"))
        let two = try #require(IPAddress("2001:db8:1:2:bbbb:cccc:dddd:eeee"))
        let neighbour = try #require(IPAddress("2001:db8:1:3::1"))
        #expect(one.limitKey == "2001:db8:1:2::/64")
        #expect(one.limitKey == two.limitKey)
        #expect(one.limitKey != neighbour.limitKey)
    }

    @Test("A CIDR block holds the addresses of its prefix and no others, of its own family only")
    func ranges() throws {
        let block = try #require(IPRange("10.0.0.0/8"))
        #expect(block.contains(try #require(IPAddress("10.255.1.2"))))
        #expect(!block.contains(try #require(IPAddress("11.0.0.1"))))
        #expect(!block.contains(try #require(IPAddress("::ffff:11.0.0.1"))))
        let six = try #require(IPRange("fd00::/8"))
        #expect(six.contains(try #require(IPAddress("fd12:3456::1"))))
        #expect(!six.contains(try #require(IPAddress("10.0.0.1"))))
        #expect(try #require(IPRange("192.0.2.7")).contains(try #require(IPAddress("192.0.2.7"))))
        #expect(try #require(IPRange("0.0.0.0/0")).contains(try #require(IPAddress("203.0.113.9"))))
        #expect(try #require(IPRange("192.0.2.128/25")).description == "192.0.2.128/25")
    }

    @Test(
        "A block with bits set past its prefix, a prefix too long, or junk is refused",
        arguments: ["10.0.0.1/8", "10.0.0.0/33", "::/129", "10.0.0.0/", "10.0.0.0/-1", "10.0.0.0/8/8", "example.com/8", "10.0.0.0/ 8"])
    func refusesBadRanges(text: String) {
        #expect(IPRange(text) == nil)
    }

    @Test("A --trusted-proxies list is read with spaces and empty entries; a bad entry is named")
    func lists() throws {
        #expect(try IPRange.list("").isEmpty)
        #expect(try IPRange.list(" 127.0.0.1 , 10.0.0.0/8,,::1 ").map(\.description) == ["127.0.0.1/32", "10.0.0.0/8", "::1/128"])
        #expect(throws: InvalidIPRange(text: "10.0.0.1/8")) { try IPRange.list("127.0.0.1,10.0.0.1/8") }
    }
}
