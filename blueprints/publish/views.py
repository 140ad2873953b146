"""Publishing: publish or preview, watch progress live, history and rollback, settings."""

from __future__ import annotations

from flask import Blueprint, abort, flash, g, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from app.db import db
from app.domain import Refused
from app.htmx import form_error, is_htmx, redirect_to, render
from app.jobs import enqueue
from app.models import User
from app.models.publishing import PROVIDERS
from app.publishing import operations as publishing
from app.publishing.jobs import run_publish
from app.support import operations as support
from blueprints.access import own_site_or_404, publishable_site_or_404

bp = Blueprint("publish", __name__, url_prefix="/sites/<int:site_id>/publish",
               template_folder="templates")

STEPS = ("queued", "building", "uploading", "processing", "live")




def _context(site, **extra):
    target = publishing.get_target(site)
    deployments = publishing.deployments_of(site)
    ids = {d.created_by_id for d in deployments if d.created_by_id}
    authors = {u.id: u.display_name or u.email for u in
               db.session.scalars(select(User).where(User.id.in_(ids)))} if ids else {}
    return dict(site=site, target=target, live=publishing.live_deployment(site),
                deployments=deployments, authors=authors, steps=STEPS, providers=PROVIDERS,
                **extra)


@bp.get("")
@login_required
def index(site_id: int):
    site = own_site_or_404(site_id)
    context = _context(site)
    running = next((d for d in context["deployments"] if not d.done), None)
    return render_template("publish/index.html", current=running, **context)


@bp.post("")
@login_required
def publish(site_id: int):
    site = publishable_site_or_404(site_id)
    agent_session = g.support_session
    production = request.form.get("preview") != "1"
    deployment = publishing.start_publish(site, current_user, production=production,
                                          message=request.form.get("message", ""))
    if agent_session is not None:  # in the session's activity list, with the deployment
        support.log_change(agent_session, current_user,
                           "publish" if production else "preview", deployment_id=deployment.id)
    db.session.commit()
    if deployment.state == "queued":
        enqueue(run_publish, deployment.id)
    if agent_session is not None:
        if not is_htmx():
            return redirect_to(url_for("editor.index", site_id=site.id))
        return render_template("publish/_agent.html", site=site, current=deployment,
                               live=publishing.live_deployment(site), steps=STEPS)
    if is_htmx():
        return render_template("publish/_progress.html", d=deployment, steps=STEPS, site=site)
    return redirect_to(url_for("publish.index", site_id=site.id))


@bp.get("/support")
@login_required
def agent_panel(site_id: int):
    """A support agent's publishing panel (in the editor's drawer), when the owner allowed it
    for this session: the live address, one button and the progress. No provider settings,
    tokens or history are ever rendered here."""
    site = publishable_site_or_404(site_id)
    if g.support_session is None:  # the site's own people have the full page
        return redirect_to(url_for("publish.index", site_id=site.id))
    return render_template("publish/_agent.html", site=site, current=None,
                           live=publishing.live_deployment(site), steps=STEPS)


@bp.get("/deployments/<int:deployment_id>")
@login_required
def progress(site_id: int, deployment_id: int):
    site = publishable_site_or_404(site_id)
    deployment = publishing.deployment_of(site, deployment_id)
    if deployment is None:
        abort(404)
    if not is_htmx():
        if g.support_session is not None:  # the full page (settings, history) is the owner's
            abort(404)
        return render_template("publish/index.html", current=deployment, **_context(site))
    response = render_template("publish/_progress.html", d=deployment, steps=STEPS, site=site,
                               for_agent=g.support_session is not None)
    if deployment.done:
        # The history below changed too: ask the page to refresh it.
        from htmx_flask import make_response

        return make_response(response, trigger="deployment-finished")
    return response


@bp.get("/history")
@login_required
def history(site_id: int):
    site = own_site_or_404(site_id)
    return render_template("publish/_history.html", **_context(site))


@bp.post("/deployments/<int:deployment_id>/rollback")
@login_required
def rollback(site_id: int, deployment_id: int):
    site = own_site_or_404(site_id)
    deployment = publishing.deployment_of(site, deployment_id)
    if deployment is None:
        abort(404)
    try:
        publishing.rollback(site, deployment, current_user)
    except Refused as exc:
        db.session.rollback()
        flash(exc.message, "error")
        return redirect_to(url_for("publish.index", site_id=site.id))
    except Exception as exc:  # the provider refused or is down: the live site is unchanged
        from app.publishing.base import PublishError

        if not isinstance(exc, PublishError):
            raise
        db.session.rollback()
        flash(_("The provider could not switch versions (%(code)s). The live site is "
                "unchanged; try again in a moment.", code=exc.code), "error")
        return redirect_to(url_for("publish.index", site_id=site.id))
    db.session.commit()
    flash(_("The earlier version is live again."), "success")
    return redirect_to(url_for("publish.index", site_id=site.id))


@bp.route("/settings", methods=["GET", "POST"])
@login_required
def settings(site_id: int):
    site = own_site_or_404(site_id)
    target = publishing.get_target(site)
    if request.method == "POST":
        form = request.form
        token = form.get("token", "")
        errors = publishing.save_target(site, form.get("provider", "local"), form.to_dict(),
                                        token if token.strip() else None)
        if errors:
            db.session.rollback()
            return form_error("publish/settings.html", "publish/_settings_form.html",
                              site=site, target=target, form=form, errors=errors,
                              providers=PROVIDERS)
        db.session.commit()
        flash(_("Publishing settings saved."), "success")
        return redirect_to(url_for("publish.index", site_id=site.id))
    db.session.commit()  # a default target may have been created
    return render("publish/settings.html", "publish/_settings_form.html", site=site,
                  target=target, form={}, errors={}, providers=PROVIDERS)


@bp.post("/settings/test")
@login_required
def test_connection(site_id: int):
    site = own_site_or_404(site_id)
    target = publishing.get_target(site)
    try:
        check = publishing.publisher_for(site, target).test_connection()
    except Exception as exc:  # noqa: BLE001 - any failure is an answer for the owner
        from app.publishing.base import ConnectionCheck

        check = ConnectionCheck(False, str(exc)[:300])
    db.session.commit()
    return render_template("publish/_check.html", check=check, target=target)
