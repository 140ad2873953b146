// WindWalker editor: the bottom sheets of phones (block settings, Design; editor.css lays them
// out under 900 px). A sheet opens at under half the screen so the page stays in sight; its
// handle — a real button — enlarges it to all but the top bar and back: tap it, or drag it up or
// down (dragging down from the small size closes the sheet). When a block is selected whose
// frame the opening sheet would cover, the canvas scrolls it into sight above the sheet.
// No inline styles anywhere (the CSP allows none): sizes are classes.
(() => {
  "use strict";
  const editor = document.getElementById("editor");
  if (!editor) return;
  const phone = window.matchMedia("(max-width: 899px)");
  const handleOf = (sheet) => sheet.querySelector(":scope > [data-sheet-handle]");
  const panelOf = (sheet) => sheet.querySelector(":scope > .ed-panel");

  function setExpanded(sheet, expanded) {
    sheet.classList.toggle("is-expanded", expanded);
    handleOf(sheet)?.setAttribute("aria-expanded", String(expanded));
  }

  function close(sheet) {
    // The panel's own close button, so the editor deselects the block (or Design closes).
    panelOf(sheet)?.querySelector("[data-close-panel], [data-design-close]")?.click();
  }

  // A tap (or a click, or Enter/Space) toggles the size.
  let afterDrag = false;
  document.addEventListener("click", (e) => {
    const handle = e.target.closest?.("[data-sheet-handle]");
    if (!handle) return;
    if (afterDrag) { afterDrag = false; return; }
    const sheet = handle.closest("[data-sheet]");
    setExpanded(sheet, !sheet.classList.contains("is-expanded"));
  });

  // A drag: up enlarges, down makes it small again, down from small closes it.
  let drag = null;
  document.addEventListener("pointerdown", (e) => {
    const handle = e.target.closest?.("[data-sheet-handle]");
    if (!handle || (e.pointerType === "mouse" && e.button !== 0)) return;
    drag = { sheet: handle.closest("[data-sheet]"), y: e.clientY, id: e.pointerId };
    handle.setPointerCapture?.(e.pointerId);
  });
  const endDrag = (e) => {
    if (!drag || e.pointerId !== drag.id) return;
    const { sheet, y } = drag;
    drag = null;
    const dy = e.type === "pointerup" ? e.clientY - y : 0;
    if (Math.abs(dy) < 24) return; // a tap: the click that follows toggles
    afterDrag = true;
    setTimeout(() => { afterDrag = false; }, 0); // no click follows a touch drag
    if (dy < 0) setExpanded(sheet, true);
    else if (sheet.classList.contains("is-expanded")) setExpanded(sheet, false);
    else close(sheet);
  };
  document.addEventListener("pointerup", endDrag);
  document.addEventListener("pointercancel", endDrag);

  // A sheet that closes opens small again next time.
  const sheets = Array.from(document.querySelectorAll("[data-sheet]"));
  const watcher = new MutationObserver(() => {
    for (const sheet of sheets) {
      const panel = panelOf(sheet);
      const open = panel && panel.classList.contains("is-open") && !panel.hidden;
      if (!open && sheet.classList.contains("is-expanded")) setExpanded(sheet, false);
    }
  });
  for (const sheet of sheets) {
    const panel = panelOf(sheet);
    if (panel) watcher.observe(panel, { attributes: true, attributeFilter: ["class", "hidden"] });
  }

  // The selected block stays in sight above the sheet (only when the selection changes, so a
  // panel refreshed by an edit never moves the page under the person's finger).
  let shownBlock = null;
  document.addEventListener("htmx:afterSettle", () => {
    const inner = document.querySelector("#panel [data-block]");
    const id = inner ? inner.dataset.block : null;
    if (id === shownBlock) return;
    shownBlock = id;
    const block = id && document.getElementById("b-" + id);
    const stage = document.getElementById("stage");
    const sheet = document.getElementById("panel")?.closest("[data-sheet]");
    if (!block || !stage || !sheet || !phone.matches) return;
    const top = block.getBoundingClientRect().top;
    const stageTop = stage.getBoundingClientRect().top;
    const uncovered = window.innerHeight - sheet.offsetHeight; // where the sheet will begin
    if (top < stageTop || top > uncovered - 48) {
      stage.scrollBy({ top: top - stageTop - 12, behavior: "smooth" });
    }
  });
})();
