import Domain
import Foundation
import Storage

/// What a member's page shows about moderation: to another signed-in member, a Mute or Unmute
/// button; to staff, the member's ban.
struct MemberStanding: Sendable {
    /// Nil when the viewer cannot mute this member (signed out, themselves, a deleted member).
    var muted: Bool?
    /// The member's active ban, read for staff only.
    var ban: Ban?

    static func read(member: Member, viewer: Member?, store: any SiteStore, now: Date) async throws -> MemberStanding {
        guard let viewer, viewer.id != member.id, !member.isDeleted else { return MemberStanding() }
        let muted = try await store.mutedMemberIDs(memberID: viewer.id).contains(member.id)
        let ban = viewer.role.isStaff ? try await store.ban(memberID: member.id).flatMap { $0.isActive(at: now) ? $0 : nil } : nil
        return MemberStanding(muted: muted, ban: ban)
    }

    static func render(_ standing: MemberStanding, member: Member, chrome: PageChrome) -> HTML {
        let rules = chrome.text.rules
        var parts: [HTML] = []
        if let ban = standing.ban {
            let line = ban.until.map { rules.bannedUntil((chrome.text.fullDate($0), ban.reason)) } ?? rules.bannedForGood(ban.reason)
            parts.append("<p class=\"member-ban\" role=\"status\">\(line)</p>")
        }
        if let muted = standing.muted {
            parts.append(
                """
                <form method="post" action="\(Paths.mute(member.id))" class="mute-form">\(csrfField(chrome.csrf))\
                <input type="hidden" name="mute" value="\(muted ? "0" : "1")">\
                <button type="submit" class="button secondary" aria-pressed="\(muted ? "true" : "false")" aria-describedby="mute-hint">\
                \(muted ? rules.unmute : rules.mute)</button> <span class="hint" id="mute-hint">\(rules.muteHint)</span></form>
                """)
        }
        return "\(parts)"
    }
}
