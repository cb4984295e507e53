// The post editor's script: plain JavaScript, no dependencies. The editor works without it
// (every button posts the form, Preview included); with it:
// - every keystroke is kept in this browser (localStorage) at once, so nothing typed is lost to
//   a closed tab, a lost connection or an expired session; a copy the server does not have yet
//   is put back when the editor opens again. Each tab keeps its own copy (keyed by post and a
//   tab id kept in sessionStorage) and deletes only its own: two tabs never erase each other's
//   text, and the editor offers every unsaved copy of the post;
// - drafts are also saved to the server a moment after typing stops, with the revision they
//   were made from: if another tab saved first, the server refuses and the writer is told;
// - the preview follows the body, rendered by the server's own renderer;
// - images upload in place, for a post not saved yet too, and land at the cursor or as the cover;
// - the "Publish at" time is read and shown in the writer's own time zone.

const form = document.getElementById("post-editor");
const csrf = document.querySelector('meta[name="csrf-token"]')?.content ?? "";
const FIELDS = ["title", "subtitle", "slug", "body", "cover", "audience", "discussion", "sends_email", "publish_at"];

if (form) start(form);

function start(form) {
  const words = form.dataset;
  const status = document.querySelector(".autosave-status");
  const preview = document.querySelector(".preview-body");
  const uploadForm = document.querySelector(".image-upload");
  let postID = form.dataset.post;
  let serverSaving = form.dataset.state === "draft";
  let stopped = false; // after a conflict or a lost session: this page saves to the browser only
  let timer = null;
  let previewTimer = null;
  let inFlight = false;
  let changedSince = false;

  const say = (message) => { if (status) status.textContent = message; };
  const tab = tabID();
  const createKey = Math.random().toString(36).slice(2, 12) + "-" + Date.now().toString(36);
  const prefix = () => `parley-editor:${postID}:`;
  const key = () => prefix() + tab;
  const field = (name) => form.elements.namedItem(name);

  function values() {
    const out = {};
    for (const name of FIELDS) {
      const input = field(name);
      if (!input) continue;
      out[name] = input.type === "checkbox" ? (input.checked ? "1" : "") : input.value;
    }
    return out;
  }

  function fill(saved) {
    for (const name of FIELDS) {
      const input = field(name);
      if (!input || saved[name] === undefined) continue;
      if (input.type === "checkbox") input.checked = saved[name] === "1";
      else input.value = saved[name];
    }
  }

  // What the server keeps of a text: trimmed lines, one kind of line break.
  const normal = (v) => Object.fromEntries(FIELDS.map((n) => [n, String(v[n] ?? "").replace(/\r\n?/g, "\n").trim()]));
  const same = (a, b) => { const x = normal(a), y = normal(b); return FIELDS.every((n) => n === "slug" && !x[n] ? true : x[n] === y[n]); };

  function readLocal(name = key()) {
    try { return JSON.parse(localStorage.getItem(name) ?? "null"); } catch { return null; }
  }

  // Every copy of this post in this browser: this tab's, other tabs', and one kept under the
  // key of earlier versions (no tab id).
  function copies() {
    const names = [];
    try {
      for (let i = 0; i < localStorage.length; i++) {
        const name = localStorage.key(i);
        if (name && (name.startsWith(prefix()) || name === `parley-editor:${postID}`)) names.push(name);
      }
    } catch { /* storage disabled */ }
    return names.map((name) => ({ name, entry: readLocal(name) })).filter((c) => c.entry && c.entry.values);
  }

  function writeLocal(entry) {
    try { localStorage.setItem(key(), JSON.stringify(entry)); } catch { /* storage full or disabled: the server copy remains */ }
  }

  function revision() { return field("revision").value; }

  // --- Time zone: the form says UTC without a script; with it, the writer's own zone.
  const tz = field("tz");
  const when = field("publish_at");
  if (tz && tz.value === "0" && when && when.value) {
    const [d, t] = when.value.split("T");
    const utc = new Date(`${d}T${t}:00Z`);
    if (!isNaN(utc)) when.value = localValue(utc);
  }
  if (tz) tz.value = String(new Date().getTimezoneOffset());
  const hint = document.getElementById("editor-publish-hint");
  if (hint && words.localZone) {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
    hint.textContent = words.localZone.replace("ZONE", zone);
  }

  // --- Put back what this browser kept and the server does not have.
  const initial = values();
  const initialRevision = revision();
  const unsaved = copies().filter((c) => c.entry.dirty && !same(c.entry.values, initial));
  // This tab's own copy first, then the newest: the first is put back, the others offered.
  unsaved.sort((a, b) => (b.name === key()) - (a.name === key()) || (b.entry.at ?? 0) - (a.entry.at ?? 0));
  if (unsaved.length) {
    use(unsaved[0].entry);
    restoredNotice(initial, initialRevision, unsaved);
  } else if (readLocal() && !form.dataset.unsaved) {
    localStorage.removeItem(key());
  }

  function use(entry) {
    fill(entry.values);
    if (entry.base) field("revision").value = entry.base; // saving again warns if the post moved on since
    writeLocal({ ...entry, at: Date.now() });
  }

  function restoredNotice(original, originalRevision, shown) {
    const note = document.createElement("p");
    note.className = "notice";
    note.setAttribute("role", "status");
    note.textContent = words.restored + " ";
    const discard = document.createElement("button");
    discard.type = "button";
    discard.className = "link-button";
    discard.textContent = words.discard;
    discard.addEventListener("click", () => {
      fill(original);
      field("revision").value = originalRevision;
      // The writer chose to let these copies go; another tab still open writes its own again as it is typed in.
      localStorage.removeItem(key());
      for (const c of shown) localStorage.removeItem(c.name);
      note.remove();
      refreshPreview();
    });
    note.append(discard);
    for (const other of shown.slice(1)) {
      const pick = document.createElement("button");
      pick.type = "button";
      pick.className = "link-button";
      pick.textContent = (words.otherCopy ?? "").replace("TIME", new Date(other.entry.at ?? Date.now()).toLocaleString());
      pick.addEventListener("click", () => {
        use(other.entry);
        pick.remove();
        refreshPreview();
      });
      note.append(" ", pick);
    }
    form.before(note);
  }

  // --- Typing: kept at once, saved to the server after a pause, previewed.
  form.addEventListener("input", (event) => {
    writeLocal({ values: values(), base: revision(), dirty: true, at: Date.now() });
    changedSince = true;
    if (event.target === field("body")) schedulePreview();
    scheduleSave();
  });
  form.addEventListener("change", () => {
    writeLocal({ values: values(), base: revision(), dirty: true, at: Date.now() });
    changedSince = true;
    scheduleSave();
  });

  function scheduleSave() {
    if (!serverSaving || stopped) return;
    clearTimeout(timer);
    timer = setTimeout(saveToServer, 1500);
  }

  async function saveToServer() {
    if (inFlight) { scheduleSave(); return; }
    if (!field("title").value.trim()) return; // a post needs its title; the browser keeps the rest meanwhile
    inFlight = true;
    changedSince = false;
    const sent = values();
    const body = new URLSearchParams(new FormData(form));
    body.set("action", "autosave");
    // The new post's key: a retry after a lost response is given the post the first attempt made.
    if (postID === "new") body.set("client_key", createKey);
    say(words.saving);
    try {
      // Not `form.action`: the buttons are named "action", and a named control shadows the property.
      const response = await fetch(form.getAttribute("action"), {
        method: "POST", body, credentials: "same-origin",
        headers: { "Accept": "application/json", "X-CSRF-Token": csrf },
      });
      let data = {};
      try { data = await response.json(); } catch { /* not JSON */ }
      if (response.ok && data.saved) {
        field("revision").value = String(data.revision);
        if (postID === "new") adopt(data);
        writeLocal({ values: changedSince ? values() : sent, base: String(data.revision), dirty: changedSince, at: Date.now() });
        say(words.saved);
      } else if (response.ok) {
        serverSaving = false; // no longer a draft (published elsewhere): the browser keeps the text
        say("");
      } else if (response.status === 409) {
        stopped = true;
        say(words.conflict);
      } else if (response.status === 401 || response.status === 403) {
        stopped = true;
        say(words.signedOut);
      } else {
        say(data.detail ?? words.offline);
      }
    } catch {
      say(words.offline);
      setTimeout(scheduleSave, 10000);
    } finally {
      inFlight = false;
    }
  }

  // The first autosave of a new post made it: from now on this page edits that post.
  function adopt(data) {
    const old = key();
    postID = String(data.id);
    form.dataset.post = postID;
    form.setAttribute("action", `/dashboard/posts/${postID}`);
    history.replaceState(null, "", data.edit);
    localStorage.removeItem(old);
  }

  window.addEventListener("online", scheduleSave);

  // --- Preview: the server's renderer, so it is exactly what readers will see.
  function schedulePreview() {
    clearTimeout(previewTimer);
    previewTimer = setTimeout(refreshPreview, 600);
  }

  async function refreshPreview() {
    if (!preview) return;
    const body = new URLSearchParams({ body: field("body").value, _csrf: csrf });
    try {
      const response = await fetch("/dashboard/preview", {
        method: "POST", body, credentials: "same-origin",
        headers: { "Accept": "application/json", "X-CSRF-Token": csrf },
      });
      if (!response.ok) return;
      const data = await response.json();
      // The server's sanitised rendering, the same HTML the post's page shows.
      if (data.html) preview.innerHTML = data.html;
      else preview.textContent = words.previewEmpty;
    } catch { /* offline: the preview waits for the next change */ }
  }

  const previewButton = form.querySelector('button[value="preview"]');
  previewButton?.addEventListener("click", (event) => {
    event.preventDefault();
    refreshPreview().then(() => document.getElementById("preview-heading")?.scrollIntoView({ block: "start" }));
  });

  // --- Images: uploaded in place, into the body at the cursor or as the cover.
  if (uploadForm) {
    uploadForm.hidden = false;
    document.querySelector(".upload-needs-save")?.remove();
    uploadForm.addEventListener("submit", async (event) => {
      event.preventDefault();
      const file = uploadForm.elements.namedItem("image");
      if (!file || !file.files.length) { file?.focus(); return; }
      const data = new FormData();
      data.append("_csrf", csrf);
      data.append("image", file.files[0]);
      say(words.uploading);
      try {
        const response = await fetch("/dashboard/uploads", {
          method: "POST", body: data, credentials: "same-origin",
          headers: { "Accept": "application/json", "X-CSRF-Token": csrf },
        });
        let reply = {};
        try { reply = await response.json(); } catch { /* not JSON */ }
        if (!response.ok) { say(reply.detail ?? words.uploadFailed); return; }
        const purpose = uploadForm.querySelector('input[name="purpose"]:checked')?.value;
        if (purpose === "cover") setCover(reply);
        else insertImage(reply);
        file.value = "";
        say(words.uploaded);
        form.dispatchEvent(new Event("input", { bubbles: true }));
        refreshPreview();
      } catch {
        say(words.uploadFailed);
      }
    });
  }

  function insertImage(reply) {
    const body = field("body");
    const text = `![${words.imageAlt}](${reply.url})`;
    const at = body.selectionStart ?? body.value.length;
    const before = body.value.slice(0, at), after = body.value.slice(at);
    const lead = before && !before.endsWith("\n\n") ? (before.endsWith("\n") ? "\n" : "\n\n") : "";
    body.value = before + lead + text + "\n" + after;
    body.focus();
    body.selectionStart = body.selectionEnd = (before + lead + text + "\n").length;
  }

  function setCover(reply) {
    field("cover").value = reply.key;
    const group = document.querySelector(".cover-field");
    let img = group.querySelector("img.cover-preview");
    if (!img) {
      img = document.createElement("img");
      img.className = "cover-preview";
      img.alt = words.coverAlt;
      group.querySelector(".cover-none")?.replaceWith(img);
    }
    img.src = reply.url;
    const remove = document.getElementById("editor-remove-cover");
    if (remove) remove.checked = false;
  }
}

// This tab's id: kept in sessionStorage, so it lasts as long as the tab, across reloads.
function tabID() {
  try {
    let id = sessionStorage.getItem("parley-editor-tab");
    if (!id) {
      id = Math.random().toString(36).slice(2, 10) + Date.now().toString(36);
      sessionStorage.setItem("parley-editor-tab", id);
    }
    return id;
  } catch {
    return "tab"; // storage disabled: one shared key, as before
  }
}

// "2026-12-06T14:05" for the writer's own clock.
function localValue(date) {
  const two = (n) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}T${two(date.getHours())}:${two(date.getMinutes())}`;
}
