import Domain
import Foundation
import Storage
import Testing

@Suite("Moderation: reports and the queue")
struct CommentReportTests {
    func report(_ comment: Comment, by member: Member, at seconds: Double = 10, reason: ReportReason = .abuse) -> NewCommentReport {
        NewCommentReport(commentID: comment.id, reporterID: member.id, reason: reason, text: "", createdAt: at(seconds))
    }

    @Test(
        "Given a comment, when a member reports it twice, then the second report is refused as already made and changes nothing",
        arguments: StoreKind.allCases)
    func reportOncePerMember(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let d = try await GivenModeratedDiscussion(site)
            let root = try await site.comment(on: d.post, by: d.bob, at: at(1))
            #expect(try await site.moderation.reportComment(report(root, by: d.cyd), holdAt: 3) == .recorded(openReports: 1))
            #expect(try await site.moderation.reportComment(report(root, by: d.cyd, at: 11), holdAt: 3) == .alreadyReported)
            let reports = try await site.moderation.reports(commentID: root.id)
            #expect(reports.map(\.reporterID) == [d.cyd.id] && reports.first?.reason == .abuse)
            await #expect(throws: StoreError.self) {
                try await site.moderation.reportComment(
                    NewCommentReport(commentID: CommentID(999), reporterID: d.cyd.id, reason: .spam, text: "", createdAt: at(12)),
                    holdAt: 3)
            }
        }
    }

    @Test(
        "Given a threshold of three, when three members report a comment, then the third holds it, once, with an audit row of the site",
        arguments: StoreKind.allCases)
    func thresholdHoldsOnce(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let d = try await GivenModeratedDiscussion(site)
            let root = try await site.comment(on: d.post, by: d.bob, at: at(1))
            let dan = try await site.member("dan")
            #expect(try await site.moderation.reportComment(report(root, by: d.cyd), holdAt: 3) == .recorded(openReports: 1))
            #expect(try await site.moderation.reportComment(report(root, by: dan), holdAt: 3) == .recorded(openReports: 2))
            #expect(try await site.moderation.reportComment(report(root, by: d.ada), holdAt: 3) == .held(openReports: 3))
            #expect(try await site.moderation.reportComment(report(root, by: d.mod), holdAt: 3) == .recorded(openReports: 4))
            #expect(try await site.reread(root)?.status == .held)
            #expect(try await site.reread(d.post)?.commentCount == 0)
            #expect(try await site.auditLines() == ["hold - \(root.id)"])
            #expect(try await site.moderation.moderation(commentID: root.id)?.hold?.reason == .reports)

            // Approving dismisses the reports: they are resolved, and the comment is counted again.
            _ = try await site.moderation.approveComment(id: root.id, notices: nil, audit: audit(.approve, by: d.mod))
            #expect(try await site.moderation.reports(commentID: root.id).allSatisfy { $0.resolvedAt == at(100) })
            #expect(try await site.reread(d.post)?.commentCount == 1)
            expectCountsExact(try await site.store.exportSite())
        }
    }

    @Test(
        "Given two instances, when members report one comment at the same time, then it is held exactly once and counted down once",
        arguments: StoreKind.allCases)
    func concurrentReportsHoldOnce(kind: StoreKind) async throws {
        try await withTwoSites(kind) { one, two async throws in
            let d = try await GivenModeratedDiscussion(one)
            let root = try await one.comment(on: d.post, by: d.bob, at: at(1))
            var reporters: [Member] = []
            for index in 0..<8 { reporters.append(try await one.member("reader\(index)")) }
            let sites = [one, two]
            let outcomes = try await withThrowingTaskGroup(of: ReportOutcome.self) { group in
                for (index, reporter) in reporters.enumerated() {
                    let site = sites[index % 2]
                    let new = self.report(root, by: reporter, at: Double(10 + index))
                    group.addTask { try await site.moderation.reportComment(new, holdAt: 3) }
                }
                var all: [ReportOutcome] = []
                for try await outcome in group { all.append(outcome) }
                return all
            }
            let holds = outcomes.filter { if case .held = $0 { true } else { false } }
            #expect(holds == [.held(openReports: 3)], "\(outcomes)")
            #expect(try await one.reread(root)?.status == .held)
            #expect(try await one.reread(d.post)?.commentCount == 0)
            #expect(try await one.auditLines() == ["hold - \(root.id)"])
            #expect(try await one.moderation.reports(commentID: root.id).count == 8)
            expectCountsExact(try await one.store.exportSite())
        }
    }

    @Test(
        "Given reported, held, approved and removed comments, when staff open the queue, then each tab lists its own, newest first, in pages",
        arguments: StoreKind.allCases)
    func queueTabsAndCounts(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let d = try await GivenModeratedDiscussion(site)
            let reported = try await site.comment(on: d.post, by: d.bob, at: at(1))
            let held1 = try await site.heldComment(
                on: d.post, by: d.bob, at: at(2), note: HoldNote(reason: .likelySpam, spamScore: 0.95, spamFeatures: ["a b", "c"]))
            let held2 = try await site.heldComment(on: d.post, by: d.cyd, at: at(3))
            let held3 = try await site.heldComment(on: d.post, by: d.cyd, at: at(4))
            let approved1 = try await site.heldComment(on: d.post, by: d.cyd, at: at(5))
            let approved2 = try await site.heldComment(on: d.post, by: d.cyd, at: at(6))
            let removed = try await site.comment(on: d.post, by: d.bob, at: at(7))
            let rejected = try await site.heldComment(on: d.post, by: d.bob, at: at(8))
            _ = try await site.moderation.reportComment(report(reported, by: d.cyd, reason: .spam), holdAt: 5)
            _ = try await site.moderation.reportComment(report(reported, by: d.ada, at: 11), holdAt: 5)
            // Decided out of id order: the approved and removed tabs go by decision time.
            _ = try await site.moderation.approveComment(id: approved2.id, notices: nil, audit: audit(.approve, by: d.mod, at: 200))
            _ = try await site.moderation.approveComment(id: approved1.id, notices: nil, audit: audit(.approve, by: d.mod, at: 300))
            _ = try await site.moderation.removeComment(id: rejected.id, audit: audit(.reject, by: d.mod, at: 400, reason: "spam"))
            _ = try await site.moderation.removeComment(id: removed.id, audit: audit(.remove, by: d.mod, at: 500))

            let counts = try await site.moderation.moderationCounts()
            #expect(counts == [.reported: 1, .held: 3, .approved: 2, .removed: 2])

            let reportedTab = try await site.moderation.moderationQueue(.reported, before: nil, limit: 10)
            #expect(reportedTab.map(\.comment.id) == [reported.id])
            #expect(reportedTab.first?.reports.map(\.reporterID) == [d.cyd.id, d.ada.id])

            let firstHeld = try await site.moderation.moderationQueue(.held, before: nil, limit: 2)
            #expect(firstHeld.map(\.comment.id) == [held3.id, held2.id])
            let nextHeld = try await site.moderation.moderationQueue(.held, before: held2.id, limit: 2)
            #expect(nextHeld.map(\.comment.id) == [held1.id])
            #expect(nextHeld.first?.hold == HoldNote(reason: .likelySpam, spamScore: 0.95, spamFeatures: ["a b", "c"]))

            let approvedTab = try await site.moderation.moderationQueue(.approved, before: nil, limit: 1)
            #expect(approvedTab.map(\.comment.id) == [approved1.id])
            #expect(approvedTab.first?.decision?.kind == .approved)
            let moreApproved = try await site.moderation.moderationQueue(.approved, before: approved1.id, limit: 5)
            #expect(moreApproved.map(\.comment.id) == [approved2.id])

            let removedTab = try await site.moderation.moderationQueue(.removed, before: nil, limit: 5)
            #expect(removedTab.map(\.comment.id) == [removed.id, rejected.id])
            #expect(removedTab.map { $0.decision?.kind } == [.removed, .rejected])
            #expect(removedTab.last?.decision?.reason == "spam")
            #expect(try await site.moderation.moderationQueue(.removed, before: rejected.id, limit: 5).isEmpty)

            #expect(try await site.moderation.moderation(commentID: CommentID(999)) == nil)
            let untouched = try await site.comment(on: d.post, by: d.ada, at: at(9))
            #expect(try await site.moderation.moderation(commentID: untouched.id) == nil)

            let histories = try await site.moderation.authorHistories(memberIDs: [d.bob.id, d.cyd.id, d.ada.id])
            #expect(histories[d.bob.id] == AuthorHistory(visible: 1, held: 1, removed: 2, reportsAgainst: 2))
            #expect(histories[d.cyd.id] == AuthorHistory(visible: 2, held: 2, removed: 0, reportsAgainst: 0))
            #expect(histories[d.ada.id] == AuthorHistory(visible: 1, held: 0, removed: 0, reportsAgainst: 0))
            #expect(try await site.moderation.visibleCommentCount(authorID: d.cyd.id) == 2)
        }
    }
}
