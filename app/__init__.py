"""WindWalker: the application factory."""

from __future__ import annotations

import os
from pathlib import Path

from flask import Flask

from app.config import ConfigError, load_settings, normalise_database_url

__all__ = ["ConfigError", "create_app"]


def create_app(test_config: dict | None = None, environ: dict[str, str] | None = None) -> Flask:
    """Builds the app. ``test_config`` overrides settings; ``environ`` replaces os.environ."""
    app = Flask(
        __name__,
        instance_path=str(Path(__file__).resolve().parent.parent / "instance"),
        template_folder="templates",
        static_folder="static",
    )
    settings = load_settings(
        dict(os.environ if environ is None else environ), Path(app.instance_path)
    )
    app.config.update(settings.flask_config())
    if test_config:
        app.config.update(test_config)
    app.config["DATABASE_URL"] = normalise_database_url(app.config["DATABASE_URL"])
    if app.config["SECRET_IS_GENERATED"]:
        app.logger.warning(
            "Using a generated DEVELOPMENT-ONLY secret key from instance/. "
            "Set SECRET_KEY (and WINDWALKER_ENV=production) for a real deployment."
        )

    from app import cli, errors, htmx, i18n, jobs, security
    from app.auth import init_auth
    from app.coedit import live
    from app.extensions import babel, csrf, db, htmx as htmx_ext, limiter

    db.init_app(app)
    htmx_ext.init_app(app)
    csrf.init_app(app)
    limiter.init_app(app)
    i18n.init_app(app, babel)
    init_auth(app)
    security.init_app(app)
    htmx.init_app(app)
    errors.init_app(app)
    jobs.init_app(app)
    live.init_app(app)
    cli.init_app(app)

    from blueprints import register_blueprints

    register_blueprints(app)

    from app.publishing.serve import SiteHostDispatcher

    # Sites published locally are served on their own host names (never the editor's origin).
    app.wsgi_app = SiteHostDispatcher(app.wsgi_app, app.config["SITES_URL"],
                                      app.config["SITES_DIR"])
    hops = int(app.config.get("TRUSTED_PROXIES") or 0)
    if hops:
        # Behind an HTTPS proxy (or a chain of them): the client's address, scheme and host as
        # the proxies saw them. Never without a proxy — anyone could then claim any address.
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)
    return app
