#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An IPv4 or IPv6 address as its bytes (4 or 16). An IPv4 address written as IPv6
/// (`::ffff:192.0.2.1`, as a dual-stack socket reports it) is the IPv4 address.
public struct IPAddress: Hashable, Sendable, CustomStringConvertible {
    /// 4 bytes for IPv4, 16 for IPv6, in network order.
    public let bytes: [UInt8]

    public var isIPv4: Bool { bytes.count == 4 }

    /// Parses the text form (`192.0.2.1`, `2001:db8::1`; an IPv6 zone such as `%eth0` is
    /// dropped); nil for anything else, including names and ports.
    public init?(_ text: some StringProtocol) {
        var text = String(text)
        guard !text.isEmpty, text.utf8.count <= 64 else { return nil }
        if let percent = text.firstIndex(of: "%"), text.contains(":") { text = String(text[..<percent]) }
        if !text.contains(":") {
            var address = in_addr()
            guard inet_pton(AF_INET, text, &address) == 1 else { return nil }
            bytes = withUnsafeBytes(of: &address) { Array($0) }
            return
        }
        var address = in6_addr()
        guard inet_pton(AF_INET6, text, &address) == 1 else { return nil }
        let all = withUnsafeBytes(of: &address) { Array($0) }
        let mappedPrefix: [UInt8] = Array(repeating: 0, count: 10) + [0xff, 0xff]
        bytes = all.starts(with: mappedPrefix) ? Array(all[12...]) : all
    }

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// The address with every bit after the first `bits` set to zero.
    public func masked(to bits: Int) -> IPAddress {
        IPAddress(
            bytes: bytes.enumerated().map { index, byte in
                let kept = min(max(bits - index * 8, 0), 8)
                return kept == 8 ? byte : byte & ~(UInt8.max >> kept)
            })
    }

    /// The address whom rate limits count: an IPv4 address is one subscriber; an IPv6 one
    /// counts with its /64, the block a single home or phone is usually given (anyone holding
    /// one address of a /64 holds them all).
    public var limitKey: String {
        isIPv4 ? description : masked(to: 64).description + "/64"
    }

    /// The usual text form: dotted quad, or RFC 5952 IPv6 (lowercase, longest zero run as `::`).
    public var description: String {
        if isIPv4 { return bytes.map { String($0) }.joined(separator: ".") }
        let groups = stride(from: 0, to: 16, by: 2).map { Int(bytes[$0]) << 8 | Int(bytes[$0 + 1]) }
        // The longest run of two or more zero groups (the first, if tied) becomes "::".
        var best = (start: -1, length: 0)
        var index = 0
        while index < 8 {
            guard groups[index] == 0 else {
                index += 1
                continue
            }
            var end = index
            while end < 8, groups[end] == 0 { end += 1 }
            if end - index > best.length { best = (index, end - index) }
            index = end
        }
        let hex = groups.map { String($0, radix: 16) }
        guard best.length >= 2 else { return hex.joined(separator: ":") }
        let head = hex[..<best.start].joined(separator: ":")
        let tail = hex[(best.start + best.length)...].joined(separator: ":")
        return head + "::" + tail
    }
}

/// A block of addresses in CIDR notation (`10.0.0.0/8`, `2001:db8::/32`); a lone address is
/// a block of one.
public struct IPRange: Hashable, Sendable, CustomStringConvertible {
    public let network: IPAddress
    public let prefixLength: Int

    /// Parses `ADDRESS/BITS` or `ADDRESS`; nil when it is neither. Bits set after the prefix
    /// (`10.0.0.1/8`) are refused, since they usually mean a typo.
    public init?(_ text: some StringProtocol) {
        let parts = text.trimmingSpaces.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 1 || parts.count == 2, let address = IPAddress(parts[0]) else { return nil }
        let maximum = address.bytes.count * 8
        var length = maximum
        if parts.count == 2 {
            guard let bits = Int(parts[1]), parts[1].allSatisfy(\.isASCII), (0...maximum).contains(bits) else { return nil }
            length = bits
        }
        guard address.masked(to: length) == address else { return nil }
        network = address
        prefixLength = length
    }

    /// True when `address` is in the block (an IPv4 block holds no IPv6 address, and back).
    public func contains(_ address: IPAddress) -> Bool {
        address.bytes.count == network.bytes.count && address.masked(to: prefixLength) == network
    }

    public var description: String { "\(network)/\(prefixLength)" }

    /// Parses a comma-separated list (`--trusted-proxies`); throws naming the first entry
    /// that is not a block. An empty list trusts nobody.
    public static func list(_ text: String) throws -> [IPRange] {
        try text.split(separator: ",").map { $0.trimmingSpaces }.filter { !$0.isEmpty }.map { entry in
            guard let range = IPRange(entry) else { throw InvalidIPRange(text: entry) }
            return range
        }
    }
}

/// A `--trusted-proxies` entry that is not an address or a CIDR block.
public struct InvalidIPRange: Error, Hashable, Sendable {
    public let text: String

    public init(text: String) {
        self.text = text
    }
}

extension StringProtocol {
    fileprivate var trimmingSpaces: String {
        String(drop(while: { $0 == " " || $0 == "\t" }).reversed().drop(while: { $0 == " " || $0 == "\t" }).reversed())
    }
}
