// WindWalker live co-editing: the page's SSE stream (htmx sse extension) applied safely,
// presence (avatars and "… is editing" badges), the support chat, and the "ended" state.
// Server side and protocol: docs/coediting.md.
(() => {
  "use strict";
  const editor = document.getElementById("editor");
  const live = document.getElementById("live");
  if (!editor || !live) return;
  const $ = (sel, root = document) => root.querySelector(sel);
  const $$ = (sel, root = document) => Array.from(root.querySelectorAll(sel));
  const client = editor.dataset.client;
  let known = Number(($("#seq") || {}).value || 0); // the highest page seq this tab has seen
  let streamSeq = known; // the highest seq the stream delivered (reconnect point)
  const deferred = new Map(); // element id -> html held back while the user types in it
  let deferredReload = null;

  // Every request says which tab it comes from: the stream does not echo our own ops.
  document.body.addEventListener("htmx:configRequest", (e) => {
    e.detail.headers["X-Client-Id"] = client;
  });

  function remember(seq) {
    if (!Number.isFinite(seq) || seq <= 0) return;
    known = Math.max(known, seq);
    const input = $("#seq");
    if (input && Number(input.value) < known) input.value = String(known);
  }
  function advanceStream(seq) {
    if (!Number.isFinite(seq) || seq <= streamSeq) return;
    streamSeq = seq;
    // The extension reconnects by re-reading sse-connect: keep the replay point in it.
    const url = new URL(live.getAttribute("sse-connect"), location.href);
    url.searchParams.set("since", String(streamSeq));
    live.setAttribute("sse-connect", url.pathname + url.search);
  }
  // An op response may land after a newer remote op: never move #seq backwards.
  document.body.addEventListener("htmx:afterSettle", () => remember(Number(($("#seq") || {}).value)));
  document.body.addEventListener("htmx:oobAfterSwap", (e) => {
    if (e.target && e.target.id === "seq") remember(Number(e.target.value));
  });

  // An op response that comes back after a newer op from someone else was already applied
  // may carry an older version of a block: fetch the canvas once more (rare).
  document.body.addEventListener("htmx:afterRequest", (e) => {
    const xhr = e.detail.xhr;
    if (!xhr || e.detail.requestConfig?.verb !== "post") return;
    const m = /id="seq" value="(\d+)"/.exec(xhr.responseText || "");
    if (!m || Number(m[1]) >= known) return;
    const canvas = $("#canvas-root");
    if (canvas && canvas.contains(typingIn())) return;
    htmx.ajax("GET", editor.dataset.canvasUrl, { target: "#canvas", swap: "outerHTML" });
  });

  const focused = () => document.activeElement && document.activeElement !== document.body
    ? document.activeElement : null;
  // Where the user is typing (a focused block frame is not typing: it may be replaced).
  const typingIn = () => {
    const el = focused();
    return el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName)) ? el : null;
  };
  // Swaps and puts the focus back on an element that was replaced by its new version.
  function swapKeepingFocus(html) {
    const before = focused();
    const id = before && before.id;
    htmx.swap("#op-sink", html, { swapStyle: "innerHTML" });
    if (id && !focused()) document.getElementById(id)?.focus({ preventScroll: true });
  }

  function targetOf(el) {
    const spec = el.getAttribute("hx-swap-oob") || "true";
    const colon = spec.indexOf(":");
    if (colon > -1) return document.querySelector(spec.slice(colon + 1));
    return el.id ? document.getElementById(el.id) : null;
  }

  // Applies OOB fragments from the stream: skips what the user is typing in (applied on
  // blur) and what is already gone; a fragment whose anchor is missing asks for a reload.
  function applyFragments(html) {
    const tpl = document.createElement("template");
    tpl.innerHTML = html;
    let missingAnchor = false;
    for (const el of Array.from(tpl.content.children)) {
      const target = targetOf(el);
      const spec = el.getAttribute("hx-swap-oob") || "true";
      if (!target) {
        if (spec.indexOf(":") > -1) missingAnchor = true;
        el.remove();
        continue;
      }
      const active = typingIn();
      const replaces = spec.indexOf(":") === -1;
      if (replaces && active && target.contains(active) && target.id) {
        deferred.set(target.id, el.outerHTML);
        el.remove();
      }
    }
    if (tpl.content.children.length) swapKeepingFocus(tpl.innerHTML);
    return missingAnchor;
  }

  function refreshPanel(html) {
    const inner = $("#panel [data-block]");
    if (!inner) return;
    const id = inner.dataset.block;
    const panel = $("#panel");
    if (panel.contains(typingIn())) return; // the user is typing there: their save wins
    if (!document.getElementById("b-" + id)) {
      htmx.ajax("GET", editor.dataset.emptyPanelUrl, { target: "#panel", swap: "innerHTML" });
      return;
    }
    if (html === null || html.indexOf('id="b-' + id + '"') > -1 || html.indexOf("canvas-root") > -1) {
      htmx.ajax("GET", editor.dataset.selectUrl.replace("__ID__", id), { target: "#panel", swap: "innerHTML" });
    }
  }

  function reload(html) {
    const canvas = $("#canvas-root");
    if (canvas && canvas.contains(typingIn())) { deferredReload = html; return; }
    deferredReload = null;
    deferred.clear();
    swapKeepingFocus(html);
    refreshPanel(null);
  }

  document.addEventListener("focusout", () => {
    setTimeout(() => {
      if (deferredReload) { reload(deferredReload); return; }
      for (const [id, html] of Array.from(deferred)) {
        const el = document.getElementById(id);
        if (el && el.contains(typingIn())) continue;
        deferred.delete(id);
        if (el) swapKeepingFocus(html);
      }
    }, 50);
  });

  // --- presence ---------------------------------------------------------------------------
  const initials = (name) => (name || "?").trim().slice(0, 1).toUpperCase();
  let people = [];
  function renderPresence() {
    const bar = $("#presence");
    if (!bar) return;
    bar.textContent = "";
    const seen = new Set();
    for (const p of people) {
      const key = p.u + ":" + (p.c === client ? "me" : "");
      if (seen.has(key)) continue;
      seen.add(key);
      const dot = document.createElement("span");
      dot.className = "ed-avatar" + (p.a ? " is-agent" : "") + (p.c === client ? " is-me" : "");
      dot.setAttribute("role", "listitem");
      const label = (p.c === client ? editor.dataset.you + " · " : "") + p.n
        + (p.a ? " · " + editor.dataset.agentLabel : "");
      dot.title = label;
      dot.setAttribute("aria-label", label);
      dot.textContent = initials(p.n);
      dot.dataset.testid = "avatar";
      bar.appendChild(dot);
    }
    $$(".ed-badge-editing").forEach((b) => b.remove());
    for (const p of people) {
      if (!p.b || p.c === client) continue;
      const block = document.getElementById("b-" + p.b);
      if (!block) continue;
      const badge = document.createElement("span");
      badge.className = "ed-badge-editing" + (p.a ? " is-agent" : "");
      badge.textContent = editor.dataset.editing.replace("__NAME__", p.n);
      badge.dataset.testid = "editing-badge";
      badge.setAttribute("aria-hidden", "true");
      block.appendChild(badge);
    }
  }
  document.body.addEventListener("htmx:afterSettle", renderPresence);

  // Tell the others which block this tab is editing (on selection change).
  let reported = null;
  function csrf() {
    try { return JSON.parse(document.body.getAttribute("hx-headers"))["X-CSRFToken"]; }
    catch (_e) { return ""; }
  }
  function reportSelection() {
    const inner = $("#panel [data-block]");
    const block = inner ? inner.dataset.block : "";
    if (block === reported) return;
    reported = block;
    const body = new URLSearchParams({ block });
    fetch(editor.dataset.presenceUrl, {
      method: "POST", body, credentials: "same-origin",
      headers: { "X-CSRFToken": csrf(), "X-Client-Id": client },
    }).catch(() => { reported = null; });
  }
  document.body.addEventListener("htmx:afterSettle", reportSelection);

  // --- chat ---------------------------------------------------------------------------------
  function markChat() {
    const chat = $("#chat");
    if (!chat) return;
    const me = chat.dataset.me;
    $$(".sp-chat-line", chat).forEach((li) => li.classList.toggle("is-mine", li.dataset.author === me));
    const lines = $("#chat-lines");
    if (lines) lines.scrollTop = lines.scrollHeight;
  }
  document.addEventListener("click", (e) => {
    if (e.target.closest("[data-open-chat]")) {
      const chat = $("#chat");
      if (!chat) return;
      chat.hidden = !chat.hidden;
      markChat();
      if (!chat.hidden) $("#chat-body")?.focus();
    }
    if (e.target.closest("[data-close-chat]")) $("#chat").hidden = true;
  });
  document.body.addEventListener("htmx:afterSettle", markChat);

  // --- the stream -------------------------------------------------------------------------
  let source = null;
  live.addEventListener("htmx:sseOpen", (e) => {
    source = e.detail.source;
    editor.classList.remove("is-offline-live");
  });
  live.addEventListener("htmx:sseError", () => editor.classList.add("is-offline-live"));
  document.body.addEventListener("htmx:sseBeforeMessage", (e) => {
    if (e.target.id !== "live-sink") return;
    e.preventDefault(); // applied here, safely (see applyFragments)
    const msg = e.detail;
    const seq = Number(msg.lastEventId);
    switch (msg.type) {
      case "op": {
        const missing = applyFragments(msg.data);
        remember(seq); advanceStream(seq);
        refreshPanel(msg.data);
        renderPresence();
        if (missing) htmx.ajax("GET", editor.dataset.canvasUrl, { target: "#canvas", swap: "outerHTML" });
        break;
      }
      case "ack":
        remember(seq); advanceStream(seq);
        break;
      case "reload":
        reload(msg.data);
        known = 0; remember(seq); streamSeq = 0; advanceStream(seq);
        renderPresence();
        break;
      case "presence":
        try { const p = JSON.parse(msg.data); people = p.people || []; } catch (_e) { people = []; }
        renderPresence();
        break;
      case "chat": {
        htmx.swap("#op-sink", msg.data, { swapStyle: "innerHTML" });
        const chat = $("#chat");
        if (chat && chat.hidden) chat.hidden = false;
        markChat();
        break;
      }
      case "support":
      case "design": // another editor changed the site's design: restyle the canvas
        htmx.swap("#op-sink", msg.data, { swapStyle: "innerHTML" });
        break;
      case "ended":
        htmx.swap("#op-sink", msg.data, { swapStyle: "innerHTML" });
        document.body.classList.add("is-support-ended");
        if (source) source.close(); // for good: the server refuses this tab from now on
        live.remove();
        break;
      default:
        break;
    }
  });
})();
