import Domain

/// The words of what readers use to find and follow posts (the archive and its search, the
/// feeds, the subscribers-only teaser, a like from a newsletter): a part of ``PageText``,
/// declared the same way, one line per text.
public struct ReaderText: Sendable {
    public let archiveTitle: String
    public let archiveLink: String
    public let siteNavigation: String
    public let searchLabel: String
    public let searchButton: String
    public let archivePagesNavigation: String
    public let newerPosts: String
    public let olderPosts: String
    public let feedLink: String
    public let subscribersOnlyHeading: String
    public let subscribersOnlyBlurb: String
    public let alreadySubscribed: String
    public let subscribersOnlyBadge: String
    public let subscribersOnlyFeedNote: String
    public let likeButton: String
    public let likeLinkInvalid: String
    public let likeFromEmailBody: String
    public let likedBody: String
    /// "Posts matching “QUERY”": the heading of search results.
    public let resultsFor: Phrase<String>
    /// "No posts match “QUERY”."
    public let noResults: Phrase<String>
    /// "Comments on “TITLE”": the title of a post's comments feed.
    public let commentsFeedTitle: Phrase<String>
    /// "Comment by NAME": an entry of the comments feed.
    public let commentBy: Phrase<String>
    /// "Like “TITLE”?": the page a like link from a newsletter opens.
    public let likeTitle: Phrase<String>
    /// "N likes" under a post.
    public let postLikes: Phrase<Int>
}

extension ReaderText {
    /// English, the catalogue every other language starts from.
    public static let english = ReaderText(
        archiveTitle: "Archive",
        archiveLink: "Archive",
        siteNavigation: "Publication",
        searchLabel: "Search posts",
        searchButton: "Search",
        archivePagesNavigation: "More posts",
        newerPosts: "Newer posts",
        olderPosts: "Older posts",
        feedLink: "RSS feed",
        subscribersOnlyHeading: "This post is for subscribers",
        subscribersOnlyBlurb: "Subscribe to read the whole post and every one after it.",
        alreadySubscribed: "Already subscribed? Sign in with the email you subscribed with.",
        subscribersOnlyBadge: "Subscribers only",
        subscribersOnlyFeedNote: "This post is for subscribers. Read it on the site:",
        likeButton: "Like this post",
        likeLinkInvalid: "This like link is not valid. It may have been cut short by your mail program.",
        likeFromEmailBody: "Press the button to like this post. The like counts under the email address the newsletter was sent to.",
        likedBody: "Thank you: your like is counted.",
        resultsFor: Phrase { "Posts matching “\($0)”" },
        noResults: Phrase { "No posts match “\($0)”." },
        commentsFeedTitle: Phrase { "Comments on “\($0)”" },
        commentBy: Phrase { "Comment by \($0)" },
        likeTitle: Phrase { "Like “\($0)”?" },
        postLikes: Phrase { $0 == 1 ? "1 like" : "\($0) likes" }
    )
}
