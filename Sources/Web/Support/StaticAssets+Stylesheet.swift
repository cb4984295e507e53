// The pages' stylesheet, compiled into the binary so that `parley` is one file to deploy.
// Edit it here; it is served as /static/parley.css.

extension StaticAssets {
    static let stylesheet = #"""
/* Parley: one stylesheet, no external fonts or images. Light and dark follow the system. */
:root {
  --bg: #ffffff; --fg: #1f2328; --muted: #5c6370; --line: #e3e5e8; --soft: #f5f6f7;
  --accent: #c2410c; --accent-fg: #ffffff; --danger: #b42318; --mark: #fff4e5; --focus: #2563eb;
  --radius: 8px; --measure: 42rem;
  color-scheme: light dark;
}
@media (prefers-color-scheme: dark) {
  :root { --bg: #16181b; --fg: #e8eaed; --muted: #a3a9b3; --line: #30343a; --soft: #1f2226;
          --accent: #fb923c; --accent-fg: #16181b; --danger: #f97066; --mark: #2d2416; --focus: #93c5fd; }
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: var(--bg); color: var(--fg); font: 17px/1.6 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", sans-serif; }
a { color: var(--accent); }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; border-radius: 4px; }
/* Hidden from the eye, read by screen readers. clip-path, not the deprecated clip: axe-core 3 takes a label clipped to rect(0 0 0 0) for a hidden one. */
.visually-hidden { position: absolute !important; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
.skip-link { position: absolute; left: -999px; top: 0; background: var(--bg); padding: .5rem 1rem; z-index: 10; }
.skip-link:focus { left: 1rem; }
.site-header { display: flex; align-items: center; justify-content: space-between; gap: 1rem; max-width: 60rem; margin: 0 auto; padding: .75rem 1.25rem; border-bottom: 1px solid var(--line); }
.site-name { font-weight: 700; font-size: 1.15rem; color: var(--fg); text-decoration: none; }
.account { display: flex; align-items: center; gap: .75rem; font-size: .95rem; }
.viewer { display: inline-flex; align-items: center; gap: .5rem; }
main { max-width: var(--measure); margin: 0 auto; padding: 1.5rem 1.25rem 2rem; }
main:focus { outline: none; }
h1, h2, h3 { line-height: 1.25; }
.avatar { border-radius: 50%; flex: none; background: var(--soft); object-fit: cover; }
.button, button.button { display: inline-block; background: var(--accent); color: var(--accent-fg); border: 0; border-radius: var(--radius); padding: .55rem 1.1rem; font: inherit; font-weight: 600; cursor: pointer; text-decoration: none; }
.button.secondary { background: transparent; color: var(--fg); border: 1px solid var(--line); }
.link-button { background: none; border: 0; padding: 0; color: var(--accent); font: inherit; cursor: pointer; text-decoration: underline; }
.empty { color: var(--muted); }
/* Home */
.publication-intro h1 { font-size: 2.2rem; margin: .5rem 0 .25rem; }
.publication-description { color: var(--muted); margin-top: 0; }
.post-list { list-style: none; padding: 0; margin: 0; }
.post-item { padding: 1.1rem 0; border-bottom: 1px solid var(--line); }
.post-link { color: var(--fg); text-decoration: none; }
.post-title { margin: 0 0 .25rem; font-size: 1.3rem; }
.post-subtitle { margin: 0 0 .35rem; color: var(--muted); }
.post-meta { margin: 0; font-size: .85rem; color: var(--muted); }
.post-meta a { color: inherit; }
/* Article */
.post-header h1 { font-size: 2.3rem; margin: .25rem 0 .4rem; }
.subtitle { font-size: 1.2rem; color: var(--muted); margin: 0 0 1rem; }
.byline { display: flex; align-items: center; gap: .6rem; font-size: .9rem; color: var(--muted); padding-bottom: 1rem; border-bottom: 1px solid var(--line); }
.byline-name { color: var(--fg); font-weight: 600; }
.post-body { font-size: 1.1rem; line-height: 1.7; }
.post-body img { max-width: 100%; }
.post-body pre { background: var(--soft); padding: 1rem; overflow-x: auto; border-radius: var(--radius); }
.post-body blockquote, .comment-body blockquote { margin: .5rem 0; padding-left: 1rem; border-left: 3px solid var(--line); color: var(--muted); }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .9em; background: var(--soft); padding: .1em .3em; border-radius: 4px; }
/* Discussion */
.discussion { margin-top: 2.5rem; padding-top: 1.5rem; border-top: 1px solid var(--line); }
.discussion h1, .discussion h2 { font-size: 1.35rem; margin: 0 0 1rem; }
.composer { display: flex; gap: .75rem; align-items: flex-start; margin-bottom: 1.5rem; }
.composer.signed-out { display: block; padding: 1rem; background: var(--soft); border-radius: var(--radius); }
.composer form { flex: 1; }
.comment-form textarea { width: 100%; min-height: 4.5rem; padding: .6rem .75rem; border: 1px solid var(--line); border-radius: var(--radius); background: var(--bg); color: var(--fg); font: inherit; resize: vertical; }
.comment-form textarea[aria-invalid="true"], input[aria-invalid="true"] { border-color: var(--danger); }
.form-actions { display: flex; justify-content: flex-end; gap: .5rem; margin-top: .5rem; }
.field-error { color: var(--danger); font-size: .9rem; margin: .35rem 0 0; }
.comment { display: flex; gap: .7rem; margin: 1.1rem 0; scroll-margin-top: 1rem; }
.comment.marked > .comment-main > .comment-content { background: var(--mark); border-radius: var(--radius); padding: .35rem .6rem; margin: -.35rem -.6rem; box-shadow: inset 3px 0 0 var(--accent); }
.comment-main { flex: 1; min-width: 0; }
.comment-meta { display: flex; flex-wrap: wrap; align-items: baseline; gap: .4rem; font-size: .9rem; }
.comment-author { font-weight: 600; }
.badge { font-size: .7rem; font-weight: 700; text-transform: uppercase; letter-spacing: .03em; color: var(--accent); border: 1px solid currentColor; border-radius: 999px; padding: 0 .45rem; }
.comment-time, .edited { color: var(--muted); text-decoration: none; }
.comment-body { overflow-wrap: anywhere; }
.comment-body p { margin: .25rem 0; }
.comment-actions { display: flex; align-items: center; flex-wrap: wrap; gap: 1rem; font-size: .85rem; color: var(--muted); }
.comment-actions a { color: var(--muted); text-decoration: none; }
.comment-actions a:hover { color: var(--fg); }
.like-form { display: inline; margin: 0; }
.like-button { display: inline-flex; align-items: center; gap: .3rem; background: none; border: 0; padding: .2rem .1rem; color: var(--muted); font: inherit; cursor: pointer; }
.like-button .heart { fill: none; stroke: currentColor; stroke-width: 2; }
.like-button[aria-pressed="true"] { color: #e11d48; }
.like-button[aria-pressed="true"] .heart { fill: currentColor; }
.comment-menu { position: relative; }
.comment-menu summary { list-style: none; cursor: pointer; padding: 0 .4rem; }
.comment-menu summary::-webkit-details-marker { display: none; }
.menu-items { position: absolute; right: 0; z-index: 5; display: flex; flex-direction: column; min-width: 8rem; background: var(--bg); border: 1px solid var(--line); border-radius: var(--radius); padding: .25rem; box-shadow: 0 4px 14px rgb(0 0 0 / .12); }
.menu-item { display: block; width: 100%; text-align: left; background: none; border: 0; padding: .4rem .6rem; font: inherit; color: var(--fg); cursor: pointer; }
.menu-item.danger { color: var(--danger); }
.menu-items form { margin: 0; }
.replies { border-left: 2px solid var(--line); padding-left: .9rem; margin-top: .25rem; }
.replies .comment { margin: .8rem 0; }
.replies .avatar { width: 26px; height: 26px; }
.comment.deleted .comment-deleted { color: var(--muted); font-style: italic; margin: .25rem 0; }
.more-replies, .more-comments { display: inline-block; margin: .35rem 0; font-weight: 600; font-size: .9rem; }
.more-comments { margin-top: .5rem; font-size: 1rem; }
.sort-switch { display: flex; gap: .75rem; align-items: center; font-size: .9rem; margin-bottom: 1rem; color: var(--muted); }
.sort-option { color: var(--muted); text-decoration: none; padding: .15rem .5rem; border-radius: 999px; }
.sort-option.selected { background: var(--soft); color: var(--fg); font-weight: 600; }
.comment-total, .focus-note { color: var(--muted); font-size: .9rem; }
.paging { display: flex; justify-content: space-between; margin-top: 1.5rem; }
.back { margin: 0 0 .5rem; font-size: .9rem; }
/* More from, subscribe */
.more-from { margin-top: 2.5rem; padding-top: 1.5rem; border-top: 1px solid var(--line); }
.more-from h2 { font-size: 1.35rem; }
.subscribe-footer { max-width: var(--measure); margin: 1rem auto 3rem; padding: 1.75rem 1.25rem; text-align: center; background: var(--soft); border-radius: var(--radius); }
.subscribe-footer h2 { margin: 0 0 .35rem; font-size: 1.5rem; }
.subscribe-form { display: flex; flex-wrap: wrap; justify-content: center; gap: .5rem; margin-top: 1rem; }
.subscribe-form input, .field input { padding: .55rem .75rem; border: 1px solid var(--line); border-radius: var(--radius); font: inherit; background: var(--bg); color: var(--fg); min-width: 0; }
.subscribe-form input { flex: 1 1 14rem; max-width: 22rem; }
.subscribe-form .field-error { flex-basis: 100%; }
.form-page { max-width: 26rem; }
.field { display: flex; flex-direction: column; gap: .3rem; margin-bottom: 1rem; }
.field label { font-weight: 600; font-size: .95rem; }
.notice { padding: .75rem 1rem; background: var(--soft); border-radius: var(--radius); }
/* Sign-in, settings and member pages */
.field textarea { padding: .55rem .75rem; border: 1px solid var(--line); border-radius: var(--radius); font: inherit; background: var(--bg); color: var(--fg); resize: vertical; }
.field textarea[aria-invalid="true"] { border-color: var(--danger); }
.hint { color: var(--muted); font-size: .95rem; }
.button.danger { background: var(--danger); }
.password-sign-in { margin-top: 1.5rem; border-top: 1px solid var(--line); padding-top: 1rem; }
.password-sign-in summary { cursor: pointer; color: var(--muted); }
.password-sign-in[open] summary { margin-bottom: 1rem; }
.settings > section { border-top: 1px solid var(--line); padding-top: .5rem; margin-top: 1.5rem; }
.check { display: flex; align-items: center; gap: .5rem; margin: .4rem 0; }
.check input { width: 1.1rem; height: 1.1rem; }
.inline-form { display: inline; }
.avatar.large { width: 64px; height: 64px; }
.avatar-row { display: flex; gap: 1.25rem; align-items: flex-start; flex-wrap: wrap; }
.followed { padding-left: 1.2rem; }
.member-header { display: flex; gap: 1rem; align-items: center; }
.member-header h1 { margin: 0; }
.member-comments { list-style: none; padding: 0; }
.member-comment { border-bottom: 1px solid var(--line); padding: .75rem 0; }
.member-comment-meta { color: var(--muted); font-size: .9rem; margin: 0 0 .25rem; }
.follow-form { margin: .5rem 0 1rem; }
.follow-button[aria-pressed="true"]::before { content: "✓ "; }
a.comment-author, a.byline-name, a.viewer-name { color: inherit; text-decoration: none; }
a.comment-author:hover, a.byline-name:hover, a.viewer-name:hover { text-decoration: underline; }
@media (max-width: 32rem) {
  body { font-size: 16px; }
  .post-header h1 { font-size: 1.8rem; }
  .replies { padding-left: .6rem; }
}
"""#
}
