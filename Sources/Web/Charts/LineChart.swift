/// A line chart drawn on the server as SVG: one value per point in time, the area below it
/// shaded, a handful of the points' labels along the bottom. Pages show it beside a table of
/// the same numbers, which is what a screen reader reads; the picture is named by `title`.
struct LineChart: Sendable {
    struct Point: Sendable {
        /// What the point is (a day, a week), as the table names it.
        let label: String
        let value: Int
    }

    /// The chart's accessible name: what it shows, in a sentence.
    let title: String
    let points: [Point]

    static let width = 640.0
    static let height = 260.0
    static let left = 56.0
    static let right = 16.0
    static let top = 12.0
    static let bottom = 30.0
    /// Labels written along the bottom, at most: more would run into each other.
    static let labelsShown = 5
    /// Points drawn as dots (each with its value as a tooltip), at most; past that the line alone.
    static let dotsShown = 60

    var scale: ChartScale { ChartScale(largest: points.map(\.value).max() ?? 0) }

    /// Where point `index` is drawn.
    func position(_ index: Int, scale: ChartScale) -> (x: Double, y: Double) {
        let plotWidth = Self.width - Self.left - Self.right
        let plotHeight = Self.height - Self.top - Self.bottom
        let x = Self.left + (points.count > 1 ? Double(index) / Double(points.count - 1) * plotWidth : plotWidth / 2)
        let y = Self.top + plotHeight - scale.position(points[index].value, length: plotHeight)
        return (x, y)
    }

    /// The indexes whose labels are written: the first, the last, and evenly between.
    var labelledIndexes: [Int] {
        guard points.count > Self.labelsShown else { return Array(points.indices) }
        let gaps = Self.labelsShown - 1
        return (0...gaps).map { $0 * (points.count - 1) / gaps }
    }

    /// The SVG; `id` makes the ids inside it unique on the page.
    func svg(id: String) -> HTML {
        let scale = self.scale
        let baseline = Self.height - Self.bottom
        let plotHeight = baseline - Self.top
        let grid: [HTML] = scale.ticks.map { tick in
            let y = SVGNumber.text(baseline - scale.position(tick, length: plotHeight))
            return """
                <line class="chart-grid" x1="\(SVGNumber.text(Self.left))" y1="\(y)" x2="\(SVGNumber.text(Self.width - Self.right))" y2="\(y)"/>\
                <text class="chart-tick" x="\(SVGNumber.text(Self.left - 6))" y="\(y)" dy="4" text-anchor="end">\(tick)</text>
                """
        }
        let spots = points.indices.map { position($0, scale: scale) }
        let line = spots.enumerated().map { "\($0 == 0 ? "M" : "L")\(SVGNumber.text($1.x)) \(SVGNumber.text($1.y))" }.joined(separator: " ")
        let area: HTML =
            spots.count > 1
            ? """
            <path class="chart-area" d="\(line) L\(SVGNumber.text(spots[spots.count - 1].x)) \(SVGNumber.text(baseline)) \
            L\(SVGNumber.text(spots[0].x)) \(SVGNumber.text(baseline)) Z"/>
            """ : ""
        let dots: [HTML] =
            points.count > Self.dotsShown
            ? []
            : points.indices.map { index in
                """
                <circle class="chart-dot" cx="\(SVGNumber.text(spots[index].x))" cy="\(SVGNumber.text(spots[index].y))" r="3">\
                <title>\(points[index].label): \(points[index].value)</title></circle>
                """
            }
        let labels: [HTML] = labelledIndexes.map { index in
            let anchor = index == 0 && points.count > 1 ? "start" : index == points.count - 1 && points.count > 1 ? "end" : "middle"
            return """
                <text class="chart-tick" x="\(SVGNumber.text(spots[index].x))" y="\(SVGNumber.text(baseline + 18))" \
                text-anchor="\(anchor)">\(points[index].label)</text>
                """
        }
        let path: HTML = spots.isEmpty ? "" : "<path class=\"chart-line\" d=\"\(line)\"/>"
        return """
            <svg class="chart line-chart" viewBox="0 0 \(SVGNumber.text(Self.width)) \(SVGNumber.text(Self.height))" \
            role="img" aria-labelledby="\(id)-title" focusable="false"><title id="\(id)-title">\(title)</title>\
            \(grid)\(area)\(path)\(dots)\(labels)</svg>
            """
    }
}
