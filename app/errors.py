"""Error pages: clear, translated, in the app's layout; fragments for htmx."""

from __future__ import annotations

from flask import Flask, render_template
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from htmx_flask import make_response
from werkzeug.exceptions import HTTPException

from app.htmx import is_htmx


def _page(status: int, title: str, message: str):
    if is_htmx():
        # htmx swaps error responses too (see htmx-config in base.html): show them in the alert
        # area at the top instead of replacing the element that made the request.
        body = render_template("errors/_error.html", status=status, title=title, message=message)
        return make_response(body, status, retarget="#alerts", reswap="innerHTML")
    return render_template("errors/error.html", status=status, title=title, message=message), status


def init_app(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def _csrf(_e):
        return _page(
            400,
            _("This form has expired"),
            _(
                "For your security the form could not be sent. Reload the page and try again; "
                "nothing was changed."
            ),
        )

    @app.errorhandler(429)
    def _too_many(e):
        # A limit may say what was tried too often (e.g. support codes, not passwords).
        limit = getattr(e, "limit", None)
        if limit is not None and limit.error_message:
            return _page(429, _("Too many attempts"), e.description)
        return _page(
            429,
            _("Too many attempts"),
            _(
                "You tried too many times in a short while. Wait a minute, then try again. "
                "If you forgot your password, you can reset it."
            ),
        )

    @app.errorhandler(404)
    def _not_found(_e):
        return _page(
            404,
            _("Page not found"),
            _("This page does not exist, or you do not have access to it."),
        )

    @app.errorhandler(403)
    def _forbidden(_e):
        return _page(
            403, _("Not allowed"), _("This request was refused. Reload the page and try again.")
        )

    @app.errorhandler(413)
    def _too_large(_e):
        return _page(413, _("Too large"), _("What you sent is too large."))

    @app.errorhandler(HTTPException)
    def _other(e: HTTPException):
        return _page(
            e.code or 500,
            _("Something went wrong"),
            _("The request could not be completed. Please try again."),
        )

    @app.errorhandler(500)
    def _server_error(_e):
        return _page(
            500,
            _("Something went wrong"),
            _(
                "An unexpected error happened on our side. Nothing you did was lost; "
                "please try again in a moment."
            ),
        )
