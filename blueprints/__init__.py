"""The UI areas. Each folder is one blueprint with its thin views and its templates."""

from __future__ import annotations

from flask import Flask


def register_blueprints(app: Flask) -> None:
    """Registers every area from one explicit list."""
    from blueprints.account.views import bp as account
    from blueprints.assets.views import bp as assets
    from blueprints.auth.views import bp as auth
    from blueprints.billing.views import bp as billing
    from blueprints.design.views import bp as design
    from blueprints.designer.views import bp as designer
    from blueprints.editor.views import bp as editor
    from blueprints.inbox.views import bp as inbox
    from blueprints.live.views import bp as live
    from blueprints.main.views import bp as main
    from blueprints.public_forms.views import bp as public_forms
    from blueprints.publish.views import bp as publish
    from blueprints.sites.views import bp as sites
    from blueprints.support.views import bp as support

    for bp in (main, auth, account, sites, assets, editor, design, live, support, publish,
               inbox, public_forms, designer, billing):
        app.register_blueprint(bp)
