"""The one enqueue helper runs the same job in a thread (embedded) or on RQ with Redis."""

from __future__ import annotations

import email
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from redis import Redis

from app.accounts.jobs import send_password_reset
from app.accounts.operations import find_user_by_email, sign_up
from app.db import db
from app.jobs import enqueue, wait_for_jobs
from tests.conftest import ROOT, TEST_ENV, TEST_REDIS_URL, require_service


def _make_user(app) -> int:
    with app.app_context():
        user = sign_up("jobs@example.com", "correct horse battery", "잡")
        db.session.commit()
        return user.id


def _only_mail(folder: Path) -> email.message.Message:
    [path] = list(folder.glob("*.eml"))
    return email.message_from_bytes(path.read_bytes())


def test_without_redis_jobs_run_in_a_background_thread(app):
    user_id = _make_user(app)
    with app.app_context():
        future = enqueue(send_password_reset, user_id)
        wait_for_jobs()
        assert future.result() == "jobs@example.com"
    mail = _only_mail(Path(app.config["MAIL_FILE_DIR"]))
    assert mail["To"] == "jobs@example.com"
    assert "/password/reset/" in mail.get_payload(decode=True).decode()


@pytest.mark.redis
def test_with_redis_a_real_rq_worker_runs_the_job(make_app, migrated, tmp_path):
    redis_url = require_service("TEST_REDIS_URL", TEST_REDIS_URL)
    queue_name = f"test-{uuid.uuid4().hex[:8]}"
    mail_dir = tmp_path / "rq-mail"
    app = make_app(REDIS_URL=redis_url, MAIL_FILE_DIR=str(mail_dir))
    user_id = _make_user(app)
    with app.app_context():
        from rq import Queue

        # Same helper the views use; a private queue name keeps parallel runs apart.
        app.extensions["rq_queue"] = Queue(queue_name, connection=Redis.from_url(redis_url))
        job = enqueue(send_password_reset, user_id)
        assert job.get_status() == "queued"
        assert not mail_dir.exists()  # nothing ran in this process

    env = {
        **os.environ,
        **TEST_ENV,
        "DATABASE_URL": migrated,
        "REDIS_URL": redis_url,
        "MAIL_BACKEND": "file",
        "MAIL_FILE_DIR": str(mail_dir),
    }
    done = subprocess.run(
        [sys.executable, "worker.py", "--burst", queue_name],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    job.refresh()
    assert job.get_status() == "finished", done.stderr
    assert job.return_value() == "jobs@example.com"
    mail = _only_mail(mail_dir)
    body = mail.get_payload(decode=True).decode()
    token_path = next(line for line in body.splitlines() if "/password/reset/" in line)
    # The link the worker made is accepted by the web app.
    client = app.test_client()
    assert client.get(token_path.strip().removeprefix("http://localhost")).status_code == 200
    with app.app_context():
        assert find_user_by_email("jobs@example.com").id == user_id


def test_worker_refuses_to_start_without_redis():
    env = {**os.environ, **TEST_ENV}
    env.pop("REDIS_URL", None)
    done = subprocess.run(
        [sys.executable, "worker.py", "--burst"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2 and "REDIS_URL" in done.stderr
