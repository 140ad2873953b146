// WindWalker editor: the small amount of script the htmx editor needs.
// Selection, inline text editing, drag and drop (SortableJS), keyboard shortcuts, rich text,
// the save-state indicator, idempotency keys and offline retries. Everything else is htmx.
(() => {
  "use strict";
  const editor = document.getElementById("editor");
  if (!editor) return;
  const $ = (sel, root = document) => root.querySelector(sel);
  const $$ = (sel, root = document) => Array.from(root.querySelectorAll(sel));
  const drawer = $("#drawer");
  const saveState = () => $("#save-state");
  const uuid = () => (crypto.randomUUID ? crypto.randomUUID().replace(/-/g, "")
    : Math.random().toString(16).slice(2) + Date.now().toString(16));
  let selectedId = null;
  const retryQueue = [];

  function setState(kind) {
    const el = saveState();
    if (!el) return;
    el.dataset.state = kind;
    el.textContent = editor.dataset[kind] || "";
  }

  // --- every edit carries the page's seq and an idempotency key ---------------------------
  document.body.addEventListener("htmx:configRequest", (e) => {
    if (e.detail.verb !== "post") return;
    const params = e.detail.parameters;
    const seq = $("#seq");
    if (seq && !params.has?.("base_seq") && params.base_seq === undefined) {
      if (params.set) params.set("base_seq", seq.value); else params.base_seq = seq.value;
    }
    // Which block the panel shows, so the server refreshes only what is on screen.
    if (selectedId) {
      if (params.set) params.set("selected", selectedId); else params.selected = selectedId;
    }
    const hasKey = params.get ? params.get("op_key") : params.op_key;
    if (!hasKey) {
      const key = uuid();
      if (params.set) params.set("op_key", key); else params.op_key = key;
    }
  });

  // "Saving…" when an edit leaves; every op response carries the "saved" state back (the
  // element that sent the request may already be swapped out, so no afterRequest bookkeeping).
  document.body.addEventListener("htmx:beforeRequest", (e) => {
    if (e.detail.requestConfig.verb === "post") setState("saving");
  });
  document.body.addEventListener("htmx:responseError", (e) => {
    if (e.detail.xhr && e.detail.xhr.status >= 500) setState("failed");
  });
  // Offline: keep the request (same idempotency key) and send it again when back online.
  document.body.addEventListener("htmx:sendError", (e) => {
    setState("offline");
    const cfg = e.detail.requestConfig;
    const values = {};
    const params = cfg.parameters;
    if (params && params.forEach) params.forEach((v, k) => { values[k] = v; });
    else Object.assign(values, params || {});
    retryQueue.push({ path: cfg.path, values });
  });
  function flushRetries() {
    while (retryQueue.length) {
      const r = retryQueue.shift();
      htmx.ajax("POST", r.path, { values: r.values, swap: "none", source: editor });
    }
  }
  window.addEventListener("online", flushRetries);
  setInterval(() => { if (retryQueue.length && navigator.onLine) flushRetries(); }, 4000);

  // --- selection ------------------------------------------------------------------------
  function markSelected() {
    const inner = $("#panel [data-block]");
    selectedId = inner ? inner.dataset.block : null;
    $$(".ed-block.is-selected").forEach((b) => {
      b.classList.remove("is-selected");
      $$("[data-inline][contenteditable]", b).forEach((t) => t.removeAttribute("contenteditable"));
    });
    const panel = $("#panel");
    panel.classList.toggle("is-open", Boolean(selectedId));
    document.body.classList.toggle("has-selection", Boolean(selectedId));
    if (!selectedId) return;
    const block = document.getElementById("b-" + selectedId);
    if (!block) return;
    block.classList.add("is-selected");
    // Inline editing: the block's own short texts (not those of nested blocks).
    $$("[data-inline]", block).forEach((el) => {
      if (el.closest(".ed-block") !== block) return;
      el.setAttribute("contenteditable", "plaintext-only");
      if (el.contentEditable !== "plaintext-only") el.setAttribute("contenteditable", "true");
      el.setAttribute("spellcheck", "true");
    });
  }
  function select(id) {
    if (!id) return;
    htmx.ajax("GET", editor.dataset.selectUrl.replace("__ID__", id),
      { target: "#panel", swap: "innerHTML" });
  }
  document.addEventListener("htmx:afterSettle", markSelected);

  const root = () => $("#canvas");
  document.addEventListener("click", (e) => {
    const canvas = root();
    if (!canvas || !canvas.contains(e.target)) return;
    const link = e.target.closest("a");
    if (link && !e.target.closest("[contenteditable]")) e.preventDefault(); // no navigation
    if (e.target.closest("form") ) e.preventDefault();
    const block = e.target.closest(".ed-block");
    if (block && block.dataset.blockId !== selectedId) select(block.dataset.blockId);
  });
  document.addEventListener("keydown", (e) => {
    const block = e.target.closest && e.target.closest(".ed-block");
    if (block && e.key === "Enter" && e.target === block) {
      e.preventDefault();
      select(block.dataset.blockId);
    }
  });

  // --- inline text editing --------------------------------------------------------------
  function saveInline(el) {
    const block = el.closest(".ed-block");
    if (!block) return;
    const prop = el.dataset.inline;
    const value = el.innerText.replace(/\s+\n/g, "\n").trim();
    if (el.dataset.lastSaved === value) return;
    el.dataset.lastSaved = value;
    const url = editor.dataset.propUrl.replace("__ID__", block.dataset.blockId)
      .replace("__PROP__", prop);
    htmx.ajax("POST", url, { values: { value, op_key: uuid() }, swap: "none", source: editor });
    // keep the panel's field in step
    const field = document.querySelector(`#field-${block.dataset.blockId}-${prop} [name="value"]`);
    if (field) field.value = value;
  }
  document.addEventListener("focusin", (e) => {
    if (e.target.matches && e.target.matches("[data-inline][contenteditable]")) {
      e.target.dataset.lastSaved = e.target.innerText.trim();
    }
  });
  document.addEventListener("focusout", (e) => {
    if (e.target.matches && e.target.matches("[data-inline][contenteditable]")) saveInline(e.target);
  });
  document.addEventListener("keydown", (e) => {
    if (e.target.matches && e.target.matches("[data-inline][contenteditable]") && e.key === "Enter"
        && e.target.tagName !== "P") {
      e.preventDefault();
      e.target.blur();
    }
  });

  // --- rich text fields -----------------------------------------------------------------
  document.addEventListener("click", (e) => {
    const button = e.target.closest("[data-rich] [data-cmd]");
    if (!button) return;
    e.preventDefault();
    const cmd = button.dataset.cmd;
    let arg = null;
    if (cmd === "createLink") {
      arg = window.prompt(button.dataset.prompt || "https://");
      if (!arg) return;
    }
    document.execCommand(cmd, false, arg);
    syncRich(button.closest("[data-rich]"));
  });
  function syncRich(wrapper) {
    const area = $(".ed-rich-area", wrapper);
    const input = $("input[type=hidden]", wrapper);
    if (input.value !== area.innerHTML) {
      input.value = area.innerHTML;
      input.dispatchEvent(new Event("change", { bubbles: true }));
    }
  }
  let richTimer = null;
  document.addEventListener("input", (e) => {
    const wrapper = e.target.closest && e.target.closest("[data-rich]");
    if (!wrapper) return;
    clearTimeout(richTimer);
    richTimer = setTimeout(() => syncRich(wrapper), 700);
  });

  // --- drawers (palette, pages, history, image picker) ---------------------------------
  document.addEventListener("click", (e) => {
    const opener = e.target.closest("[data-drawer]");
    if (opener && drawer && !drawer.open) {
      drawer.dataset.kind = opener.dataset.drawer;
      if (opener.dataset.pickFor) drawer.dataset.pickFor = opener.dataset.pickFor;
      drawer.showModal();
    }
    if (e.target.closest("[data-close-drawer]")) drawer.close();
  });
  document.body.addEventListener("htmx:afterRequest", (e) => {
    const src = e.detail.elt;
    if (src && src.closest && src.closest("[data-close-drawer-after]") && e.detail.successful) {
      drawer.close();
    }
  });
  drawer?.addEventListener("close", () => { $("#drawer-body").innerHTML = ""; });
  // New drawer content starts at its top (focusing a search field must not scroll the title
  // out of sight).
  document.body.addEventListener("htmx:afterSettle", (e) => {
    if (drawer && e.detail.target && e.detail.target.id === "drawer-body") drawer.scrollTop = 0;
  });
  drawer?.addEventListener("click", (e) => { if (e.target === drawer) drawer.close(); });

  // palette search
  document.addEventListener("input", (e) => {
    if (!e.target.matches("[data-palette-search]")) return;
    const q = e.target.value.trim().toLowerCase();
    let shown = 0;
    $$("[data-palette] li[data-search]").forEach((li) => {
      const hit = !q || li.dataset.search.toLowerCase().includes(q);
      li.hidden = !hit;
      if (hit) shown += 1;
    });
    $$("[data-palette-group]").forEach((g) => { g.hidden = !$$("li:not([hidden])", g).length; });
    const none = $("[data-palette-none]");
    if (none) none.hidden = shown > 0;
  });

  // image picker: a library thumbnail fills the image field it was opened for
  document.addEventListener("click", (e) => {
    const pick = e.target.closest("[data-pick-asset]");
    if (!pick) return;
    e.preventDefault();
    const alt = document.getElementById(pick.dataset.pickTarget);
    const field = alt && alt.closest("form");
    if (!field) return;
    const assetInput = alt.closest(".ed-field, .ed-subfield, fieldset, form")
      .querySelector("[data-image-asset]") || $("[data-image-asset]", field);
    assetInput.value = pick.dataset.pickAsset;
    if (!alt.value && pick.dataset.pickAlt) alt.value = pick.dataset.pickAlt;
    drawer.close();
    refreshField(field);
  });
  document.addEventListener("click", (e) => {
    const clear = e.target.closest("[data-image-clear]");
    if (!clear) return;
    const wrap = clear.closest("[data-image-field]");
    $("[data-image-asset]", wrap).value = "";
    refreshField(clear.closest("form"));
  });
  // Save a field and have the server send the field back (its preview changed).
  function refreshField(form) {
    const flag = document.createElement("input");
    flag.type = "hidden"; flag.name = "refresh"; flag.value = "1";
    form.appendChild(flag);
    htmx.trigger(form, "change");
    setTimeout(() => flag.remove(), 0);
  }

  // --- preview sizes --------------------------------------------------------------------
  document.addEventListener("click", (e) => {
    const b = e.target.closest("[data-device]");
    if (!b || !b.matches("button")) return;
    $("#frame").dataset.device = b.dataset.device;
    $$("[data-device]").forEach((x) => { if (x.matches("button")) x.setAttribute("aria-pressed", String(x === b)); });
  });

  // --- drag and drop --------------------------------------------------------------------
  function parentOf(container) {
    const block = container.closest(".ed-block");
    return block ? block.dataset.blockId : "root";
  }
  function makeSortable(container) {
    if (!window.Sortable || container._sortable) return;
    container._sortable = Sortable.create(container, {
      group: "blocks",
      draggable: ".ed-block",
      handle: ".ed-block",
      filter: "[contenteditable], input, textarea, select",
      preventOnFilter: false,
      delay: 250, delayOnTouchOnly: true, // on phones a long press starts a drag; a swipe scrolls
      animation: 120,
      // Pointer-event dragging (not native HTML5 drag and drop): the same behaviour with a
      // mouse, a pen or a finger, and a ghost that follows exactly.
      forceFallback: true,
      fallbackOnBody: true,
      swapThreshold: 0.5,
      onEnd(evt) {
        if (evt.from === evt.to && evt.oldIndex === evt.newIndex) return;
        const id = evt.item.dataset.blockId;
        const blocksBefore = Array.from(evt.to.children)
          .filter((c) => c.classList.contains("ed-block")).indexOf(evt.item);
        htmx.ajax("POST", editor.dataset.opsUrl, {
          swap: "none", source: editor,
          values: { kind: "move", block: id, parent: parentOf(evt.to),
                    slot: evt.to.dataset.slot, index: blocksBefore, op_key: uuid() },
        });
      },
    });
  }
  function initSortables() {
    const canvas = root();
    if (!canvas) return;
    $$("[data-slot]", canvas).forEach(makeSortable);
  }
  document.addEventListener("htmx:afterSettle", initSortables);
  window.addEventListener("load", () => { initSortables(); markSelected(); });

  // --- keyboard shortcuts ---------------------------------------------------------------
  const typing = (el) => el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));
  document.addEventListener("keydown", (e) => {
    const mod = e.ctrlKey || e.metaKey;
    if (mod && e.key.toLowerCase() === "z" && !typing(e.target)) {
      e.preventDefault();
      $(`[data-history="${e.shiftKey ? "redo" : "undo"}"]`)?.click();
    } else if (mod && e.key.toLowerCase() === "y" && !typing(e.target)) {
      e.preventDefault();
      $('[data-history="redo"]')?.click();
    } else if (selectedId && !typing(e.target) && (e.key === "Delete" || e.key === "Backspace")) {
      e.preventDefault();
      $('#panel [data-testid="delete"]')?.click();
    } else if (selectedId && !typing(e.target) && e.altKey && (e.key === "ArrowUp" || e.key === "ArrowDown")) {
      e.preventDefault();
      $(`#panel [data-testid="${e.key === "ArrowUp" ? "move-up" : "move-down"}"]`)?.click();
    } else if (e.key === "Escape" && selectedId && !drawer.open) {
      $("#panel [data-close-panel]")?.click();
    }
  });
})();
