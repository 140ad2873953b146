#!/usr/bin/env bash
# Lighthouse (mobile) on the published demo starter and on each bundled theme's starter home page
# (with the owner's default design settings), served by WindWalker's local hosting.
# Installs lighthouse@12.2.3 into a temporary folder (13.x needs Node 22) and uses Debian's
# Chromium. Prints the four category scores. Run from the repository root after scripts/setup:
#   bash bench/lighthouse.sh
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
(cd "$work" && npm init -y >/dev/null && npm i -E lighthouse@12.2.3 --no-audit --no-fund --silent)
export WINDWALKER_ENV=development DATABASE_URL="sqlite:///$work/lh.db" SITES_DIR="$work/sites" \
  ASSET_DIR="$work/assets" PORT=5091 FLASK_APP=wsgi.py
.venv/bin/flask db upgrade >/dev/null 2>&1
.venv/bin/flask demo >/dev/null 2>&1
.venv/bin/flask sites publish demo
# One site per bundled theme with a starter, published like an owner would.
.venv/bin/python - <<'PY'
from app import create_app
from app.accounts.operations import find_user_by_email
from app.db import db
from app.publishing.jobs import run_publish
from app.publishing.operations import start_publish
from app.sites.operations import create_site
from app.theming import bundled_themes

app = create_app()
with app.app_context():
    owner = find_user_by_email("demo@windwalker.kr")
    for theme in bundled_themes():
        if theme.get("starter") and theme["slug"] != "default":
            site = create_site(owner, theme["name"], slug=f"lh-{theme['slug']}",
                               starter=theme["slug"])
            db.session.commit()
            deployment = start_publish(site, owner, production=True)
            db.session.commit()
            run_publish(deployment.id)
PY
.venv/bin/flask run --port 5091 >/dev/null 2>&1 &
server=$!
sleep 2
for target in demo/ demo/menu/ demo/location/ lh-shop/ lh-clinic/ lh-portfolio/; do
  host=${target%%/*}
  page=${target#*/}
  CHROME_PATH=/usr/bin/chromium "$work/node_modules/.bin/lighthouse" \
    "http://$host.sites.localhost:5091/$page" --quiet --output=json --output-path="$work/r.json" \
    --chrome-flags="--headless --no-sandbox --disable-gpu --disable-background-networking \
--disable-component-update --disable-sync --no-first-run" >/dev/null 2>&1 || true
  .venv/bin/python - "$work/r.json" "$host/$page" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
if report.get("runtimeError"):
    sys.exit(f"lighthouse could not load {sys.argv[2]}: {report['runtimeError']['message']}")
scores = {k: round(v["score"] * 100) for k, v in report["categories"].items()}
print(f"lighthouse mobile {sys.argv[2]:<16}", "  ".join(f"{k} {v}" for k, v in scores.items()))
PY
done
