"""Vercel publisher: REST over httpx (see ``reference/cdn-protocols.md``, Vercel section).

A deploy hashes every file with SHA-1, asks Vercel to create a deployment, uploads only the blobs
Vercel reports missing, creates again and polls until the deployment is READY. Vercel keeps
blobs content-addressed per account, so a redeploy after one edit uploads one file. Nothing goes
live until the deployment is READY, so a failed deploy never takes the live version down.

The ``vercel`` PyPI SDK is not used: it covers only part of the API, raises bare RuntimeError and
sends telemetry. Retries go through the one shared helper in ``app/publishing/retry.py``.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import time
from collections.abc import Callable, Iterator, Sequence
from typing import Any
from urllib.parse import quote

import httpx

from app.publishing.base import (
    BuildOutput,
    ConnectionCheck,
    DeployResult,
    Progress,
    PublishError,
    no_progress,
)
from app.publishing.retry import parse_retry_after, with_retries

DEFAULT_API_URL = "https://api.vercel.com"
# Poll every second for the first 15 s, then back off; the last delay repeats.
DEFAULT_POLL_SCHEDULE: tuple[float, ...] = (1.0,) * 15 + (5.0, 15.0, 30.0)
# A static site is READY in seconds; past this we stop waiting (Vercel may still finish it).
DEFAULT_POLL_TIMEOUT = 600.0
# Every create needs these on a project's first deployment: we ship prebuilt static files, so no
# framework detection, build or install step may run on Vercel's side.
PROJECT_SETTINGS: dict[str, None] = {
    "framework": None,
    "buildCommand": None,
    "outputDirectory": None,
    "installCommand": None,
    "devCommand": None,
}
CONFIG_FILE = "vercel.json"
REDIRECT_STATUSES = {301, 302, 303, 307, 308}
# Rounds of "create → missing_files → upload"; more than one only if blobs vanish meanwhile.
MAX_UPLOAD_ROUNDS = 3


def sha1_hex(data: bytes) -> str:
    """Vercel's content address of a file: SHA-1 of its raw bytes, hex."""
    # Not a security use: it is the digest Vercel's API keys blobs by.
    return hashlib.sha1(data, usedforsecurity=False).hexdigest()


# --- _headers / _redirects (Netlify syntax) → vercel.json -------------------------------------


def _vercel_path(path: str, where: str) -> str:
    """A Netlify path pattern as a Vercel (path-to-regexp) source: a trailing ``*`` splat
    becomes ``:splat*``; ``:name`` placeholders mean the same in both."""
    if not path.startswith("/"):
        raise PublishError("invalid_site_rules", f"{where}: the path {path!r} must start with '/'.")
    if "*" in path[:-1]:
        raise PublishError("invalid_site_rules",
                           f"{where}: '*' is only supported at the end of a path ({path!r}).")
    if path.endswith("*"):
        return path[:-1] + ":splat*"
    return path


def headers_to_vercel(text: str) -> list[dict[str, Any]]:
    """Translates a ``_headers`` file (``/path`` lines, each followed by indented
    ``Name: value`` lines) to vercel.json ``headers`` rules, in file order."""
    rules: list[dict[str, Any]] = []
    current: dict[str, Any] | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        where = f"_headers line {number}"
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if not line[0].isspace():
            current = {"source": _vercel_path(stripped, where), "headers": []}
            rules.append(current)
            continue
        if current is None:
            raise PublishError("invalid_site_rules", f"{where}: a header comes before any path.")
        name, sep, value = stripped.partition(":")
        name, value = name.strip(), value.strip()
        if not sep or not name or name.startswith("!"):
            raise PublishError("invalid_site_rules",
                               f"{where}: expected 'Name: value', got {stripped!r}.")
        for header in current["headers"]:
            if header["key"].lower() == name.lower():  # Netlify joins repeated headers
                header["value"] = f"{header['value']}, {value}"
                break
        else:
            current["headers"].append({"key": name, "value": value})
    return [rule for rule in rules if rule["headers"]]


def redirects_to_vercel(text: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Translates a ``_redirects`` file (``from to [status]`` lines; 301 by default) to
    vercel.json ``redirects`` and, for status 200 (a Netlify rewrite), ``rewrites``."""
    redirects: list[dict[str, Any]] = []
    rewrites: list[dict[str, Any]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        where = f"_redirects line {number}"
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        parts = stripped.split()
        if len(parts) not in (2, 3):
            raise PublishError("invalid_site_rules",
                               f"{where}: expected 'from to [status]', got {stripped!r}.")
        source = _vercel_path(parts[0], where)
        destination = parts[1]
        if source.endswith(":splat*"):
            destination = destination.replace(":splat", ":splat*")
        status_text = parts[2].rstrip("!") if len(parts) == 3 else "301"  # "!" = forced
        if not status_text.isdigit():
            raise PublishError("invalid_site_rules", f"{where}: {parts[2]!r} is not a status.")
        status = int(status_text)
        if status == 200:
            rewrites.append({"source": source, "destination": destination})
        elif status in REDIRECT_STATUSES:
            redirects.append({"source": source, "destination": destination,
                              "statusCode": status})
        else:
            raise PublishError("invalid_site_rules",
                               f"{where}: status {status} cannot be expressed on Vercel.")
    return redirects, rewrites


def vercel_config(headers: str, redirects: str) -> dict[str, Any]:
    """The vercel.json for a build's ``_headers`` and ``_redirects``."""
    config: dict[str, Any] = {"headers": headers_to_vercel(headers)}
    config["redirects"], rewrites = redirects_to_vercel(redirects)
    if rewrites:
        config["rewrites"] = rewrites
    return config


def deployment_files(output: BuildOutput) -> tuple[list[dict[str, Any]], dict[str, bytes]]:
    """The ``files`` list for a create call (vercel.json included) and the blobs by sha."""
    files = dict(output.files)
    config = vercel_config(output.headers, output.redirects)
    # Deterministic bytes, so an unchanged config is never uploaded again.
    files[CONFIG_FILE] = (json.dumps(config, indent=2, ensure_ascii=False) + "\n").encode()
    entries: list[dict[str, Any]] = []
    blobs: dict[str, bytes] = {}
    for path in sorted(files):
        data = files[path]
        sha = sha1_hex(data)
        blobs[sha] = data
        entries.append({"file": path, "sha": sha, "size": len(data)})
    return entries, blobs


# --- the publisher -------------------------------------------------------------------------


def _error_body(response: httpx.Response) -> dict[str, Any]:
    try:
        body = response.json()
    except ValueError:
        return {}
    error = body.get("error") if isinstance(body, dict) else None
    return error if isinstance(error, dict) else {}


def error_from_response(response: httpx.Response) -> PublishError:
    """Vercel's ``{"error": {"code", "message"}}`` envelope as a PublishError."""
    error = _error_body(response)
    status = response.status_code
    code = str(error.get("code") or f"http_{status}")
    message = str(error.get("message") or response.reason_phrase or f"HTTP {status}")
    retryable = status == 429 or status >= 500 or code == "rate_limited"
    retry_after = parse_retry_after(response.headers.get("Retry-After")) if retryable else None
    return PublishError(code, message, retryable=retryable, retry_after=retry_after)


def _json(response: httpx.Response) -> dict[str, Any]:
    if not response.content:
        return {}
    try:
        body = response.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


class VercelPublisher:
    """Publishes a BuildOutput to one Vercel project (optionally inside a team)."""

    name = "vercel"

    def __init__(self, token: str, project: str, team_id: str | None = None,
                 api_url: str | None = None, *, sleep: Callable[[float], None] = time.sleep,
                 poll_schedule: Sequence[float] = DEFAULT_POLL_SCHEDULE,
                 poll_timeout: float = DEFAULT_POLL_TIMEOUT, timeout: float = 30.0,
                 attempts: int = 5) -> None:
        if not poll_schedule:
            raise ValueError("poll_schedule needs at least one delay")
        self.project = project
        self.team_id = team_id
        self.api_url = (api_url or os.environ.get("VERCEL_API_URL") or DEFAULT_API_URL).rstrip("/")
        self._sleep = sleep
        self._poll_schedule = tuple(poll_schedule)
        self._poll_timeout = poll_timeout
        self._attempts = attempts
        self._client = httpx.Client(
            base_url=self.api_url,
            timeout=timeout,
            headers={"Authorization": f"Bearer {token}", "Accept": "application/json",
                     "User-Agent": "windwalker-publisher"},
        )

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> VercelPublisher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- HTTP plumbing -----------------------------------------------------------------------

    def _params(self, extra: dict[str, str] | None = None) -> dict[str, str]:
        params = {"teamId": self.team_id} if self.team_id else {}
        params.update(extra or {})
        return params

    def _send(self, method: str, path: str, *, params: dict[str, str] | None = None,
              **kwargs: Any) -> httpx.Response:
        """One request; network failures become a retryable PublishError."""
        try:
            return self._client.request(method, path, params=self._params(params), **kwargs)
        except httpx.HTTPError as exc:
            raise PublishError("network_error", f"Could not reach Vercel: {exc}",
                               retryable=True) from exc

    def _call(self, method: str, path: str, **kwargs: Any) -> dict[str, Any]:
        """A request with the shared retry policy; returns the JSON body of a 2xx answer."""

        def attempt() -> dict[str, Any]:
            response = self._send(method, path, **kwargs)
            if response.is_error:
                raise error_from_response(response)
            return _json(response)

        return self._retry(attempt)

    def _retry(self, fn: Callable[[], Any]) -> Any:
        return with_retries(fn, attempts=self._attempts, sleep=self._sleep)

    # --- Publisher -----------------------------------------------------------------------------

    def test_connection(self) -> ConnectionCheck:
        """Checks the token (GET /v2/user) and whether the project exists, changing nothing."""
        try:
            user_response = self._send("GET", "/v2/user")
            if user_response.status_code in (401, 403):
                return ConnectionCheck(False, "Vercel refused the token. Check that it was copied "
                                       "in full and has not expired or been revoked.",
                                       {"code": _error_body(user_response).get("code")})
            if user_response.is_error:
                return self._unavailable(user_response)
            user = _json(user_response).get("user") or {}
            who = user.get("username") or user.get("email") or "this account"
            project_response = self._send("GET", f"/v9/projects/{quote(self.project, safe='')}")
        except PublishError as exc:
            return ConnectionCheck(False, f"{exc.message}. Check the network and try again.",
                                   {"code": exc.code})
        detail: dict[str, Any] = {"user": who}
        if project_response.status_code == 404:
            detail["project_exists"] = False
            return ConnectionCheck(True, f"Connected to Vercel as {who}. The project "
                                   f"“{self.project}” does not exist yet; it will be created on "
                                   "the first publish.", detail)
        if project_response.status_code in (401, 403):
            scope = "this team" if self.team_id else "this account"
            return ConnectionCheck(False, f"Connected to Vercel as {who}, but the token cannot "
                                   f"use the project “{self.project}” in {scope}. Check the "
                                   "team and the token's scope.", detail)
        if project_response.is_error:
            return self._unavailable(project_response)
        detail.update(project_exists=True, project_id=_json(project_response).get("id"))
        return ConnectionCheck(True, f"Connected to Vercel as {who}. The project "
                               f"“{self.project}” is ready.", detail)

    @staticmethod
    def _unavailable(response: httpx.Response) -> ConnectionCheck:
        error = error_from_response(response)
        return ConnectionCheck(False, f"Vercel answered with an error ({error.message}). "
                               "Try again in a few minutes.", {"code": error.code})

    def deploy(self, output: BuildOutput, *, production: bool, message: str,
               progress: Progress = no_progress) -> DeployResult:
        entries, blobs = deployment_files(output)
        payload: dict[str, Any] = {
            "name": self.project,
            "project": self.project,
            "files": entries,
            "projectSettings": PROJECT_SETTINGS,
            "meta": {"windwalkerMessage": message[:256]} if message else {},
        }
        if production:
            payload["target"] = "production"  # no target means a preview deployment

        uploaded: set[str] = set()
        bytes_uploaded = 0
        progress("uploading", {"files_uploaded": 0, "bytes_uploaded": 0})
        for _ in range(MAX_UPLOAD_ROUNDS):
            deployment, missing = self._create_deployment(payload)
            if deployment is not None:
                break
            for sha in dict.fromkeys(missing):
                if sha not in blobs:
                    raise PublishError("missing_files", f"Vercel asked for an unknown file {sha}.")
                self._upload(sha, blobs[sha])
                if sha not in uploaded:
                    uploaded.add(sha)
                    bytes_uploaded += len(blobs[sha])
                progress("uploading", {"files_uploaded": len(uploaded),
                                       "bytes_uploaded": bytes_uploaded})
        else:
            raise PublishError("missing_files", "Vercel kept reporting files as missing after "
                               "they were uploaded.", retryable=True)

        progress("processing", {})
        deployment = self._wait_until_ready(deployment, production=production)
        if production:
            self._make_live_if_needed(deployment)
        return DeployResult(
            provider_id=deployment["id"],
            url=f"https://{deployment['url']}",
            production=production,
            files_uploaded=len(uploaded),
            bytes_uploaded=bytes_uploaded,
            detail={"files": len(entries), "readyState": deployment.get("readyState"),
                    "target": deployment.get("target"), "projectId": deployment.get("projectId")},
        )

    def _create_deployment(self, payload: dict[str, Any]) -> tuple[dict[str, Any] | None, list]:
        """POST /v13/deployments → (deployment, []) or (None, missing shas)."""

        def attempt() -> tuple[dict[str, Any] | None, list]:
            response = self._send("POST", "/v13/deployments", json=payload,
                                  params={"skipAutoDetectionConfirmation": "1"})
            if response.status_code == 400:
                error = _error_body(response)
                if error.get("code") == "missing_files":
                    return None, list(error.get("missing") or [])
            if response.is_error:
                raise error_from_response(response)
            return _json(response), []

        return self._retry(attempt)

    def _upload(self, sha: str, data: bytes) -> None:
        size = str(len(data))
        self._call("POST", "/v2/files", content=data, headers={
            "Content-Type": "application/octet-stream", "Content-Length": size,
            "x-vercel-digest": sha, "x-now-size": size,
        })

    def _get_deployment(self, deployment_id: str) -> dict[str, Any]:
        return self._call("GET", f"/v13/deployments/{quote(deployment_id, safe='')}")

    def _poll_delays(self) -> Iterator[float]:
        return itertools.chain(self._poll_schedule, itertools.repeat(self._poll_schedule[-1]))

    def _wait_until_ready(self, deployment: dict[str, Any], *, production: bool) -> dict[str, Any]:
        """Polls until READY (and, for production, aliased); fails on ERROR/CANCELED."""
        delays = self._poll_delays()
        waited = 0.0
        while True:
            state = str(deployment.get("readyState") or deployment.get("status") or "")
            alias_error = deployment.get("aliasError")
            if isinstance(alias_error, dict) and alias_error:
                raise PublishError(str(alias_error.get("code") or "alias_error"),
                                   str(alias_error.get("message") or "Vercel could not assign "
                                       "the deployment's address."))
            if state == "READY" and (not production or deployment.get("aliasAssigned", True)):
                return deployment
            if state == "CANCELED":
                raise PublishError("deployment_canceled", "The deployment was canceled on Vercel.")
            if state.endswith("ERROR"):
                raise PublishError(
                    str(deployment.get("errorCode") or state.lower()),
                    str(deployment.get("errorMessage") or "The deployment failed on Vercel."))
            if waited >= self._poll_timeout:
                raise PublishError("deployment_timeout",
                                   f"The deployment was still {state or 'pending'} after "
                                   f"{int(waited)} s; check it on Vercel before retrying.")
            delay = next(delays)
            self._sleep(delay)
            waited += delay
            deployment = self._get_deployment(deployment["id"])

    def _project_id(self, deployment: dict[str, Any] | None = None) -> str:
        if deployment and deployment.get("projectId"):
            return str(deployment["projectId"])
        return str(self._call("GET", f"/v9/projects/{quote(self.project, safe='')}")["id"])

    def _make_live_if_needed(self, deployment: dict[str, Any]) -> None:
        """After an Instant Rollback Vercel stops pointing production at new production
        deployments until one is promoted; publishing must still make the new version live."""
        project = self._call("GET", f"/v9/projects/{quote(self.project, safe='')}")
        live = ((project.get("targets") or {}).get("production") or {}).get("id")
        if live and live != deployment["id"]:
            self._promote(str(project["id"]), deployment["id"])

    def _promote(self, project_id: str, deployment_id: str) -> None:
        self._call("POST", f"/v10/projects/{quote(project_id, safe='')}/promote/"
                   f"{quote(deployment_id, safe='')}")

    def promote(self, provider_id: str) -> DeployResult:
        """Points production at an existing READY deployment (e.g. a checked preview)."""
        deployment = self._get_deployment(provider_id)
        self._promote(self._project_id(deployment), provider_id)
        return DeployResult(provider_id=provider_id, url=f"https://{deployment['url']}",
                            production=True, detail={"action": "promote"})

    def rollback(self, provider_id: str) -> DeployResult:
        """Instant Rollback: points production back at an earlier production deployment,
        without rebuilding."""
        deployment = self._get_deployment(provider_id)
        if deployment.get("readyState") != "READY":
            raise PublishError("not_ready", "Only a deployment that finished successfully can "
                               "be made live again.")
        if deployment.get("target") != "production":
            raise PublishError("not_production", "Only an earlier production deployment can be "
                               "rolled back to; promote a preview instead.")
        project_id = self._project_id(deployment)
        self._call("POST", f"/v1/projects/{quote(project_id, safe='')}/rollback/"
                   f"{quote(provider_id, safe='')}")
        return DeployResult(provider_id=provider_id, url=f"https://{deployment['url']}",
                            production=True, detail={"action": "rollback"})
