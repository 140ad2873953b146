"""Editing operations on pages: applied under the page row lock, logged in ``page_ops``.

Each request op (what the browser sends) is made *concrete* first — new ids generated, the
clipboard read, "move up" turned into an index — so that the log holds exactly what was
applied: replaying it from an empty page reproduces ``draft_tree``, and each row's ``previous``
is the concrete inverse that undo applies.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from flask import current_app
from sqlalchemy import delete, func, select, update

import components
from app.db import db, utcnow
from app.editor import tree as T
from app.editor.samples import context_for
from app.models import Clipboard, Page, PageOp, PageRevision, User

# Versions made by the editor itself (thinned with age); named and publish versions are kept.
AUTOMATIC = ("auto", "restore")
CLIENT_KINDS = {"insert", "set_prop", "move", "delete", "duplicate", "paste", "restore"}
# A text this long (or with several lines) is "long": a concurrent edit of it is never
# overwritten silently — the editor chooses (keep theirs / keep mine), see docs/coediting.md.
LONG_TEXT = 80



@dataclass(frozen=True)
class Author:
    """Who makes an op, and from where: the person, their browser tab (live updates skip the
    tab that made an op, and a tab's own earlier edit is never a rival) and the support
    session an agent works through (the owner sees and can undo the agent's ops)."""

    user: User | None
    client: str | None = None
    support: int | None = None

    @property
    def user_id(self) -> int | None:
        return self.user.id if self.user is not None else None


class OpConflict(Exception):
    """A long text was changed by someone else since the editor's ``base_seq``: nothing was
    applied; both versions are kept (``theirs`` on the page, ``mine`` in the log)."""

    def __init__(self, page: Page, row: PageOp, theirs: Any, mine: Any, by: int | None):
        super().__init__("conflict")
        self.page, self.row, self.theirs, self.mine, self.by = page, row, theirs, mine, by


class OpRejected(Exception):
    """The op was refused (logged with outcome "rejected"). ``error`` is the tree error."""

    def __init__(self, error: T.TreeError, page: Page):
        super().__init__(error.code)
        self.error = error
        self.page = page


@dataclass
class OpResult:
    page: Page
    row: PageOp | None
    replayed: bool = False  # the idempotency key was seen before: nothing applied twice
    touched: list[str] = field(default_factory=list)
    # Known undo/redo availability after the op (None: ask the database).
    history: dict[str, bool] | None = None
    # The concurrent change of the same prop this op replaced (last writer wins).
    overwrote: PageOp | None = None


def lock_page(page_id: int | Page) -> Page:
    """The page row, locked until the transaction ends (SELECT … FOR UPDATE).

    Given a Page the caller already loaded with FOR UPDATE, it is returned as it is."""
    if isinstance(page_id, Page):
        return page_id
    page = db.session.scalar(
        select(Page).where(Page.id == page_id).with_for_update().execution_options(
            populate_existing=True)
    )
    if page is None:
        raise LookupError(page_id)
    return page


def _where(tree: T.Node, target: str | None, where: str) -> tuple[str, str, int]:
    """(parent, slot, index) for placing a block before/after/inside ``target``."""
    if not target or target == T.ROOT_ID:
        children = tree["slots"][T.ROOT_SLOT]
        return T.ROOT_ID, T.ROOT_SLOT, 0 if where == "start" else len(children)
    loc = T.find(tree, target)
    if where == "before":
        return loc.parent["id"], loc.slot, loc.index
    if where == "after":
        return loc.parent["id"], loc.slot, loc.index + 1
    if where.startswith("inside"):
        slot = where.split(":", 1)[1] if ":" in where else None
        names = components.get(loc.node["type"]).slot_names(loc.node["props"])
        if not names:
            raise T.TreeError("not_a_container", loc.node["type"])
        slot = slot if slot in names else names[0]
        return loc.node["id"], slot, len(loc.node["slots"].get(slot, []))
    raise T.TreeError("bad_position", where)


def _before_closing_block(tree: T.Node, parent: str, index: int) -> int:
    """A new block never lands after the page's closing singleton (the site footer): an insert
    "at the end" or "after the footer" goes just above it, where the owner expects it."""
    if parent != T.ROOT_ID:
        return index
    children = tree["slots"][T.ROOT_SLOT]
    if children:
        last = components.registry().get(children[-1]["type"])
        if last is not None and last.singleton and last.category == "site":
            return min(index, len(children) - 1)
    return index


def concretize(tree: T.Node, op: dict[str, Any], actor: User | None,
               page: Page | None = None) -> dict[str, Any]:
    """Turns a request op into the concrete op that will be applied and logged."""
    kind = op.get("kind")
    if kind not in CLIENT_KINDS:
        raise T.TreeError("unknown_op", str(kind))
    if kind == "set_prop":
        node = T.find(tree, op["block"]).node
        concrete = {"kind": kind, "block": op["block"], "prop": op["prop"],
                    "value": op.get("value")}
        follow = _follow(node, op["prop"], op.get("value"))
        if follow is not None:
            concrete.update(also=follow.props, note=follow.note)
        return concrete
    if kind == "insert":
        # A block from the palette arrives with sample content for the site's trade and
        # language, its buttons pointing only at what the site has.
        samples = context_for(page.site, page, tree) if page is not None and \
            op.get("props") is None else None
        node = T.make_node(op["type"], op.get("props"), samples)
        parent, slot, index = _where(tree, op.get("target"), op.get("where", "after"))
        if not components_singleton(node["type"]):
            index = _before_closing_block(tree, parent, index)
        return {"kind": kind, "node": node, "parent": parent, "slot": slot, "index": index}
    if kind == "delete":
        T.find(tree, op["block"])
        return {"kind": kind, "block": op["block"]}
    if kind == "duplicate":
        loc = T.find(tree, op["block"])
        return {"kind": kind, "node": T.fresh_ids(loc.node), "parent": loc.parent["id"],
                "slot": loc.slot, "index": loc.index + 1, "source": op["block"]}
    if kind == "paste":
        clip = db.session.get(Clipboard, actor.id) if actor else None
        if clip is None:
            raise T.TreeError("clipboard_empty")
        parent, slot, index = _where(tree, op.get("target"), op.get("where", "after"))
        if not components_singleton(clip.node["type"]):
            index = _before_closing_block(tree, parent, index)
        return {"kind": kind, "node": T.fresh_ids(clip.node), "parent": parent, "slot": slot,
                "index": index}
    if kind == "move":
        loc = T.find(tree, op["block"])
        direction = op.get("direction")
        if direction in {"up", "down"}:
            index = loc.index - 1 if direction == "up" else loc.index + 1
            if index < 0 or index >= len(loc.parent["slots"][loc.slot]):
                raise T.TreeError("no_change")
            return {"kind": kind, "block": op["block"], "parent": loc.parent["id"],
                    "slot": loc.slot, "index": index}
        if "target" in op:
            parent, slot, index = _where(tree, op["target"], op.get("where", "after"))
            if parent == loc.parent["id"] and slot == loc.slot and index > loc.index:
                index -= 1  # the index as it is once the block has been taken out
            return {"kind": kind, "block": op["block"], "parent": parent, "slot": slot,
                    "index": index}
        return {"kind": kind, "block": op["block"], "parent": op["parent"], "slot": op["slot"],
                "index": int(op["index"])}
    if kind == "restore":
        # Brings a deleted block back where it was (from its delete in the log).
        if page is None:
            raise T.TreeError("missing_block")
        row = db.session.scalar(
            select(PageOp).where(PageOp.page_id == page.id, PageOp.block_id == op["block"],
                                 PageOp.kind == "delete", PageOp.outcome == "applied")
            .order_by(PageOp.seq.desc()).limit(1)
        )
        if row is None or not row.previous:
            raise T.TreeError("missing_block", op["block"])
        inverse = T.clone(row.previous)
        if inverse["parent"] != T.ROOT_ID and inverse["parent"] not in T.locate(tree):
            inverse.update(parent=T.ROOT_ID, slot=T.ROOT_SLOT,
                           index=len(tree["slots"][T.ROOT_SLOT]))
        return {**inverse, "kind": "restore"}
    raise T.TreeError("unknown_op", str(kind))


def components_singleton(type_name: str) -> bool:
    found = components.registry().get(type_name)
    return bool(found and found.singleton)


def _follow(node: T.Node, prop: str, value: Any):
    """What the block's component brings along with this change (components.Follow)."""
    try:
        hook = components.get(node["type"]).on_prop_change
    except components.UnknownComponent:
        return None
    if hook is None:
        return None
    before = node["props"]
    return hook(prop, before, {**before, prop: value})


def _block_of(op: dict[str, Any]) -> str | None:
    if "block" in op:
        return op["block"]
    node = op.get("node")
    return node["id"] if isinstance(node, dict) else None


def _write(page: Page, by: Author, kind: str, concrete: dict[str, Any],
           inverse: dict[str, Any] | None, base_seq: int, key: str, outcome: str = "applied",
           error: str | None = None) -> PageOp:
    row = PageOp(page_id=page.id, seq=page.seq, base_seq=base_seq, kind=kind,
                 block_id=_block_of(concrete), idempotency_key=key,
                 actor_id=by.user_id, payload=concrete, previous=inverse,
                 outcome=outcome, error=error, support_session_id=by.support,
                 client_session_id=by.client)
    db.session.add(row)
    return row


def _commit_tree(page: Page, new_tree: T.Node) -> None:
    record_versions(page)  # before the change: a version holds the tree as the pause found it
    page.draft_tree = new_tree
    page.seq += 1
    page.ops_since_snapshot += 1


def find_replay(page_id: int, key: str) -> PageOp | None:
    return db.session.scalar(
        select(PageOp).where(PageOp.page_id == page_id, PageOp.idempotency_key == key))


def submit(page_id: int | Page, by: Author, op: dict[str, Any], base_seq: int,
           key: str) -> OpResult:
    """Applies one request op under the page lock; a known ``key`` changes nothing twice."""
    page = lock_page(page_id)
    seen = find_replay(page.id, key)
    if seen is not None:
        _refuse_again(seen, page)
        return OpResult(page, seen, replayed=True, touched=[seen.block_id or ""])
    try:
        concrete = concretize(page.draft_tree, op, by.user, page)
        rival = _rival(page, concrete, base_seq, by) if concrete["kind"] == "set_prop" else None
        if rival is not None and _long(concrete["value"], rival.payload.get("value")):
            # Keep both: theirs stays on the page, mine stays in the log (never lost).
            theirs = T.find(page.draft_tree, concrete["block"]).node["props"].get(
                concrete["prop"])
            row = _write(page, by, "set_prop", concrete, None, base_seq, key,
                         outcome="superseded", error="conflict")
            db.session.flush()
            raise OpConflict(page, row, theirs, concrete["value"], rival.actor_id)
        new_tree, inverse = T.apply(page.draft_tree, concrete)
        if concrete["kind"] in {"insert", "paste", "duplicate", "restore"}:
            T.validate_tree(new_tree)  # singletons, size limits
    except T.TreeError as exc:
        _write(page, by, str(op.get("kind", "?"))[:24], {"request": _safe(op)}, None,
               base_seq, key, outcome="rejected", error=exc.code)
        db.session.flush()
        raise OpRejected(exc, page) from None
    _commit_tree(page, new_tree)
    row = _write(page, by, concrete["kind"], concrete, inverse, base_seq, key)
    # This new edit ends the editor's redo chain: redo only looks at undos made after the
    # editor's latest ordinary edit (see _redo_target), so nothing needs updating here.
    db.session.flush()
    # A fresh edit can always be undone and has just ended the redo chain.
    return OpResult(page, row, touched=[_block_of(concrete) or ""],
                    history={"undo": True, "redo": False}, overwrote=rival)


def _refuse_again(seen: PageOp, page: Page) -> None:
    """A retried request whose first attempt was refused is refused again (its answer was
    lost): the editor must show the refusal, never "saved"."""
    if seen.outcome == "rejected":
        raise OpRejected(T.TreeError(seen.error or "rejected"), page)


def _rival(page: Page, concrete: dict[str, Any], base_seq: int,
           by: Author) -> PageOp | None:
    """The latest change of the same block prop by *another* editor (another tab) that the
    sender had not seen (made after its ``base_seq``), if any."""
    if base_seq >= page.seq:
        return None
    rows = db.session.scalars(
        select(PageOp).where(PageOp.page_id == page.id, PageOp.block_id == concrete["block"],
                             PageOp.seq > base_seq, PageOp.outcome == "applied",
                             PageOp.kind.in_(("set_prop", "undo", "redo")))
        .order_by(PageOp.seq.desc()))
    for row in rows:
        if row.payload.get("prop") != concrete["prop"]:
            continue
        mine = (row.client_session_id == by.client if by.client
                else row.actor_id == by.user_id)
        if mine:
            return None  # my own earlier change: not a conflict
        return row
    return None


def _long(*values: Any) -> bool:
    """Long text: long, several lines, or rich text (markup)."""
    return any(isinstance(v, str) and (len(v) > LONG_TEXT or "\n" in v.strip()
                                       or v.lstrip().startswith("<"))
               for v in values)


def _safe(op: dict[str, Any]) -> dict[str, Any]:
    """What to keep of a refused request (bounded)."""
    text = repr(op)
    return op if len(text) < 4000 else {"kind": op.get("kind"), "truncated": True}


def undo(page_id: int | Page, by: Author, key: str) -> OpResult | None:
    """Reverts this editor's latest applied op; None when there is nothing to undo."""
    page = lock_page(page_id)
    seen = find_replay(page.id, key)
    if seen is not None:
        _refuse_again(seen, page)
        return OpResult(page, seen, replayed=True)
    actor_id = by.user_id
    # The two latest undoable ops: the first is undone, the second says whether the undo
    # button stays enabled (no extra query for the answer's history buttons).
    targets = db.session.scalars(
        select(PageOp).where(PageOp.page_id == page.id, PageOp.actor_id == actor_id,
                             PageOp.outcome == "applied", PageOp.kind != "undo",
                             PageOp.previous.is_not(None))
        .order_by(PageOp.seq.desc()).limit(2)).all()
    if not targets:
        return None
    result = _apply_history(page, by, targets[0], "undo", "undone", key)
    result.history = {"undo": len(targets) > 1, "redo": True}
    return result


def redo(page_id: int | Page, by: Author, key: str) -> OpResult | None:
    page = lock_page(page_id)
    seen = find_replay(page.id, key)
    if seen is not None:
        _refuse_again(seen, page)
        return OpResult(page, seen, replayed=True)
    targets = db.session.scalars(_redo_target(page, by.user).limit(2)).all()
    if not targets:
        return None
    result = _apply_history(page, by, targets[0], "redo", "redone", key)
    result.history = {"undo": True, "redo": len(targets) > 1}
    return result


def _last_edit_seq(page: Page, actor_id: int | None):
    """The seq of the editor's latest ordinary (not undo/redo) applied edit, as a subquery."""
    return (select(func.coalesce(func.max(PageOp.seq), 0))
            .where(PageOp.page_id == page.id, PageOp.actor_id == actor_id,
                   PageOp.kind.not_in(("undo", "redo")), PageOp.outcome != "rejected")
            .scalar_subquery())


def _redo_target(page: Page, actor: User | None):
    """Undos that can be redone: still applied, and made after the editor's latest edit."""
    actor_id = actor.id if actor else None
    return (select(PageOp)
            .where(PageOp.page_id == page.id, PageOp.actor_id == actor_id,
                   PageOp.kind == "undo", PageOp.outcome == "applied",
                   PageOp.seq > _last_edit_seq(page, actor_id))
            .order_by(PageOp.seq.desc()))


def revert(page_id: int | Page, by: Author, target_seq: int, key: str,
           support_session_id: int | None = None) -> OpResult:
    """Undoes one given op (the owner undoing a support agent's change). With
    ``support_session_id`` only that session's ops can be targeted."""
    page = lock_page(page_id)
    seen = find_replay(page.id, key)
    if seen is not None:
        _refuse_again(seen, page)
        return OpResult(page, seen, replayed=True)
    stmt = select(PageOp).where(PageOp.page_id == page.id, PageOp.seq == target_seq,
                                PageOp.outcome == "applied", PageOp.previous.is_not(None))
    if support_session_id is not None:
        stmt = stmt.where(PageOp.support_session_id == support_session_id)
    target = db.session.scalar(stmt)
    if target is None:
        raise LookupError(target_seq)
    return _apply_history(page, by, target, "undo", "undone", key)


def _apply_history(page: Page, by: Author, target: PageOp, kind: str,
                   mark: str, key: str) -> OpResult:
    concrete = T.clone(target.previous)
    try:
        new_tree, inverse = T.apply(page.draft_tree, concrete)
    except T.TreeError as exc:
        # Someone else changed that part since (e.g. deleted the block): skip it for good.
        target.outcome = "final"
        _write(page, by, kind, {"request": {"of": target.seq}}, None, page.seq, key,
               outcome="rejected", error=exc.code)
        db.session.flush()
        raise OpRejected(exc, page) from None
    _commit_tree(page, new_tree)
    row = _write(page, by, kind, concrete, inverse, page.seq - 1, key)
    row.payload = {**concrete, "of": target.seq}
    target.outcome = mark
    db.session.flush()
    return OpResult(page, row, touched=[_block_of(concrete) or ""])


def history_state(page: Page, actor: User | None) -> dict[str, bool]:
    """Whether undo / redo have something to do for this editor (one query)."""
    actor_id = actor.id if actor else None
    base = select(PageOp.id).where(PageOp.page_id == page.id, PageOp.actor_id == actor_id)
    undoable = base.where(PageOp.outcome == "applied", PageOp.kind != "undo",
                          PageOp.previous.is_not(None)).exists()
    redoable = _redo_target(page, actor).exists()
    can_undo, can_redo = db.session.execute(select(undoable, redoable)).one()
    return {"undo": bool(can_undo), "redo": bool(can_redo)}


def replay(ops: list[PageOp]) -> T.Node:
    """The tree obtained by applying every applied op in order to an empty page."""
    tree = T.empty_tree()
    for row in sorted(ops, key=lambda r: r.seq):
        if row.outcome == "rejected":
            continue
        op = {k: v for k, v in row.payload.items() if k not in {"of", "source"}}
        tree, _ = T.apply(tree, op)
    return tree


def copy_block(actor: User, page: Page, block_id: str) -> None:
    """Puts a block (with its children) on the user's clipboard."""
    loc = T.find(page.draft_tree, block_id)
    clip = db.session.get(Clipboard, actor.id)
    if clip is None:
        clip = Clipboard(user_id=actor.id, node=T.clone(loc.node))
        db.session.add(clip)
    clip.node = T.clone(loc.node)
    clip.source_site_id = page.site_id
    clip.copied_at = utcnow()
    db.session.flush()


# --- revisions ---------------------------------------------------------------------------

SUMMARY_KINDS = {
    "insert": "added", "paste": "added", "duplicate": "added", "set_prop": "changed",
    "replace": "changed", "move": "moved", "delete": "removed", "restore": "restored",
    "replace_tree": "restored",
}


def summarize(ops: list[PageOp]) -> str:
    """What a run of ops changed, as counts ("added=2,changed=5"); shown translated."""
    counts: dict[str, int] = {}
    for row in ops:
        if row.outcome == "rejected":
            continue
        key = SUMMARY_KINDS.get(row.payload.get("kind", row.kind))
        if key:
            counts[key] = counts.get(key, 0) + 1
    return _counts_text(counts)


def _counts(summary: str) -> dict[str, int]:
    return {k: int(v) for k, v in (part.split("=") for part in summary.split(",") if "=" in part)}


def _counts_text(counts: dict[str, int]) -> str:
    return ",".join(f"{k}={v}" for k, v in sorted(counts.items()))


def merge_summaries(*summaries: str) -> str:
    """The summary of consecutive runs of ops taken together."""
    total: dict[str, int] = {}
    for summary in summaries:
        for key, n in _counts(summary).items():
            total[key] = total.get(key, 0) + n
    return _counts_text(total)


def describe(summary: str) -> str:
    """A revision summary in plain words, in the reader's language."""
    from flask_babel import ngettext

    counts = _counts(summary)
    words = {
        "added": lambda n: ngettext("%(num)d block added", "%(num)d blocks added", n),
        "changed": lambda n: ngettext("%(num)d change", "%(num)d changes", n),
        "moved": lambda n: ngettext("%(num)d block moved", "%(num)d blocks moved", n),
        "removed": lambda n: ngettext("%(num)d block removed", "%(num)d blocks removed", n),
        "restored": lambda n: ngettext("%(num)d restore", "%(num)d restores", n),
    }
    parts = [str(words[k](v)) for k, v in counts.items() if k in words]
    if not parts:
        from flask_babel import gettext as _

        return _("No changes")
    return ", ".join(parts)


@dataclass(frozen=True)
class VersionRules:
    """When the editor records versions by itself (``EDITOR_VERSIONS`` in the config)."""

    idle: timedelta  # a pause this long ends a run of edits: the run becomes a version
    every: timedelta  # a run this long is versioned on the way (one version per ``every``)
    keep_all: timedelta  # automatic versions older than this are thinned to one a day

    @classmethod
    def current(cls) -> VersionRules:
        raw = current_app.config.get("EDITOR_VERSIONS") or {}
        return cls(idle=timedelta(minutes=raw.get("idle_minutes", 5)),
                   every=timedelta(minutes=raw.get("every_minutes", 15)),
                   keep_all=timedelta(days=raw.get("keep_all_days", 30)))


def record_versions(page: Page) -> PageRevision | None:
    """Automatic versions, decided when an edit arrives — no timer, no worker (the way
    document editors do it). Called under the page lock just before an edit changes the tree:

    - the first edit after a pause (``idle``) versions the tree as the previous run of edits
      left it, dated at that run's last edit;
    - during a long run without such a pause, the tree is versioned every ``every``.

    Until then the drawer shows the draft itself as the current version. Returns the version
    made (or marked: identical trees are never stored twice in a row), if any."""
    rules = VersionRules.current()
    now = utcnow()
    last, start = page.last_edit_at, page.burst_started_at
    paused = last is None or now - last >= rules.idle
    made = None
    if last is not None and page.ops_since_snapshot > 0 and (
            paused or (start is not None and now - start >= rules.every)):
        made = snapshot(page, None, reason="auto", at=last)
    if paused or made is not None:
        page.burst_started_at = now
    page.last_edit_at = now
    return made


def latest_revision(page: Page) -> PageRevision | None:
    return db.session.scalar(select(PageRevision).where(PageRevision.page_id == page.id)
                             .order_by(PageRevision.seq.desc(), PageRevision.id.desc()).limit(1))


def _mark(revision: PageRevision, actor: User | None, reason: str, name: str,
          when: datetime) -> None:
    """The page has not changed since ``revision``: a name or a publish marks that version
    instead of storing the same tree again."""
    if reason == "named":
        revision.name = name[:80]
        if revision.reason in AUTOMATIC:
            revision.reason = "named"
    elif reason == "publish" and revision.reason != "publish":
        revision.reason, revision.created_at = "publish", when
    else:
        return
    if actor is not None:
        revision.created_by_id = actor.id


def snapshot(page: Page, actor: User | None, reason: str = "named", name: str = "",
             at: datetime | None = None) -> PageRevision:
    """Saves the current tree as a version with a summary of the ops since the last one.

    ``at`` is when the page was in this state (default: now). The author is ``actor``, or for
    an automatic version whoever made the latest of those ops. A tree identical to the latest
    version's is not stored again (see ``_mark``)."""
    when = at or utcnow()
    last = latest_revision(page)
    if last is not None and last.tree == page.draft_tree:
        _mark(last, actor, reason, name, when)
        page.ops_since_snapshot = 0
        db.session.flush()
        return last
    since = last.seq if last else 0
    ops = list(db.session.scalars(select(PageOp).where(PageOp.page_id == page.id,
                                                       PageOp.seq > since)
                                  .order_by(PageOp.seq)))
    author = actor.id if actor else next(
        (row.actor_id for row in reversed(ops) if row.outcome != "rejected"), None)
    revision = PageRevision(page_id=page.id, seq=page.seq, title=page.title,
                            tree=T.clone(page.draft_tree), reason=reason, name=name[:80],
                            summary=summarize(ops)[:300], created_by_id=author,
                            created_at=when)
    db.session.add(revision)
    page.ops_since_snapshot = 0
    db.session.flush()
    if reason in AUTOMATIC:
        thin_versions(page)
    return revision


def thin_versions(page: Page, now: datetime | None = None) -> int:
    """Retention: named and publish versions are kept for good; automatic ones are all kept
    for ``keep_all`` and then thinned to the last of each day (in the app's time zone). A
    removed version's changes are counted in the next version kept, so every summary still
    covers everything since the one before it. Returns how many versions were removed."""
    cutoff = (now or utcnow()) - VersionRules.current().keep_all
    rows = db.session.execute(
        select(PageRevision.id, PageRevision.reason, PageRevision.created_at,
               PageRevision.summary)
        .where(PageRevision.page_id == page.id)
        .order_by(PageRevision.seq, PageRevision.id)).all()
    zone = ZoneInfo(current_app.config.get("BABEL_DEFAULT_TIMEZONE") or "UTC")

    def old(row) -> bool:
        return row.reason in AUTOMATIC and row.created_at < cutoff

    last_of_day = {row.created_at.astimezone(zone).date(): row.id for row in rows if old(row)}
    doomed = {row.id for row in rows if old(row)} - set(last_of_day.values())
    if not doomed:
        return 0
    carried: list[str] = []
    for row in rows:
        if row.id in doomed:
            carried.append(row.summary)
        elif carried:
            db.session.execute(update(PageRevision).where(PageRevision.id == row.id).values(
                summary=merge_summaries(*carried, row.summary)[:300]))
            carried = []
    db.session.execute(delete(PageRevision).where(PageRevision.id.in_(doomed)))
    db.session.flush()
    return len(doomed)


def pending_changes(page: Page) -> str:
    """What changed since the latest version (the summary of the draft, "the current
    version")."""
    last = latest_revision(page)
    since = last.seq if last else 0
    return summarize(list(db.session.scalars(select(PageOp).where(
        PageOp.page_id == page.id, PageOp.seq > since))))


def version_before_publish(site_id: int, actor: User | None) -> None:
    """A "before publishing" version of every page of the site, as it is being published
    (so what was live then can be seen and restored)."""
    pages = db.session.scalars(
        select(Page).where(Page.site_id == site_id, Page.deleted_at.is_(None))
        .order_by(Page.id).with_for_update())
    for page in pages:
        snapshot(page, actor, reason="publish")


def restore_revision(page_id: int | Page, by: Author, revision_id: int,
                     key: str) -> OpResult:
    """Replaces the page's tree with a revision's (itself an undoable op)."""
    page = lock_page(page_id)
    seen = find_replay(page.id, key)
    if seen is not None:
        _refuse_again(seen, page)
        return OpResult(page, seen, replayed=True)
    revision = db.session.scalar(select(PageRevision).where(
        PageRevision.id == revision_id, PageRevision.page_id == page.id))
    if revision is None:
        raise LookupError(revision_id)
    # The draft being replaced stays in the history too (restoring is also undoable).
    if page.ops_since_snapshot > 0:
        snapshot(page, None, reason="restore")
    concrete = {"kind": "replace_tree", "tree": T.clone(revision.tree)}
    new_tree, inverse = T.apply(page.draft_tree, concrete)
    _commit_tree(page, new_tree)
    row = _write(page, by, "replace_tree", concrete, inverse, page.seq - 1, key)
    db.session.flush()
    return OpResult(page, row)
