"""The publish job end to end against the fake Cloudflare and Vercel APIs (real SDK / httpx,
real HTTP on loopback), and a real RQ worker killed in the middle of an upload."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest
from sqlalchemy import select

from app.db import db
from app.models import Deployment, Site
from app.publishing.jobs import run_publish
from app.publishing.operations import save_target, start_publish
from tests.conftest import ROOT, TEST_ENV, TEST_REDIS_URL, require_service
from tests.editor.conftest import make_editor
from tests.fakes.cloudflare import TEST_ACCOUNT, TEST_API_TOKEN

VERCEL_TOKEN = "test-vercel-token-long-enough-1234"


@pytest.fixture
def app(make_app, tmp_path, fake_cloudflare, fake_vercel):
    fake_vercel.state.tokens.add(VERCEL_TOKEN)
    return make_app(SITES_DIR=str(tmp_path / "sites"), ASSET_DIR=str(tmp_path / "assets"),
                    SITES_URL="http://{slug}.sites.localhost",
                    CLOUDFLARE_BASE_URL=fake_cloudflare.base_url,
                    VERCEL_API_URL=fake_vercel.base_url, PUBLISH_POLL_SCHEDULE=(0.01,))


def configure(app, site_id, provider):
    with app.app_context():
        site = db.session.get(Site, site_id)
        if provider == "cloudflare_pages":
            errors = save_target(site, provider, {"account_id": TEST_ACCOUNT,
                                                  "project": "baramgil"}, TEST_API_TOKEN)
        else:
            errors = save_target(site, provider, {"project": "baramgil"}, VERCEL_TOKEN)
        assert errors == {}
        db.session.commit()


def publish(app, site_id, production=True):
    with app.app_context():
        d = start_publish(db.session.get(Site, site_id), None, production=production)
        db.session.commit()
        deployment_id = d.id
    with app.app_context():
        run_publish(deployment_id)
    with app.app_context():
        d = db.session.get(Deployment, deployment_id)
        db.session.expunge(d)
        return d


@pytest.mark.parametrize("provider", ["cloudflare_pages", "vercel"])
def test_publish_then_one_edit_uploads_one_file(app, owner, provider):
    editor = make_editor(owner, app, name="바람길 카페")
    editor.insert("hero")
    configure(app, editor.site_id, provider)
    first = publish(app, editor.site_id)
    assert first.state == "live", first.error
    assert first.files_uploaded >= 5 and first.url.startswith("https://")
    hero = editor.blocks()[0]
    editor.set_prop(hero["id"], "title", {"value": "새 메뉴 출시"})
    second = publish(app, editor.site_id)
    assert second.state == "live", second.error
    changed = sorted(p for p, h in second.manifest.items() if first.manifest.get(p) != h)
    assert second.files_uploaded == 1, changed and second.pages_touched == ["index.html"]
    with app.app_context():
        assert db.session.get(Deployment, first.id).is_live is False


def test_a_provider_failure_keeps_the_live_version(app, owner, fake_cloudflare):
    editor = make_editor(owner, app, name="바람길 카페")
    editor.insert("hero")
    configure(app, editor.site_id, "cloudflare_pages")
    good = publish(app, editor.site_id)
    fake_cloudflare.fail_next_deployment(["Error: the build ran out of time"])
    editor.set_prop(editor.blocks()[0]["id"], "title", {"value": "실패"})
    bad = publish(app, editor.site_id)
    assert bad.state == "failed" and bad.error
    with app.app_context():
        assert db.session.get(Deployment, good.id).is_live


def test_rollback_on_cloudflare(app, owner):
    editor = make_editor(owner, app, name="바람길 카페")
    editor.insert("hero")
    configure(app, editor.site_id, "cloudflare_pages")
    first = publish(app, editor.site_id)
    editor.set_prop(editor.blocks()[0]["id"], "title", {"value": "두 번째"})
    publish(app, editor.site_id)
    r = owner.post(f"/sites/{editor.site_id}/publish/deployments/{first.id}/rollback")
    assert r.status_code == 303
    with app.app_context():
        live = db.session.scalar(select(Deployment).where(Deployment.is_live.is_(True)))
        assert live.rollback_of_id == first.id


def test_test_connection_answers_in_plain_words(app, owner):
    editor = make_editor(owner, app, name="바람길 카페")
    configure(app, editor.site_id, "vercel")
    r = owner.post(f"/sites/{editor.site_id}/publish/settings/test", {}, htmx=True)
    assert r.status_code == 200 and "alert-success" in r.get_data(as_text=True)


@pytest.mark.redis
def test_a_worker_killed_mid_upload_is_finished_by_a_rerun(make_app, owner, tmp_path,
                                                           fake_cloudflare, migrated):
    """A real RQ worker is killed (SIGKILL) while uploading; the old version stays live; the
    job run again ends live exactly once."""
    redis_url = require_service("TEST_REDIS_URL", TEST_REDIS_URL)
    from redis import Redis
    from rq import Queue

    queue = f"kill-{os.getpid()}"
    config = dict(SITES_DIR=str(tmp_path / "sites"), ASSET_DIR=str(tmp_path / "assets"),
                  SITES_URL="http://{slug}.sites.localhost", REDIS_URL=redis_url,
                  CLOUDFLARE_BASE_URL=fake_cloudflare.base_url, PUBLISH_POLL_SCHEDULE=(0.01,))
    app = make_app(**config)
    editor = make_editor(owner, app, name="바람길 카페")
    editor.insert("hero")
    configure(app, editor.site_id, "cloudflare_pages")
    good = publish(app, editor.site_id)
    editor.set_prop(editor.blocks()[0]["id"], "title", {"value": "중단될 게시"})
    fake_cloudflare.upload_delay = 30  # every upload hangs long enough to kill the worker
    with app.app_context():
        d = start_publish(db.session.get(Site, editor.site_id), None)
        db.session.commit()
        deployment_id = d.id
        Queue(queue, connection=Redis.from_url(redis_url)).enqueue(run_publish, deployment_id)
    env = {**os.environ, **TEST_ENV, "DATABASE_URL": migrated, "REDIS_URL": redis_url,
           "CLOUDFLARE_BASE_URL": fake_cloudflare.base_url,
           "SITES_DIR": config["SITES_DIR"], "ASSET_DIR": config["ASSET_DIR"],
           "SITES_URL": config["SITES_URL"]}
    worker = subprocess.Popen([sys.executable, "worker.py", "--burst", queue], cwd=ROOT,
                              env=env, start_new_session=True)
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with app.app_context():
                state = db.session.get(Deployment, deployment_id).state
            if state == "uploading" and fake_cloudflare.uploads_started:
                break
            time.sleep(0.05)
        assert state == "uploading"
        # The host dies: the work horse (RQ forks it into its own process group) and the
        # worker itself.
        subprocess.run(["pkill", "-KILL", "-P", str(worker.pid)], check=False)
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait(timeout=10)
    finally:
        if worker.poll() is None:
            os.killpg(worker.pid, signal.SIGKILL)
    with app.app_context():
        assert db.session.get(Deployment, good.id).is_live  # the old version is still live
        assert db.session.get(Deployment, deployment_id).state == "uploading"
    fake_cloudflare.upload_delay = 0
    with app.app_context():
        assert run_publish(deployment_id) == "live"
        assert run_publish(deployment_id) == "live"  # and once more changes nothing
        lives = db.session.scalars(select(Deployment).where(Deployment.is_live.is_(True))).all()
        assert [x.id for x in lives] == [deployment_id]
    assert len([r for r in fake_cloudflare.requests
                if r.path.endswith("/deployments") and r.method == "POST"]) == 2
