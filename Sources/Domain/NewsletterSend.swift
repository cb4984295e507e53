import Foundation

/// A post's newsletter on its way to the list: subscribers are mailed in id order, in batches,
/// `afterSubscriberID` being the last one already queued.
public struct NewsletterSend: Sendable, Hashable {
    public var postID: PostID
    public var afterSubscriberID: SubscriberID?
    public var createdAt: Date
    public var finishedAt: Date?

    public init(postID: PostID, afterSubscriberID: SubscriberID?, createdAt: Date, finishedAt: Date? = nil) {
        self.postID = postID
        self.afterSubscriberID = afterSubscriberID
        self.createdAt = createdAt
        self.finishedAt = finishedAt
    }
}
