import API

/// Operations the document declares that are not answered yet: each answers 501 (problem+json).
/// Whoever implements one deletes its stub here; when this file is empty, delete it.
extension ParleyAPI {
    func listPosts(_ input: Operations.ListPosts.Input) async throws -> Operations.ListPosts.Output {
        throw APIProblem.notImplemented("listPosts")
    }
    func getPost(_ input: Operations.GetPost.Input) async throws -> Operations.GetPost.Output { throw APIProblem.notImplemented("getPost") }
    func listComments(_ input: Operations.ListComments.Input) async throws -> Operations.ListComments.Output {
        throw APIProblem.notImplemented("listComments")
    }
    func createComment(_ input: Operations.CreateComment.Input) async throws -> Operations.CreateComment.Output {
        throw APIProblem.notImplemented("createComment")
    }
    func getComment(_ input: Operations.GetComment.Input) async throws -> Operations.GetComment.Output {
        throw APIProblem.notImplemented("getComment")
    }
    func editComment(_ input: Operations.EditComment.Input) async throws -> Operations.EditComment.Output {
        throw APIProblem.notImplemented("editComment")
    }
    func deleteComment(_ input: Operations.DeleteComment.Input) async throws -> Operations.DeleteComment.Output {
        throw APIProblem.notImplemented("deleteComment")
    }
    func listReplies(_ input: Operations.ListReplies.Input) async throws -> Operations.ListReplies.Output {
        throw APIProblem.notImplemented("listReplies")
    }
    func likeComment(_ input: Operations.LikeComment.Input) async throws -> Operations.LikeComment.Output {
        throw APIProblem.notImplemented("likeComment")
    }
    func unlikeComment(_ input: Operations.UnlikeComment.Input) async throws -> Operations.UnlikeComment.Output {
        throw APIProblem.notImplemented("unlikeComment")
    }
    func reportComment(_ input: Operations.ReportComment.Input) async throws -> Operations.ReportComment.Output {
        throw APIProblem.notImplemented("reportComment")
    }
    func listModerationQueue(_ input: Operations.ListModerationQueue.Input) async throws -> Operations.ListModerationQueue.Output {
        throw APIProblem.notImplemented("listModerationQueue")
    }
    func moderateComment(_ input: Operations.ModerateComment.Input) async throws -> Operations.ModerateComment.Output {
        throw APIProblem.notImplemented("moderateComment")
    }
    func banMember(_ input: Operations.BanMember.Input) async throws -> Operations.BanMember.Output {
        throw APIProblem.notImplemented("banMember")
    }
    func unbanMember(_ input: Operations.UnbanMember.Input) async throws -> Operations.UnbanMember.Output {
        throw APIProblem.notImplemented("unbanMember")
    }
    func setMemberRole(_ input: Operations.SetMemberRole.Input) async throws -> Operations.SetMemberRole.Output {
        throw APIProblem.notImplemented("setMemberRole")
    }
    func getMe(_ input: Operations.GetMe.Input) async throws -> Operations.GetMe.Output { throw APIProblem.notImplemented("getMe") }
    func subscribe(_ input: Operations.Subscribe.Input) async throws -> Operations.Subscribe.Output {
        throw APIProblem.notImplemented("subscribe")
    }
}
