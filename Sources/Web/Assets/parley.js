// Parley's page script: plain JavaScript, no dependencies. Every page works without it;
// it posts comments and likes without a reload, opens reply boxes in place, and keeps what
// the reader typed when the server refuses it.

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

function insertComment(html, parentId) {
  const template = document.createElement("template");
  template.innerHTML = html.trim();
  const card = template.content.firstElementChild;
  if (!card) return null;
  if (parentId) {
    const parent = document.getElementById("comment-" + parentId);
    const main = parent?.querySelector(":scope > .comment-main");
    if (main) {
      let replies = main.querySelector(":scope > .replies");
      if (!replies) {
        replies = document.createElement("div");
        replies.className = "replies";
        const fold = main.querySelector(":scope > .more-replies");
        fold ? fold.before(replies) : main.append(replies);
      }
      replies.append(card);
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
      window.location.assign(form.querySelector(".button.secondary")?.href ?? window.location.href);
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
  if (link && openReply(link)) event.preventDefault();
});

// "/p/SLUG/comments#comment-ID" for a comment not on this page (a later page, or folded):
// open the comment's own page, where it is always shown.
const wanted = /^#comment-(\d+)$/.exec(window.location.hash);
const slug = document.querySelector(".discussion")?.dataset.postSlug;
if (wanted && slug && !document.getElementById("comment-" + wanted[1])) {
  window.location.replace(`/p/${slug}/comment/${wanted[1]}#comment-${wanted[1]}`);
}

// A permalink's target: bring it into view once the page has laid out.
const marked = document.querySelector(".comment.marked");
if (marked && !window.location.hash.startsWith("#reply")) marked.scrollIntoView({ block: "center" });
