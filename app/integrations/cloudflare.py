"""Cloudflare Pages publisher — the Direct Upload protocol over the official ``cloudflare`` SDK.

The sequence mirrors wrangler's ``pages deploy`` (see ``shared/reference/cdn-protocols.md``):
project lookup (created on first publish) → upload JWT → check-missing → upload the missing
files in buckets → upsert-hashes → create the deployment from a manifest → poll until live.
Files are content-addressed, so a republish uploads only what changed, and nothing goes live
until Cloudflare has every file the manifest names.

Retries belong to ``app.publishing.retry.with_retries``: every SDK client is built with
``max_retries=0`` so there is exactly one retry policy, and SDK errors are translated to
``PublishError`` in one place (``_to_publish_error``).
"""

from __future__ import annotations

import base64
import binascii
import json
import os
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

import blake3
from cloudflare import APIConnectionError, APIStatusError, Cloudflare
from cloudflare.types.pages import Deployment, Project

from app.publishing.base import (
    BuildOutput,
    ConnectionCheck,
    DeployResult,
    Progress,
    PublishError,
    no_progress,
)
from app.publishing.retry import parse_retry_after, with_retries

T = TypeVar("T")

MiB = 1024 * 1024
MAX_FILE_SIZE = 25 * MiB  # Cloudflare refuses larger assets outright
MAX_BUCKET_BYTES = 40 * MiB  # per upload request, as wrangler packs them
MAX_BUCKET_FILES = 2_000
DEFAULT_MAX_FILES = 20_000  # Free plan, used when the JWT does not say
MAX_COMMIT_MESSAGE_BYTES = 384
DEFAULT_POLL_SCHEDULE: tuple[float, ...] = (1, 2, 4, 8, 16)
DEFAULT_POLL_TIMEOUT = 600.0  # seconds of polling before we give up waiting (not the deploy)
MAX_TOKEN_REJECTIONS = 2  # fresh upload JWTs refused in a row before we give up

# Cloudflare error codes we act on.
TRANSIENT = "8000000"
PROJECT_NOT_FOUND = "8000007"
UPLOAD_TOKEN_INVALID = "8000013"  # noqa: S105 - an error code, not a secret
AUTH_ERRORS = {"9106", "9109", "10000", "10001", "6003", "6111", "6100", "6101", "6102", "6103"}
ACCOUNT_NOT_FOUND = {"7003", "7000"}


def file_extension(path: str) -> str:
    """The extension as Node's ``path.extname`` sees it, without the dot: ``""`` for
    ``README``, ``.env`` or ``..``; ``gz`` for ``a.tar.gz``. Cloudflare's hash includes it."""
    name = path.rsplit("/", 1)[-1]
    dot = name.rfind(".")
    if dot <= 0 or name == "..":
        return ""
    return name[dot + 1:]


def file_hash(path: str, data: bytes) -> str:
    """Cloudflare Pages' asset key: blake3(base64(content) + extension), hex, first 32 chars."""
    encoded = base64.b64encode(data).decode("ascii")
    return blake3.blake3((encoded + file_extension(path)).encode("ascii")).hexdigest()[:32]


def decode_jwt_claims(token: str) -> dict[str, Any]:
    """Reads a JWT's payload without verifying it — like wrangler, we only need ``exp`` and
    ``max_file_count_allowed``; Cloudflare verifies the signature on every asset call."""
    try:
        payload = token.split(".")[1]
        payload += "=" * (-len(payload) % 4)
        claims = json.loads(base64.urlsafe_b64decode(payload))
    except (IndexError, ValueError, binascii.Error) as exc:
        raise PublishError("upload_token_unreadable",
                           "Cloudflare returned an upload token we could not read; "
                           "try publishing again.") from exc
    if not isinstance(claims, dict):
        raise PublishError("upload_token_unreadable",
                           "Cloudflare returned an upload token we could not read; "
                           "try publishing again.")
    return claims


def truncate_utf8(text: str, limit: int) -> str:
    """Cuts ``text`` to at most ``limit`` UTF-8 bytes without splitting a character."""
    return text.encode("utf-8")[:limit].decode("utf-8", "ignore")


@dataclass(frozen=True)
class _Asset:
    """One distinct file content to (maybe) upload; several paths may share it."""

    key: str
    data: bytes
    content_type: str

    @property
    def encoded(self) -> str:
        return base64.b64encode(self.data).decode("ascii")

    @property
    def encoded_size(self) -> int:
        return 4 * ((len(self.data) + 2) // 3)


def plan_buckets(assets: Iterable[_Asset], *, max_bytes: int = MAX_BUCKET_BYTES,
                 max_files: int = MAX_BUCKET_FILES) -> list[list[_Asset]]:
    """Packs assets largest-first into upload requests of at most ``max_bytes`` (measured as
    sent, i.e. base64) and ``max_files``. First-fit decreasing never yields an empty bucket."""
    buckets: list[list[_Asset]] = []
    sizes: list[int] = []
    for asset in sorted(assets, key=lambda a: a.encoded_size, reverse=True):
        for index, bucket in enumerate(buckets):
            if len(bucket) < max_files and sizes[index] + asset.encoded_size <= max_bytes:
                bucket.append(asset)
                sizes[index] += asset.encoded_size
                break
        else:
            buckets.append([asset])
            sizes.append(asset.encoded_size)
    return buckets


def _to_publish_error(what: str, exc: APIStatusError | APIConnectionError) -> PublishError:
    """Translates an SDK error: the Cloudflare error code becomes ``code``; 429, 5xx, 8000000
    and connection failures are retryable, honouring Retry-After."""
    if not isinstance(exc, APIStatusError):
        return PublishError("connection_error",
                            f"Could not reach Cloudflare while {what} ({exc.message}).",
                            retryable=True)
    errors = [e for e in exc.errors if e.code is not None or e.message]
    code = str(errors[0].code) if errors and errors[0].code is not None else (
        f"http_{exc.status_code}")
    detail = "; ".join(f"{e.code}: {e.message}" for e in errors) or exc.message
    retryable = exc.status_code == 429 or exc.status_code >= 500 or code == TRANSIENT
    return PublishError(
        code,
        f"Cloudflare answered HTTP {exc.status_code} while {what}: {detail}",
        retryable=retryable,
        retry_after=parse_retry_after(exc.response.headers.get("retry-after")),
    )


class _NotRetriedHere(Exception):
    """Carries a PublishError past ``with_retries`` for calls that must not be repeated."""

    def __init__(self, error: PublishError) -> None:
        super().__init__(str(error))
        self.error = error


@dataclass
class _UploadSession:
    """The upload JWT and the SDK client that authenticates with it, renewed on 8000013."""

    publisher: CloudflarePagesPublisher
    progress: Progress
    jwt: str = ""
    expires_at: float | None = None
    max_files: int = DEFAULT_MAX_FILES
    client: Cloudflare | None = None
    clients: list[Cloudflare] = field(default_factory=list)

    def renew(self) -> None:
        """Fetches a fresh upload JWT and builds the client that sends it."""
        publisher = self.publisher
        token = publisher._retry(
            "fetching an upload token",
            lambda: publisher._api.pages.projects.get_upload_token(
                publisher.project_name, account_id=publisher.account_id),
            self.progress,
        )
        claims = decode_jwt_claims(token.jwt)
        self.jwt = token.jwt
        self.expires_at = float(claims["exp"]) if "exp" in claims else None
        self.max_files = int(claims.get("max_file_count_allowed") or DEFAULT_MAX_FILES)
        # The asset endpoints accept only the JWT, never the API token: a separate client.
        self.client = publisher._make_client(token.jwt)
        self.clients.append(self.client)

    def call(self, what: str, fn: Callable[[Cloudflare], T]) -> T:
        """Runs an asset call with retries; on an expired/invalid JWT renews it and goes on."""
        if self.expires_at is not None and self.expires_at <= time.time():
            self.renew()  # known to be expired: spare Cloudflare a request it would refuse
        for rejections in range(MAX_TOKEN_REJECTIONS + 1):
            client = self.client
            assert client is not None, "renew() first"
            try:
                return self.publisher._retry(what, lambda c=client: fn(c), self.progress)
            except PublishError as exc:
                if exc.code != UPLOAD_TOKEN_INVALID:
                    raise
                if rejections == MAX_TOKEN_REJECTIONS:
                    raise PublishError(
                        UPLOAD_TOKEN_INVALID,
                        "Cloudflare keeps rejecting fresh upload tokens; check that the API "
                        "token has the 'Cloudflare Pages: Edit' permission and publish again.",
                    ) from exc
                self.progress("renewing-upload-token", {"message": exc.message})
                self.renew()
        raise AssertionError("unreachable")

    def close(self) -> None:
        for client in self.clients:
            client.close()


class CloudflarePagesPublisher:
    """Publishes a ``BuildOutput`` to a Cloudflare Pages project by Direct Upload."""

    name = "cloudflare_pages"

    def __init__(self, account_id: str, project_name: str, api_token: str, *,
                 base_url: str | None = None, production_branch: str = "main",
                 sleep: Callable[[float], None] = time.sleep,
                 poll_schedule: Sequence[float] = DEFAULT_POLL_SCHEDULE,
                 poll_timeout: float = DEFAULT_POLL_TIMEOUT, attempts: int = 5) -> None:
        self.account_id = account_id
        self.project_name = project_name
        self.production_branch = production_branch
        # None lets the SDK fall back to its public default API address.
        self.base_url = base_url or os.environ.get("CLOUDFLARE_BASE_URL") or None
        self._api_token = api_token
        self._sleep = sleep
        self._poll_schedule = tuple(poll_schedule) or DEFAULT_POLL_SCHEDULE
        self._poll_timeout = poll_timeout
        self._attempts = attempts
        self._api = self._make_client(api_token)

    def __repr__(self) -> str:  # never print the token
        return f"CloudflarePagesPublisher(account_id={self.account_id!r}, " \
               f"project_name={self.project_name!r})"

    def close(self) -> None:
        """Closes the API client's connection pool (upload clients close after each deploy)."""
        self._api.close()

    def __enter__(self) -> CloudflarePagesPublisher:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- plumbing -------------------------------------------------------------------------------

    def _make_client(self, token: str) -> Cloudflare:
        """An SDK client that authenticates with ``token`` only and never retries by itself."""
        client = Cloudflare(api_token=token, base_url=self.base_url, max_retries=0)
        # The SDK reads CLOUDFLARE_API_KEY/CLOUDFLARE_EMAIL from the environment and prefers
        # them over the token; that would send the wrong identity (and drop the upload JWT).
        client.api_key = None
        client.api_email = None
        client.user_service_key = None
        return client

    def _call(self, what: str, fn: Callable[[], T]) -> T:
        """Runs one SDK call, translating its errors to PublishError."""
        try:
            return fn()
        except (APIStatusError, APIConnectionError) as exc:
            raise _to_publish_error(what, exc) from exc

    def _retry(self, what: str, fn: Callable[[], T], progress: Progress = no_progress) -> T:
        """Runs an idempotent SDK call under the shared retry policy."""

        def report(exc: PublishError, attempt: int, delay: float) -> None:
            progress("retrying", {"message": f"{exc.message} — retrying in {delay:.1f} s "
                                             f"(attempt {attempt + 1} of {self._attempts})"})

        return with_retries(lambda: self._call(what, fn), attempts=self._attempts,
                            sleep=self._sleep, on_retry=report)

    # -- Publisher ------------------------------------------------------------------------------

    def test_connection(self) -> ConnectionCheck:
        """Reads the project (nothing is changed) and explains the outcome in plain words."""
        detail: dict[str, Any] = {"account_id": self.account_id, "project": self.project_name}
        try:
            project = self._retry("checking the project", lambda: self._api.pages.projects.get(
                self.project_name, account_id=self.account_id))
        except PublishError as exc:
            detail["code"] = exc.code
            if exc.code == PROJECT_NOT_FOUND:
                return ConnectionCheck(True, f"Connected. The project '{self.project_name}' does "
                                             "not exist yet; it will be created on first "
                                             "publish.", detail)
            if exc.code in AUTH_ERRORS or exc.code in ("http_401", "http_403"):
                return ConnectionCheck(False, "The API token is invalid or cannot access this "
                                              "account's Cloudflare Pages. Create a token with "
                                              "'Cloudflare Pages: Edit' permission.", detail)
            if exc.code in ACCOUNT_NOT_FOUND or exc.code == "http_404":
                return ConnectionCheck(False, f"Cloudflare account '{self.account_id}' was not "
                                              "found. Copy the Account ID from the Cloudflare "
                                              "dashboard.", detail)
            return ConnectionCheck(False, f"Could not check Cloudflare: {exc.message}", detail)
        detail["subdomain"] = project.subdomain
        return ConnectionCheck(True, f"Connected to the project '{self.project_name}' "
                                     f"({project.subdomain}).", detail)

    def deploy(self, output: BuildOutput, *, production: bool, message: str,
               progress: Progress = no_progress) -> DeployResult:
        """Uploads the files Cloudflare lacks, creates the deployment and waits until it is
        live. The live site keeps serving the previous deployment if anything fails."""
        manifest, assets = self._prepare(output)
        project = self._ensure_project(progress)
        session = _UploadSession(self, progress)
        try:
            session.renew()
            if len(manifest) > session.max_files:
                raise PublishError(
                    "too_many_files",
                    f"The site has {len(manifest):,} files but this Cloudflare account "
                    f"accepts at most {session.max_files:,} per deployment. Remove unused "
                    "files, or upgrade the Cloudflare plan, and publish again.")
            files_uploaded, bytes_uploaded = self._upload_missing(session, assets, progress)
            warnings = self._upsert_hashes(session, list(assets), progress)
        finally:
            session.close()

        branch = self.production_branch if production else "preview"
        deployment = self._create_deployment(output, manifest, branch, message, progress)
        progress("processing", {"deployment_id": deployment.id})
        deployment = self._wait_until_live(deployment, progress)

        subdomain = project.subdomain or f"{self.project_name}.pages.dev"
        is_production = deployment.environment == "production"
        return DeployResult(
            provider_id=deployment.id,
            # Production is served at the project's address; a preview only at its own URL.
            url=f"https://{subdomain}" if is_production else deployment.url,
            production=is_production,
            files_uploaded=files_uploaded,
            bytes_uploaded=bytes_uploaded,
            detail={"deployment_url": deployment.url, "short_id": deployment.short_id,
                    "aliases": list(deployment.aliases or []), "branch": branch,
                    "files_total": len(manifest), "warnings": warnings},
        )

    def rollback(self, provider_id: str) -> DeployResult:
        """Makes an earlier successful production deployment live again (no rebuild)."""
        deployment = self._retry("rolling back", lambda: self._api.pages.projects.deployments
                                 .rollback(provider_id, account_id=self.account_id,
                                           project_name=self.project_name))
        project = self._retry("looking up the project", lambda: self._api.pages.projects.get(
            self.project_name, account_id=self.account_id))
        subdomain = project.subdomain or f"{self.project_name}.pages.dev"
        return DeployResult(provider_id=deployment.id, url=f"https://{subdomain}",
                            production=True,
                            detail={"deployment_url": deployment.url,
                                    "short_id": deployment.short_id})

    # -- steps ----------------------------------------------------------------------------------

    def _prepare(self, output: BuildOutput) -> tuple[dict[str, str], dict[str, _Asset]]:
        """Hashes every file (refusing oversized ones before any network call) and returns
        the manifest ("/path" → key) and the distinct contents by key."""
        manifest: dict[str, str] = {}
        assets: dict[str, _Asset] = {}
        for path, data in sorted(output.files.items()):
            path = path.lstrip("/")
            if len(data) > MAX_FILE_SIZE:
                raise PublishError(
                    "file_too_large",
                    f"'{path}' is {len(data) / MiB:.1f} MiB; Cloudflare Pages accepts files up "
                    "to 25 MiB. Make it smaller (compress or resize it) and publish again.")
            key = file_hash(path, data)
            manifest["/" + path] = key
            assets.setdefault(key, _Asset(key, data, output.content_type(path)))
        return manifest, assets

    def _ensure_project(self, progress: Progress) -> Project:
        """Looks the project up, creating it on first publish (error 8000007)."""
        try:
            return self._retry("looking up the project", lambda: self._api.pages.projects.get(
                self.project_name, account_id=self.account_id), progress)
        except PublishError as exc:
            if exc.code != PROJECT_NOT_FOUND:
                raise
        progress("creating-project", {"message": f"Creating Cloudflare Pages project "
                                                 f"'{self.project_name}'"})
        # Not retried: a create that timed out may have succeeded; the next publish finds it.
        return self._call("creating the project", lambda: self._api.pages.projects.create(
            account_id=self.account_id, name=self.project_name,
            production_branch=self.production_branch))

    def _upload_missing(self, session: _UploadSession, assets: dict[str, _Asset],
                        progress: Progress) -> tuple[int, int]:
        """Asks which contents Cloudflare lacks and uploads exactly those."""
        progress("check-missing", {"files_total": len(assets)})
        missing = set(session.call("checking which files are missing", lambda c: list(
            c.pages.assets.check_missing(hashes=list(assets)))))
        to_upload = [asset for key, asset in assets.items() if key in missing]
        files_uploaded = bytes_uploaded = 0
        progress("uploading", {"files_uploaded": 0, "bytes_uploaded": 0,
                               "files_to_upload": len(to_upload)})
        for bucket in plan_buckets(to_upload):
            payload = [{"key": a.key, "value": a.encoded, "base64": True,
                        "metadata": {"content_type": a.content_type}} for a in bucket]
            session.call("uploading files",
                         lambda c, payload=payload: c.pages.assets.upload(body=payload))
            files_uploaded += len(bucket)
            bytes_uploaded += sum(len(a.data) for a in bucket)
            progress("uploading", {"files_uploaded": files_uploaded,
                                   "bytes_uploaded": bytes_uploaded,
                                   "files_to_upload": len(to_upload)})
        return files_uploaded, bytes_uploaded

    def _upsert_hashes(self, session: _UploadSession, keys: list[str],
                       progress: Progress) -> list[str]:
        """Tells Cloudflare the hashes are in use; failing only costs re-uploads later."""
        try:
            session.call("registering file hashes",
                         lambda c: c.pages.assets.upsert_hashes(hashes=keys))
        except PublishError as exc:
            warning = f"Could not register file hashes ({exc.message}); the next publish may " \
                      "upload some files again."
            progress("upsert-hashes", {"message": warning})
            return [warning]
        return []

    def _create_deployment(self, output: BuildOutput, manifest: dict[str, str], branch: str,
                           message: str, progress: Progress) -> Deployment:
        """Creates the deployment; retried (≤ 3) only on 8000000, as wrangler does — another
        failure may have created it already."""
        extra: dict[str, Any] = {}
        if output.headers:
            extra["_headers"] = ("_headers", output.headers.encode("utf-8"), "text/plain")
        if output.redirects:
            extra["_redirects"] = ("_redirects", output.redirects.encode("utf-8"), "text/plain")
        commit_message = truncate_utf8(message, MAX_COMMIT_MESSAGE_BYTES)
        if commit_message:
            extra["commit_message"] = commit_message

        def attempt() -> Deployment:
            try:
                return self._call("creating the deployment",
                                  lambda: self._api.pages.projects.deployments.create(
                                      self.project_name, account_id=self.account_id,
                                      manifest=json.dumps(manifest), branch=branch, **extra))
            except PublishError as exc:
                if exc.code == TRANSIENT:
                    raise
                raise _NotRetriedHere(exc) from exc

        def report(exc: PublishError, attempt_no: int, delay: float) -> None:
            progress("retrying", {"message": f"{exc.message} — retrying in {delay:.1f} s"})

        try:
            return with_retries(attempt, attempts=3, sleep=self._sleep, on_retry=report)
        except _NotRetriedHere as wrapped:
            raise wrapped.error from wrapped.error.__cause__

    def _wait_until_live(self, deployment: Deployment, progress: Progress) -> Deployment:
        """Polls with 1, 2, 4, 8, 16 s waits (then every 16 s) until the deploy stage
        succeeds; on failure raises with the deployment's last log line."""
        waited = 0.0
        polls = 0
        while True:
            stage = deployment.latest_stage
            if stage.status in ("failure", "canceled"):
                raise PublishError("deployment_failed",
                                   f"Cloudflare could not deploy ({stage.name} {stage.status}): "
                                   f"{self._last_log_line(deployment.id)}")
            if stage.name == "deploy" and stage.status == "success":
                return deployment
            if waited >= self._poll_timeout:
                raise PublishError("deployment_timeout",
                                   f"Cloudflare is still processing deployment {deployment.id} "
                                   f"after {waited:.0f} s; check the Cloudflare dashboard.",
                                   retryable=True)
            delay = self._poll_schedule[min(polls, len(self._poll_schedule) - 1)]
            self._sleep(delay)
            waited += delay
            polls += 1
            deployment = self._retry(
                "checking the deployment",
                lambda deployment_id=deployment.id: self._api.pages.projects.deployments.get(
                    deployment_id, account_id=self.account_id, project_name=self.project_name),
                progress)
            progress("processing", {"stage": deployment.latest_stage.name,
                                    "status": deployment.latest_stage.status})

    def _last_log_line(self, deployment_id: str) -> str:
        """The last line of the deployment's log; the failure itself matters more than this."""
        try:
            logs = self._retry("reading the deployment log",
                               lambda: self._api.pages.projects.deployments.history.logs.get(
                                   deployment_id, account_id=self.account_id,
                                   project_name=self.project_name))
        except PublishError as exc:
            return f"(the log could not be read: {exc.message})"
        lines = [entry.line for entry in logs.data if entry.line.strip()]
        return lines[-1] if lines else "(the log is empty)"
