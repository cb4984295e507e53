import Foundation
import UseCases

/// Two traps for scripts on the forms anyone can send without signing in (subscribe, sign-in):
/// - a honeypot: a text field people never see or reach (off-screen, not `display:none`,
///   which some scripts skip; `aria-hidden` and `tabindex=-1`, so screen readers and the
///   keyboard pass it by) that must come back empty;
/// - a fill time: the form carries when it was shown, signed with the site's key, and is
///   refused when sent back sooner than `minimumFillTime` (a person needs seconds to type an
///   address) or after `maximumAge` (a start harvested once cannot serve a script for ever).
/// A refused form is shown again with a new start, and a neutral message (`automatedForm`).
struct HumanCheck: Sendable {
    static let honeypotField = "website"
    static let startField = "_started"
    /// Seconds a form must have been shown before it is sent; 0 turns the fill time off.
    let minimumFillTime: TimeInterval
    static let maximumAge: TimeInterval = 86_400

    /// The hidden fields for a form shown at `now`.
    func fields(tokens: FormTokens, now: Date, text: Catalogue) -> HTML {
        let start: HTML =
            minimumFillTime > 0 ? "<input type=\"hidden\" name=\"\(Self.startField)\" value=\"\(tokens.formStart(at: now))\">" : ""
        return """
            <div class="hp-field" aria-hidden="true"><label>\(text.leaveEmpty) \
            <input type="text" name="\(Self.honeypotField)" value="" tabindex="-1" autocomplete="off"></label></div>\(start)
            """
    }

    /// Throws `automatedForm` when the honeypot is filled or the form came back too soon, too
    /// late, or without a start this site signed.
    func check(_ form: FormBody, tokens: FormTokens, now: Date) throws {
        if let trap = form[Self.honeypotField], !trap.isEmpty { throw Refusal(Self.honeypotField, .automatedForm) }
        guard minimumFillTime > 0 else { return }
        guard let start = form[Self.startField].flatMap({ tokens.formStartTime($0) }) else {
            throw Refusal(Self.startField, .automatedForm)
        }
        let elapsed = now.timeIntervalSince(start)
        guard elapsed >= minimumFillTime, elapsed <= Self.maximumAge else { throw Refusal(Self.startField, .automatedForm) }
    }
}
