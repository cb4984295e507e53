import Domain

/// Finds who a comment @mentions (the syntax is `MentionSyntax`; a name two members share
/// names neither).
enum Mentions {
    /// The mentions in `text`, at most `limit` of them.
    static func candidates(in text: String, limit: Int = Limits.mentionsPerComment) -> [MentionCandidate] {
        MentionSyntax.candidates(in: Array(text.unicodeScalars), limit: limit)
    }

    /// Every name key the mentions in `candidates` may stand for: what the store is asked for.
    static func keys(of candidates: [MentionCandidate]) -> Set<String> {
        Set(candidates.flatMap(\.keys))
    }

    /// The members `candidates` name, in order, each once.
    static func resolve(_ candidates: [MentionCandidate], among targets: MentionTargets) -> [MemberID] {
        var found: [MemberID] = []
        for candidate in candidates {
            if let member = candidate.resolve(targets)?.member, !found.contains(member) { found.append(member) }
        }
        return found
    }
}
