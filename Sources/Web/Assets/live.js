// Live updates of a discussion (docs/LIVE.md): plain JavaScript, no dependencies. New comments
// wait behind a "N new comments" button, so the page never moves under the reader; edits,
// deletions and like counts change in place. Without JavaScript (or EventSource) the page is
// as it was rendered, and a reload shows what changed.

const section = document.querySelector(".discussion[data-live-url]");
if (section && "EventSource" in window) listen(section);

function listen(section) {
  const base = section.dataset.liveUrl;
  const url = new URL(base, window.location.href);
  url.searchParams.set("since", section.dataset.liveSince ?? "");
  // Comments heard but not yet shown, in arrival order: id -> parent id (or null).
  const waiting = new Map();
  let button = null;
  let notice = null;

  const card = (id) => document.getElementById("comment-" + id);
  const read = (event) => { try { return JSON.parse(event.data); } catch { return null; } };
  const statusOf = (element) =>
    element.classList.contains("held") ? "held" : element.classList.contains("removed") ? "removed" : "visible";

  function showButton() {
    for (const id of [...waiting.keys()]) if (card(id)) waiting.delete(id);
    if (waiting.size === 0) { button?.remove(); button = null; return; }
    if (!button) {
      button = document.createElement("button");
      button.type = "button";
      button.className = "button secondary live-new";
      button.addEventListener("click", showWaiting);
      const list = section.querySelector(".comment-list") ?? section.querySelector(".no-comments");
      list ? list.before(button) : section.append(button);
    }
    const n = waiting.size;
    button.textContent = n === 1 ? section.dataset.liveOne : section.dataset.liveMany.replace("{n}", String(n));
  }

  // The cards as the server renders them for this reader, so one renderer makes every card.
  async function cards(ids) {
    const found = new Map();
    for (let start = 0; start < ids.length; start += 50) {
      const response = await fetch(`${base}/cards?ids=${ids.slice(start, start + 50).join(",")}`, { credentials: "same-origin" });
      if (!response.ok) continue;
      const template = document.createElement("template");
      template.innerHTML = await response.text();
      for (const element of template.content.querySelectorAll("article.comment")) found.set(element.dataset.commentId, element);
    }
    return found;
  }

  function place(element, parentId) {
    if (parentId) {
      const main = card(parentId)?.querySelector(":scope > .comment-main");
      if (!main) return false;
      let replies = main.querySelector(":scope > .replies");
      if (!replies) {
        replies = document.createElement("div");
        replies.className = "replies";
        const fold = main.querySelector(":scope > .more-replies");
        fold ? fold.before(replies) : main.append(replies);
      }
      replies.append(element);
      return true;
    }
    let list = section.querySelector(".comment-list");
    if (!list) {
      section.querySelector(".no-comments")?.remove();
      list = document.createElement("div");
      list.className = "comment-list";
      (button ?? section.lastElementChild).after(list);
    }
    list.prepend(element);
    return true;
  }

  async function showWaiting() {
    const entries = [...waiting.entries()].filter(([id]) => !card(id));
    waiting.clear();
    let first = null;
    try {
      const found = await cards(entries.map(([id]) => id));
      // Parents before their replies: arrival order already puts them first.
      for (const [id, parentId] of entries) {
        const element = found.get(String(id));
        if (element && !card(id) && place(element, parentId)) first ??= element;
      }
    } catch { /* the reader can reload */ }
    showButton();
    // The button is gone: keep the keyboard where the new comments begin.
    if (first) {
      first.setAttribute("tabindex", "-1");
      first.focus({ preventScroll: false });
    }
  }

  // Replaces a shown card by the server's current one, keeping the replies under it.
  async function refresh(id) {
    const old = card(id);
    if (!old) return;
    try {
      const fresh = (await cards([id])).get(String(id));
      if (!fresh || !old.isConnected) return;
      const main = fresh.querySelector(":scope > .comment-main");
      for (const kept of old.querySelectorAll(":scope > .comment-main > .replies, :scope > .comment-main > .more-replies")) main?.append(kept);
      old.replaceWith(fresh);
    } catch { /* stays as it was */ }
  }

  function placeholder(element, hidden) {
    const replies = element.querySelector(":scope > .comment-main > .replies");
    const fold = element.querySelector(":scope > .comment-main > .more-replies");
    const text = document.createElement("p");
    text.className = "comment-deleted";
    text.textContent = hidden ? section.dataset.liveHidden : section.dataset.liveDeleted;
    const content = document.createElement("div");
    content.className = "comment-content";
    content.append(text);
    const main = document.createElement("div");
    main.className = "comment-main";
    main.append(content);
    if (replies) main.append(replies);
    if (fold) main.append(fold);
    element.className = "comment deleted";
    element.replaceChildren(main);
  }

  // The reader's own comment, posted by the page script, may be heard before its card is in:
  // once it is, it no longer waits behind the button.
  new MutationObserver(() => {
    if ([...waiting.keys()].some(card)) showButton();
  }).observe(section, { childList: true, subtree: true });

  const source = new EventSource(url);

  source.addEventListener("comment", (event) => {
    const data = read(event);
    if (!data || card(data.comment)) return;
    // A reply whose parent is not on this page has nowhere to go here.
    if (data.parent && !card(data.parent) && !waiting.has(data.parent)) return;
    waiting.set(data.comment, data.parent);
    showButton();
  });

  source.addEventListener("approve", (event) => {
    const data = read(event);
    if (!data) return;
    if (card(data.comment)) { refresh(data.comment); return; }
    if (data.parent && !card(data.parent) && !waiting.has(data.parent)) return;
    waiting.set(data.comment, data.parent);
    showButton();
  });

  source.addEventListener("edit", (event) => {
    const data = read(event);
    const element = data && card(data.comment);
    if (!element || element.classList.contains("deleted")) return;
    const body = element.querySelector(":scope > .comment-main > .comment-content .comment-body");
    if (statusOf(element) !== data.status || (data.edited && !element.querySelector(":scope > .comment-main > .comment-content .edited")) || !body) {
      refresh(data.comment);
    } else if (typeof data.html === "string") {
      // The stored rendering: escaped, then formatted, when it was written.
      body.innerHTML = data.html;
    }
  });

  source.addEventListener("delete", (event) => {
    const data = read(event);
    if (!data) return;
    if (waiting.delete(data.comment)) showButton();
    const element = card(data.comment);
    if (!element) return;
    if (data.placeholder) placeholder(element, data.hidden);
    else element.remove();
  });

  source.addEventListener("likes", (event) => {
    const data = read(event);
    const count = data && card(data.comment)?.querySelector(":scope > .comment-main > .comment-content .like-count");
    if (count && Number.isInteger(data.count)) count.textContent = String(data.count);
  });

  source.addEventListener("reset", () => {
    // Events were missed while away: say so, once, with the way to catch up.
    if (notice) return;
    notice = document.createElement("p");
    notice.className = "live-notice";
    notice.setAttribute("role", "status");
    const link = document.createElement("a");
    link.href = window.location.pathname + window.location.search + "#discussion";
    link.textContent = section.dataset.liveReset;
    link.addEventListener("click", (click) => { click.preventDefault(); window.location.reload(); });
    notice.append(link);
    section.querySelector("h2")?.after(notice);
  });
}
