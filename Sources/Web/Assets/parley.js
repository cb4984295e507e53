// Parley's page script: plain JavaScript, no dependencies. Every page works without it;
// it posts comments and likes without a reload, opens reply and edit boxes in place, opens
// "N more replies" and "N more comments..." in place, and keeps what the reader typed when
// the server refuses it.

const csrf = document.querySelector('meta[name="csrf-token"]')?.content ?? "";

async function send(form) {
  const response = await fetch(form.action, {
    method: "POST",
    body: new URLSearchParams(new FormData(form)),
    headers: { "Accept": "application/json", "X-CSRF-Token": csrf },
    credentials: "same-origin",
  });
  let data = {};
  try { data = await response.json(); } catch { /* an empty or non-JSON answer */ }
  return { response, data };
}

function showError(form, message) {
  let error = form.querySelector(".field-error");
  const field = form.querySelector("textarea, input[type=email]");
  if (!error) {
    error = document.createElement("p");
    error.className = "field-error";
    error.setAttribute("role", "alert");
    error.id = (form.id || "form") + "-error";
    (field?.parentNode === form ? field : form.lastElementChild).after(error);
  }
  error.textContent = message;
  if (field) {
    field.setAttribute("aria-invalid", "true");
    field.setAttribute("aria-describedby", error.id);
    field.focus();
  }
}

function clearError(form) {
  form.querySelector(".field-error")?.remove();
  form.querySelector("[aria-invalid]")?.removeAttribute("aria-invalid");
}

// The list of `card`'s replies, made (before its "N more replies") when it has none yet.
function repliesOf(card) {
  const main = card.querySelector(":scope > .comment-main");
  let replies = main.querySelector(":scope > .replies");
  if (!replies) {
    replies = document.createElement("div");
    replies.className = "replies";
    const fold = main.querySelector(":scope > .more-replies");
    fold ? fold.before(replies) : main.append(replies);
  }
  return replies;
}

function insertComment(html, parentId) {
  const template = document.createElement("template");
  template.innerHTML = html.trim();
  const card = template.content.firstElementChild;
  if (!card) return null;
  if (parentId) {
    const parent = document.getElementById("comment-" + parentId);
    if (parent?.querySelector(":scope > .comment-main")) {
      repliesOf(parent).append(card);
      return card;
    }
  }
  const discussion = document.querySelector(".discussion");
  let list = discussion?.querySelector(".comment-list");
  if (!list && discussion) {
    discussion.querySelector(".no-comments")?.remove();
    list = document.createElement("div");
    list.className = "comment-list";
    discussion.querySelector(".composer")?.after(list);
  }
  list?.prepend(card);
  return card;
}

async function submitComment(form) {
  const button = form.querySelector("button[type=submit]");
  button && (button.disabled = true);
  try {
    const { response, data } = await send(form);
    if (response.status === 201) {
      clearError(form);
      const card = insertComment(data.html, data.parentId);
      form.reset();
      if (form.classList.contains("inline-reply")) form.remove();
      card?.scrollIntoView({ block: "nearest" });
      card?.querySelector(".comment-body")?.setAttribute("tabindex", "-1");
    } else if (form.action.endsWith("/edit") && response.ok) {
      if (!showEdited(form, data.html)) {
        window.location.assign(form.querySelector(".button.secondary")?.href ?? window.location.href);
      }
    } else {
      showError(form, data.detail ?? document.body.dataset.postFailed);
    }
  } catch {
    showError(form, document.body.dataset.networkError);
  } finally {
    button && (button.disabled = false);
  }
}

async function toggleLike(form) {
  const button = form.querySelector(".like-button");
  try {
    const { response, data } = await send(form);
    if (response.status === 401) {
      window.location.assign("/sign-in?next=" + encodeURIComponent(window.location.pathname));
      return;
    }
    if (!response.ok) return;
    button.setAttribute("aria-pressed", data.liked ? "true" : "false");
    const count = button.querySelector(".like-count");
    if (count) count.textContent = String(data.count);
  } catch { /* leave the button as it was */ }
}

function openReply(link) {
  const id = link.dataset.replyTo;
  const existing = document.getElementById("reply-" + id);
  if (existing) { existing.querySelector("textarea")?.focus(); return true; }
  const template = document.getElementById("reply-template");
  const card = document.getElementById("comment-" + id);
  if (!template || !card) return false;
  const form = template.content.firstElementChild.cloneNode(true);
  form.id = "reply-" + id;
  form.classList.add("inline-reply");
  form.querySelector("input[name=parent_id]").value = id;
  const textarea = form.querySelector("textarea");
  textarea.id = "reply-" + id + "-body";
  form.querySelector("label")?.setAttribute("for", textarea.id);
  form.querySelector(".cancel-reply")?.addEventListener("click", () => form.remove());
  card.querySelector(":scope > .comment-main > .comment-content").after(form);
  textarea.focus();
  return true;
}

// In place: "N more replies", "N more comments..." and "More comments" open their slice in
// this page, and Edit opens its box in the card. Each fetches the server's own page for that
// slice (the link's href, which is also what a reader without JavaScript, or opening it in a
// new tab, gets) and takes its cards, so one renderer makes every card. The slices opened are
// kept in this history entry's state: coming Back to the page, or reloading it, opens them
// again and returns to where the reader was. The address stays the page's own, so Back still
// leaves the page, as readers expect, and every card keeps its permalink.

async function fetchPage(href) {
  const response = await fetch(href, { credentials: "same-origin", headers: { "Accept": "text/html" } });
  if (!response.ok) throw new Error(`${href}: ${response.status}`);
  return new DOMParser().parseFromString(await response.text(), "text/html");
}

const cardsIn = (element) => [...(element?.children ?? [])].filter((child) => child.matches("article.comment"));
const idOf = (card) => Number(card.dataset.commentId);

// Puts the replies of `fresh` (the same comment's card on a fetched page) under `card`. A reply
// already here stays, with anything the reader opened in it, and takes in its own replies; a new
// one goes among its siblings by id, which is their order (oldest first). The fold ("N more
// replies") becomes the fetched one, which continues where that slice ends.
function mergeReplies(card, fresh, added) {
  const freshMain = fresh.querySelector(":scope > .comment-main");
  const main = card.querySelector(":scope > .comment-main");
  if (!freshMain || !main) return;
  for (const reply of cardsIn(freshMain.querySelector(":scope > .replies"))) {
    const here = document.getElementById(reply.id);
    if (here) { mergeReplies(here, reply, added); continue; }
    const list = repliesOf(card);
    const later = cardsIn(list).find((sibling) => idOf(sibling) > idOf(reply));
    list.insertBefore(reply, later ?? null);
    added.push(reply);
  }
  main.querySelector(":scope > .more-replies")?.remove();
  const fold = freshMain.querySelector(":scope > .more-replies");
  if (fold) main.append(fold);
}

// Opens the slice behind `link` in place. Throws when the page could not be read.
async function expand(link, focus) {
  const href = link.getAttribute("href");
  const page = await fetchPage(href);
  const added = [];
  let next = null;
  if (link.matches(".more-replies")) {
    const card = link.closest("article.comment");
    const fresh = card && page.getElementById(card.id);
    if (!fresh) throw new Error(`${href}: no ${card?.id}`);
    mergeReplies(card, fresh, added);
    next = card.querySelector(":scope > .comment-main > .more-replies");
  } else {
    // A page of root comments: roots already here take in their replies, new ones follow.
    const discussion = link.closest(".discussion");
    let list = discussion.querySelector(".comment-list");
    if (!list) {
      list = document.createElement("div");
      list.className = "comment-list";
      link.before(list);
    }
    for (const root of cardsIn(page.querySelector(".discussion .comment-list"))) {
      const here = document.getElementById(root.id);
      if (here) { mergeReplies(here, root, added); continue; }
      list.append(root);
      added.push(root);
    }
    // The fetched page's "More comments" continues from there, in the place of the link used.
    next = page.querySelector(".discussion a.next-page");
    next ? link.replaceWith(next) : link.remove();
  }
  remember(href);
  if (!focus) return;
  // The link is gone: the reader goes on from the first comment it brought.
  const first = added[0];
  if (first) {
    first.setAttribute("tabindex", "-1");
    first.focus();
  } else {
    next?.focus();
  }
}

const opened = [...(history.state?.parleyOpened ?? [])];

function remember(href) {
  opened.push(href);
  // Restored by this script once the slices are open again, not by the browser before.
  history.scrollRestoration = "manual";
  history.replaceState({ ...history.state, parleyOpened: [...opened], parleyScroll: window.scrollY }, "");
}

let scrollTimer = 0;
window.addEventListener("scroll", () => {
  if (!opened.length) return;
  clearTimeout(scrollTimer);
  scrollTimer = setTimeout(() => history.replaceState({ ...history.state, parleyScroll: window.scrollY }, ""), 200);
}, { passive: true });

// Back to this page (or a reload): open again, in order, the slices the reader had opened.
async function reopen() {
  const scroll = history.state?.parleyScroll;
  for (const href of opened.splice(0)) {
    const link = [...document.querySelectorAll("a.more-replies, a.more-comments, a.next-page")]
      .find((candidate) => candidate.getAttribute("href") === href);
    if (!link) continue;   // the discussion moved on since: that slice is not offered any more
    try { await expand(link, false); } catch { break; }
  }
  if (typeof scroll === "number") window.scrollTo(0, scroll);
  return typeof scroll === "number";
}

// Edit: the author's box from the edit page, in the card instead of the comment's text.
async function openEdit(link) {
  const card = link.closest("article.comment");
  const content = card?.querySelector(":scope > .comment-main > .comment-content");
  if (!content) throw new Error("no card");
  const existing = document.getElementById("edit-" + card.dataset.commentId);
  if (existing) { existing.querySelector("textarea")?.focus(); return; }
  const form = (await fetchPage(link.getAttribute("href"))).querySelector("form.comment-form");
  if (!form) throw new Error("no edit form");
  form.classList.add("inline-edit");
  const cancel = form.querySelector("a.button.secondary");
  if (cancel) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "button secondary cancel-edit";
    button.textContent = cancel.textContent;
    cancel.replaceWith(button);
  }
  content.querySelector("details.comment-menu")?.removeAttribute("open");
  content.hidden = true;
  content.after(form);
  const textarea = form.querySelector("textarea");
  textarea?.focus();
  textarea?.setSelectionRange(textarea.value.length, textarea.value.length);
}

function closeEdit(form) {
  const content = form.previousElementSibling;
  form.remove();
  if (content?.matches(".comment-content")) {
    content.hidden = false;
    content.querySelector("details.comment-menu > summary")?.focus();
  }
}

// An inline edit saved: the card shows the new text (and state, if the edit was held).
function showEdited(form, html) {
  if (!form.matches(".inline-edit") || !html) return false;
  const card = form.closest("article.comment");
  const template = document.createElement("template");
  template.innerHTML = html.trim();
  const fresh = template.content.firstElementChild?.querySelector(":scope > .comment-main > .comment-content");
  const content = form.previousElementSibling;
  if (!card || !fresh || !content?.matches(".comment-content")) return false;
  const marked = card.classList.contains("marked");
  card.className = template.content.firstElementChild.className;
  card.classList.toggle("marked", marked);
  content.replaceWith(fresh);
  form.remove();
  const body = fresh.querySelector(".comment-body");
  body?.setAttribute("tabindex", "-1");
  body?.focus();
  return true;
}

// A plain click: a click with a modifier key or another button opens the link as it is.
const plainClick = (event) => event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey;

async function followInPlace(link, work) {
  if (link.getAttribute("aria-busy") === "true") return;
  link.setAttribute("aria-busy", "true");
  try {
    await work();
  } catch {
    window.location.assign(link.href);   // the page itself, as without JavaScript
  } finally {
    link.removeAttribute("aria-busy");
  }
}

document.addEventListener("submit", (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement)) return;
  if (form.matches(".delete-form, .moderation-form[data-confirm]")) {
    if (!window.confirm(form.dataset.confirm ?? "Delete?")) event.preventDefault();
    return;
  }
  if (form.matches(".comment-form")) { event.preventDefault(); submitComment(form); }
  else if (form.matches(".like-form")) { event.preventDefault(); toggleLike(form); }
});

document.addEventListener("click", (event) => {
  const link = event.target.closest?.("a.reply-link");
  if (link && openReply(link)) { event.preventDefault(); return; }
  if (event.target.closest?.(".inline-edit .cancel-edit")) { closeEdit(event.target.closest("form")); return; }
  if (!plainClick(event)) return;
  const slice = event.target.closest?.(".discussion a.more-replies, .discussion a.more-comments, .discussion a.next-page");
  if (slice) { event.preventDefault(); followInPlace(slice, () => expand(slice, true)); return; }
  const edit = event.target.closest?.(".discussion a.edit-link");
  if (edit) { event.preventDefault(); followInPlace(edit, () => openEdit(edit)); }
});

document.addEventListener("keydown", (event) => {
  const form = event.key === "Escape" && event.target.closest?.("form.inline-edit");
  if (form) closeEdit(form);
});

reopen().then((scrolled) => {
  // "/p/SLUG/comments#comment-ID" for a comment not on this page (a later page, or folded):
  // open the comment's own page, where it is always shown.
  const wanted = /^#comment-(\d+)$/.exec(window.location.hash);
  const slug = document.querySelector(".discussion")?.dataset.postSlug;
  if (wanted && slug && !document.getElementById("comment-" + wanted[1])) {
    window.location.replace(`/p/${slug}/comment/${wanted[1]}#comment-${wanted[1]}`);
    return;
  }
  // A permalink's target: bring it into view once the page has laid out.
  const marked = document.querySelector(".comment.marked");
  if (!scrolled && marked && !window.location.hash.startsWith("#reply")) marked.scrollIntoView({ block: "center" });
});
