"""The block editor: canvas, property panel, palette, operations, history, pages.

Views parse the request, check access (the site must be the user's; another tenant's ids are
404), call an operation from app.editor and render only the fragments that changed.
"""

from __future__ import annotations

import uuid
from datetime import timedelta

from flask import Blueprint, abort, g, make_response, redirect, render_template, request, url_for
from flask_babel import format_date, get_locale, gettext as _, lazy_gettext as _l, to_user_timezone
from flask_login import current_user, login_required
from sqlalchemy import select

import components
from app.coedit import live
from app.db import db, utcnow
from app.editor import operations as ops, pages as page_ops, richtext, tree as T
from app.editor.canvas import canvas_context, canvas_css, fragments_for, renderer_for
from app.editor.forms import apply_item_action, fields_for, parse_prop, spec_for
from app.editor.messages import prop_errors, tree_error_message
from app.htmx import is_htmx
from app.i18n import datetimeformat, timeformat
from app.models import Clipboard, Page, PageRevision, Site, SiteMember, User
from app.support import operations as support
from app.theming import style_markup
from blueprints.access import editable_site_or_404

bp = Blueprint("editor", __name__, url_prefix="/sites/<int:site_id>/editor",
               template_folder="templates")


@bp.app_template_filter("rich_text")
def rich_text(value: object) -> str:
    """A rich-text value as the property panel may show it: the sanitised subset (what is
    stored), whatever was typed — the panel echoes refused and unchanged submissions."""
    return richtext.sanitize(value if isinstance(value, str) else "")


@bp.before_request
def _keep_answered_state():
    # The answer (and the broadcast) must show the page exactly as this op left it, with its
    # seq — not re-read after the commit, when another editor's op may already be in.
    db.session().expire_on_commit = False


def _author() -> ops.Author:
    """Who makes this request's ops: the user, their browser tab (live updates skip it) and
    the support session an agent edits through (set once access was checked)."""
    session = g.get("support_session")
    return ops.Author(current_user._get_current_object(), live.client_id(),
                      session.id if session else None)


def _page(site, page_id: int, lock: bool = False) -> Page:
    """The site's page, or 404. ``lock=True`` takes the row lock an edit needs in the same
    query (operations then use this row as it is)."""
    stmt = select(Page).where(Page.id == page_id, Page.site_id == site.id,
                              Page.deleted_at.is_(None))
    if lock:
        stmt = stmt.with_for_update().execution_options(populate_existing=True)
    page = db.session.scalar(stmt)
    if page is None:
        abort(404)
    return page


def _site_page(site_id: int, page_id: int, lock: bool = False) -> tuple[Site, Page]:
    """Site and page in one query (an edit's hot path), scoped to the user's membership;
    ``lock=True`` locks the page row (FOR UPDATE OF pages)."""
    stmt = (select(Page, Site).join(Site, Site.id == Page.site_id)
            .join(SiteMember, SiteMember.site_id == Site.id)
            .where(Page.id == page_id, Site.id == site_id, Page.deleted_at.is_(None),
                   Site.deleted_at.is_(None), SiteMember.user_id == current_user.id))
    if lock:
        stmt = stmt.with_for_update(of=Page).execution_options(populate_existing=True)
    row = db.session.execute(stmt).first()
    if row is None:
        # Not a member: a support agent inside an active session may still edit.
        site = editable_site_or_404(site_id)
        return site, _page(site, page_id, lock=lock)
    g.support_session = None
    return row.Site, row.Page


def _key() -> str:
    """The client's idempotency key (header or field); a fresh one if the client sent none."""
    key = request.headers.get("Idempotency-Key") or request.form.get("op_key") or ""
    key = key.strip()[:64]
    return key or uuid.uuid4().hex


def _base_seq() -> int:
    try:
        return int(request.form.get("base_seq", "0"))
    except ValueError:
        return 0


def get_locale_name() -> str:
    return str(get_locale() or "ko")


def new_key() -> str:
    return uuid.uuid4().hex


def _live_pages(site) -> list[Page]:
    return [p for p in site.pages if p.deleted_at is None]


@bp.app_context_processor
def _editor_helpers():
    return {"new_op_key": new_key}


@bp.get("/")
@login_required
def index(site_id: int):
    site = editable_site_or_404(site_id)
    home = next((p for p in _live_pages(site) if p.is_home), None) or _live_pages(site)[0]
    return redirect(url_for("editor.edit", site_id=site.id, page_id=home.id))


@bp.get("/pages/<int:page_id>")
@login_required
def edit(site_id: int, page_id: int):
    site = editable_site_or_404(site_id)
    page = _page(site, page_id)
    selected = request.args.get("block")
    context = canvas_context(site, page)
    panel = None
    if selected:
        try:
            node = T.find(page.draft_tree, selected).node
            panel = _panel_context(site, page, node)
        except T.TreeError:
            selected = None
    from blueprints.support.views import editor_support_context

    return render_template(
        "editor/editor.html", site=site, page=page, pages=_live_pages(site),
        client_id=new_key(), **editor_support_context(site),
        canvas=renderer_for(context).render_tree(page.draft_tree), selected=selected,
        panel=panel, history=ops.history_state(page, current_user),
        palette=components.by_category(), categories=components.CATEGORIES,
        clipboard=db.session.get(Clipboard, current_user.id) is not None,
        site_css=style_markup(canvas_css(site)),
    )


def _panel_context(site, page: Page, node: dict, errors: dict | None = None,
                   values: dict | None = None) -> dict:
    component = components.get(node["type"])
    loc = T.find(page.draft_tree, node["id"])
    siblings = loc.parent["slots"][loc.slot]
    return {
        "node": node, "component": component, "fields": fields_for(component.props),
        "props": {**node["props"], **(values or {})}, "errors": errors or {},
        "first": loc.index == 0, "last": loc.index == len(siblings) - 1,
        "container": component.is_container, "site": site, "page": page,
        "pages": _live_pages(site),
    }


@bp.get("/pages/<int:page_id>/blocks/<block_id>")
@login_required
def select_block(site_id: int, page_id: int, block_id: str):
    site = editable_site_or_404(site_id)
    page = _page(site, page_id)
    if not is_htmx():
        return redirect(url_for("editor.edit", site_id=site.id, page_id=page.id, block=block_id))
    try:
        node = T.find(page.draft_tree, block_id).node
    except T.TreeError:
        return _conflict(site, page, "missing_block")
    return render_template("editor/_panel.html", **_panel_context(site, page, node))


@bp.get("/pages/<int:page_id>/panel")
@login_required
def empty_panel(site_id: int, page_id: int):
    site = editable_site_or_404(site_id)
    page = _page(site, page_id)
    return render_template("editor/_panel_empty.html", site=site, page=page)


def _conflict(site, page: Page, code: str, status: int = 409, block: str | None = None):
    """The op could not apply: say why and send a fresh canvas (e.g. the block is gone).
    An edit to a block someone deleted offers to bring the block back."""
    restore = block if code == "missing_block" and block and _was_deleted(page, block) else None
    body = render_template(
        "editor/_op_response.html", site=site, page=page, fragments=fragments_for(
            site, page, {"kind": "replace_tree"}), history=ops.history_state(page, current_user),
        message=tree_error_message("deleted_block" if restore else code), message_kind="error",
        panel_empty=True, restore_block=restore,
    )
    response = make_response(body, status)
    response.headers["HX-Reswap"] = "none"
    return response


def _was_deleted(page: Page, block_id: str) -> bool:
    from app.models import PageOp

    return db.session.scalar(select(PageOp.id).where(
        PageOp.page_id == page.id, PageOp.block_id == block_id, PageOp.kind == "delete",
        PageOp.outcome == "applied").limit(1)) is not None


def _broadcast(page: Page, result: ops.OpResult, fragments: list) -> str | None:
    """Sends the applied op to the page's other editors; returns the notice for this editor
    when the op replaced someone else's concurrent change (last writer wins)."""
    if result.row is None or result.replayed or result.row.outcome != "applied":
        return None
    notify, notice = None, None
    rival = result.overwrote
    if rival is not None:
        other = db.session.get(User, rival.actor_id) if rival.actor_id else None
        name = (other.display_name if other else "") or _("Someone")
        notice = _("%(name)s changed this at the same moment; your version replaced "
                   "theirs. Undo brings theirs back.", name=name)
        me = current_user.display_name or _("Someone")
        if rival.client_session_id:
            notify = (rival.client_session_id, render_template(
                "editor/_live_notice.html", message=_(
                    "%(name)s changed the same setting at the same moment; their version "
                    "is now on the page.", name=me)))
    live.publish_op(page.id, result.row.seq, fragments, live.client_id(), notify)
    return notice


def _op_response(site, page: Page, result: ops.OpResult, select: str | None = None,
                 tools_for: str | None = None, note: str | None = None):
    concrete = result.row.payload if result.row is not None and not result.replayed else None
    fragments = fragments_for(site, page, concrete) if concrete else []
    if result.replayed:
        # A retry of an op that was applied but whose answer was lost: this tab has not shown
        # it yet (the live stream skips the tab that made it), so send the whole canvas.
        fragments = fragments_for(site, page, {"kind": "replace_tree"})
    notice = _broadcast(page, result, fragments)
    panel = None
    if select:
        try:
            panel = _panel_context(site, page, T.find(page.draft_tree, select).node)
        except T.TreeError:
            panel = None
    tools = None
    if tools_for:
        # A moved block keeps its panel; only its up/down buttons may change.
        try:
            loc = T.find(page.draft_tree, tools_for)
            siblings = loc.parent["slots"][loc.slot]
            tools = {"node": loc.node, "site": site, "page": page, "first": loc.index == 0,
                     "last": loc.index == len(siblings) - 1}
        except T.TreeError:
            tools = None
    toast = {"message": notice, "message_kind": "warning", "notice_undo": bool(notice)}
    if note and not notice:
        toast = {"message": note, "message_kind": "success"}
    if concrete and concrete.get("kind") == "delete":
        toast = _deleted_toast(result)
    return render_template(
        "editor/_op_response.html", site=site, page=page, fragments=fragments, tools=tools,
        history=result.history or ops.history_state(page, current_user), panel=panel,
        panel_empty=bool(concrete and concrete.get("kind") == "delete"),
        replayed=result.replayed, **toast,
    )


def _deleted_toast(result: ops.OpResult) -> dict:
    """"Menu deleted · Undo": one tap brings the block back where it was."""
    node = (result.row.previous or {}).get("node") or {}
    try:
        label = components.get(node.get("type", "")).label(get_locale_name())
    except components.UnknownComponent:
        label = _("Block")
    return {"message": _("%(block)s deleted", block=label), "message_kind": "info",
            "restore_block": result.row.block_id, "restore_label": _("Undo")}


@bp.post("/pages/<int:page_id>/ops")
@login_required
def apply_op(site_id: int, page_id: int):
    site, page = _site_page(site_id, page_id, lock=True)
    form = request.form
    kind = form.get("kind", "")
    op = {key: form[key] for key in ("kind", "block", "type", "target", "where", "direction",
                                     "parent", "slot") if form.get(key)}
    if "index" in form:
        try:
            op["index"] = int(form["index"])
        except ValueError:
            abort(400)
    try:
        result = ops.submit(page, _author(), op, _base_seq(), _key())
    except ops.OpRejected as exc:
        db.session.commit()  # keep the rejected op in the log
        status = 409 if exc.error.code == "missing_block" else 422
        return _conflict(site, exc.page, exc.error.code, status, block=op.get("block"))
    db.session.commit()
    select = None
    if kind in {"insert", "duplicate", "paste", "restore"} and result.row is not None:
        select = result.row.block_id
    if kind == "move":
        shown = form.get("selected") == op.get("block")  # is its panel open?
        return _op_response(site, result.page, result,
                            tools_for=op.get("block") if shown else None)
    return _op_response(site, result.page, result, select=select)


@bp.post("/pages/<int:page_id>/blocks/<block_id>/props/<prop>")
@login_required
def set_prop(site_id: int, page_id: int, block_id: str, prop: str):
    site, page = _site_page(site_id, page_id, lock=True)
    try:
        node = T.find(page.draft_tree, block_id).node
    except T.TreeError:
        # Someone deleted the block: log the refused edit (its key gets an outcome) and offer
        # to bring the block back.
        try:
            ops.submit(page, _author(), {"kind": "set_prop", "block": block_id,
                                            "prop": prop, "value": None}, _base_seq(), _key())
        except ops.OpRejected:
            db.session.commit()
        return _conflict(site, page, "missing_block", block=block_id)
    component = components.get(node["type"])
    spec = spec_for(component.props, prop)
    if spec is None:
        abort(404)
    value = parse_prop(spec, request.form)
    action = request.form.get("action", "")
    if spec.kind == "items" and action:
        value = apply_item_action(value, action, spec)
    op = {"kind": "set_prop", "block": block_id, "prop": prop, "value": value}
    try:
        result = ops.submit(page, _author(), op, _base_seq(), _key())
    except ops.OpConflict as exc:
        db.session.commit()  # mine stays in the log ("superseded"), never lost
        return _text_conflict(site, exc, node, spec)
    except ops.OpRejected as exc:
        db.session.commit()
        if exc.error.code == "no_change":
            # Nothing to save (e.g. a retry, or a save of what is already stored). The answer
            # carries no field: what the owner has typed since must stay on screen.
            return render_template("editor/_op_response.html", site=site, page=exc.page,
                                   fragments=[],
                                   history=ops.history_state(exc.page, current_user))
        if exc.error.code == "missing_block":
            return _conflict(site, exc.page, "missing_block")
        errors = {}
        if isinstance(exc.error, T.InvalidProps):
            errors = prop_errors(exc.error.validation_error)
        if not errors:
            # Only the field as a whole when no single input of it is to blame (a list's
            # refused price marks that price, not the whole list).
            errors["value"] = tree_error_message(exc.error.code)
        return _field_response(site, exc.page, node, spec, value, errors, status=422)
    db.session.commit()
    follow = result.row.payload if result.row is not None else {}
    if follow.get("also"):
        # The change brought other props along (a picture chosen for a text-only hero switches
        # its layout): the whole panel comes back so every changed field shows its new value,
        # with a word saying what changed by itself.
        note = follow.get("note") or {}
        return _op_response(site, result.page, result, select=block_id,
                            note=note.get(str(get_locale())) or note.get("en"))
    if (spec.kind == "items" and action) or request.form.get("refresh"):
        # The field's own editor changed shape (a list item added, a picture chosen): send it
        # back with the canvas update.
        new_node = T.find(result.page.draft_tree, block_id).node
        return _field_response(site, result.page, new_node, spec, new_node["props"][prop], {},
                               status=200, result=result)
    return _op_response(site, result.page, result)


def _text_conflict(site, exc: ops.OpConflict, node, spec):
    """Both versions of a long text, side by side: keep theirs or keep mine."""
    other = db.session.get(User, exc.by) if exc.by else None
    body = render_template(
        "editor/_text_conflict.html", site=site, page=exc.page, node=node, spec=spec,
        theirs=exc.theirs, mine=exc.mine, by=(other.display_name if other else "")
        or _("Someone"), history=ops.history_state(exc.page, current_user))
    response = make_response(body, 409)
    response.headers["HX-Reswap"] = "none"
    return response


def _field_response(site, page, node, spec, value, errors, status, result=None):
    """One prop's editor (with errors and the value as typed) plus any canvas update."""
    fragments = []
    if result is not None and not result.replayed and result.row is not None:
        fragments = fragments_for(site, page, result.row.payload)
        _broadcast(page, result, fragments)
    body = render_template(
        "editor/_field_response.html", site=site, page=page, node=node, spec=spec,
        value=value, errors=errors, fragments=fragments,
        history=ops.history_state(page, current_user),
    )
    response = make_response(body, status)
    return response


@bp.post("/pages/<int:page_id>/undo")
@login_required
def undo(site_id: int, page_id: int):
    return _history(site_id, page_id, ops.undo)


@bp.post("/pages/<int:page_id>/redo")
@login_required
def redo(site_id: int, page_id: int):
    return _history(site_id, page_id, ops.redo)


def _history(site_id: int, page_id: int, action):
    site, page = _site_page(site_id, page_id, lock=True)
    try:
        result = action(page, _author(), _key())
    except ops.OpRejected as exc:
        db.session.commit()
        return _conflict(site, exc.page, exc.error.code, 409)
    db.session.commit()
    if result is None:
        body = render_template("editor/_op_response.html", site=site, page=page, fragments=[],
                               history=ops.history_state(page, current_user),
                               message=_("Nothing to undo or redo."), message_kind="info")
        return body
    # The open panel shows the undone (or redone) value, not the one typed before.
    shown = request.form.get("selected")
    return _op_response(site, result.page, result,
                        select=shown if shown and shown in result.touched else None)


@bp.post("/pages/<int:page_id>/blocks/<block_id>/copy")
@login_required
def copy_block(site_id: int, page_id: int, block_id: str):
    site = editable_site_or_404(site_id)
    page = _page(site, page_id)
    try:
        ops.copy_block(current_user, page, block_id)
    except T.TreeError:
        return _conflict(site, page, "missing_block")
    db.session.commit()
    return render_template("editor/_op_response.html", site=site, page=page, fragments=[],
                           history=ops.history_state(page, current_user),
                           message=_("Copied. Open any page of any of your sites and choose "
                                     "“Paste”."), message_kind="success", clipboard=True)


@bp.get("/pages/<int:page_id>/palette")
@login_required
def palette(site_id: int, page_id: int):
    site = editable_site_or_404(site_id)
    page = _page(site, page_id)
    target = request.args.get("target", "")
    where = request.args.get("where", "after" if target else "end")
    return render_template(
        "editor/_palette.html", site=site, page=page, target=target, where=where,
        palette=components.by_category(), categories=components.CATEGORIES,
        clipboard=db.session.get(Clipboard, current_user.id) is not None,
    )


@bp.get("/pages/<int:page_id>/canvas")
@login_required
def canvas(site_id: int, page_id: int):
    site = editable_site_or_404(site_id)
    page = _page(site, page_id)
    return render_template("editor/_canvas.html", site=site, page=page,
                           canvas=renderer_for(canvas_context(site, page)).render_tree(
                               page.draft_tree))


# --- revisions ---------------------------------------------------------------------------

# How each kind of version is labelled in the History drawer.
VERSION_KINDS = {"auto": _l("Automatic"), "named": _l("Named version"),
                 "publish": _l("Before publishing"), "restore": _l("Before restoring")}


def _revisions(page: Page) -> list[tuple[PageRevision, User | None]]:
    """The page's versions with their authors, newest first (by when the page was so)."""
    rows = db.session.execute(
        select(PageRevision, User).outerjoin(User, User.id == PageRevision.created_by_id)
        .where(PageRevision.page_id == page.id)
        .order_by(PageRevision.created_at.desc(), PageRevision.id.desc()).limit(100)).all()
    return [(r, u) for r, u in rows]


def _by_day(rows: list[tuple[PageRevision, User | None]]) -> list[dict]:
    """Versions grouped by day in the reader's time zone ("Today", "Yesterday", a date)."""
    today = to_user_timezone(utcnow()).date()
    days: list[dict] = []
    for revision, author in rows:
        day = to_user_timezone(revision.created_at).date()
        if not days or days[-1]["day"] != day:
            label = (_("Today") if day == today
                     else _("Yesterday") if day == today - timedelta(days=1)
                     else format_date(day, "full"))
            days.append({"day": day, "label": label, "versions": []})
        days[-1]["versions"].append((revision, author))
    return days


def _history_drawer(site, page: Page, status: int = 200, errors: dict | None = None, **extra):
    rules = ops.VersionRules.current()
    rows = _revisions(page)
    last_edit = None
    if page.last_edit_at is not None:  # a time today, a date and time before
        same_day = to_user_timezone(page.last_edit_at).date() == to_user_timezone(utcnow()).date()
        last_edit = timeformat(page.last_edit_at, "short") if same_day \
            else datetimeformat(page.last_edit_at, "short")
    body = render_template(
        "editor/_revisions.html", site=site, page=page, days=_by_day(rows),
        pending=ops.pending_changes(page) if page.ops_since_snapshot else "",
        describe=ops.describe, kinds=VERSION_KINDS, errors=errors or {}, last_edit=last_edit,
        idle_minutes=int(rules.idle.total_seconds() // 60),
        every_minutes=int(rules.every.total_seconds() // 60), **extra)
    return body, status


@bp.get("/pages/<int:page_id>/revisions")
@login_required
def revisions(site_id: int, page_id: int):
    site = editable_site_or_404(site_id)
    return _history_drawer(site, _page(site, page_id))


@bp.post("/pages/<int:page_id>/revisions")
@login_required
def save_revision(site_id: int, page_id: int):
    site = editable_site_or_404(site_id)
    page = _page(site, page_id)
    name = " ".join(request.form.get("name", "").split())
    if len(name) > 80:
        return _history_drawer(site, page, 422, name=name,
                               errors={"name": _("Use at most %(n)d characters.", n=80)})
    ops.snapshot(ops.lock_page(page.id), current_user, reason="named",
                 name=name or _("Saved version"))
    db.session.commit()
    return _history_drawer(site, page, saved=True)


@bp.get("/pages/<int:page_id>/revisions/<int:revision_id>")
@login_required
def preview_revision(site_id: int, page_id: int, revision_id: int):
    site = editable_site_or_404(site_id)
    page = _page(site, page_id)
    revision = db.session.scalar(select(PageRevision).where(
        PageRevision.id == revision_id, PageRevision.page_id == page.id))
    if revision is None:
        abort(404)
    # The revision's own pictures (it may show some the draft no longer has).
    context = canvas_context(site, page, editing=False, tree=revision.tree)
    return render_template("editor/revision_preview.html", site=site, page=page,
                           site_css=style_markup(canvas_css(site)),
                           revision=revision, describe=ops.describe,
                           canvas=renderer_for(context).render_tree(revision.tree))


@bp.post("/pages/<int:page_id>/revisions/<int:revision_id>/restore")
@login_required
def restore_revision(site_id: int, page_id: int, revision_id: int):
    site, page = _site_page(site_id, page_id, lock=True)
    try:
        result = ops.restore_revision(page, _author(), revision_id, _key())
    except LookupError:
        abort(404)
    db.session.commit()
    if not is_htmx():
        return redirect(url_for("editor.edit", site_id=site.id, page_id=page.id), code=303)
    return _op_response(site, result.page, result)


# --- pages -------------------------------------------------------------------------------

def _agent_change(kind: str, page: Page, **detail) -> None:
    """A support agent's page change goes in the session's activity list (the owner can undo
    it); an owner's or member's change is not logged there."""
    session = g.get("support_session")
    if session is not None:
        support.log_change(session, current_user, kind, page_id=page.id, title=page.title,
                           **detail)


def _pages_panel(site, page, errors=None, status=200, message=None, undo_page=None):
    return render_template("editor/_pages.html", site=site, page=page, pages=_live_pages(site),
                           errors=errors or {}, message=message, undo_page=undo_page), status


@bp.get("/pages/<int:page_id>/pages")
@login_required
def pages_panel(site_id: int, page_id: int):
    site = editable_site_or_404(site_id)
    return _pages_panel(site, _page(site, page_id))


@bp.post("/pages/<int:page_id>/pages")
@login_required
def add_page(site_id: int, page_id: int):
    site = editable_site_or_404(site_id)
    page = _page(site, page_id)
    try:
        new = page_ops.add_page(site, request.form.get("title", ""))
    except page_ops.PageRefused as exc:
        db.session.rollback()
        return _pages_panel(site, page, errors={"title": exc.message}, status=422)
    _agent_change("page_add", new)
    db.session.commit()
    response = make_response("", 204)
    response.headers["HX-Redirect"] = url_for("editor.edit", site_id=site.id, page_id=new.id)
    return response


@bp.post("/pages/<int:page_id>/pages/<int:other_id>/<action>")
@login_required
def page_action(site_id: int, page_id: int, other_id: int, action: str):
    site = editable_site_or_404(site_id)
    page = _page(site, page_id)
    if action == "restore":
        other = db.session.scalar(select(Page).where(Page.id == other_id,
                                                     Page.site_id == site.id))
        if other is None:
            abort(404)
        page_ops.restore_page(other)
        _agent_change("page_restore", other)
        db.session.commit()
        return _pages_panel(site, page, message=_("The page has been restored."))
    other = _page(site, other_id)
    message, undo_page = None, None
    order = [p.id for p in page_ops.live_pages(site)]
    home = next((p.id for p in page_ops.live_pages(site) if p.is_home), None)
    title = other.title
    try:
        if action == "up" or action == "down":
            page_ops.move_page(site, other, -1 if action == "up" else 1)
            after = [p.id for p in page_ops.live_pages(site)]
            if after != order:
                _agent_change("page_move", other, before=order, after=after)
        elif action == "home":
            page_ops.set_home(site, other)
            if home != other.id:
                _agent_change("page_home", other, before_id=home)
            message = _("%(title)s is now the home page.", title=other.title)
        elif action == "delete":
            page_ops.delete_page(site, other)
            _agent_change("page_delete", other)
            message, undo_page = _("%(title)s was deleted.", title=other.title), other
        elif action == "rename":
            page_ops.rename_page(other, request.form.get("title", ""))
            _agent_change("page_rename", other, before=title, after=other.title)
        else:
            abort(404)
    except page_ops.PageRefused as exc:
        db.session.rollback()
        return _pages_panel(site, page, errors={f"page-{other_id}": exc.message}, status=422)
    db.session.commit()
    if action == "delete" and other.id == page.id:
        home = next(p for p in _live_pages(site) if p.is_home)
        response = make_response("", 204)
        response.headers["HX-Redirect"] = url_for("editor.edit", site_id=site.id,
                                                  page_id=home.id)
        return response
    return _pages_panel(site, page, message=message, undo_page=undo_page)

