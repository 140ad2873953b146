"""The endpoint the forms of published sites post to: ``POST /f/<site id>``.

Published pages are static HTML on other origins and have no JavaScript, so this is a plain
HTML form post: answers are checked against the block's configuration, stored, mailed to the
owners, and the visitor is sent back to ``<page>#ww-<block id>-sent`` (the page shows its
success message with CSS). Pages shown to visitors are in the site's language, not the
browser's. The blueprint name is exempt from the Origin check (app/security.py) and the view
from CSRF: it holds no session state; its defences are the size cap, the honeypot and the rate
limits.

The URL variable is deliberately not called ``site_id``: ``site_id`` routes are the owner's,
answering 404 to everyone else (the tenant test matrix walks them), while this one is public.
"""

from __future__ import annotations

import logging
from functools import wraps

from flask import (
    Blueprint,
    Response,
    current_app,
    g,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import force_locale, gettext as _

from app.db import db
from app.extensions import csrf, limiter
from app.jobs import enqueue
from app.models import Site
from app.submissions import operations as forms
from app.submissions.jobs import notify_owners

log = logging.getLogger(__name__)
bp = Blueprint("public_forms", __name__, url_prefix="/f", template_folder="templates")


def _site() -> Site | None:
    """The site of this request (looked up once), or None when missing or deleted."""
    if "public_form_site" not in g:
        site_id = (request.view_args or {}).get("public_site_id")
        g.public_form_site = forms.public_site(site_id) if isinstance(site_id, int) else None
    return g.public_form_site


def _per_ip() -> str:
    return current_app.config.get("FORMS_RATE_LIMIT_IP", "10 per minute")


def _per_site() -> str:
    return current_app.config.get("FORMS_RATE_LIMIT_SITE", "200 per hour")


def _site_key() -> str:
    return f"form-site:{(request.view_args or {}).get('public_site_id')}"


def _page(status: int, title: str, message: str, details: list[str] | None = None,
          back: str | None = None) -> Response:
    """A small standalone page for visitors (no app chrome, no cookies, no JavaScript)."""
    site = _site()
    body = render_template(
        "public_forms/page.html",
        status=status,
        title=title,
        message=message,
        details=details or [],
        back=back,
        site=site,
        home=(forms.origin_of(back) or "") + "/" if back else forms.site_home(site),
    )
    return make_response(body, status)


def _in_site_language(func):
    """Runs an error handler with the site's language active."""

    @wraps(func)
    def handler(error):
        with force_locale(forms.site_locale(_site())):
            return func(error)

    return handler


@bp.errorhandler(404)
@_in_site_language
def _not_found(_error):
    return _page(404, _("Form not found"), _("This form is not available any more."))


@bp.errorhandler(413)
@_in_site_language
def _too_large(_error):
    return _page(413, _("Too much text"),
                 _("What you sent is too large. Shorten your answers and try again."))


@bp.errorhandler(429)
@_in_site_language
def _too_many(_error):
    return _page(429, _("Too many messages"),
                 _("Many messages were sent in a short while. Please wait a few minutes, "
                   "then send the form again."))


@bp.after_request
def _cors(response: Response) -> Response:
    """CORS for the site's own origins only: never ``*``, never another site's."""
    response.vary.add("Origin")
    origin = forms.origin_of(request.headers.get("Origin"))
    site = _site()
    if origin and site is not None and origin in forms.site_origins(site):
        response.headers["Access-Control-Allow-Origin"] = request.headers["Origin"]
        if request.method == "OPTIONS":
            response.headers["Access-Control-Allow-Methods"] = "POST"
            response.headers["Access-Control-Allow-Headers"] = "Content-Type"
            response.headers["Access-Control-Max-Age"] = "600"
    return response


def _thanks_url(site: Site, block: forms.FormBlock | None) -> str:
    args = {"block": block.id} if block else {}
    return url_for("public_forms.thanks", public_site_id=site.id, **args)


@bp.route("/<int:public_site_id>", methods=["POST", "OPTIONS"])
@csrf.exempt
@limiter.limit(_per_ip, methods=["POST"])
@limiter.limit(_per_site, methods=["POST"], key_func=_site_key)
def submit(public_site_id: int):
    site = _site()
    if site is None:
        return _not_found(None)
    if request.method == "OPTIONS":
        return Response(status=204)
    locale = forms.site_locale(site)
    if (request.content_length or 0) > forms.MAX_BODY_BYTES:
        return _too_large(None)
    request.max_content_length = forms.MAX_BODY_BYTES  # also caps a body without a length
    form = request.form
    block = forms.find_form_block(site, form.get("block_id", ""))
    target, page_path = forms.sent_target(
        site, block, request.headers.get("Referer"), request.headers.get("Origin")
    )
    if form.get("website"):
        # The honeypot: people never see it, bots fill it in. Look successful, keep nothing.
        return redirect(target or _thanks_url(site, block), code=303)
    with force_locale(locale):
        if block is None:
            return _page(400, _("Form not found"),
                         _("This form is no longer on the site. Reload the page and try "
                           "again."), back=target)
        try:
            fields = forms.read_answers(block, form, locale)
        except forms.FormRefused as exc:
            db.session.rollback()
            back = None
            if target:  # the form again (its heading, when it has one)
                heading = f"#ww-{block.id}-title" if block.props.get("heading") else ""
                back = target.rsplit("#", 1)[0] + heading
            return _page(400, exc.message, _("Please go back and:"), exc.details, back)
    submission = forms.store_submission(site, block, page_path, fields)
    db.session.commit()
    try:
        enqueue(notify_owners, submission.id)
    except Exception:  # the answers are stored and in the inbox: the visitor is done
        log.exception("could not queue the mail for form submission %s", submission.id)
    return redirect(target or _thanks_url(site, block), code=303)


@bp.get("/<int:public_site_id>/thanks")
def thanks(public_site_id: int):
    """Where visitors land when the form was posted from a page we cannot send them back to."""
    site = _site()
    if site is None:
        return _not_found(None)
    block = forms.find_form_block(site, request.args.get("block", ""))
    with force_locale(forms.site_locale(site)):
        message = (block.props.get("success_message") if block else "") or _(
            "Your message was sent. Thank you!")
        return _page(200, _("Thank you"), message)
