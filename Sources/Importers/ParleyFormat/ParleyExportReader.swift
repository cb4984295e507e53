import Domain
import Foundation
import Storage

/// Reads a Parley export (docs/EXPORT-FORMAT.md) back into a site's rows, a line at a time.
///
/// Strict, because the file is meant to come back exactly: the header must name the format and
/// a version this code reads, every line must be a record it knows with the values it knows,
/// and the end line must count the records before it (a file cut short is refused, not half
/// imported). Unknown fields are ignored, so a later version may add some without a new number.
enum ParleyExportReader {
    /// The longest line read: an upload's bytes in base64 fit with room to spare.
    static let longestLine = 64 << 20

    struct Read {
        var data: SiteData
        /// Records per type, as the file had them.
        var counts: [String: Int]
    }

    static func read(file: URL, progress: ImportProgressHandler?) throws -> Read {
        let handle: FileHandle
        do {
            handle = try FileHandle(forReadingFrom: file)
        } catch {
            throw ImportError.unreadable("cannot open \(file.path): \(error.localizedDescription)")
        }
        defer { try? handle.close() }
        let total = (try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? NSNumber)?.int64Value ?? 0
        var reader = LineReader(handle: handle, longestLine: longestLine)
        var lineNumber = 0
        var state = Assembly()
        do {
            var sawEnd = false
            while let line = try reader.next() {
                lineNumber += 1
                guard !sawEnd else { throw LineProblem("nothing may follow the end line") }
                if lineNumber == 1 {
                    try readHeader(line)
                    continue
                }
                sawEnd = try state.add(line)
                if let progress, state.records % 1_000 == 0 {
                    progress(ImportProgress(bytesRead: reader.bytesRead, totalBytes: total, records: state.records))
                }
            }
            guard lineNumber > 0 else { throw ImportError.unreadable("the file is empty, not a Parley export") }
            guard sawEnd else {
                throw ImportError.unreadable("the file stops before its end line (cut short?) after \(lineNumber) lines")
            }
        } catch let error as ImportError {
            throw error
        } catch is LineReader.LineTooLong {
            throw ImportError.unreadable("line \(lineNumber + 1) is longer than \(longestLine >> 20) MiB")
        } catch let problem as LineProblem {
            throw ImportError.unreadable("line \(lineNumber): \(problem.description)")
        } catch let error as DecodingError {
            throw ImportError.unreadable("line \(lineNumber): \(describe(error))")
        } catch let error as UnknownValue {
            throw ImportError.unreadable("line \(lineNumber): \(error.description)")
        }
        progress?(ImportProgress(bytesRead: reader.bytesRead, totalBytes: total, records: state.records))
        return Read(data: state.data, counts: state.counts)
    }

    struct LineProblem: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    private static func readHeader(_ line: Data) throws {
        let lines = ExportLines()
        guard (try? lines.type(of: line)) == HeaderRecord.recordType,
            let header = try? lines.record(HeaderRecord.self, from: line), header.format == ParleyExport.format
        else { throw ImportError.unreadable("the first line is not a Parley export's header (see docs/EXPORT-FORMAT.md)") }
        guard header.version >= 1, header.version <= ParleyExport.version else {
            throw ImportError.unreadable(
                "the export is version \(header.version); this Parley reads versions 1 to \(ParleyExport.version): upgrade Parley")
        }
    }

    private static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map(\.stringValue).joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, _): return "the field \(key.stringValue) is missing"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "the field \(path(context)) has the wrong type: \(context.debugDescription)"
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty ? "not a JSON object" : "the field \(path(context)): \(context.debugDescription)"
        @unknown default: return "not a record: \(error)"
        }
    }

    /// The rows so far, in the order the lines came.
    private struct Assembly {
        var data = SiteData(publication: .placeholder, members: [], sessions: [], posts: [], comments: [], likes: [], subscribers: [])
        var counts: [String: Int] = [:]
        var records = 0
        let lines = ExportLines()

        /// Adds one line; true when it was the end line.
        mutating func add(_ line: Data) throws -> Bool {
            let type = try lines.type(of: line)
            func record<R: ExportRecord>(_ kind: R.Type) throws -> R { try lines.record(kind, from: line) }
            if type == EndRecord.recordType {
                let end = try record(EndRecord.self)
                guard end.records == records else {
                    throw LineProblem("the end line counts \(end.records) records, the file holds \(records)")
                }
                return true
            }
            switch type {
            case PublicationRecord.recordType:
                guard counts[type] == nil else { throw LineProblem("a second publication record") }
                data.publication = try record(PublicationRecord.self).publication()
            case SecretRecord.recordType:
                let secret = try record(SecretRecord.self)
                data.secrets[secret.name] = secret.value
            case MemberRecord.recordType: data.members.append(try record(MemberRecord.self).row())
            case AvatarRecord.recordType: data.avatars.append(try record(AvatarRecord.self).row())
            case UploadRecord.recordType: data.writer.uploads.append(try record(UploadRecord.self).upload())
            case PostRecord.recordType: data.posts.append(try record(PostRecord.self).post())
            case FormerSlugRecord.recordType:
                let r = try record(FormerSlugRecord.self)
                data.writer.formerSlugs.append(FormerSlug(slug: r.slug, postID: PostID(r.postId), createdAt: r.createdAt))
            case CommentRecord.recordType:
                let r = try record(CommentRecord.self)
                data.comments.append(try r.comment())
                guard r.dislikeCount >= 0 else { throw LineProblem("dislike_count is below zero") }
                if r.dislikeCount > 0 {
                    data.imports.dislikes.append(SiteData.DislikeRow(commentID: CommentID(r.id), count: r.dislikeCount))
                }
            case LikeRecord.recordType:
                let r = try record(LikeRecord.self)
                data.likes.append(
                    SiteData.LikeRow(commentID: CommentID(r.commentId), memberID: MemberID(r.memberId), createdAt: r.createdAt))
            case SubscriberRecord.recordType: data.subscribers.append(try record(SubscriberRecord.self).row())
            case PostLikeRecord.recordType:
                let r = try record(PostLikeRecord.self)
                data.writer.postLikes.append(
                    PostLike(postID: PostID(r.postId), subscriberID: SubscriberID(r.subscriberId), createdAt: r.createdAt))
            case FollowRecord.recordType:
                let r = try record(FollowRecord.self)
                data.follows.append(SiteData.FollowRow(memberID: MemberID(r.memberId), postID: PostID(r.postId), createdAt: r.createdAt))
            case ModerationSettingsRecord.recordType:
                guard counts[type] == nil else { throw LineProblem("a second moderation_settings record") }
                data.moderation.settings = try record(ModerationSettingsRecord.self).row()
            case CommentModerationRecord.recordType:
                data.moderation.commentModeration.append(try record(CommentModerationRecord.self).row())
            case ReportRecord.recordType: data.moderation.reports.append(try record(ReportRecord.self).report())
            case BanRecord.recordType:
                let r = try record(BanRecord.self)
                data.moderation.bans.append(
                    Ban(
                        memberID: MemberID(r.memberId), reason: r.reason, bannedBy: MemberID(r.bannedBy), createdAt: r.createdAt,
                        until: r.until))
            case MuteRecord.recordType:
                let r = try record(MuteRecord.self)
                data.moderation.mutes.append(
                    SiteData.MuteRow(memberID: MemberID(r.memberId), mutedID: MemberID(r.mutedId), createdAt: r.createdAt))
            case AuditRecord.recordType: data.moderation.audit.append(try record(AuditRecord.self).entry())
            case SpamModelRecord.recordType:
                guard counts[type] == nil else { throw LineProblem("a second spam_model record") }
                let r = try record(SpamModelRecord.self)
                data.spamModel.documents = SpamClassCounts(spam: r.documentsSpam, ham: r.documentsHam)
                data.spamModel.occurrences = SpamClassCounts(spam: r.occurrencesSpam, ham: r.occurrencesHam)
            case SpamFeatureRecord.recordType:
                let r = try record(SpamFeatureRecord.self)
                data.spamModel.features.append(SpamFeatureRow(feature: r.feature, counts: SpamClassCounts(spam: r.spam, ham: r.ham)))
            case IssoVoteRecord.recordType:
                let r = try record(IssoVoteRecord.self)
                data.imports.issoVotes.append(SiteData.IssoVoteRow(commentID: CommentID(r.commentId), voter: r.voter))
            case ImportKeyRecord.recordType:
                let r = try record(ImportKeyRecord.self)
                data.imports.importKeys.append(
                    SiteData.ImportKeyRow(
                        source: r.source, kind: r.kind, externalID: r.externalId, localID: r.localId, importedAt: r.importedAt))
            case HeaderRecord.recordType: throw LineProblem("a second header")
            default: throw LineProblem("unknown record type \"\(type)\"")
            }
            counts[type, default: 0] += 1
            records += 1
            return false
        }
    }
}
