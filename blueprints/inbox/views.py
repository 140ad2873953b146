"""A site's inbox: what visitors sent through its published forms. List, read, mark, delete,
export as CSV. Every lookup goes through the owner's site (another tenant's ids are 404)."""

from __future__ import annotations

from flask import Blueprint, Response, abort, flash, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.db import db
from app.htmx import redirect_to, render
from app.submissions import operations as forms
from blueprints.access import own_site_or_404

bp = Blueprint(
    "inbox", __name__, url_prefix="/sites/<int:site_id>/inbox", template_folder="templates"
)


@bp.app_template_global("inbox_unread")
def inbox_unread(site_id: int) -> int:
    """Unread submissions of a site, for the link on the site page (which checked access)."""
    return forms.unread_count(site_id)




def _submission_or_404(site, submission_id: int):
    submission = forms.submission_of(site, submission_id)
    if submission is None:
        abort(404)
    return submission


def _list_url(site_id: int) -> str:
    page = request.form.get("page", type=int) or 1
    return url_for("inbox.index", site_id=site_id, **({"page": page} if page > 1 else {}))


@bp.get("")
@login_required
def index(site_id: int):
    site = own_site_or_404(site_id)
    inbox = forms.inbox_page(site, request.args.get("page", 1, type=int))
    return render("inbox/index.html", "inbox/_list.html", site=site, inbox=inbox,
                  summary=forms.summary, kind_label=forms.kind_label)


@bp.get("/export.csv")
@login_required
def export(site_id: int):
    site = own_site_or_404(site_id)
    data = forms.export_csv(site, current_user.timezone)
    filename = f"inbox-{site.slug}.csv"
    return Response(data, mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


@bp.get("/<int:submission_id>")
@login_required
def detail(site_id: int, submission_id: int):
    site = own_site_or_404(site_id)
    submission = _submission_or_404(site, submission_id)
    # Opening a message marks it read, as in any mail program (idempotent, the owner's own flag).
    if submission.read_at is None:
        forms.mark_read(submission)
        db.session.commit()
    return render("inbox/detail.html", "inbox/_detail.html", site=site, submission=submission,
                  kind_label=forms.kind_label)


@bp.post("/<int:submission_id>/read")
@login_required
def mark_read(site_id: int, submission_id: int):
    site = own_site_or_404(site_id)
    forms.mark_read(_submission_or_404(site, submission_id))
    db.session.commit()
    return redirect_to(_list_url(site.id))


@bp.post("/<int:submission_id>/unread")
@login_required
def mark_unread(site_id: int, submission_id: int):
    site = own_site_or_404(site_id)
    forms.mark_read(_submission_or_404(site, submission_id), read=False)
    db.session.commit()
    return redirect_to(_list_url(site.id))


@bp.get("/<int:submission_id>/delete")
@login_required
def confirm_delete(site_id: int, submission_id: int):
    site = own_site_or_404(site_id)
    submission = _submission_or_404(site, submission_id)
    return render("inbox/delete.html", "inbox/_delete.html", site=site, submission=submission,
                  summary=forms.summary)


@bp.post("/<int:submission_id>/delete")
@login_required
def delete(site_id: int, submission_id: int):
    site = own_site_or_404(site_id)
    forms.delete_submission(_submission_or_404(site, submission_id))
    db.session.commit()
    flash(_("The message was deleted."), "info")
    return redirect_to(_list_url(site.id))
