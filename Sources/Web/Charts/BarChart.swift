/// A horizontal bar chart drawn on the server as SVG: one row per label, one bar per series in
/// each row, the value written at the end of each bar. Pages show it beside a table of the same
/// numbers, which is what a screen reader reads; the picture is named by `title`.
struct BarChart: Sendable {
    struct Row: Sendable {
        let label: String
        let values: [Int]
    }

    /// The chart's accessible name: what it shows, in a sentence.
    let title: String
    /// The name of each series, in the order of every row's values; a legend when more than one.
    let series: [String]
    let rows: [Row]

    static let width = 640.0
    static let labelWidth = 200.0
    static let valueRoom = 48.0
    static let barHeight = 14.0
    static let barGap = 2.0
    static let rowGap = 10.0
    static let axisHeight = 22.0
    static let legendHeight = 24.0
    /// Characters of a label drawn in the chart; the whole label is in its tooltip and the table.
    static let labelLength = 28

    var legendRoom: Double { series.count > 1 ? Self.legendHeight : 0 }
    var rowHeight: Double { Double(max(series.count, 1)) * (Self.barHeight + Self.barGap) - Self.barGap + Self.rowGap }
    var height: Double { legendRoom + Double(rows.count) * rowHeight + Self.axisHeight }
    var scale: ChartScale { ChartScale(largest: rows.flatMap(\.values).max() ?? 0) }

    /// The SVG; `id` makes the ids inside it unique on the page.
    func svg(id: String) -> HTML {
        let scale = self.scale
        let left = Self.labelWidth + 10
        let length = Self.width - left - Self.valueRoom
        let plotBottom = height - Self.axisHeight
        let grid: [HTML] = scale.ticks.map { tick in
            let x = SVGNumber.text(left + scale.position(tick, length: length))
            return """
                <line class="chart-grid" x1="\(x)" y1="\(SVGNumber.text(legendRoom))" x2="\(x)" y2="\(SVGNumber.text(plotBottom))"/>\
                <text class="chart-tick" x="\(x)" y="\(SVGNumber.text(plotBottom + 16))" text-anchor="middle">\(tick)</text>
                """
        }
        let bars: [HTML] = rows.enumerated().map { index, row in
            let top = legendRoom + Double(index) * rowHeight + Self.rowGap / 2
            let middle = top + (rowHeight - Self.rowGap) / 2
            let label = Self.shortened(row.label)
            let drawn: [HTML] = row.values.enumerated().map { position, value in
                let y = top + Double(position) * (Self.barHeight + Self.barGap)
                let width = scale.position(value, length: length)
                let name = position < series.count ? series[position] : ""
                let tip = series.count > 1 ? "\(row.label), \(name): \(value)" : "\(row.label): \(value)"
                return """
                    <rect class="chart-bar series-\(position)" x="\(SVGNumber.text(left))" y="\(SVGNumber.text(y))" \
                    width="\(SVGNumber.text(width))" height="\(SVGNumber.text(Self.barHeight))"><title>\(tip)</title></rect>\
                    <text class="chart-value" x="\(SVGNumber.text(left + width + 4))" y="\(SVGNumber.text(y + Self.barHeight - 3))">\(value)</text>
                    """
            }
            return """
                <text class="chart-label" x="\(SVGNumber.text(Self.labelWidth))" y="\(SVGNumber.text(middle + 4))" \
                text-anchor="end">\(label)</text>\(drawn)
                """
        }
        return """
            <svg class="chart bar-chart" viewBox="0 0 \(SVGNumber.text(Self.width)) \(SVGNumber.text(height))" \
            role="img" aria-labelledby="\(id)-title" focusable="false"><title id="\(id)-title">\(title)</title>\
            \(legend())\(grid)\(bars)</svg>
            """
    }

    /// The series' colours and names, above the bars, when there is more than one.
    func legend() -> HTML {
        guard series.count > 1 else { return "" }
        var x = Self.labelWidth + 10
        var parts: [HTML] = []
        for (position, name) in series.enumerated() {
            parts.append(
                """
                <rect class="chart-bar series-\(position)" x="\(SVGNumber.text(x))" y="4" width="12" height="12"/>\
                <text class="chart-legend" x="\(SVGNumber.text(x + 16))" y="14">\(name)</text>
                """)
            x += 16 + Double(name.count) * 7 + 20
        }
        return "\(parts)"
    }

    /// A label cut to fit the room beside the bars.
    static func shortened(_ label: String) -> String {
        label.count > labelLength ? String(label.prefix(labelLength - 1)) + "…" : label
    }
}
