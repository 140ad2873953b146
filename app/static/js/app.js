// Small progressive enhancements; every page works without this file.
document.addEventListener("htmx:afterSwap", (event) => {
  // After a form comes back with errors, move focus to the first invalid field. event.target is
  // the new content (for an outerHTML swap, detail.target is the old, detached element).
  // (The editor saves as the owner types: it never moves their focus.)
  if (event.target.closest && event.target.closest("#editor")) return;
  const invalid = event.target.querySelector("[aria-invalid='true']");
  if (invalid) invalid.focus();
});
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-dismiss]");
  if (button) button.closest(".alert")?.remove();
});
