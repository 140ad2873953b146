"""A fake Vercel REST API: a real HTTP server on 127.0.0.1, in a background thread.

It mirrors what ``reference/cdn-protocols.md`` (Vercel section) confirms: bearer auth (403
``forbidden`` for a bad token), a content-addressed blob store keyed by SHA-1 (``POST
/v2/files`` checks ``x-vercel-digest`` and ``Content-Length`` against the body), ``POST
/v13/deployments`` answering 400 ``missing_files`` with the missing shas and
``missing_project_settings`` on a project's first deployment without ``projectSettings``,
deployments moving QUEUED → BUILDING → READY over successive GETs, production vs preview,
projects created by their first deployment, promote, and rollback (only to a READY production
deployment that has served production). Faults: 429 with Retry-After, 503, and builds that end
in ERROR. Every request is recorded (method, path, body size, status, error code).

Use the ``fake_vercel`` fixture; point the client at ``fake_vercel.base_url``.
"""

from __future__ import annotations

import hashlib
import json
import re
import secrets
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

TOKEN = "test-vercel-token"
TEAM_ID = "team_windwalker"
SHA1 = re.compile(r"^[0-9a-f]{40}$")


@dataclass
class RecordedRequest:
    method: str
    path: str
    query: dict[str, str]
    size: int
    status: int = 0
    code: str | None = None  # the error code answered, if any


@dataclass
class Fault:
    status: int
    method: str | None
    path: str | None  # a path prefix; None matches every path
    remaining: int
    retry_after: str | None
    code: str
    message: str

    def matches(self, method: str, path: str) -> bool:
        return ((self.method is None or self.method == method)
                and (self.path is None or path.startswith(self.path)))


@dataclass
class FakeVercelState:
    tokens: set[str] = field(default_factory=lambda: {TOKEN})
    teams: set[str] = field(default_factory=lambda: {TEAM_ID})
    user: dict[str, Any] = field(default_factory=lambda: {
        "id": "usr_fake", "username": "cafe-owner", "email": "owner@example.com"})
    blobs: dict[str, bytes] = field(default_factory=dict)
    projects: dict[str, dict[str, Any]] = field(default_factory=dict)  # by id
    deployments: dict[str, dict[str, Any]] = field(default_factory=dict)  # by id
    requests: list[RecordedRequest] = field(default_factory=list)
    faults: list[Fault] = field(default_factory=list)
    # GETs a deployment takes to go QUEUED → BUILDING → ... → READY (or ERROR).
    polls_until_ready: int = 2
    fail_next_build: str | None = None

    def project_by(self, id_or_name: str) -> dict[str, Any] | None:
        for project in self.projects.values():
            if id_or_name in (project["id"], project["name"]):
                return project
        return None


class FakeVercel:
    """The running fake: ``base_url``, ``state`` and fault-injection controls."""

    token = TOKEN
    team_id = TEAM_ID

    def __init__(self) -> None:
        self.state = FakeVercelState()
        self.lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self._server.daemon_threads = True
        self._server.fake = self  # type: ignore[attr-defined]
        host, port = self._server.server_address[:2]
        self.base_url = f"http://{host}:{port}"
        # A short poll interval so stop() (shutdown) returns quickly after each test.
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.01,),
                                        daemon=True, name="fake-vercel")

    def start(self) -> FakeVercel:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    # --- fault injection ------------------------------------------------------------------

    def inject(self, status: int, *, method: str | None = None, path: str | None = None,
               times: int = 1, retry_after: str | None = None, code: str | None = None,
               message: str | None = None) -> None:
        """The next ``times`` requests matching method/path prefix get ``status``."""
        default_code = {429: "rate_limited", 503: "service_unavailable"}.get(status, "error")
        with self.lock:
            self.state.faults.append(Fault(
                status=status, method=method, path=path, remaining=times,
                retry_after=retry_after, code=code or default_code,
                message=message or ("Rate limit exceeded" if status == 429
                                    else "The service is temporarily unavailable")))

    def fail_next_deployment(self, message: str = "Command failed with exit code 1") -> None:
        """The next deployment created ends in readyState ERROR with this message."""
        self.state.fail_next_build = message

    # --- inspection -----------------------------------------------------------------------

    def requests_to(self, method: str, path: str) -> list[RecordedRequest]:
        """Recorded requests with this method whose path starts with ``path``."""
        return [r for r in self.state.requests if r.method == method and r.path.startswith(path)]

    def uploads(self) -> list[RecordedRequest]:
        """Successful blob uploads."""
        return [r for r in self.requests_to("POST", "/v2/files") if r.status == 200]

    def clear_requests(self) -> None:
        self.state.requests.clear()

    def project(self, name: str) -> dict[str, Any] | None:
        return self.state.project_by(name)

    def production_deployment_id(self, name: str) -> str | None:
        project = self.project(name)
        return project["production_id"] if project else None

    def file_content(self, deployment_id: str, path: str) -> bytes:
        """What the deployment serves at ``path`` (resolved through the blob store)."""
        return self.state.blobs[self.state.deployments[deployment_id]["manifest"][path]]


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, like the real API
    server_version = "fake-vercel"
    # Headers and body go out in separate writes; without this, Nagle + delayed ACK add ~40 ms
    # to every request.
    disable_nagle_algorithm = True

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        return None

    def do_GET(self) -> None:  # noqa: N802 - stdlib naming
        self._handle("GET")

    def do_POST(self) -> None:  # noqa: N802
        self._handle("POST")

    def do_PATCH(self) -> None:  # noqa: N802
        self._handle("PATCH")

    def do_DELETE(self) -> None:  # noqa: N802
        self._handle("DELETE")

    # --- plumbing -------------------------------------------------------------------------

    def _handle(self, method: str) -> None:
        fake: FakeVercel = self.server.fake  # type: ignore[attr-defined]
        url = urlsplit(self.path)
        path = unquote(url.path)
        query = {k: v[-1] for k, v in parse_qs(url.query).items()}
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        record = RecordedRequest(method, path, query, len(body))
        with fake.lock:
            fake.state.requests.append(record)
            status, payload, headers = self._route(fake, method, path, query, body)
        record.status = status
        if isinstance(payload, dict) and isinstance(payload.get("error"), dict):
            record.code = payload["error"].get("code")
        data = b"" if payload is None else json.dumps(payload).encode()
        self.send_response(status)
        if payload is not None:
            self.send_header("Content-Type", "application/json; charset=utf-8")
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _route(self, fake: FakeVercel, method: str, path: str, query: dict[str, str],
               body: bytes) -> tuple[int, Any, dict[str, str]]:
        state = fake.state
        auth = self.headers.get("Authorization", "")
        token = auth[7:] if auth.startswith("Bearer ") else ""
        if token not in state.tokens:
            return _error(403, "forbidden", "Not authorized", invalidToken=True)
        if "teamId" in query and query["teamId"] not in state.teams:
            return _error(403, "forbidden", "You don't have permission to access this team")
        for fault in state.faults:
            if fault.remaining > 0 and fault.matches(method, path):
                fault.remaining -= 1
                status, payload, headers = _error(fault.status, fault.code, fault.message)
                if fault.retry_after is not None:
                    headers["Retry-After"] = fault.retry_after
                return status, payload, headers

        segments = path.strip("/").split("/")
        match method, segments:
            case "GET", ["v2", "user"]:
                return 200, {"user": state.user}, {}
            case "GET", ["v9", "projects", id_or_name]:
                project = state.project_by(id_or_name)
                if project is None:
                    return _error(404, "not_found", "Project not found")
                return 200, _project_json(state, project), {}
            case "POST", ["v2", "files"]:
                return self._upload(state, body)
            case "POST", ["v13", "deployments"]:
                return _create_deployment(state, body)
            case "GET", ["v13", "deployments", id_or_url]:
                return _get_deployment(state, id_or_url)
            case "POST", ["v10", "projects", project_id, "promote", deployment_id]:
                return _promote(state, project_id, deployment_id)
            case "POST", ["v1", "projects", project_id, "rollback", deployment_id]:
                return _rollback(state, project_id, deployment_id)
        return _error(404, "not_found", "The requested path was not found")

    def _upload(self, state: FakeVercelState, body: bytes) -> tuple[int, Any, dict[str, str]]:
        digest = self.headers.get("x-vercel-digest") or self.headers.get("x-now-digest")
        if not digest:
            return _error(400, "missing_digest", "The x-vercel-digest header is required")
        if self.headers.get("Content-Type") != "application/octet-stream":
            return _error(400, "bad_request", "Content-Type must be application/octet-stream")
        if self.headers.get("Content-Length") != str(len(body)):
            return _error(400, "bad_request", "Content-Length does not match the body")
        size = self.headers.get("x-now-size")
        if size is not None and size != str(len(body)):
            return _error(400, "bad_request", "x-now-size does not match the body")
        if hashlib.sha1(body, usedforsecurity=False).hexdigest() != digest:
            return _error(400, "invalid_digest", "The body does not match x-vercel-digest")
        state.blobs[digest] = body
        return 200, {}, {}


def _error(status: int, code: str, message: str,
           **extra: Any) -> tuple[int, Any, dict[str, str]]:
    return status, {"error": {"code": code, "message": message, **extra}}, {}


def _now_ms() -> int:
    return int(time.time() * 1000)


def _project_json(state: FakeVercelState, project: dict[str, Any]) -> dict[str, Any]:
    production = state.deployments.get(project["production_id"] or "")
    targets = {"production": _deployment_summary(production)} if production else {}
    return {"id": project["id"], "name": project["name"], "accountId": "usr_fake",
            "framework": project["framework"], "createdAt": project["createdAt"],
            "targets": targets, "lastRollbackTarget": project["lastRollbackTarget"]}


def _deployment_summary(deployment: dict[str, Any]) -> dict[str, Any]:
    return {key: deployment[key] for key in ("id", "url", "readyState", "target", "createdAt")}


def _deployment_json(deployment: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in deployment.items()
            if key not in ("manifest", "fails_with", "gets")}


def _create_deployment(state: FakeVercelState, body: bytes) -> tuple[int, Any, dict[str, str]]:
    try:
        payload = json.loads(body or b"null")
    except ValueError:
        return _error(400, "bad_request", "Invalid JSON body")
    if not isinstance(payload, dict) or not isinstance(payload.get("name"), str):
        return _error(400, "bad_request", "Invalid request: missing required property `name`")
    target = payload.get("target")
    if target not in (None, "production", "staging"):
        return _error(400, "bad_request", "Invalid request: `target` should be production")
    files = payload.get("files")
    if not isinstance(files, list) or not files:
        return _error(400, "bad_request", "Invalid request: `files` should be a non-empty array")
    manifest: dict[str, str] = {}
    for entry in files:
        if (not isinstance(entry, dict) or not isinstance(entry.get("file"), str)
                or not SHA1.match(str(entry.get("sha"))) or not isinstance(entry.get("size"), int)):
            return _error(400, "bad_request", "Invalid request: each file needs file, sha, size")
        manifest[entry["file"]] = entry["sha"]
        blob = state.blobs.get(entry["sha"])
        if blob is not None and len(blob) != entry["size"]:
            return _error(400, "bad_request", f"Invalid size for {entry['file']}")
    project_name = str(payload.get("project") or payload["name"])
    project = state.project_by(project_name)
    if project is None and not isinstance(payload.get("projectSettings"), dict):
        return _error(400, "missing_project_settings", "The `projectSettings` object is required "
                      "for new projects, but is missing in the deployment payload")
    missing = list(dict.fromkeys(sha for sha in manifest.values() if sha not in state.blobs))
    if missing:
        return _error(400, "missing_files", "Missing files", missing=missing)
    if project is None:
        settings = payload["projectSettings"]
        project = {"id": f"prj_{secrets.token_hex(8)}", "name": project_name,
                   "framework": settings.get("framework"), "createdAt": _now_ms(),
                   "production_id": None, "rolled_back": False, "lastRollbackTarget": None}
        state.projects[project["id"]] = project
    suffix = secrets.token_hex(5)
    deployment = {
        "id": f"dpl_{suffix}", "name": payload["name"], "projectId": project["id"],
        "url": f"{payload['name']}-{suffix}.vercel.app", "target": target,
        "readyState": "QUEUED", "createdAt": _now_ms(), "aliasAssigned": None,
        "meta": payload.get("meta") or {}, "served_production": False,
        "manifest": manifest, "fails_with": state.fail_next_build, "gets": 0,
    }
    state.fail_next_build = None
    state.deployments[deployment["id"]] = deployment
    return 200, _deployment_json(deployment), {}


def _get_deployment(state: FakeVercelState, id_or_url: str) -> tuple[int, Any, dict[str, str]]:
    deployment = state.deployments.get(id_or_url) or next(
        (d for d in state.deployments.values() if d["url"] == id_or_url), None)
    if deployment is None:
        return _error(404, "not_found", "Deployment not found")
    if deployment["readyState"] in ("QUEUED", "BUILDING"):
        deployment["gets"] += 1
        if deployment["gets"] < state.polls_until_ready:
            deployment["readyState"] = "BUILDING"
        elif deployment["fails_with"]:
            deployment.update(readyState="ERROR", errorCode="build_failed",
                              errorMessage=deployment["fails_with"])
        else:
            deployment.update(readyState="READY", aliasAssigned=_now_ms())
            project = state.projects[deployment["projectId"]]
            # After an Instant Rollback, new production deployments are not made live
            # automatically; a promote turns that back on.
            if deployment["target"] == "production" and not project["rolled_back"]:
                _make_live(project, deployment)
    return 200, _deployment_json(deployment), {}


def _make_live(project: dict[str, Any], deployment: dict[str, Any]) -> None:
    project["production_id"] = deployment["id"]
    deployment["served_production"] = True


def _project_and_deployment(state: FakeVercelState, project_id: str, deployment_id: str):
    project = state.project_by(project_id)
    if project is None:
        return None, None, _error(404, "not_found", "Project not found")
    deployment = state.deployments.get(deployment_id)
    if deployment is None or deployment["projectId"] != project["id"]:
        return None, None, _error(404, "not_found", "Deployment not found")
    if deployment["readyState"] != "READY":
        return None, None, _error(400, "bad_request", "The deployment is not READY")
    return project, deployment, None


def _promote(state: FakeVercelState, project_id: str,
             deployment_id: str) -> tuple[int, Any, dict[str, str]]:
    project, deployment, error = _project_and_deployment(state, project_id, deployment_id)
    if error:
        return error
    _make_live(project, deployment)
    project.update(rolled_back=False, lastRollbackTarget=None)
    return 201, None, {}


def _rollback(state: FakeVercelState, project_id: str,
              deployment_id: str) -> tuple[int, Any, dict[str, str]]:
    project, deployment, error = _project_and_deployment(state, project_id, deployment_id)
    if error:
        return error
    if deployment["target"] != "production" or not deployment["served_production"]:
        return _error(400, "bad_request", "Only a deployment that served production traffic "
                      "can be rolled back to")
    _make_live(project, deployment)
    project.update(rolled_back=True, lastRollbackTarget={"toDeploymentId": deployment_id})
    return 201, None, {}


@pytest.fixture
def fake_vercel():
    """A fresh fake Vercel API per test (nothing leaks between tests)."""
    fake = FakeVercel().start()
    try:
        yield fake
    finally:
        fake.stop()
