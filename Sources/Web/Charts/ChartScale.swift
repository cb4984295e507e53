/// The value axis of a chart: a round top at or above the largest value, and the ticks up to it.
///
/// Counts only (subscribers, comments, likes), so every step is a whole number: 1, 2 or 5
/// times a power of ten, the steps a reader takes in at a glance.
struct ChartScale: Equatable, Sendable {
    /// The value at the far end of the axis.
    let top: Int
    /// The values marked on the axis, from 0 to `top`.
    let ticks: [Int]

    init(largest: Int, tickCount: Int = 4) {
        let wanted = max(1, tickCount)
        let largest = max(largest, 1)
        // The smallest round step that reaches the largest value in `wanted` steps.
        let rough = (largest + wanted - 1) / wanted
        var magnitude = 1
        while magnitude * 10 <= rough { magnitude *= 10 }
        let step = [1, 2, 5, 10].map { $0 * magnitude }.first { $0 >= rough } ?? magnitude * 10
        let steps = (largest + step - 1) / step
        top = step * steps
        ticks = (0...steps).map { $0 * step }
    }

    /// Where `value` falls on an axis `length` long, from 0.
    func position(_ value: Int, length: Double) -> Double {
        Double(max(0, min(value, top))) / Double(top) * length
    }
}

/// SVG coordinates, written without locale and to a tenth of a unit: enough for a chart of a
/// few hundred units, and short.
enum SVGNumber {
    static func text(_ value: Double) -> String {
        let tenths = (value * 10).rounded()
        let whole = Int(tenths) / 10
        let tenth = abs(Int(tenths)) % 10
        if tenth == 0 { return String(whole) }
        return (tenths < 0 && whole == 0 ? "-" : "") + "\(whole).\(tenth)"
    }
}
