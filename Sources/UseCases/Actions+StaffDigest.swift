import Domain
import Foundation
import Mail
import Storage

extension Actions {
    /// Mails every member of staff what waits in the moderation queue: the held and reported
    /// counts and up to `maxItems` comments with signed approve and reject links (`StaffLink`).
    ///
    /// At most once per `interval` (`MailSettings.staffDigestInterval`), and only when
    /// something new came into the queue during the previous interval: time is cut into
    /// windows of that length, and the digest of window W tells what waits when it is sent
    /// if anything arrived in window W-1. Instances share the decision through the store:
    /// the first to claim the window (`siteSecret(named:orMake:)`, whose insert the first
    /// writer wins on both engines) sends it, the others see the claim and do nothing.
    /// Returns how many emails were queued.
    @discardableResult
    public func sendStaffDigest(maxItems: Int = 10) async throws -> Int {
        let interval = max(60, mail.staffDigestInterval)
        let current = now
        let window = Int64((current.timeIntervalSince1970 / interval).rounded(.down))
        let previousStart = Date(timeIntervalSince1970: TimeInterval(window - 1) * interval)
        let windowStart = Date(timeIntervalSince1970: TimeInterval(window) * interval)

        let counts = try await store.moderationCounts()
        let held = counts[.held] ?? 0
        let reported = counts[.reported] ?? 0
        guard held + reported > 0 else { return 0 }
        // Newest first: a handful of each tab is enough to see whether anything is new.
        let heldPage = try await store.moderationQueue(.held, before: nil, limit: maxItems)
        let reportedPage = try await store.moderationQueue(.reported, before: nil, limit: maxItems)
        func arrived(_ item: QueuedComment) -> Date {
            let reports = item.reports.filter { $0.resolvedAt == nil }.map(\.createdAt)
            return reports.max() ?? item.comment.createdAt
        }
        let isNew = (heldPage + reportedPage).contains { (previousStart..<windowStart).contains(arrived($0)) }
        guard isNew else { return 0 }

        let claim = SecretToken.make()
        guard try await store.siteSecret(named: "staff-digest:\(window)", orMake: { claim }) == claim else { return 0 }

        var seen = Set<CommentID>()
        let items = (reportedPage + heldPage).filter { seen.insert($0.comment.id).inserted }.prefix(maxItems)
        let authors = try await store.members(ids: Set(items.map(\.comment.authorID)))
        var posts: [PostID: Post] = [:]
        for id in Set(items.map(\.comment.postID)) { posts[id] = try await store.post(id: id) }

        let letters = try await letters()
        let signer = try await LinkSigner.load(store)
        let expires = current.addingTimeInterval(StaffLinkLifetime.seconds)
        let queueURL = try mail.url("/dashboard/moderation")
        var jobs: [NewOutboxJob] = []
        for member in try await staffMembers() {
            guard let to = try? MailAddress(member.email, name: member.displayName) else { continue }
            var lines: [StaffDigestItem] = []
            for item in items {
                let comment = item.comment
                lines.append(
                    StaffDigestItem(
                        authorName: authors[comment.authorID]?.displayName ?? "", postTitle: posts[comment.postID]?.title ?? "",
                        excerpt: comment.bodyText, reports: item.reports.filter { $0.resolvedAt == nil }.count,
                        approveURL: try staffLinkURL(
                            signer.staffLink(.approve, commentID: comment.id, memberID: member.id, expires: expires)),
                        rejectURL: try staffLinkURL(signer.staffLink(.reject, commentID: comment.id, memberID: member.id, expires: expires))
                    ))
            }
            let message = letters.staffDigest(
                to: to, recipientName: member.displayName, held: held, reported: reported, items: lines, queueURL: queueURL)
            do { jobs.append(try message.outboxJob()) } catch is MailError { continue }
        }
        guard !jobs.isEmpty else { return 0 }
        _ = try await store.enqueue(jobs, now: current)
        mail.mailQueued()
        return jobs.count
    }

    /// Owners, admins and moderators, at most a few hundred (a site has a handful).
    func staffMembers() async throws -> [Member] {
        var staff: [Member] = []
        var after: MemberID?
        for _ in 0..<5 {
            let page = try await store.memberList(search: nil, roles: [.owner, .admin, .moderator], after: after, limit: 100)
            staff += page.filter { !$0.isDeleted && $0.role.isStaff }
            guard page.count == 100, let last = page.last else { break }
            after = last.id
        }
        return staff
    }
}
