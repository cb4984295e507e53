/// Published posts counted into ranges of comment counts, the same way on both engines.
public enum DiscussionSizes {
    /// The ranges the figures page shows: none, 1-4, 5-19, 20-49, 50 and more.
    public static let bounds = [0, 1, 5, 20, 50]

    /// `sizes` (a comment count and how many posts have it) added up per range of `bounds`
    /// (ascending; each range runs to the next bound, the last has no end).
    public static func bucket(_ sizes: [(count: Int, posts: Int)], bounds: [Int]) -> [Int] {
        var totals = Array(repeating: 0, count: bounds.count)
        for (count, posts) in sizes {
            guard let index = bounds.lastIndex(where: { $0 <= count }) else { continue }
            totals[index] += posts
        }
        return totals
    }
}
