#!/usr/bin/env bash
# Lighthouse (mobile) on the published demo starter, served by WindWalker's local hosting.
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
.venv/bin/flask run --port 5091 >/dev/null 2>&1 &
server=$!
sleep 2
for page in "" "menu/" "location/"; do
  CHROME_PATH=/usr/bin/chromium "$work/node_modules/.bin/lighthouse" \
    "http://demo.sites.localhost:5091/$page" --quiet --output=json --output-path="$work/r.json" \
    --chrome-flags="--headless --no-sandbox --disable-gpu --disable-background-networking \
--disable-component-update --disable-sync --no-first-run" >/dev/null 2>&1 || true
  .venv/bin/python - "$work/r.json" "/$page" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
if report.get("runtimeError"):
    sys.exit(f"lighthouse could not load {sys.argv[2]}: {report['runtimeError']['message']}")
scores = {k: round(v["score"] * 100) for k, v in report["categories"].items()}
print(f"lighthouse mobile {sys.argv[2]:<8}", "  ".join(f"{k} {v}" for k, v in scores.items()))
PY
done
