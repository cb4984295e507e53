import Foundation
import Testing

@testable import Web

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The figures page's charts, drawn on the server: scales, bars and lines, without a store.
@Suite("Charts are drawn as SVG on the server")
struct ChartTests {
    @Test("The value axis ends on a round number at or above the largest value, in round steps")
    func roundScale() {
        #expect(ChartScale(largest: 0) == ChartScale(largest: 1))
        #expect(ChartScale(largest: 1).ticks == [0, 1])
        #expect(ChartScale(largest: 37).ticks == [0, 10, 20, 30, 40])
        #expect(ChartScale(largest: 40).top == 40)
        #expect(ChartScale(largest: 41).top == 60)
        #expect(ChartScale(largest: 1234).ticks == [0, 500, 1000, 1500])
        #expect(ChartScale(largest: 7).ticks == [0, 2, 4, 6, 8])
    }

    @Test("SVG numbers are written to a tenth, without a locale")
    func numbers() {
        #expect(SVGNumber.text(12) == "12")
        #expect(SVGNumber.text(12.34) == "12.3")
        #expect(SVGNumber.text(12.36) == "12.4")
        #expect(SVGNumber.text(-0.5) == "-0.5")
        #expect(SVGNumber.text(-3.25) == "-3.3" || SVGNumber.text(-3.25) == "-3.2")
    }

    @Test("Given two posts, when their comments and likes are charted, then each bar's length is its share of the axis")
    func barLengths() throws {
        let chart = BarChart(
            title: "Comments and likes per post", series: ["Comments", "Likes"],
            rows: [.init(label: "First", values: [20, 40]), .init(label: "Second", values: [10, 0])])
        let svg = chart.svg(id: "per-post").rendered
        let length = BarChart.width - BarChart.labelWidth - 10 - BarChart.valueRoom
        #expect(chart.scale.top == 40)
        #expect(svg.contains("width=\"\(SVGNumber.text(length / 2))\" height=\"14\"><title>First, Comments: 20</title>"))
        #expect(svg.contains("width=\"\(SVGNumber.text(length))\" height=\"14\"><title>First, Likes: 40</title>"))
        #expect(svg.contains("width=\"0\" height=\"14\"><title>Second, Likes: 0</title>"))
        #expect(svg.contains("role=\"img\" aria-labelledby=\"per-post-title\""))
        #expect(svg.contains("<title id=\"per-post-title\">Comments and likes per post</title>"))
        #expect(svg.contains("class=\"chart-legend\""))
        try expectWellFormed(svg)
    }

    @Test("A label is escaped, and cut to fit beside the bars with the whole label in its tooltip")
    func labelsEscapedAndCut() throws {
        let title = "<script>alert(1)</script> & a title far too long to fit beside the bars"
        let chart = BarChart(title: "Top", series: ["Comments"], rows: [.init(label: title, values: [3])])
        let svg = chart.svg(id: "top").rendered
        #expect(!svg.contains("<script>"))
        #expect(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp;…"))
        #expect(svg.contains("<title>&lt;script&gt;alert(1)&lt;/script&gt; &amp; a title far too long to fit beside the bars: 3</title>"))
        #expect(!svg.contains("chart-legend"))
        try expectWellFormed(svg)
    }

    @Test("Given points over time, the line passes through each, highest at the top of the plot, with dots and a few labels")
    func line() throws {
        let points = (0..<9).map { LineChart.Point(label: "Day \($0)", value: $0 * 5) }
        let chart = LineChart(title: "Subscribers over time", points: points)
        let svg = chart.svg(id: "subscribers").rendered
        #expect(chart.scale.top == 40)
        let first = chart.position(0, scale: chart.scale)
        let last = chart.position(8, scale: chart.scale)
        #expect(first.x == LineChart.left && first.y == LineChart.height - LineChart.bottom)
        #expect(last.x == LineChart.width - LineChart.right && last.y == LineChart.top)
        #expect(svg.contains("d=\"M56 230 L"))
        #expect(svg.components(separatedBy: "<circle").count - 1 == 9)
        #expect(chart.labelledIndexes == [0, 2, 4, 6, 8])
        #expect(svg.contains("<title>Day 8: 40</title>"))
        try expectWellFormed(svg)
    }

    @Test("A long series is drawn as a line alone; one point and no points still draw")
    func edges() throws {
        let many = LineChart(title: "Many", points: (0..<400).map { .init(label: "\($0)", value: $0 % 7) })
        #expect(!many.svg(id: "many").rendered.contains("<circle"))
        try expectWellFormed(many.svg(id: "many").rendered)
        let one = LineChart(title: "One", points: [.init(label: "Today", value: 3)])
        #expect(one.svg(id: "one").rendered.contains("<circle"))
        try expectWellFormed(one.svg(id: "one").rendered)
        try expectWellFormed(LineChart(title: "None", points: []).svg(id: "none").rendered)
        try expectWellFormed(BarChart(title: "None", series: ["A"], rows: []).svg(id: "none").rendered)
    }

    /// The SVG parses as XML, as browsers require of SVG in XHTML and tools of a saved chart.
    func expectWellFormed(_ svg: String) throws {
        #if canImport(FoundationXML) || os(macOS)
            let parser = XMLParser(data: Data(svg.utf8))
            #expect(parser.parse(), "not well-formed: \(parser.parserError.map { "\($0)" } ?? "")\n\(svg)")
        #endif
    }
}
