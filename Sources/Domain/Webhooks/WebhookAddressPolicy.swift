/// Which network addresses a webhook may be delivered to: public unicast ones only.
///
/// An owner types the URL, but the server makes the request from inside its own network, so
/// an endpoint on loopback, a private range or a cloud metadata address (169.254.169.254)
/// would let the dashboard probe what only the server can reach. Every address a host name
/// resolves to is checked, when saving and again before every delivery (a name can be pointed
/// elsewhere after it was saved). `parley serve --webhooks-allow-private` turns the check off,
/// for a receiver on the same machine or network (and for the tests).
public enum WebhookAddressPolicy {
    /// Blocks that are not the public internet: this network, private, shared (CGNAT),
    /// loopback, link-local, protocol assignments, documentation, benchmarking, multicast,
    /// reserved and broadcast; IPv6 unspecified, loopback, discard, documentation, unique
    /// local, link-local, site-local, multicast, and Teredo (which hides the address it reaches).
    public static let refusedRanges: [IPRange] = [
        "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24",
        "192.0.2.0/24", "192.88.99.0/24", "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/4",
        "240.0.0.0/4",
        "::/128", "::1/128", "100::/64", "2001::/32", "2001:db8::/32", "fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8",
    ].map { IPRange($0)! }

    /// IPv6 blocks that carry an IPv4 address inside (IPv4-compatible, NAT64, 6to4): the
    /// address inside is checked too. The value is the byte offset of the IPv4 address.
    static let embeddingRanges: [(range: IPRange, offset: Int)] = [
        (IPRange("::/96")!, 12), (IPRange("64:ff9b::/96")!, 12), (IPRange("64:ff9b:1::/48")!, 12), (IPRange("2002::/16")!, 2),
    ]

    /// True when a delivery may go to `address`.
    public static func allows(_ address: IPAddress) -> Bool {
        if refusedRanges.contains(where: { $0.contains(address) }) { return false }
        for (range, offset) in embeddingRanges where range.contains(address) {
            let inner = IPAddress(bytes: Array(address.bytes[offset..<offset + 4]))
            if !allows(inner) { return false }
        }
        return true
    }
}
