import Domain
import Foundation
import Storage

/// What a member's page shows another signed-in member about moderation: a Mute or Unmute
/// button. (Staff see the member's ban in `BanPage.section`.)
struct MemberStanding: Sendable {
    /// Nil when the viewer cannot mute this member (signed out, themselves, a deleted member).
    var muted: Bool?

    static func read(member: Member, viewer: Member?, store: any SiteStore) async throws -> MemberStanding {
        guard let viewer, viewer.id != member.id, !member.isDeleted else { return MemberStanding() }
        return MemberStanding(muted: try await store.mutedMemberIDs(memberID: viewer.id).contains(member.id))
    }

    static func render(_ standing: MemberStanding, member: Member, chrome: PageChrome) -> HTML {
        let rules = chrome.text.rules
        guard let muted = standing.muted else { return "" }
        return
            """
            <form method="post" action="\(Paths.mute(member.id))" class="mute-form">\(csrfField(chrome.csrf))\
            <input type="hidden" name="mute" value="\(muted ? "0" : "1")">\
            <button type="submit" class="button secondary" aria-pressed="\(muted ? "true" : "false")" aria-describedby="mute-hint">\
            \(muted ? rules.unmute : rules.mute)</button> <span class="hint" id="mute-hint">\(rules.muteHint)</span></form>
            """
    }
}
