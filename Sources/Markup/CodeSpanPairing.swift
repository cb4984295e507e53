/// The CommonMark rule for code spans, shared by comments and posts: a run of backticks
/// opens a span that the next run of the same length closes; runs in between are text.
enum CodeSpanPairing {
    /// Maps the start of each opening run to the start of its closing run, in one pass
    /// backwards and one forwards, so a line of many unmatched runs stays linear.
    static func pairs(of runs: [(start: Int, length: Int)]) -> [Int: Int] {
        var nextSameLength = [Int?](repeating: nil, count: runs.count)
        var latestByLength: [Int: Int] = [:]
        for run in runs.indices.reversed() {
            nextSameLength[run] = latestByLength[runs[run].length]
            latestByLength[runs[run].length] = run
        }
        var pairs: [Int: Int] = [:]
        var run = 0
        while run < runs.count {
            if let closing = nextSameLength[run] {
                pairs[runs[run].start] = runs[closing].start
                run = closing + 1
            } else {
                run += 1
            }
        }
        return pairs
    }
}
