/// SplitMix64: a tiny random generator whose output depends only on its seed, unlike
/// `SystemRandomNumberGenerator`: demo data and benchmark sites are the same on every run and
/// every platform, and a failing fuzz or random-operations test runs again as it was.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1). Our own, like `below`, rather than the standard library's
    /// `random(in:using:)`, whose algorithm may change between Swift versions.
    public mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// Uniform in 0..<bound (bound > 0), by multiply-high.
    public mutating func below(_ bound: Int) -> Int {
        Int(UInt64(bound).multipliedFullWidth(by: next()).high)
    }
}
