/// Every input has a limit; they all live here so rules and messages agree.
public enum Limits {
    /// Characters (grapheme clusters) in a comment.
    public static let commentLength = 5_000
    /// Deepest reply level; a reply to a comment at this depth joins its parent's replies.
    public static let maxDepth = 5
    /// Root comments per page of the full discussion.
    public static let discussionPageSize = 20
    public static let maxDiscussionPageSize = 50
    /// Root comments in the post page's preview, and replies shown under each.
    public static let previewRoots = 5
    public static let previewRepliesPerRoot = 2
    /// Replies shown under a root on a discussion page before the rest fold behind "N more replies".
    public static let repliesPerRoot = 8
    /// Levels of replies shown under a root before deeper chains fold.
    public static let visibleReplyDepth = 3
    /// Subtrees up to this many comments are read with one range scan of the path index; bigger
    /// ones are walked reply by reply, so a window never scans rows it does not show.
    public static let windowScanLimit = 200
    /// Bytes of a form or JSON request body.
    public static let requestBody = 64 * 1024
    public static let emailLength = 254
    public static let displayNameLength = 60
    public static let passwordLength = 8...128
    public static let titleLength = 200
    public static let subtitleLength = 300
    public static let slugLength = 100
    public static let postBodyLength = 200_000
    public static let bioLength = 500
    /// Bytes of an uploaded avatar, and pixels on its longest side.
    public static let avatarBytes = 1024 * 1024
    public static let avatarPixels = 4096
    /// Bytes of a whole upload request (the avatar plus the form around it).
    public static let uploadBody = avatarBytes + 16 * 1024
    /// Bytes of an image a writer uploads (cover, post image, logo), and pixels on its longest side.
    public static let imageBytes = 5 * 1024 * 1024
    public static let imagePixels = 8192
    /// Bytes of a whole image upload request (the image plus the form around it).
    public static let imageUploadBody = imageBytes + 16 * 1024
    /// Characters of the about page's Markdown, the footer line, the sender name.
    public static let aboutLength = 20_000
    public static let footerLength = 300
    public static let senderNameLength = 100
    /// Origins allowed to embed discussions.
    public static let embedOrigins = 20
    /// Characters in the URL of an embedded page (the key of its discussion).
    public static let pageURLLength = 2_000
    /// Characters in the title an embedded page gives its discussion.
    public static let pageTitleLength = 200
    /// Characters in an API token's name.
    public static let apiTokenName = 80
    /// Live (not revoked) API tokens one member may hold.
    public static let apiTokensPerMember = 20
    /// @mentions that notify, per comment; more are left as text.
    public static let mentionsPerComment = 10
    /// Comments listed on a member's page.
    public static let memberPageComments = 20
    /// Other posts listed under "More from {publication}".
    public static let morePosts = 3
    /// Posts on the home page.
    public static let homePosts = 30
}
