"""The embedded default provider: WindWalker's own hosting.

Files are stored once under their SHA-256 (``blobs/``); each deployment is an immutable folder of
hard links to them (``<slug>/deployments/<id>/``); going live is an atomic switch of the
``<slug>/live`` symlink (``os.replace``), so visitors get either the old site or the new one,
never half of each. Rolling back re-points the symlink — no rebuild.
"""

from __future__ import annotations

import os
import secrets
import shutil
from pathlib import Path

from app.publishing.base import (
    BuildOutput,
    ConnectionCheck,
    DeployResult,
    Progress,
    PublishError,
    no_progress,
)

SPECIAL_FILES = ("_headers", "_redirects")


class LocalPublisher:
    name = "local"

    def __init__(self, root: Path, slug: str, base_url: str, preview_url: str) -> None:
        """``base_url`` serves the live site; ``preview_url`` has a {key} for previews."""
        self.root = Path(root)
        self.slug = slug
        self.base_url = base_url.rstrip("/")
        self.preview_url = preview_url
        self.site_root = self.root / slug
        self.blobs = self.root / "blobs"

    # -- helpers --------------------------------------------------------------------------
    def _blob(self, sha: str) -> Path:
        return self.blobs / sha[:2] / sha

    def live_folder(self) -> Path | None:
        link = self.site_root / "live"
        return link.resolve() if link.is_symlink() else None

    def deployment_folder(self, key: str) -> Path:
        if not key.isalnum():
            raise PublishError("bad_deployment", f"unknown deployment {key!r}")
        return self.site_root / "deployments" / key

    def _switch_live(self, key: str) -> None:
        folder = self.deployment_folder(key)
        if not folder.is_dir():
            raise PublishError("missing_deployment", f"deployment {key} does not exist")
        tmp = self.site_root / f".live-{secrets.token_hex(4)}"
        os.symlink(Path("deployments") / key, tmp)
        os.replace(tmp, self.site_root / "live")  # atomic on POSIX

    # -- Publisher ------------------------------------------------------------------------
    def test_connection(self) -> ConnectionCheck:
        try:
            self.site_root.mkdir(parents=True, exist_ok=True)
            probe = self.site_root / ".probe"
            probe.write_bytes(b"ok")
            probe.unlink()
        except OSError as exc:
            return ConnectionCheck(False, f"cannot write {self.site_root}: {exc.strerror}")
        return ConnectionCheck(True, "ok", {"url": self.base_url})

    def deploy(self, output: BuildOutput, *, production: bool, message: str = "",
               progress: Progress = no_progress) -> DeployResult:
        key = secrets.token_hex(6)
        staging = self.site_root / "deployments" / f".{key}"
        uploaded = uploaded_bytes = 0
        try:
            for path, data in output.files.items():
                sha = output.hashes.get(path)
                blob = self._blob(sha) if sha else None
                if blob is None or not blob.exists():
                    import hashlib

                    sha = hashlib.sha256(data).hexdigest()
                    blob = self._blob(sha)
                    blob.parent.mkdir(parents=True, exist_ok=True)
                    part = blob.with_suffix(".part")
                    part.write_bytes(data)
                    os.replace(part, blob)
                    uploaded += 1
                    uploaded_bytes += len(data)
                    progress("uploading", {"files_uploaded": uploaded,
                                           "bytes_uploaded": uploaded_bytes})
                target = staging / path
                target.parent.mkdir(parents=True, exist_ok=True)
                os.link(blob, target)
            for name, text in zip(SPECIAL_FILES, (output.headers, output.redirects),
                                  strict=True):
                if text:
                    (staging / name).write_text(text, encoding="utf-8")
            progress("processing", {})
            os.replace(staging, self.deployment_folder(key))  # the deployment appears whole
        except OSError as exc:
            shutil.rmtree(staging, ignore_errors=True)
            raise PublishError("storage_error", str(exc), retryable=True) from None
        if production:
            self._switch_live(key)
        url = self.base_url if production else self.preview_url.format(key=key)
        return DeployResult(provider_id=key, url=url, production=production,
                            files_uploaded=uploaded, bytes_uploaded=uploaded_bytes)

    def rollback(self, provider_id: str) -> DeployResult:
        self._switch_live(provider_id)
        return DeployResult(provider_id=provider_id, url=self.base_url, production=True)
