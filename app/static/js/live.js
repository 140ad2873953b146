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
  const ed = window.WWEditor; // editor.js: applies fragments without losing local edits
  let streamSeq = Number(($("#seq") || {}).value || 0); // the highest seq the stream delivered

  // Every request says which tab it comes from: the stream does not echo our own ops.
  document.body.addEventListener("htmx:configRequest", (e) => {
    e.detail.headers["X-Client-Id"] = client;
  });

  function advanceStream(seq) {
    if (!Number.isFinite(seq) || seq <= streamSeq) return;
    streamSeq = seq;
    // The extension reconnects by re-reading sse-connect: keep the replay point in it.
    const el = liveEl();
    if (!el) return;
    const url = new URL(el.getAttribute("sse-connect"), location.href);
    url.searchParams.set("since", String(streamSeq));
    el.setAttribute("sse-connect", url.pathname + url.search);
  }

  function refreshPanel(html) {
    const inner = $("#panel [data-block]");
    if (!inner) return;
    const id = inner.dataset.block;
    const panel = $("#panel");
    if (panel.contains(ed.typingIn())) return; // the user is typing there: their save wins
    if (!document.getElementById("b-" + id)) {
      htmx.ajax("GET", editor.dataset.emptyPanelUrl, { target: "#panel", swap: "innerHTML" });
      return;
    }
    if (html === null || html.indexOf('id="b-' + id + '"') > -1 || html.indexOf("canvas-root") > -1) {
      htmx.ajax("GET", editor.dataset.selectUrl.replace("__ID__", id), { target: "#panel", swap: "innerHTML" });
    }
  }

  // --- presence ---------------------------------------------------------------------------
  const initials = (name) => (name || "?").trim().slice(0, 1).toUpperCase();
  let people = [];
  function renderPresence() {
    const bar = $("#presence");
    if (!bar) return;
    bar.textContent = "";
    const seen = new Set();
    for (const p of people) {
      const key = p.user + ":" + (p.client === client ? "me" : "");
      if (seen.has(key)) continue;
      seen.add(key);
      const dot = document.createElement("span");
      dot.className = "ed-avatar" + (p.agent ? " is-agent" : "") + (p.client === client ? " is-me" : "");
      dot.setAttribute("role", "listitem");
      const label = (p.client === client ? editor.dataset.you + " · " : "") + p.name
        + (p.agent ? " · " + editor.dataset.agentLabel : "");
      dot.title = label;
      dot.setAttribute("aria-label", label);
      dot.textContent = initials(p.name);
      dot.dataset.testid = "avatar";
      bar.appendChild(dot);
    }
    $$(".ed-badge-editing").forEach((b) => b.remove());
    for (const p of people) {
      if (!p.block || p.client === client) continue;
      const block = document.getElementById("b-" + p.block);
      if (!block) continue;
      const badge = document.createElement("span");
      badge.className = "ed-badge-editing" + (p.agent ? " is-agent" : "");
      badge.textContent = editor.dataset.editing.replace("__NAME__", p.name);
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
  // The connection's state is shown as soon as it drops (the browser says it is offline, or
  // the stream has been silent for longer than two heartbeats) and again when it is back.
  let source = null;
  let wasDown = false;
  let lastHeard = Date.now();
  const heartbeat = Number(editor.dataset.heartbeat || 15) * 1000;
  const liveEl = () => document.getElementById("live");
  function liveState(kind) {
    const el = $("#live-state");
    if (!el) return;
    clearTimeout(el._timer);
    el.dataset.state = kind;
    el.textContent = kind === "down" ? editor.dataset.liveDown : kind === "back" ? editor.dataset.liveBack : "";
    el.hidden = kind === "up";
    // "Connected again" shows for a moment, then gets out of the way.
    if (kind === "back") el._timer = setTimeout(() => liveState("up"), 4000);
  }
  function down() {
    if (!wasDown) liveState("down");
    wasDown = true;
    editor.classList.add("is-offline-live");
  }
  // A fresh stream now (from the last seq seen), instead of the extension's growing back-off.
  function reconnect() {
    const el = liveEl();
    if (!el || document.body.classList.contains("is-support-ended")) return;
    if (source) source.close();
    source = null;
    const fresh = el.cloneNode(true);
    el.replaceWith(fresh);
    htmx.process(fresh);
    lastHeard = Date.now();
  }
  const heard = () => { lastHeard = Date.now(); };
  document.body.addEventListener("htmx:sseOpen", (e) => {
    if (e.target.id !== "live") return;
    source = e.detail.source;
    source.addEventListener("ping", heard);
    heard();
    editor.classList.remove("is-offline-live");
    liveState(wasDown ? "back" : "up");
    wasDown = false;
    ed.retryNow(); // the server answers again: edits waiting for it go now
  });
  document.body.addEventListener("htmx:sseError", (e) => { if (e.target.id === "live") down(); });
  window.addEventListener("offline", down);
  window.addEventListener("online", reconnect);
  setInterval(() => {
    if (source && Date.now() - lastHeard > 2.5 * heartbeat) { down(); reconnect(); }
  }, Math.min(5000, heartbeat));
  document.body.addEventListener("htmx:sseBeforeMessage", (e) => {
    if (e.target.id !== "live-sink") return;
    e.preventDefault(); // applied here, safely (see editor.js applyHtml)
    heard();
    const msg = e.detail;
    const seq = Number(msg.lastEventId);
    switch (msg.type) {
      case "op": {
        const missing = ed.applyStream(msg.data);
        ed.remember(seq); advanceStream(seq);
        refreshPanel(msg.data);
        renderPresence();
        if (missing) htmx.ajax("GET", editor.dataset.canvasUrl, { target: "#canvas", swap: "outerHTML" });
        break;
      }
      case "ack":
        ed.remember(seq); advanceStream(seq);
        break;
      case "reload":
        if (ed.reload(msg.data)) refreshPanel(null);
        ed.remember(seq); streamSeq = 0; advanceStream(seq);
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
        source = null;
        liveEl()?.remove();
        break;
      default:
        break;
    }
  });
})();
