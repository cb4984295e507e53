// The import status page, while a run is under way: asks the server how far it has got
// every two seconds and writes it into the page; once the run ends, loads the page again
// to show the summary. Without this script, the page's Refresh link does the same by hand.
const status = document.getElementById("site-import-status");
const progress = document.getElementById("site-import-progress");
const bar = document.getElementById("site-import-bar");

async function poll() {
  let run;
  try {
    const answer = await fetch(location.pathname, { headers: { Accept: "application/json" }, credentials: "same-origin" });
    if (!answer.ok) return schedule();
    run = await answer.json();
  } catch {
    return schedule();
  }
  if (run.state !== "running") {
    location.reload();
    return;
  }
  if (progress && run.progress) progress.textContent = run.progress;
  if (bar) {
    bar.value = run.percent;
    bar.textContent = run.percent + "%";
  }
  schedule();
}

function schedule() {
  setTimeout(poll, 2000);
}

if (status && status.dataset.state === "running") schedule();
