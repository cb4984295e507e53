import Foundation

extension AccentColour {
    /// The page backgrounds the accent is drawn on: the stylesheet's light and dark `--bg`.
    public static let lightBackground = AccentColour("#ffffff")!
    public static let darkBackground = AccentColour("#16181b")!

    /// This colour, moved towards black (on a light background) or white (on a dark one) just
    /// far enough that text in it, and a button's label on it, reads at `minimum` contrast
    /// (WCAG AA for body text: 4.5). A writer's colour that already reads is kept as it is.
    public func readable(on background: AccentColour, minimum: Double = 4.5) -> AccentColour {
        guard contrast(with: background) < minimum else { return self }
        let target = background.luminance > 0.5 ? AccentColour("#000000")! : AccentColour("#ffffff")!
        // 1% steps: at most a hundred, and black or white always reads on these backgrounds.
        for step in 1...100 {
            let candidate = mixed(with: target, amount: Double(step) / 100)
            if candidate.contrast(with: background) >= minimum { return candidate }
        }
        return target
    }

    /// This colour `amount` (0...1) of the way to `other`, channel by channel.
    public func mixed(with other: AccentColour, amount: Double) -> AccentColour {
        let (a, b) = (channels, other.channels)
        func mix(_ x: Int, _ y: Int) -> Int { Int((Double(x) + (Double(y) - Double(x)) * amount).rounded()) }
        let hex = [mix(a.red, b.red), mix(a.green, b.green), mix(a.blue, b.blue)]
            .map { String($0, radix: 16) }.map { $0.count == 1 ? "0" + $0 : $0 }.joined()
        return AccentColour("#" + hex)!
    }
}

extension Limits {
    /// Characters of the publication's name and of its description.
    public static let publicationNameLength = 100
    public static let publicationDescriptionLength = 300
}
