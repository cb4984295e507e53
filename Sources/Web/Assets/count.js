// Parley's comment counts for another site's pages: every element with data-parley-count="URL"
// gets its discussion's count, in one request. Plain JavaScript; include it with
// <script src="https://PARLEY/count.js" async></script>. Without it, the elements keep their text.
(() => {
  const base = new URL(document.currentScript.src).origin;
  const elements = [...document.querySelectorAll("[data-parley-count]")];
  const urls = [...new Set(elements.map((element) => new URL(element.dataset.parleyCount, location.href).href))].slice(0, 100);
  if (!urls.length) return;
  fetch(base + "/api/v1/counts", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ urls }),
    credentials: "omit",
  })
    .then((response) => (response.ok ? response.json() : null))
    .then((data) => {
      if (!data) return;
      const byURL = new Map(urls.map((url, index) => [url, data.counts[index]]));
      for (const element of elements) {
        const count = byURL.get(new URL(element.dataset.parleyCount, location.href).href);
        if (count !== undefined) element.textContent = element.dataset.parleyCountFormat?.replace("N", count) ?? String(count);
      }
    })
    .catch(() => {});
})();
