"""Account settings: name, language, time zone, password, sessions."""

from __future__ import annotations

from flask import Blueprint, flash, render_template, request, session, url_for
from flask_babel import gettext as _, refresh
from flask_login import current_user, login_required

from app.accounts import operations as accounts
from app.auth import end_session, start_session
from app.db import db
from app.domain import Refused
from app.htmx import redirect_to
from app.i18n import ROLE_LABELS, all_timezones

bp = Blueprint("account", __name__, url_prefix="/account", template_folder="templates")


def _render(errors=None, pw_errors=None, status=200):
    return render_template(
        "account/settings.html",
        errors=errors or {},
        pw_errors=pw_errors or {},
        timezones=all_timezones(),
        role_labels=ROLE_LABELS,
    ), status


@bp.get("/")
@login_required
def settings():
    return _render()


@bp.post("/")
@login_required
def save_settings():
    form = request.form
    errors: dict[str, str] = {}
    name = form.get("display_name", "")
    if len(name.strip()) > 80:
        errors["display_name"] = _("Use at most %(n)d characters.", n=80)
    else:
        try:
            accounts.update_settings(
                current_user, name, form.get("locale", ""), form.get("timezone", "")
            )
        except Refused as exc:
            errors[exc.field or "__all__"] = exc.message
    if errors:
        db.session.rollback()
        return _render(errors=errors, status=422)
    db.session.commit()
    session["locale"] = current_user.locale
    refresh()  # the confirmation below is already in the newly chosen language
    flash(_("Your settings have been saved."), "success")
    return redirect_to(url_for("account.settings"))


@bp.post("/password")
@login_required
def change_password():
    form = request.form
    pw_errors: dict[str, str] = {}
    if form.get("new_password", "") != form.get("new_password_confirm", ""):
        pw_errors["new_password_confirm"] = _("The two passwords do not match.")
    else:
        try:
            accounts.change_password(
                current_user, form.get("current_password", ""), form.get("new_password", "")
            )
        except Refused as exc:
            pw_errors[exc.field or "__all__"] = exc.message
    if pw_errors:
        db.session.rollback()
        return _render(pw_errors=pw_errors, status=422)
    # Every other session of this user is now invalid (epoch moved on); keep this one.
    start_session(current_user._get_current_object())
    db.session.commit()
    flash(_("Your password has been changed. You were logged out everywhere else."), "success")
    return redirect_to(url_for("account.settings"))


@bp.post("/sessions/end")
@login_required
def end_other_sessions():
    current_user.auth_epoch += 1
    end_session()
    db.session.commit()
    flash(_("You have been logged out on every device."), "info")
    return redirect_to(url_for("auth.login"))
