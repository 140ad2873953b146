"""Running the app as real gunicorn processes (gevent workers) and a throwaway Redis."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).parent / "gunicorn"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(url: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            httpx.get(url, timeout=1)
            return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not come up")


class AppProcess:
    """``gunicorn -k gevent`` serving the app on its own port (its own process group)."""

    def __init__(self, database_url: str, redis_url: str, tmp: Path, env: dict | None = None,
                 port: int | None = None):
        self.port = port or free_port()  # a given port: the same server, restarted
        self.base = f"http://127.0.0.1:{self.port}"
        environ = {
            **os.environ,
            "WINDWALKER_ENV": "testing",
            "SECRET_KEY": "test-secret-key-that-is-long-enough-0123456789",
            "ENCRYPTION_KEY": "sXz4mz3w3M8yTz2r2vQ0Yl8v2k8ZJ5m0m1bWb7Kp0fI=",
            "PUBLIC_URL": "http://localhost",
            "DATABASE_URL": database_url,
            "REDIS_URL": redis_url,
            "MAIL_BACKEND": "file",
            "MAIL_FILE_DIR": str(tmp / "mail"),
            "ASSET_DIR": str(tmp / "assets"),
            "SITES_DIR": str(tmp / "sites"),
            **(env or {}),
        }
        self.log = open(tmp / f"gunicorn-{self.port}.log", "wb")  # noqa: SIM115
        self.proc = subprocess.Popen(
            [str(GUNICORN), "-k", "gevent", "-w", "1", "--worker-connections", "1000",
             "-b", f"127.0.0.1:{self.port}", "--graceful-timeout", "2",
             "tests.coedit.serve_app:app"],
            cwd=ROOT, env=environ, stdout=self.log, stderr=subprocess.STDOUT,
            start_new_session=True)
        wait_until_up(self.base + "/login")

    def stop(self) -> None:
        try:
            os.killpg(self.proc.pid, signal.SIGTERM)
            self.proc.wait(timeout=10)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            os.killpg(self.proc.pid, signal.SIGKILL)
        self.log.close()


class RedisServer:
    """A throwaway ``redis-server`` on a free loopback port (never the shared one)."""

    def __init__(self, tmp: Path):
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.dir = tmp / f"redis-{self.port}"
        self.dir.mkdir(parents=True, exist_ok=True)
        self.proc = None
        self.start()

    def start(self) -> None:
        self.proc = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1",
             "--save", "", "--appendonly", "no", "--dir", str(self.dir)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        from redis import Redis

        deadline = time.monotonic() + 10
        while True:
            try:
                Redis.from_url(self.url).ping()
                return
            except Exception:  # noqa: BLE001 - not up yet
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.kill()
            self.proc.wait(timeout=10)
            self.proc = None
