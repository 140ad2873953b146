// WindWalker editor: the small amount of script the htmx editor needs.
//
// Saving is one explicit, ordered queue of edits (docs/editor.md, "How an edit travels"):
// every edit — a typed field, a canvas text, a drag, a button — becomes one entry with its own
// idempotency key, kept in sessionStorage until the server has answered it, sent one at a time
// in order and retried with the same key until it is answered. A field's entry reads what is
// on screen when it is sent, and an answer never overwrites what was typed after its request
// left. The save state shown is computed from that queue, so it never says "saved" while an
// edit is waiting or a refusal is on screen.
//
// Also here: selection, inline text editing, drag and drop (SortableJS), keyboard shortcuts,
// rich text, drawers, the image picker and the toast.
(() => {
  "use strict";
  const editor = document.getElementById("editor");
  if (!editor) return;
  const $ = (sel, root = document) => root.querySelector(sel);
  const $$ = (sel, root = document) => Array.from(root.querySelectorAll(sel));
  const drawer = $("#drawer");
  const uuid = () => (crypto.randomUUID ? crypto.randomUUID().replace(/-/g, "")
    : Math.random().toString(16).slice(2) + Date.now().toString(16));
  const num = (value, fallback) => (Number.isFinite(Number(value)) && value !== undefined
    && value !== "" ? Number(value) : fallback);
  const config = {
    debounce: num(editor.dataset.saveDelay, 700), // ms after the last keystroke
    retry: num(editor.dataset.retryDelay, 1000), // first retry; doubles up to retryMax
    retryMax: num(editor.dataset.retryMax, 15000),
    timeout: num(editor.dataset.requestTimeout, 20000), // an answer that never comes
  };
  const pageId = editor.dataset.page;
  const client = editor.dataset.client;
  let selectedId = null;
  let wanted = null; // see select()

  const csrf = () => {
    try { return JSON.parse(document.body.getAttribute("hx-headers"))["X-CSRFToken"]; }
    catch (_e) { return ""; }
  };
  const focused = () => (document.activeElement && document.activeElement !== document.body
    ? document.activeElement : null);
  // Where the user is typing (a focused block frame is not typing: it may be replaced).
  const typingIn = () => {
    const el = focused();
    return el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName)) ? el : null;
  };

  // --- the page's seq: the newest version of the page this tab has seen -------------------
  let knownSeq = num(($("#seq") || {}).value, 0);
  function remember(seq) {
    if (!Number.isFinite(seq) || seq <= 0) return;
    knownSeq = Math.max(knownSeq, seq);
    const input = $("#seq");
    if (input && Number(input.value) < knownSeq) input.value = String(knownSeq);
  }

  // --- the queue ----------------------------------------------------------------------------
  // An entry: {id (its idempotency key), url, page, field ("block/prop" for a field's value),
  // source ("form" | "inline"), structural (a list item added, a picture chosen: the field's
  // shape changes), block, kind, data ([name, value] pairs), baseSeq, gen}.
  const STORE = "ww-edits:" + editor.dataset.site;
  let queue = [];
  let inflight = null; // the entry whose request is on its way
  let retryTimer = null;
  let tries = 0;
  let problem = null; // null | "offline" | "failed" | "login" | "reload"
  let htmxPending = 0; // editor POSTs still made by htmx (restore a version)
  let external = null; // {state, text} of a save state another panel (design) reported
  let staleCanvas = false; // a live update was held back while our own edits were waiting
  const dirty = new Map(); // field key -> {timer, source, el, baseSeq}
  const gens = new Map(); // field key -> how many times it was typed in (newer text = higher)

  function persist() {
    try {
      sessionStorage.setItem(STORE, JSON.stringify({ queue, ackSeq: lastAckSeq }));
    } catch (_e) { /* storage full or disabled: the queue still lives in this tab */ }
  }
  let lastAckSeq = 0;
  (function restore() {
    try {
      const saved = JSON.parse(sessionStorage.getItem(STORE) || "null");
      if (!saved) return;
      lastAckSeq = num(saved.ackSeq, 0);
      // Edits of a previous load of this tab that were never answered: send them again (same
      // keys: one that did arrive is not applied twice). Our own answered edits are not
      // someone else's, so they never count as a conflict (base seq raised to them).
      queue = (saved.queue || []).map((e) => ({ ...e, baseSeq: Math.max(e.baseSeq || 0, lastAckSeq) }));
    } catch (_e) { queue = []; }
  })();

  const gen = (key) => gens.get(key) || 0;
  const fieldKey = (block, prop) => block + "/" + prop;
  const fieldForm = (key) => {
    const [block, prop] = key.split("/");
    return document.getElementById(`field-${block}-${prop}`);
  };
  const inlineEl = (key) => {
    const [block, prop] = key.split("/");
    const frame = document.getElementById("b-" + block);
    if (!frame) return null;
    return $$(`[data-inline="${CSS.escape(prop)}"]`, frame).find((el) => el.closest(".ed-block") === frame) || null;
  };
  const waiting = () => queue.length + dirty.size + htmxPending;

  // A form's values as [name, value] pairs, rich text copied in first (what is on screen).
  function serialize(form) {
    $$("[data-rich]", form).forEach((wrapper) => {
      const area = $(".ed-rich-area", wrapper);
      const input = $("input[type=hidden]", wrapper);
      if (area && input) input.value = area.innerHTML;
    });
    const pairs = [];
    new FormData(form).forEach((value, name) => { if (name !== "action") pairs.push([name, String(value)]); });
    return pairs;
  }
  const inlineValue = (el) => el.innerText.replace(/\s+\n/g, "\n").trim();

  // What a field entry sends: read from the screen if the field is still there.
  function currentData(entry) {
    if (entry.source === "inline") {
      const el = inlineEl(entry.field);
      return el ? [["value", inlineValue(el)]] : entry.data;
    }
    const form = fieldForm(entry.field);
    return form ? serialize(form) : entry.data;
  }

  function enqueue(entry) {
    entry.id = entry.id || uuid();
    entry.page = entry.page || pageId;
    entry.baseSeq = entry.baseSeq || knownSeq;
    if (entry.field && !entry.structural) {
      // The same field typed again before its edit left: one edit with the newest text.
      const same = queue.find((e) => e !== inflight && e.field === entry.field && !e.structural
        && e.source === entry.source);
      if (same) {
        same.data = entry.data;
        same.gen = entry.gen;
        persist(); render(); pump();
        return same;
      }
    }
    if (entry.data && queue.some((e) => e.id === entry.id)) return null; // a double tap
    queue.push(entry);
    persist();
    render();
    pump();
    return entry;
  }

  // --- typing: debounce, then one entry per field ------------------------------------------
  function touched(key, source, el) {
    gens.set(key, gen(key) + 1);
    let d = dirty.get(key);
    if (!d) {
      d = { timer: null, source, el, baseSeq: knownSeq };
      dirty.set(key, d);
    }
    d.source = source;
    d.el = el;
    clearTimeout(d.timer);
    d.timer = setTimeout(() => flushField(key), config.debounce);
    render();
  }
  function flushField(key) {
    const d = dirty.get(key);
    if (!d) return;
    clearTimeout(d.timer);
    dirty.delete(key);
    const [block, prop] = key.split("/");
    let data;
    let url;
    if (d.source === "inline") {
      const el = d.el && d.el.isConnected ? d.el : inlineEl(key);
      if (!el) { render(); return; }
      data = [["value", inlineValue(el)]];
      url = editor.dataset.propUrl.replace("__ID__", block).replace("__PROP__", prop);
      // keep the panel's field in step
      const field = $(`#field-${block}-${prop} [name="value"]`);
      if (field && field.type !== "hidden") field.value = data[0][1];
    } else {
      const form = d.el && d.el.isConnected ? d.el : fieldForm(key);
      if (!form) { render(); return; }
      data = serialize(form);
      url = form.dataset.fieldUrl;
    }
    enqueue({ kind: "set_prop", field: key, source: d.source, block, url, data,
              baseSeq: d.baseSeq, gen: gen(key) });
  }
  function flushAll() { Array.from(dirty.keys()).forEach(flushField); }

  // Panel fields: every widget (text, textarea, rich text, list items, number, select …).
  const formOf = (el) => el && el.closest && el.closest("form[data-field-url]");
  const keyOf = (form) => fieldKey(form.dataset.fieldBlock, form.dataset.prop);
  document.addEventListener("input", (e) => {
    const form = formOf(e.target);
    if (form) touched(keyOf(form), "form", form);
  });
  document.addEventListener("change", (e) => {
    const form = formOf(e.target);
    if (!form) return;
    touched(keyOf(form), "form", form);
    // A choice (select, radio, checkbox, picker) is complete: save it now. Text fields also
    // fire "change" when they lose focus, which saves them too.
    flushField(keyOf(form));
  });
  document.addEventListener("focusout", (e) => {
    const form = formOf(e.target);
    if (form && dirty.has(keyOf(form))) flushField(keyOf(form));
  });
  document.addEventListener("submit", (e) => {
    const form = formOf(e.target);
    if (!form) return;
    e.preventDefault();
    const button = e.submitter;
    const key = keyOf(form);
    if (button && button.name === "action") {
      // A list item added, removed or moved: the field comes back in its new shape.
      flushField(key);
      structural(form, [["action", button.value]]);
    } else {
      touched(key, "form", form);
      flushField(key); // Enter saves at once
    }
  });
  // An edit that changes the field's own editor (list items, a chosen picture): the field is
  // busy until its answer brings the new editor back (typing into it meanwhile would be lost).
  function structural(form, extra) {
    const key = keyOf(form);
    form.setAttribute("aria-busy", "true");
    form.inert = true;
    const data = serialize(form).concat(extra);
    enqueue({ kind: "set_prop", field: key, source: "form", structural: true,
              block: form.dataset.fieldBlock, url: form.dataset.fieldUrl, data, gen: gen(key) });
  }

  // Buttons that are edits (tools, palette, undo/redo, the toast's undo …) carry their op.
  document.addEventListener("click", (e) => {
    const button = e.target.closest("[data-op-url]");
    if (!button || button.disabled || !editor.contains(button)) return;
    e.preventDefault();
    let values = {};
    try { values = JSON.parse(button.dataset.op || "{}"); } catch (_e) { values = {}; }
    const id = values.op_key || uuid();
    delete values.op_key;
    flushAll(); // what was typed goes first (an undo undoes it, a move keeps it)
    const data = Object.entries(values).map(([k, v]) => [k, String(v)]);
    enqueue({ id, kind: values.kind || button.dataset.testid || "op", url: button.dataset.opUrl,
              block: values.block || null, data });
    if (button.closest("[data-toast]")) hideToast();
    if (button.hasAttribute("data-close-drawer-after") && drawer?.open) drawer.close();
    if (/^(undo|redo)$/.test(button.dataset.history || "")) return;
    const undoButton = $('[data-history="undo"]');
    if (undoButton) undoButton.disabled = false; // something to undo as soon as it is queued
  });

  // --- sending: one request at a time, in order, retried until answered ---------------------
  function schedule(delay) {
    clearTimeout(retryTimer);
    retryTimer = setTimeout(() => { retryTimer = null; pump(); }, delay);
  }
  // A page part that could not load (the palette while offline) loads again when the
  // connection is back. Only edits are queued; a GET is simply asked for again.
  let failedGet = null;
  document.body.addEventListener("htmx:sendError", (e) => {
    const cfgReq = e.detail.requestConfig;
    if (!cfgReq || cfgReq.verb !== "get") return;
    failedGet = { path: cfgReq.path, source: e.detail.elt, target: e.detail.target };
    if (e.detail.target && e.detail.target.id === "drawer-body") {
      e.detail.target.innerHTML = "";
      const note = document.createElement("p");
      note.className = "ed-help ed-offline-note";
      note.setAttribute("role", "status");
      note.textContent = editor.dataset.loadLater;
      e.detail.target.appendChild(note);
    }
  });
  function retryGet() {
    const get = failedGet;
    failedGet = null;
    if (!get || !get.target || !get.target.isConnected) return;
    if (get.target.id === "drawer-body" && !drawer?.open) return;
    htmx.ajax("GET", get.path, { source: get.source && get.source.isConnected ? get.source : undefined,
                                 target: get.target });
  }
  function retryNow() {
    retryGet();
    if (inflight || !queue.length) return;
    tries = 0;
    clearTimeout(retryTimer);
    retryTimer = null;
    pump();
  }
  window.addEventListener("online", retryNow);

  async function pump() {
    if (inflight || retryTimer || !queue.length) return;
    const entry = queue[0];
    inflight = entry;
    if (entry.field && !entry.structural) {
      // The field's newest text goes now (its pending debounce is part of this save).
      const d = dirty.get(entry.field);
      if (d && d.source === entry.source) { clearTimeout(d.timer); dirty.delete(entry.field); }
      entry.data = currentData(entry);
      entry.gen = gen(entry.field);
      persist();
    }
    const body = new URLSearchParams(entry.data);
    body.set("op_key", entry.id);
    body.set("base_seq", String(entry.baseSeq || knownSeq));
    if (selectedId) body.set("selected", selectedId);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), config.timeout);
    let response = null;
    let text = "";
    try {
      response = await fetch(entry.url, {
        method: "POST", body, credentials: "same-origin", redirect: "manual",
        signal: controller.signal, cache: "no-store",
        headers: { "X-CSRFToken": csrf(), "X-Client-Id": client, "HX-Request": "true",
                   "Idempotency-Key": entry.id },
      });
      text = response.type === "opaqueredirect" ? "" : await response.text();
    } catch (_e) {
      response = null; // offline, refused, reset or timed out: the outcome is unknown
    } finally {
      clearTimeout(timer);
    }
    inflight = null;
    settle(entry, response, text);
  }

  function settle(entry, response, text) {
    const status = response ? response.status : 0;
    if (!response || status === 502 || status === 503 || status === 504) {
      problem = "offline"; // the server is out of reach (or restarting): same key, later
      return backOff();
    }
    if (response.type === "opaqueredirect" || status === 401) {
      problem = "login"; // signed out: keep every edit until they sign in again
      showAlert("save-alert-login");
      return backOff(true);
    }
    if (status === 400) {
      problem = "reload"; // the form token expired: a reload sends the edits with a new one
      showAlert("save-alert-reload");
      render();
      return undefined;
    }
    if (status === 429) {
      problem = "failed";
      const after = num(response.headers.get("Retry-After"), 0) * 1000;
      return backOff(false, after);
    }
    if (status >= 500) {
      problem = "failed";
      return backOff();
    }
    // Answered: applied, refused (409/422) or not allowed (403/404). Done with this entry.
    tries = 0;
    problem = null;
    queue.shift();
    if (status < 300) lastAckSeq = Math.max(lastAckSeq, seqIn(text));
    persist();
    const retarget = response.headers.get("HX-Retarget");
    if (retarget && status >= 400) {
      // An error page fragment (not allowed, gone): shown in the alert area.
      const box = $(retarget);
      if (box) box.innerHTML = text;
      unbusy(entry);
    } else if (entry.page === pageId) {
      applyAnswer(text, entry, status);
    }
    render();
    if (!queue.length && staleCanvas) refreshCanvas();
    pump();
    return undefined;
  }
  function backOff(slow, atLeast) {
    tries += 1;
    const delay = slow ? config.retryMax
      : Math.max(atLeast || 0, Math.min(config.retryMax, config.retry * 2 ** (tries - 1)));
    render();
    schedule(delay);
  }
  const seqIn = (html) => {
    const m = /id="seq" value="(\d+)"/.exec(html || "");
    return m ? Number(m[1]) : 0;
  };
  function unbusy(entry) {
    if (!entry.structural) return;
    const form = fieldForm(entry.field);
    if (form) { form.inert = false; form.removeAttribute("aria-busy"); }
  }
  function showAlert(templateId) {
    const box = $("#alerts");
    const tpl = document.getElementById(templateId);
    if (box && tpl && !box.querySelector("[data-save-alert]")) box.appendChild(tpl.content.cloneNode(true));
  }

  // --- answers and live updates: applied without overwriting newer local edits ----------------
  function targetOf(el) {
    const spec = el.getAttribute("hx-swap-oob") || "true";
    const colon = spec.indexOf(":");
    if (colon > -1) return document.querySelector(spec.slice(colon + 1));
    return el.id ? document.getElementById(el.id) : null;
  }
  // Edits of this tab still to be answered that re-render block ``id`` when they are.
  const rerenderPending = (id) => queue.some((e) => e.field && e.block === id)
    || Array.from(dirty.keys()).some((k) => k.startsWith(id + "/"));
  const deferred = new Map(); // element id -> html held back while the user types in it
  let deferredReload = null;

  // ``origin``: the queue entry answered, or {stream: true} for another editor's change.
  function applyHtml(html, origin) {
    const tpl = document.createElement("template");
    tpl.innerHTML = html;
    let missingAnchor = false;
    let touchesPanel = false;
    for (const el of Array.from(tpl.content.children)) {
      const spec = el.getAttribute("hx-swap-oob");
      if (spec === null) continue;
      const target = targetOf(el);
      const id = el.id || "";
      if (!target) {
        if (spec.indexOf(":") > -1) missingAnchor = true;
        el.remove();
        continue;
      }
      if (id === "save-state") { el.remove(); continue; } // this tab's own queue says
      if (id === "seq") { remember(Number(el.value)); el.remove(); continue; }
      if (id.startsWith("field-")) {
        // A field's editor comes back (errors, a new list item): only for the newest edit of
        // that field, and only if nothing was typed into it after that edit left.
        const key = fieldKey(el.dataset.fieldBlock, el.dataset.prop);
        const newest = origin.field === key && origin.gen === gen(key) && !dirty.has(key)
          && !queue.some((e) => e.field === key);
        if (!newest) { el.remove(); continue; }
        touchesPanel = true;
        continue;
      }
      if (id === "panel") {
        // A panel that comes with an answer is for the block it answers about; if the owner
        // has gone to another block meanwhile, theirs stays (a new block's panel opens unless
        // they already picked another one).
        const shows = el.querySelector("[data-block]")?.dataset.block || null;
        const adds = /^(insert|paste|duplicate|restore)$/.test(origin.kind || "");
        const current = wanted || selectedId;
        if (shows && (adds ? wanted && wanted !== shows : shows !== current)) { el.remove(); continue; }
        // An empty panel (the block was deleted) only closes the panel of that block.
        if (!shows && (wanted || (origin.block && selectedId && origin.block !== selectedId))) {
          el.remove();
          continue;
        }
        touchesPanel = true;
        continue;
      }
      const replaces = spec.indexOf(":") === -1;
      if (replaces && id.startsWith("b-")) {
        if (rerenderPending(id.slice(2))) {
          // Our own newer edit of this block will bring its newest version.
          if (origin.stream) staleCanvas = true;
          el.remove();
          continue;
        }
        const active = typingIn();
        if (active && target.contains(active)) {
          deferred.set(id, el.outerHTML); // applied when the user leaves the text
          el.remove();
          continue;
        }
      }
      if (id === "canvas-root" && $("#canvas-root")?.contains(typingIn())) {
        deferredReload = el.outerHTML;
        el.remove();
        continue;
      }
    }
    if (touchesPanel) flushAll(); // typed text is queued before its field is replaced
    if (tpl.content.children.length) swapKeepingFocus(tpl.innerHTML);
    return missingAnchor;
  }
  function swapKeepingFocus(html) {
    const before = focused();
    const id = before && before.id;
    htmx.swap("#op-sink", html, { swapStyle: "innerHTML" });
    if (id && !focused()) document.getElementById(id)?.focus({ preventScroll: true });
  }
  function applyAnswer(html, entry, status) {
    const answered = seqIn(html);
    if (status < 300 && entry.field && !queue.some((e) => e.field === entry.field)) {
      // Saved: whatever this field was refused for before is no longer true.
      const form = fieldForm(entry.field);
      if (form) {
        form.classList.remove("has-error");
        $$(".ed-error", form).forEach((el) => el.remove());
        $$('[aria-invalid="true"]', form).forEach((el) => {
          el.removeAttribute("aria-invalid");
          el.removeAttribute("aria-describedby");
        });
      }
    }
    if (applyHtml(html, entry)) refreshCanvas();
    // An answer that comes back after a newer change from someone else was already shown may
    // carry an older version of a block: fetch the canvas once more (rare).
    else if (answered && answered < knownSeq && !entry.field) refreshCanvas();
    reapplyPending();
    if (/^(insert|paste|duplicate|restore)$/.test(entry.kind)) showNewBlock();
  }
  function refreshCanvas() {
    staleCanvas = false;
    if ($("#canvas-root")?.contains(typingIn())) { staleCanvas = true; return; }
    htmx.ajax("GET", editor.dataset.canvasUrl, { target: "#canvas", swap: "outerHTML" });
  }
  // Fields whose newer text is still waiting (queued or typed) show it, whatever a fresh
  // panel from the server says.
  function reapplyPending() {
    for (const entry of queue) {
      if (!entry.field || entry.structural || entry.source !== "form") continue;
      const form = fieldForm(entry.field);
      if (!form || form.contains(typingIn())) continue;
      for (const [name, value] of entry.data) {
        const input = form.elements.namedItem(name);
        if (!input) continue;
        if (input instanceof RadioNodeList) {
          Array.from(input).forEach((i) => { if (i.type === "radio" || i.type === "checkbox") i.checked = i.value === value; });
        } else if (input.type === "checkbox") input.checked = value === "on" || value === input.value;
        else input.value = value;
        const rich = input.closest("[data-rich]");
        if (rich && input.type === "hidden") $(".ed-rich-area", rich).innerHTML = value;
      }
    }
  }
  document.body.addEventListener("htmx:afterSwap", (e) => {
    if (e.detail.target && (e.detail.target.id === "panel" || e.detail.target.matches?.("form[data-field-url]"))) reapplyPending();
  });

  // When the user leaves a text, what was held back for it is applied (unless our own newer
  // edit of that block is on its way: its answer brings the newest version).
  document.addEventListener("focusout", () => {
    setTimeout(() => {
      if (deferredReload && !$("#canvas-root")?.contains(typingIn())) {
        const html = deferredReload;
        deferredReload = null;
        deferred.clear();
        swapKeepingFocus(html);
        return;
      }
      for (const [id, html] of Array.from(deferred)) {
        const el = document.getElementById(id);
        if (el && el.contains(typingIn())) continue;
        deferred.delete(id);
        if (el && !rerenderPending(id.slice(2))) swapKeepingFocus(html);
      }
    }, 50);
  });

  // The live stream (live.js) hands other editors' changes here.
  window.WWEditor = {
    applyStream(html) { return applyHtml(html, { stream: true }); },
    reload(html) {
      if ($("#canvas-root")?.contains(typingIn())) { deferredReload = html; return false; }
      deferredReload = null;
      deferred.clear();
      swapKeepingFocus(html);
      return true;
    },
    remember,
    typingIn,
    busyPanel: () => Boolean(queue.length || dirty.size),
    retryNow,
  };

  // --- the save state -------------------------------------------------------------------------
  const refusedShown = () => Boolean($('#panel .ed-error:not(:empty), #panel [aria-invalid="true"]'));
  function render() {
    const el = $("#save-state");
    if (!el) return;
    const n = waiting();
    let state = "saved";
    let text = editor.dataset.saved;
    const count = (template) => (template || "").replace("__N__", String(Math.max(n, 1)));
    if (problem === "login" && queue.length) { state = "login"; text = count(editor.dataset.login); }
    else if (problem === "reload" && queue.length) { state = "reload"; text = count(editor.dataset.reload); }
    else if (problem === "offline" && queue.length) { state = "offline"; text = count(editor.dataset.offline); }
    else if (problem === "failed" && queue.length) { state = "failed"; text = count(editor.dataset.retrying); }
    else if (n > 1) { state = "pending"; text = count(editor.dataset.pending); }
    else if (n === 1) { state = "saving"; text = editor.dataset.saving; }
    else if (refusedShown()) { state = "refused"; text = editor.dataset.refused; }
    else if (external && external.state === "failed") { state = "failed"; text = external.text; }
    if (el.dataset.state !== state || el.textContent !== text) {
      el.dataset.state = state;
      el.textContent = text;
    }
    el.dataset.pending = String(n);
    el.title = text;
  }
  // Other panels (the design panel) report their own saves: remembered, shown when ours allow.
  document.body.addEventListener("htmx:oobBeforeSwap", (e) => {
    const fragment = e.detail.fragment && (e.detail.fragment.id === "save-state" ? e.detail.fragment
      : e.detail.fragment.querySelector?.("#save-state"));
    if (e.detail.target?.id !== "save-state" || !fragment) return;
    external = { state: fragment.dataset.state, text: fragment.textContent.trim() };
    e.detail.shouldSwap = false;
    render();
  });
  // Editor POSTs htmx still makes itself (restoring a version) count as waiting too.
  const isEditorPost = (d) => d.requestConfig?.verb === "post" && /\/editor\/pages\//.test(d.requestConfig.path || "");
  document.body.addEventListener("htmx:beforeRequest", (e) => {
    if (isEditorPost(e.detail)) { htmxPending += 1; render(); }
  });
  document.body.addEventListener("htmx:afterRequest", (e) => {
    if (isEditorPost(e.detail)) { htmxPending = Math.max(0, htmxPending - 1); render(); }
  });
  document.body.addEventListener("htmx:afterSettle", render);
  // The design panel's own requests (and every other htmx request) carry the page's seq and
  // a key; the ones this file sends set them itself.
  document.body.addEventListener("htmx:configRequest", (e) => {
    const params = e.detail.parameters;
    const set = (k, v) => { if (params.set) params.set(k, v); else params[k] = v; };
    const has = (k) => (params.has ? params.has(k) : params[k] !== undefined);
    if (e.detail.verb === "post") {
      if (!has("base_seq")) set("base_seq", String(knownSeq));
      if (!has("op_key")) set("op_key", uuid());
      if (selectedId) set("selected", selectedId);
    } else if (e.detail.elt?.matches?.('[data-testid="add-block"]') && selectedId
               && document.getElementById("b-" + selectedId)) {
      // "Add block" in the top bar adds below the selected block, where the owner is.
      set("target", selectedId);
      set("where", "after");
    }
  });

  // Leaving the editor: typed text is queued first; a link waits until the queue is empty.
  window.addEventListener("pagehide", () => { flushAll(); persist(); });
  window.addEventListener("beforeunload", (e) => {
    flushAll();
    persist();
    if (queue.length) { e.preventDefault(); e.returnValue = ""; }
  });
  document.addEventListener("click", (e) => {
    const link = e.target.closest("a[href]");
    if (!link || e.defaultPrevented || link.target === "_blank" || e.ctrlKey || e.metaKey
        || e.shiftKey || link.closest("#canvas")) return;
    flushAll();
    if (!queue.length) return;
    e.preventDefault();
    const started = Date.now();
    render();
    const go = () => {
      if (!queue.length || problem || Date.now() - started > 10000) { location.href = link.href; return; }
      setTimeout(go, 100);
    };
    go();
  });

  // --- the toast ------------------------------------------------------------------------------
  let toastTimer = null;
  function hideToast() {
    clearTimeout(toastTimer);
    const toast = $("#toast");
    if (toast) toast.innerHTML = "";
  }
  function armToast() {
    const msg = $("#toast [data-toast]");
    if (!msg || msg.dataset.armed) return;
    msg.dataset.armed = "1";
    clearTimeout(toastTimer);
    // Long enough to read and tap "undo"; never while the pointer or focus is on it.
    const wait = msg.hasAttribute("data-toast-action") ? 8000 : 5000;
    const later = () => {
      toastTimer = setTimeout(() => {
        const toast = $("#toast");
        if (toast && (toast.matches(":hover") || toast.contains(focused()))) { later(); return; }
        if (msg.isConnected) hideToast();
      }, wait);
    };
    later();
  }
  document.body.addEventListener("htmx:afterSettle", armToast);
  document.body.addEventListener("htmx:oobAfterSwap", armToast);

  // --- selection ------------------------------------------------------------------------
  function markSelected() {
    const inner = $("#panel [data-block]");
    selectedId = inner ? inner.dataset.block : null;
    if (wanted && wanted === selectedId) wanted = null;
    $$(".ed-block.is-selected").forEach((b) => {
      if (b.id === "b-" + selectedId) return;
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
      if (el.closest(".ed-block") !== block || el.hasAttribute("contenteditable")) return;
      el.setAttribute("contenteditable", "plaintext-only");
      if (el.contentEditable !== "plaintext-only") el.setAttribute("contenteditable", "true");
      el.setAttribute("spellcheck", "true");
    });
  }
  // The block the owner asked for last: a click on block A, then quickly on block B, ends
  // with B selected even if A's panel arrives late (a late panel for A is not shown).
  function select(id) {
    if (!id) return;
    flushAll();
    wanted = id;
    htmx.ajax("GET", editor.dataset.selectUrl.replace("__ID__", id),
      { target: "#panel", swap: "innerHTML" });
  }
  // A panel that could not load: the block asked for is no longer pending (tapping it again
  // asks again).
  const forgetWanted = (e) => { if (e.detail.target?.id === "panel") wanted = null; };
  document.body.addEventListener("htmx:sendError", forgetWanted);
  document.body.addEventListener("htmx:responseError", forgetWanted);
  document.body.addEventListener("htmx:beforeSwap", (e) => {
    if (e.detail.target?.id !== "panel" || !wanted) return;
    const m = /\/blocks\/([^/?]+)$/.exec(e.detail.requestConfig?.path || "");
    if (m && m[1] !== wanted) e.detail.shouldSwap = false;
  });
  document.addEventListener("htmx:afterSettle", markSelected);
  // A block just added: in view, selected, its panel open.
  function showNewBlock() {
    const inner = $("#panel [data-block]");
    const block = inner && document.getElementById("b-" + inner.dataset.block);
    if (!block) return;
    const narrow = window.matchMedia("(max-width: 899px)").matches;
    const still = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    block.scrollIntoView({ block: narrow ? "start" : "center", behavior: still ? "auto" : "smooth" });
    block.focus({ preventScroll: true });
  }

  const root = () => $("#canvas");
  document.addEventListener("click", (e) => {
    const canvas = root();
    if (!canvas || !canvas.contains(e.target)) return;
    const link = e.target.closest("a");
    if (link && !e.target.closest("[contenteditable]")) e.preventDefault(); // no navigation
    if (e.target.closest("form")) e.preventDefault();
    const block = e.target.closest(".ed-block");
    if (block && block.dataset.blockId !== (wanted || selectedId)) select(block.dataset.blockId);
  });
  document.addEventListener("keydown", (e) => {
    const block = e.target.closest && e.target.closest(".ed-block");
    if (block && e.key === "Enter" && e.target === block) {
      e.preventDefault();
      select(block.dataset.blockId);
    }
  });

  // --- inline text editing on the canvas ----------------------------------------------------
  const inlineKey = (el) => {
    const block = el.closest(".ed-block");
    return block ? fieldKey(block.dataset.blockId, el.dataset.inline) : null;
  };
  const isInline = (el) => el && el.matches && el.matches("[data-inline][contenteditable]");
  document.addEventListener("input", (e) => {
    if (!isInline(e.target)) return;
    const key = inlineKey(e.target);
    if (key) touched(key, "inline", e.target);
  });
  document.addEventListener("focusout", (e) => {
    if (!isInline(e.target)) return;
    const key = inlineKey(e.target);
    if (key && dirty.has(key)) flushField(key);
  });
  document.addEventListener("keydown", (e) => {
    if (isInline(e.target) && e.key === "Enter" && e.target.tagName !== "P") {
      e.preventDefault();
      e.target.blur(); // saves
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
    const form = formOf(button);
    if (form) touched(keyOf(form), "form", form);
  });

  // --- a long text changed by two people: "keep theirs" ------------------------------------
  document.addEventListener("click", (e) => {
    const keep = e.target.closest("[data-keep-theirs]");
    if (!keep) return;
    const key = fieldKey(keep.dataset.keepTheirs, keep.dataset.keepProp);
    const d = dirty.get(key);
    if (d) { clearTimeout(d.timer); dirty.delete(key); }
    queue = queue.filter((q) => q === inflight || q.field !== key || q.structural);
    persist();
    hideToast();
    // Their text is on the page: show it in the panel too.
    if (selectedId === keep.dataset.keepTheirs) {
      htmx.ajax("GET", editor.dataset.selectUrl.replace("__ID__", selectedId), { target: "#panel", swap: "innerHTML" });
    }
    render();
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
  function pickInto(alt, asset, altText) {
    const form = alt && alt.closest("form");
    if (!form) return false;
    const assetInput = alt.closest(".ed-field, .ed-subfield, fieldset, form")
      .querySelector("[data-image-asset]") || $("[data-image-asset]", form);
    assetInput.value = asset;
    if (!alt.value && altText) alt.value = altText;
    resave(form);
    return true;
  }
  // A picture chosen or removed: the field is saved and comes back with its preview.
  function resave(form) {
    if (!form) return;
    if (form.matches("[data-field-url]")) {
      flushField(keyOf(form));
      structural(form, [["refresh", "1"]]);
      return;
    }
    // Another panel's form (the design panel's logo): it saves itself through htmx.
    const flag = document.createElement("input");
    flag.type = "hidden"; flag.name = "refresh"; flag.value = "1";
    form.appendChild(flag);
    htmx.trigger(form, "change");
    setTimeout(() => flag.remove(), 0);
  }
  document.addEventListener("click", (e) => {
    const pick = e.target.closest("[data-pick-asset]");
    if (!pick) return;
    e.preventDefault();
    pickInto(document.getElementById(pick.dataset.pickTarget), pick.dataset.pickAsset, pick.dataset.pickAlt);
    drawer.close();
  });
  // A picture just uploaded in the picker is the one the owner wanted: choose it at once.
  document.body.addEventListener("htmx:afterSettle", () => {
    const chosen = $("#drawer [data-uploaded-pick]:not([data-used])");
    if (!chosen || !drawer?.open) return;
    chosen.dataset.used = "1";
    if (pickInto(document.getElementById(chosen.dataset.pickTarget), chosen.dataset.pickAsset, chosen.dataset.pickAlt)) drawer.close();
  });
  // The picker asks for the description before the picture is sent (not after a long upload
  // on a phone, which the owner would have to choose again).
  document.body.addEventListener("htmx:confirm", (e) => {
    const form = e.detail.elt;
    if (!form.matches || !form.matches("#drawer .asset-upload")) return;
    const alt = form.querySelector("#asset-upload-alt[required]");
    const file = form.querySelector("#asset-upload-file");
    if (!alt || alt.value.trim() || !file || !file.files.length) return;
    e.preventDefault();
    let note = form.querySelector("#asset-upload-alt-error");
    if (!note) {
      note = document.createElement("p");
      note.className = "error";
      note.id = "asset-upload-alt-error";
      note.setAttribute("role", "alert");
      alt.insertAdjacentElement("afterend", note);
    }
    note.textContent = alt.dataset.requiredMessage || "";
    alt.setAttribute("aria-invalid", "true");
    alt.setAttribute("aria-describedby", "asset-upload-alt-error asset-upload-alt-help");
    alt.focus();
  });
  document.addEventListener("click", (e) => {
    const clear = e.target.closest("[data-image-clear]");
    if (!clear) return;
    const wrap = clear.closest("[data-image-field]");
    $("[data-image-asset]", wrap).value = "";
    resave(clear.closest("form"));
  });

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
        flushAll();
        enqueue({ kind: "move", url: editor.dataset.opsUrl, block: id,
                  data: [["kind", "move"], ["block", id], ["parent", parentOf(evt.to)],
                         ["slot", evt.to.dataset.slot], ["index", String(blocksBefore)]] });
      },
    });
  }
  function initSortables() {
    const canvas = root();
    if (!canvas) return;
    $$("[data-slot]", canvas).forEach(makeSortable);
  }
  document.addEventListener("htmx:afterSettle", initSortables);
  window.addEventListener("load", () => {
    initSortables();
    markSelected();
    reapplyPending();
    render();
    pump(); // edits a reload interrupted
  });

  // --- keyboard shortcuts ---------------------------------------------------------------
  document.addEventListener("keydown", (e) => {
    const mod = e.ctrlKey || e.metaKey;
    if (mod && e.key.toLowerCase() === "z" && !typingIn()) {
      e.preventDefault();
      $(`[data-history="${e.shiftKey ? "redo" : "undo"}"]`)?.click();
    } else if (mod && e.key.toLowerCase() === "y" && !typingIn()) {
      e.preventDefault();
      $('[data-history="redo"]')?.click();
    } else if (selectedId && !typingIn() && (e.key === "Delete" || e.key === "Backspace")) {
      e.preventDefault();
      $('#panel [data-testid="delete"]')?.click();
    } else if (selectedId && !typingIn() && e.altKey && (e.key === "ArrowUp" || e.key === "ArrowDown")) {
      e.preventDefault();
      $(`#panel [data-testid="${e.key === "ArrowUp" ? "move-up" : "move-down"}"]`)?.click();
    } else if (e.key === "Escape" && selectedId && !drawer.open) {
      $("#panel [data-close-panel]")?.click();
    }
  });
  render();
})();
