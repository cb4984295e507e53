import API

/// Operations the document declares that are not answered yet: each answers 501 (problem+json).
/// Whoever implements one deletes its stub here; when this file is empty, delete it.
extension ParleyAPI {
    func countComments(_ input: Operations.CountComments.Input) async throws -> Operations.CountComments.Output {
        throw APIProblem.notImplemented("countComments")
    }
    func discussionByURL(_ input: Operations.DiscussionByURL.Input) async throws -> Operations.DiscussionByURL.Output {
        throw APIProblem.notImplemented("discussionByURL")
    }
    func createPageComment(_ input: Operations.CreatePageComment.Input) async throws -> Operations.CreatePageComment.Output {
        throw APIProblem.notImplemented("createPageComment")
    }
}
