"""The one place that knows about htmx: detection, response helpers, error retargeting."""

from __future__ import annotations

from flask import Flask, Response, redirect, render_template, request
from htmx_flask import make_response


def is_htmx() -> bool:
    """True for a request made by htmx (and not a history-restore, which wants a full page)."""
    return bool(getattr(request, "htmx", False)) and not request.htmx.history_restore_request


def render(full: str, fragment: str, status: int = 200, **context) -> Response:
    """Renders the fragment for htmx and the full page (which includes it) otherwise."""
    template = fragment if is_htmx() else full
    return make_response(render_template(template, **context), status)


def redirect_to(url: str) -> Response:
    """After a successful POST: HX-Redirect for htmx, a 303 See Other for plain forms."""
    if is_htmx():
        return make_response("", 204, redirect=url)
    return redirect(url, code=303)


def form_error(full: str, fragment: str, **context) -> Response:
    """A form refused with field errors: 422, re-rendered in place (htmx swaps 422, see JS)."""
    return render(full, fragment, status=422, **context)


def init_app(app: Flask) -> None:
    @app.after_request
    def _vary_on_htmx(response: Response) -> Response:
        # Full page and fragment share a URL; caches must keep them apart.
        response.vary.add("HX-Request")
        return response
