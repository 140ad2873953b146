"""The one interface every publishing provider implements.

A provider receives the compiled site (``BuildOutput``) and makes it live — atomically, uploading
only what the provider does not already hold — and can roll back to an earlier deployment
without rebuilding. Providers are small adapters (``app/publishing/local.py``,
``app/integrations/cloudflare.py``, ``app/integrations/vercel.py``); the publish job in
``app/publishing/jobs.py`` drives them and records progress.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

# Stages a deployment goes through (the job records a timestamp for each).
STAGES = ("queued", "building", "uploading", "processing", "live", "failed")


@dataclass(frozen=True)
class BuildOutput:
    """The compiled site. ``files`` maps a POSIX path without a leading slash ("index.html",
    "menu/index.html", "assets/3f2a…-960.webp") to its bytes. ``headers`` and ``redirects`` are
    the contents of ``_headers`` and ``_redirects`` (Cloudflare Pages / Netlify syntax); they are
    *not* in ``files``. ``hashes`` maps each path to the sha256 hex of its bytes."""

    files: dict[str, bytes]
    headers: str = ""
    redirects: str = ""
    hashes: dict[str, str] = field(default_factory=dict)

    def content_type(self, path: str) -> str:
        return content_type(path)


def content_type(path: str) -> str:
    ext = path.rsplit(".", 1)[-1].lower() if "." in path.rsplit("/", 1)[-1] else ""
    return {
        "html": "text/html; charset=utf-8", "css": "text/css; charset=utf-8",
        "js": "text/javascript; charset=utf-8", "xml": "application/xml; charset=utf-8",
        "txt": "text/plain; charset=utf-8", "json": "application/json",
        "webp": "image/webp", "jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png",
        "gif": "image/gif", "svg": "image/svg+xml", "ico": "image/x-icon",
        "woff2": "font/woff2", "webmanifest": "application/manifest+json",
    }.get(ext, "application/octet-stream")


# progress(stage, detail): stage is one of STAGES or a free-form step name ("check-missing");
# detail may carry {"files_uploaded": n, "bytes_uploaded": n, "message": "…"}.
Progress = Callable[[str, dict[str, Any]], None]


def no_progress(stage: str, detail: dict[str, Any]) -> None:
    return None


@dataclass
class DeployResult:
    provider_id: str  # the provider's deployment id (local: the folder name)
    url: str  # where this deployment can be seen
    production: bool
    files_uploaded: int = 0
    bytes_uploaded: int = 0
    detail: dict[str, Any] = field(default_factory=dict)


@dataclass
class ConnectionCheck:
    ok: bool
    message: str  # plain language, already translated by the caller if needed
    detail: dict[str, Any] = field(default_factory=dict)


class PublishError(Exception):
    """A publish step failed. ``code`` is stable (provider error code or our own),
    ``retryable`` says whether trying the same step again later may succeed."""

    def __init__(self, code: str, message: str, retryable: bool = False,
                 retry_after: float | None = None) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
        self.retryable = retryable
        self.retry_after = retry_after


class Publisher(Protocol):
    """What the publish job needs from a provider."""

    name: str

    def test_connection(self) -> ConnectionCheck:
        """Checks the credentials and target (project/team) without changing anything."""

    def deploy(self, output: BuildOutput, *, production: bool, message: str,
               progress: Progress = no_progress) -> DeployResult:
        """Uploads what is missing and creates a deployment; returns once it is live (or
        raises PublishError). Must never take the current live version down on failure."""

    def rollback(self, provider_id: str) -> DeployResult:
        """Makes an earlier successful production deployment live again, without rebuilding."""
