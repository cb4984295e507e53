// Parley's embed: a whole discussion drawn into <div id="parley-thread"></div> on another site's
// page, from the JSON API (/api/v1), with live updates from the discussion's event stream.
// Plain JavaScript, no dependencies, nothing inline, so a host page's CSP that allows only
// Parley's origin is enough (script-src, style-src, img-src and connect-src of that origin).
//
// The server serves this file as the body of a function, after the words it shows (TEXT, from
// the catalogue's EmbedText) and its stylesheet's address (STYLE): see EmbedScript.swift.
//
// Signing in opens Parley in a popup (first-party there, so no third-party cookie is needed);
// its last page hands this script an API token by postMessage, kept in this site's
// localStorage and sent as a bearer token. The embed never sends Parley's cookies.

const script = document.currentScript;
const base = new URL(script.src).origin;
const mount = document.getElementById("parley-thread");
const tokenKey = "parley-token:" + base;
let session = null;
try { session = JSON.parse(localStorage.getItem(tokenKey)); } catch { /* storage refused or empty */ }

// Requests ------------------------------------------------------------------------------------

async function api(path, { method = "GET", body } = {}) {
  const headers = { Accept: "application/json" };
  if (body) headers["Content-Type"] = "application/json";
  if (session) headers.Authorization = "Bearer " + session.token;
  const response = await fetch(base + "/api/v1" + path, {
    method, headers, body: body && JSON.stringify(body), credentials: "omit", mode: "cors",
  });
  let data = null;
  try { data = await response.json(); } catch { /* no body */ }
  if (response.status === 401 && session) { forget(); }
  if (!response.ok) {
    const error = new Error(data?.errors?.[0]?.detail ?? data?.detail ?? TEXT.loadFailed);
    error.status = response.status;
    throw error;
  }
  return data;
}

// Elements ------------------------------------------------------------------------------------

function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value == null) continue;
    if (name.startsWith("on")) element.addEventListener(name.slice(2), value);
    else if (name === "text") element.textContent = value;
    else element.setAttribute(name, value === true ? "" : value);
  }
  element.append(...children.filter((child) => child != null));
  return element;
}

function button(label, onclick, className = "parley-link") {
  return el("button", { type: "button", class: className, onclick, text: label });
}

// Says `message` in the status line (read out by screen readers), for a while.
let quiet = 0;
function announce(message) {
  status.textContent = "";
  clearTimeout(quiet);
  setTimeout(() => { status.textContent = message; }, 50);
  quiet = setTimeout(() => { status.textContent = ""; }, 10000);
}

function showError(form, message) {
  let error = form.querySelector(".parley-error");
  if (!error) {
    error = el("p", { class: "parley-error", role: "alert", id: "parley-error-" + Math.random().toString(36).slice(2) });
    form.append(error);
  }
  error.textContent = message;
  const field = form.querySelector("textarea, select");
  field?.setAttribute("aria-invalid", "true");
  field?.setAttribute("aria-describedby", error.id);
  field?.focus();
}

// "1 more reply", "3 more replies": the words' own forms for one and for more.
function counted(count, one, many) {
  return count === 1 ? one : many.replace("{n}", count);
}

function relative(date) {
  const seconds = Math.max(0, (Date.now() - date.getTime()) / 1000);
  for (const [unit, size] of [["y", 31536000], ["mo", 2592000], ["d", 86400], ["h", 3600], ["m", 60]]) {
    if (seconds >= size) return Math.floor(seconds / size) + unit;
  }
  return TEXT.justNow;
}

// State ---------------------------------------------------------------------------------------

const pageURL = (() => {
  const named = script.dataset.parleyUrl ?? mount?.dataset.parleyUrl;
  const canonical = document.querySelector('link[rel="canonical"]')?.href;
  const url = new URL(named || canonical || location.href, location.href);
  url.hash = "";
  return url.href;
})();
let discussion = null;
let sort = "top";
let next = null;
let shown = 0;
const fresh = new Set();
const pending = [];
let root, list, composerSlot, accountSlot, moreSlot, newButton, status, heading;

function forget() {
  session = null;
  try { localStorage.removeItem(tokenKey); } catch { /* nothing kept */ }
  drawAccount();
}

// The theme: light, dark, or (auto) the host page's own, read from the first background
// behind the thread that is not transparent, or the reader's preference when there is none.
function theme() {
  const wanted = script.dataset.parleyTheme ?? mount.dataset.parleyTheme ?? "auto";
  if (wanted === "light" || wanted === "dark") return wanted;
  for (let node = mount; node && node.nodeType === 1; node = node.parentElement) {
    const match = getComputedStyle(node).backgroundColor.match(/[\d.]+/g);
    if (match && (match.length < 4 || Number(match[3]) > 0.5)) {
      const [r, g, b] = match.map(Number);
      return 0.2126 * r + 0.7152 * g + 0.0722 * b < 128 ? "dark" : "light";
    }
  }
  return matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
}

// Drawing -------------------------------------------------------------------------------------

function draw() {
  mount.textContent = "";
  status = el("p", { class: "parley-status", role: "status", "aria-live": "polite" });
  heading = el("h2", { class: "parley-heading", id: "parley-heading" });
  const sorter = el("select", { id: "parley-sort", onchange: (event) => { sort = event.target.value; load(); } },
    ...[["top", TEXT.sortTop], ["new", TEXT.sortNewest], ["old", TEXT.sortOldest]].map(([value, label]) =>
      el("option", { value, selected: value === sort, text: label })));
  accountSlot = el("div", { class: "parley-account" });
  composerSlot = el("div");
  newButton = button("", showPending, "parley-button parley-new");
  newButton.hidden = true;
  list = el("ol", { class: "parley-list", "aria-labelledby": "parley-heading" });
  moreSlot = el("div");
  root = el("section", { class: "parley-embed", "data-theme": theme(), "aria-labelledby": "parley-heading" },
    el("div", { class: "parley-top" }, heading,
      el("span", { class: "parley-sort" }, el("label", { for: "parley-sort", text: TEXT.sortLabel }), sorter)),
    accountSlot, composerSlot, newButton, list, moreSlot, status,
    el("p", { class: "parley-by" }, TEXT.poweredBy + " ", el("a", { href: base, text: new URL(base).host })));
  mount.append(root);
  drawAccount();
}

function drawHeading() {
  heading.textContent = TEXT.heading + (discussion?.commentCount ? ` (${discussion.commentCount})` : "");
}

function drawAccount() {
  if (!accountSlot) return;
  accountSlot.textContent = "";
  if (session) {
    accountSlot.append(el("span", { text: TEXT.signedInAs + " " }), el("strong", { text: session.name }), " ",
      button(TEXT.signOutButton, () => { forget(); announce(TEXT.signOutButton); }));
  } else {
    accountSlot.append(el("span", { text: TEXT.signInToComment + " " }), button(TEXT.signInButton, signIn, "parley-button"));
  }
  composerSlot.textContent = "";
  if (discussion?.discussion === "closed") composerSlot.append(el("p", { class: "parley-notice", text: TEXT.closed }));
  else if (session) composerSlot.append(composer(null));
  for (const card of list.querySelectorAll(".parley-comment")) drawActions(card, card.comment);
}

function composer(parent) {
  const id = "parley-body-" + (parent ? parent.id : "new");
  const textarea = el("textarea", { id, name: "body", rows: parent ? 3 : 4, maxlength: 20000, required: true });
  const form = el("form", { class: "parley-composer", novalidate: true },
    el("label", { for: id, class: parent ? "parley-hidden" : null, text: parent ? TEXT.replyLabel : TEXT.composerLabel }),
    textarea,
    el("div", { class: "parley-actions" },
      el("button", { type: "submit", class: "parley-button", text: parent ? TEXT.replyButton : TEXT.postButton }),
      parent && button(TEXT.cancelButton, () => { form.remove(); parent.card.querySelector(".parley-reply")?.focus(); })));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const submit = form.querySelector("[type=submit]");
    submit.disabled = true;
    try {
      const comment = await api("/pages/comments", {
        method: "POST",
        body: { url: pageURL, title: document.title.slice(0, 200), body: textarea.value, parentId: parent?.id ?? null },
      });
      textarea.value = "";
      form.querySelector(".parley-error")?.remove();
      textarea.removeAttribute("aria-invalid");
      if (!discussion.postId) { discussion.postId = comment.postId; listen(); }
      if (comment.status === "visible") discussion.commentCount += 1;
      drawHeading();
      if (parent) form.remove();
      const card = insert(comment, parent?.id ?? null, true);
      announce(comment.status === "held" ? TEXT.heldNotice : TEXT.posted);
      card.focus();
    } catch (error) {
      showError(form, error.message);
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}

function card(comment) {
  const author = comment.author;
  const created = new Date(comment.createdAt);
  const body = el("div", { class: "parley-body" });
  body.innerHTML = comment.html; // rendered by the server when written: escaped first, then formatted
  const item = el("li", { class: "parley-comment", id: "parley-comment-" + comment.id, tabindex: "-1" },
    el("div", { class: "parley-meta" },
      author ? el("img", { class: "parley-avatar", src: new URL(author.avatarUrl, base).href, alt: author.name + "'s avatar", width: 32, height: 32 }) : null,
      author ? el("a", { class: "parley-name", href: new URL(author.url, base).href, text: author.name }) : null,
      ...(author?.badges ?? []).map((badge) => el("span", { class: "parley-badge", text: TEXT[badge + "Badge"] ?? badge })),
      el("a", { class: "parley-time", href: new URL(comment.url, base).href, title: created.toLocaleString() },
        el("time", { datetime: comment.createdAt, text: relative(created) })),
      comment.editedAt ? el("span", { class: "parley-edited", text: TEXT.edited }) : null),
    body,
    el("div", { class: "parley-actions" }),
    el("ol", { class: "parley-replies" }));
  item.comment = comment;
  // A placeholder: deleted by its author, or hidden from this reader while replies hold its place.
  if (!author) body.textContent = comment.status === "deleted" ? TEXT.commentDeleted : TEXT.commentHidden;
  else if (comment.status === "held") item.insertBefore(el("p", { class: "parley-notice", text: TEXT.heldNotice }), body);
  comment.card = item;
  drawActions(item, comment);
  for (const reply of comment.replies ?? []) item.lastChild.append(card(reply));
  if (comment.moreReplies > 0) item.append(moreReplies(comment, comment.moreReplies));
  shown += 1 + countReplies(comment);
  fresh.add(comment.id);
  return item;
}

function countReplies(comment) {
  return (comment.replies ?? []).reduce((sum, reply) => sum + 1 + countReplies(reply), 0);
}

function drawActions(item, comment) {
  const actions = item.querySelector(":scope > .parley-actions");
  actions.textContent = "";
  if (comment.status === "deleted" || !comment.author) return;
  const like = el("button", {
    type: "button", class: "parley-like", "aria-pressed": String(comment.liked), disabled: !session,
    "aria-label": (comment.liked ? TEXT.unlike : TEXT.like) + " (" + comment.likeCount + ")",
    title: session ? null : TEXT.signInToComment,
  }, el("span", { "aria-hidden": "true", text: "♥ " }), el("span", { class: "parley-count", text: String(comment.likeCount) }));
  like.addEventListener("click", () => toggleLike(comment, like));
  actions.append(like);
  if (session && discussion?.discussion !== "closed") {
    actions.append(el("button", { type: "button", class: "parley-link parley-reply", text: TEXT.replyButton, onclick: () => openReply(comment) }));
  }
  if (session && !comment.mine) actions.append(button(TEXT.report, () => openReport(comment)));
  actions.append(el("a", { class: "parley-link", href: new URL(comment.url, base).href, text: TEXT.permalink }));
}

function setLikes(comment, count, liked = comment.liked) {
  comment.likeCount = count;
  comment.liked = liked;
  if (comment.card) drawActions(comment.card, comment);
}

async function toggleLike(comment, like) {
  like.disabled = true;
  try {
    const state = await api(`/comments/${comment.id}/like`, { method: comment.liked ? "DELETE" : "PUT" });
    setLikes(comment, state.count, state.liked);
    comment.card.querySelector(".parley-like")?.focus();
  } catch (error) {
    announce(error.message);
    like.disabled = false;
  }
}

function openReply(comment) {
  const existing = comment.card.querySelector(":scope > .parley-composer");
  if (existing) { existing.querySelector("textarea").focus(); return; }
  const form = composer({ id: comment.id, card: comment.card });
  comment.card.querySelector(":scope > .parley-actions").after(form);
  form.querySelector("textarea").focus();
}

function openReport(comment) {
  if (comment.card.querySelector(":scope > .parley-report")) return;
  const id = "parley-report-" + comment.id;
  const select = el("select", { id, name: "reason" },
    ...[["spam", TEXT.reportSpam], ["abuse", TEXT.reportAbuse], ["off_topic", TEXT.reportOff]].map(([value, label]) => el("option", { value, text: label })));
  const form = el("form", { class: "parley-report" },
    el("label", { for: id, text: TEXT.reportReasonLabel }), select,
    el("div", { class: "parley-actions" }, el("button", { type: "submit", class: "parley-button", text: TEXT.reportSend }),
      button(TEXT.cancelButton, () => form.remove())));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    try {
      await api(`/comments/${comment.id}/reports`, { method: "POST", body: { reason: select.value } });
      form.replaceWith(el("p", { class: "parley-notice", role: "status", text: TEXT.reported }));
    } catch (error) {
      showError(form, error.message);
    }
  });
  comment.card.querySelector(":scope > .parley-actions").after(form);
  select.focus();
}

function moreReplies(comment, count) {
  let cursor = null;
  const more = button(counted(count, TEXT.moreReply, TEXT.moreReplies), async () => {
    more.disabled = true;
    try {
      const page = await api(`/comments/${comment.id}/replies?limit=50` + (cursor ? "&cursor=" + encodeURIComponent(cursor) : ""));
      const replies = comment.card.querySelector(":scope > .parley-replies");
      for (const reply of page.comments) if (!document.getElementById("parley-comment-" + reply.id)) replies.append(card(reply));
      cursor = page.next;
      if (cursor) more.disabled = false;
      else more.remove();
      replies.lastElementChild?.focus();
    } catch (error) {
      announce(error.message);
      more.disabled = false;
    }
  }, "parley-link parley-more");
  return more;
}

function insert(comment, parentId, mine) {
  const existing = document.getElementById("parley-comment-" + comment.id);
  if (existing) return existing;
  const item = card(comment);
  const parent = parentId && document.getElementById("parley-comment-" + parentId);
  if (parent) parent.querySelector(":scope > .parley-replies").append(item);
  else if (mine || sort === "new") list.prepend(item);
  else list.append(item);
  list.querySelector(".parley-empty")?.remove();
  return item;
}

function drawMore() {
  moreSlot.textContent = "";
  if (!next) return;
  const remaining = Math.max(0, discussion.commentCount - shown);
  moreSlot.append(button(counted(remaining, TEXT.moreComment, TEXT.moreComments), async (event) => {
    event.target.disabled = true;
    await page();
  }, "parley-button parley-more"));
}

// Loading -------------------------------------------------------------------------------------

async function page() {
  const path = `/discussions/${discussion.postId}/comments?sort=${sort}&limit=20` + (next ? "&cursor=" + encodeURIComponent(next) : "");
  try {
    const data = await api(path);
    const first = !next;
    for (const comment of data.comments) if (!document.getElementById("parley-comment-" + comment.id)) list.append(card(comment));
    next = data.next;
    if (!first) list.lastElementChild?.focus();
  } catch (error) {
    announce(error.message);
  }
  drawMore();
}

async function load() {
  list.textContent = "";
  shown = 0;
  next = null;
  fresh.clear();
  if (!discussion.postId) {
    list.append(el("li", { class: "parley-empty", text: TEXT.noComments }));
    return;
  }
  await page();
  if (!list.children.length) list.append(el("li", { class: "parley-empty", text: TEXT.noComments }));
}

// Live updates (docs/LIVE.md) -------------------------------------------------------------------

let stream = null;

function listen() {
  if (stream || !discussion.liveUrl && !discussion.postId || typeof EventSource === "undefined") return;
  stream = new EventSource(new URL(discussion.liveUrl ?? "/live/" + discussion.postId, base).href);
  const read = (handler) => (event) => { try { handler(JSON.parse(event.data)); } catch { /* not ours */ } };
  stream.addEventListener("comment", read((data) => {
    if (data.status !== "visible" || fresh.has(data.comment) || pending.some((p) => p.comment === data.comment)) return;
    pending.push(data);
    showNew();
  }));
  stream.addEventListener("approve", read((data) => {
    if (fresh.has(data.comment)) return;
    pending.push(data);
    showNew();
  }));
  stream.addEventListener("likes", read((data) => {
    const item = document.getElementById("parley-comment-" + data.comment);
    if (item) setLikes(item.comment, data.count);
  }));
  stream.addEventListener("edit", read((data) => {
    const item = document.getElementById("parley-comment-" + data.comment);
    if (!item || typeof data.html !== "string") return;
    item.querySelector(":scope > .parley-body").innerHTML = data.html; // sanitised by the server
    if (data.edited && !item.querySelector(".parley-edited")) item.querySelector(".parley-meta").append(el("span", { class: "parley-edited", text: TEXT.edited }));
  }));
  stream.addEventListener("delete", read((data) => {
    const item = document.getElementById("parley-comment-" + data.comment);
    if (!item) return;
    if (data.placeholder) {
      item.comment.status = "deleted";
      item.querySelector(":scope > .parley-body").textContent = TEXT.commentDeleted;
      drawActions(item, item.comment);
    } else {
      item.remove();
    }
  }));
  stream.addEventListener("reset", () => load());
}

function showNew() {
  newButton.textContent = counted(pending.length, TEXT.newComment, TEXT.newComments);
  newButton.hidden = false;
}

// The new comments arrive only when the reader asks, so nothing moves under their eyes.
async function showPending() {
  const taken = pending.splice(0);
  newButton.hidden = true;
  let last = null;
  for (const data of taken) {
    if (fresh.has(data.comment)) continue;
    try {
      const found = await api(`/comments/${data.comment}`);
      const comment = found.comment ?? found;
      discussion.commentCount += 1;
      last = insert(comment, comment.parentId, true);
    } catch { /* deleted meanwhile */ }
  }
  drawHeading();
  last?.focus();
}

// Signing in ----------------------------------------------------------------------------------

function signIn() {
  const popup = window.open(`${base}/embed/sign-in?origin=${encodeURIComponent(location.origin)}`, "parley-sign-in", "popup,width=520,height=680");
  if (!popup) announce(TEXT.popupBlocked);
}

window.addEventListener("message", (event) => {
  if (event.origin !== base || event.data?.parley !== "signed-in" || typeof event.data.token !== "string") return;
  session = { token: event.data.token, name: String(event.data.name ?? "") };
  try { localStorage.setItem(tokenKey, JSON.stringify(session)); } catch { /* kept for this visit only */ }
  drawAccount();
  load();
  announce(TEXT.signedInAs + " " + session.name);
});

// Counts: any element with data-parley-count="URL" on the page gets its discussion's count.
async function counts() {
  const elements = [...document.querySelectorAll("[data-parley-count]")];
  const urls = [...new Set(elements.map((element) => new URL(element.dataset.parleyCount, location.href).href))].slice(0, 100);
  if (!urls.length) return;
  try {
    const data = await api("/counts", { method: "POST", body: { urls } });
    for (const element of elements) {
      const count = data.counts[urls.indexOf(new URL(element.dataset.parleyCount, location.href).href)];
      if (count !== undefined) element.textContent = String(count);
    }
  } catch { /* the elements keep their text */ }
}

async function start() {
  if (!mount) return;
  const style = el("link", { rel: "stylesheet", href: base + STYLE });
  document.head.append(style);
  draw();
  // The host page's own styles may arrive after this script, and its reader may switch schemes.
  const retheme = () => { root.dataset.theme = theme(); };
  if (document.readyState !== "complete") window.addEventListener("load", retheme);
  matchMedia("(prefers-color-scheme: dark)").addEventListener?.("change", retheme);
  heading.textContent = TEXT.heading;
  status.textContent = TEXT.loading;
  try {
    discussion = await api("/pages?url=" + encodeURIComponent(pageURL));
    status.textContent = "";
    drawHeading();
    drawAccount();
    // The stream first, then the discussion: an event that arrives meanwhile is kept, and one
    // for a comment already shown is ignored (docs/LIVE.md, "For the embed").
    if (discussion.postId) listen();
    await load();
  } catch (error) {
    status.textContent = error.status === 403 ? error.message : TEXT.loadFailed;
  }
}

counts();
start();
