// The moderation queue's script: plain JavaScript, no dependencies. The queue works without
// it (every decision is a form that posts and comes back); with it, decisions are taken in
// place (the comment leaves the list, the tab's count follows, a status line says what was
// done) and the keyboard works the queue: j and k move, a approves, r rejects or deletes.

const csrf = document.querySelector('meta[name="csrf-token"]')?.content ?? "";
const queue = document.querySelector(".queue");
const status = document.querySelector(".queue-status");

function items() {
  return Array.from(document.querySelectorAll(".queue-item"));
}

function say(message) {
  if (status) status.textContent = message;
}

async function send(form, extra) {
  const body = new URLSearchParams(new FormData(form));
  if (extra) for (const [name, value] of extra) body.append(name, value);
  const response = await fetch(form.action, {
    method: "POST",
    body,
    headers: { "Accept": "application/json", "X-CSRF-Token": csrf },
    credentials: "same-origin",
  });
  let data = {};
  try { data = await response.json(); } catch { /* an empty or non-JSON answer */ }
  return { response, data };
}

// The current tab's count, less the comments that left it.
function lower(count) {
  const current = document.querySelector('.queue-tabs a[aria-current="page"] .count');
  if (current) current.textContent = String(Math.max(0, Number(current.textContent) - count));
}

// Takes a comment out of the list and puts the focus on the one that took its place.
function leave(item) {
  const list = items();
  const index = list.indexOf(item);
  item.remove();
  const rest = items();
  if (rest.length === 0) {
    document.querySelector(".bulk-form")?.remove();
  } else {
    focusItem(rest[Math.min(index, rest.length - 1)]);
  }
}

async function decide(form) {
  const item = form.closest(".queue-item");
  const buttons = item ? item.querySelectorAll("button") : [];
  buttons.forEach((b) => (b.disabled = true));
  try {
    const { response, data } = await send(form);
    if (response.ok) {
      say(data.message ?? "");
      if (item) { leave(item); lower(1); }
    } else {
      say(data.detail ?? document.body.dataset.postFailed);
    }
  } catch {
    say(document.body.dataset.networkError);
  } finally {
    buttons.forEach((b) => (b.disabled = false));
  }
}

async function decideSelected(form) {
  try {
    const { response, data } = await send(form);
    if (!response.ok) { say(data.detail ?? document.body.dataset.postFailed); return; }
    say(data.message ?? "");
    for (const id of data.ids ?? []) {
      const item = document.getElementById("q-" + id);
      if (item) leave(item);
    }
    lower((data.ids ?? []).length);
    const all = document.getElementById("select-all");
    if (all) all.checked = false;
  } catch {
    say(document.body.dataset.networkError);
  }
}

function focusItem(item) {
  if (!item) return;
  for (const other of items()) other.classList.remove("current");
  item.classList.add("current");
  item.focus({ preventScroll: true });
  item.scrollIntoView({ block: "nearest" });
}

function currentItem() {
  return document.activeElement?.closest?.(".queue-item") ?? document.querySelector(".queue-item.current");
}

function move(step) {
  const list = items();
  if (list.length === 0) return;
  const index = list.indexOf(currentItem());
  const next = index < 0 ? (step > 0 ? 0 : list.length - 1) : Math.max(0, Math.min(list.length - 1, index + step));
  focusItem(list[next]);
}

function typing(target) {
  return target instanceof HTMLElement &&
    (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));
}

if (queue) {
  document.querySelector(".keyboard-help")?.removeAttribute("hidden");
  const all = document.getElementById("select-all");
  if (all) {
    all.removeAttribute("hidden");
    document.querySelector('label[for="select-all"]')?.removeAttribute("hidden");
    all.addEventListener("change", () => {
      for (const box of document.querySelectorAll('.queue-pick input[type="checkbox"]')) box.checked = all.checked;
    });
  }

  document.addEventListener("submit", (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement)) return;
    if (form.matches(".queue-action")) { event.preventDefault(); decide(form); }
    else if (form.matches(".bulk-form")) { event.preventDefault(); decideSelected(form); }
  });

  document.addEventListener("keydown", (event) => {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || typing(event.target)) return;
    const key = event.key;
    if (key === "j") { event.preventDefault(); move(1); }
    else if (key === "k") { event.preventDefault(); move(-1); }
    else if (key === "a" || key === "r") {
      const item = currentItem();
      const form = item?.querySelector(`form.queue-action[data-key="${key}"]`);
      if (form) { event.preventDefault(); decide(form); }
    }
  });
}
