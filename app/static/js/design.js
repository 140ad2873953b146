// WindWalker editor: the Design panel (colours, fonts, logo …). The form saves itself through
// htmx as the owner changes it; this file only opens and closes the panel and keeps each
// colour picker and its hex text in step.
// Loaded async (it must never delay htmx's start), so elements are looked up when needed.
(() => {
  "use strict";
  const $panel = () => document.getElementById("design-panel");
  const opener = () => document.querySelector("[data-design-open]");
  const isOpen = () => Boolean($panel() && !$panel().hidden);

  function open() {
    const panel = $panel();
    panel.hidden = false;
    panel.classList.add("is-open");
    document.getElementById("editor")?.classList.add("is-designing");
    opener()?.setAttribute("aria-expanded", "true");
  }
  function close() {
    const panel = $panel();
    if (!panel) return;
    panel.hidden = true;
    panel.classList.remove("is-open");
    document.getElementById("editor")?.classList.remove("is-designing");
    opener()?.setAttribute("aria-expanded", "false");
  }

  // The button loads the panel (htmx); pressed again while it is open, it closes it instead.
  document.addEventListener("htmx:beforeRequest", (e) => {
    if (e.detail.elt?.matches?.("[data-design-open]") && isOpen()) {
      e.preventDefault();
      close();
      opener()?.focus();
    }
  });
  document.addEventListener("htmx:afterSwap", (e) => {
    const panel = $panel();
    if (panel && e.detail.target === panel) {
      open();
      panel.querySelector("h2")?.setAttribute("tabindex", "-1");
      panel.querySelector("h2")?.focus();
    } else if (e.detail.target?.id === "panel" && e.detail.target.querySelector("[data-block]")) {
      close(); // a block was selected: its settings take the place
    }
  });
  document.addEventListener("click", (e) => {
    if (e.target.closest("[data-design-close]")) {
      close();
      opener()?.focus();
    }
  });
  document.addEventListener("keydown", (e) => {
    const dialog = document.getElementById("drawer");
    if (e.key === "Escape" && isOpen() && !(dialog && dialog.open)) close();
  });

  // Colour picker → hex text (in the capture phase, so the form's htmx trigger, which runs
  // later in the same event, already sends the new value); hex text → picker when valid.
  const hex = /^#[0-9a-fA-F]{6}$/;
  function syncFromPicker(e) {
    const picker = e.target.closest?.("[data-color-for]");
    if (!picker) return;
    const text = document.getElementById(picker.dataset.colorFor);
    if (text) text.value = picker.value;
  }
  document.addEventListener("input", syncFromPicker, true);
  // A hex being typed is saved once it is complete (or when the field is left), so "#2f" does
  // not flash an error on every key.
  document.addEventListener("input", (e) => {
    if (e.target.matches?.(".ed-hex") && !/^#?[0-9a-fA-F]{6}$/.test(e.target.value.trim())) {
      e.stopPropagation();
    }
  }, true);
  document.addEventListener("change", syncFromPicker, true);
  document.addEventListener("input", (e) => {
    if (!e.target.matches?.(".ed-hex")) return;
    let value = e.target.value.trim();
    if (/^[0-9a-fA-F]{6}$/.test(value)) value = "#" + value;
    const picker = e.target.parentElement.querySelector("[data-color-for]");
    if (picker && hex.test(value)) picker.value = value.toLowerCase();
  });
})();
