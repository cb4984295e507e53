// The last page of the embed's sign-in popup: hands the new token to the embed that opened
// this window, and only if that window's page is on the origin it was issued for (postMessage
// drops the message otherwise), then closes. Without an opener (the sign-in link was opened in
// another tab) the page says what to do instead.
const handoff = document.getElementById("parley-handoff");
if (handoff && window.opener) {
  const { origin, token, name } = handoff.dataset;
  window.opener.postMessage({ parley: "signed-in", token, name }, origin);
  handoff.remove();
  window.close();
} else if (handoff) {
  document.getElementById("parley-handoff-words").textContent = handoff.dataset.noOpener;
  handoff.remove();
}
