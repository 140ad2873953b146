"""A fake Cloudflare API (Pages Direct Upload) served over real HTTP on 127.0.0.1.

The publisher talks to it through the official ``cloudflare`` SDK exactly as it would talk to
``api.cloudflare.com`` — only ``base_url`` differs — so SDK request shapes, multipart encoding,
error envelopes and status codes are all exercised. It mirrors
``shared/reference/cdn-protocols.md``:

* ``/client/v4`` paths and ``{success, errors[{code, message}], messages, result}`` envelopes;
* projects (404 + 8000007 when missing; creation answers with ``subdomain``);
* upload tokens: HS256 JWTs carrying ``exp`` and ``max_file_count_allowed``; the asset
  endpoints accept only such a JWT and answer 8000013 for an expired, revoked or unknown one;
* content-addressed storage that checks each key is blake3(base64 + extension) — at upload
  for the extensions the content type implies, and exactly, per path, when a manifest names it;
* multipart deployment creation that refuses a manifest naming content it does not hold;
* deployments whose stages advance queued → initialize → build → deploy, one step per GET;
* rollback (only to successful production deployments), history logs;
* fault injection (``inject``, ``expire_upload_tokens_after``, ``fail_next_deployment``) and a
  record of every request so tests can count what was sent.

Codes marked "fake's choice" are not confirmed against Cloudflare; tests must not depend on them.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import mimetypes
import re
import secrets
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import blake3
import pytest
from werkzeug.exceptions import HTTPException, NotFound
from werkzeug.routing import Map, Rule
from werkzeug.serving import WSGIRequestHandler, make_server
from werkzeug.wrappers import Request, Response

from app.publishing.base import content_type

API_PREFIX = "/client/v4"
TEST_ACCOUNT = "0123456789abcdef0123456789abcdef"
TEST_API_TOKEN = "test-api-token-0123456789"
JWT_SECRET = b"fake-cloudflare-upload-jwt-secret"
MAX_ASSET_BYTES = 25 * 1024 * 1024
MAX_UPLOAD_ITEMS = 2_000
STAGE_NAMES = ("queued", "initialize", "build", "deploy")
PROJECT_NAME = re.compile(r"^[a-z0-9][a-z0-9-]{0,57}$")
HASH = re.compile(r"^[0-9a-f]{32}$")

# Extensions whose content type we can recognise at upload time (reverse of base.content_type).
_KNOWN_EXTENSIONS = ("html", "htm", "css", "js", "mjs", "xml", "txt", "json", "webp", "jpg",
                     "jpeg", "png", "gif", "svg", "ico", "woff", "woff2", "webmanifest", "avif",
                     "pdf", "map")


def fake_hash(value_b64: str, extension: str) -> str:
    """Cloudflare's asset key, computed independently of the code under test."""
    return blake3.blake3((value_b64 + extension).encode("ascii")).hexdigest()[:32]


def node_extname(path: str) -> str:
    """``path.extname(p).slice(1)`` as Node computes it (what wrangler hashes)."""
    name = path.rsplit("/", 1)[-1]
    dot = name.rfind(".")
    return "" if dot <= 0 or name == ".." else name[dot + 1:]


def _extensions_for(mime: str) -> set[str] | None:
    """The extensions a content type may have come from; None when it says nothing
    (application/octet-stream), in which case only the manifest check can verify the key."""
    bare = mime.split(";", 1)[0].strip().lower()
    if bare == "application/octet-stream":
        return None
    found = {ext for ext in _KNOWN_EXTENSIONS
             if content_type(f"x.{ext}").split(";", 1)[0] == bare}
    found |= {ext.lstrip(".") for ext in mimetypes.guess_all_extensions(bare)}
    return found or None


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def make_jwt(claims: dict[str, Any], secret: bytes = JWT_SECRET) -> str:
    """An HS256 JWT (the publisher never verifies it; the fake does)."""
    header = _b64url(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
    payload = _b64url(json.dumps(claims).encode())
    signature = hmac.new(secret, f"{header}.{payload}".encode(), hashlib.sha256).digest()
    return f"{header}.{payload}.{_b64url(signature)}"


def _now_iso() -> str:
    return datetime.now(UTC).isoformat().replace("+00:00", "Z")


class ApiError(Exception):
    """Raised by handlers; becomes an error envelope."""

    def __init__(self, status: int, code: int, message: str,
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers or {}


@dataclass
class RecordedRequest:
    method: str
    path: str
    route: str  # e.g. "upload", "deployment.create"; "unknown" when nothing matched
    body_size: int
    auth: str  # "api_token", "upload_jwt", "other" or "none"
    status: int = 0


@dataclass
class Fault:
    status: int
    code: int | None
    message: str
    retry_after: str | None
    remaining: int


@dataclass
class FakeDeployment:
    data: dict[str, Any]  # the API object, as returned
    account: str
    project: str
    manifest: dict[str, str]
    headers_file: str | None
    redirects_file: str | None
    fail: bool = False
    log_lines: list[str] = field(default_factory=list)
    step: int = 0  # index into STAGE_NAMES


@dataclass
class FakeState:
    """Everything the fake holds; tests may read and arrange it directly."""

    accounts: set[str] = field(default_factory=lambda: {TEST_ACCOUNT})
    api_tokens: set[str] = field(default_factory=lambda: {TEST_API_TOKEN})
    projects: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    # Content-addressed store per (account, project): key → decoded bytes.
    assets: dict[tuple[str, str], dict[str, bytes]] = field(default_factory=dict)
    upserted: dict[tuple[str, str], set[str]] = field(default_factory=dict)
    upload_tokens: dict[str, dict[str, Any]] = field(default_factory=dict)
    deployments: dict[str, FakeDeployment] = field(default_factory=dict)
    live: dict[tuple[str, str], str] = field(default_factory=dict)  # production deployment id
    max_file_count_allowed: int = 20_000
    token_ttl: float = 300.0


class FakeCloudflare:
    """The fake API: a WSGI app plus the controls tests use."""

    def __init__(self) -> None:
        self.state = FakeState()
        self.requests: list[RecordedRequest] = []
        self.uploaded_keys: list[str] = []  # every key received by a successful upload
        self._faults: dict[str, list[Fault]] = {}
        self._expire_tokens_after_uploads: int | None = None
        self._next_deployment_failure: list[str] | None = None
        self._lock = threading.RLock()
        self.base_url = ""  # set once the server listens
        # A slow network: each upload waits this many seconds before it is answered (used to
        # kill a worker in the middle of an upload). uploads_started counts upload calls seen.
        self.upload_delay = 0.0
        self.uploads_started = 0
        account = "/accounts/<account>/pages/projects"
        deployment = account + "/<project>/deployments/<deployment_id>"
        self._routes = Map([
            Rule(account, methods=["GET"], endpoint="project.list"),
            Rule(account, methods=["POST"], endpoint="project.create"),
            Rule(account + "/<project>", methods=["GET"], endpoint="project.get"),
            Rule(account + "/<project>/upload-token", methods=["GET"], endpoint="upload-token"),
            Rule(account + "/<project>/deployments", methods=["POST"],
                 endpoint="deployment.create"),
            Rule(account + "/<project>/deployments", methods=["GET"],
                 endpoint="deployment.list"),
            Rule(deployment, methods=["GET"], endpoint="deployment.get"),
            Rule(deployment + "/rollback", methods=["POST"], endpoint="rollback"),
            Rule(deployment + "/history/logs", methods=["GET"], endpoint="logs"),
            Rule("/pages/assets/check-missing", methods=["POST"], endpoint="check-missing"),
            Rule("/pages/assets/upload", methods=["POST"], endpoint="upload"),
            Rule("/pages/assets/upsert-hashes", methods=["POST"], endpoint="upsert-hashes"),
        ])

    # -- controls -------------------------------------------------------------------------------

    def inject(self, route: str, status: int = 500, *, times: int = 1, code: int | None = None,
               message: str = "Injected failure", retry_after: float | str | None = None) -> None:
        """The next ``times`` requests to ``route`` answer ``status`` (with Retry-After)."""
        with self._lock:
            self._faults.setdefault(route, []).append(Fault(
                status, code, message, None if retry_after is None else str(retry_after), times))

    def expire_upload_tokens_after(self, uploads: int) -> None:
        """After ``uploads`` more successful upload requests, every issued JWT stops working
        (the next asset call answers 8000013) — a token expiring mid-upload."""
        with self._lock:
            self._expire_tokens_after_uploads = uploads

    def fail_next_deployment(self, log_lines: list[str]) -> None:
        """The next deployment created fails in its build stage with these log lines."""
        with self._lock:
            self._next_deployment_failure = list(log_lines)

    def add_project(self, name: str, production_branch: str = "main",
                    account: str = TEST_ACCOUNT) -> dict[str, Any]:
        with self._lock:
            return self._create_project(account, name, production_branch)

    def requests_to(self, route: str) -> list[RecordedRequest]:
        with self._lock:
            return [r for r in self.requests if r.route == route]

    def stored(self, project: str, account: str = TEST_ACCOUNT) -> dict[str, bytes]:
        with self._lock:
            return dict(self.state.assets.get((account, project), {}))

    def deployment(self, deployment_id: str) -> FakeDeployment:
        return self.state.deployments[deployment_id]

    def reset_records(self) -> None:
        with self._lock:
            self.requests.clear()
            self.uploaded_keys.clear()

    # -- WSGI -----------------------------------------------------------------------------------

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        request = Request(environ)
        body = request.get_data(cache=True)
        record = RecordedRequest(request.method, request.path, "unknown", len(body),
                                 self._auth_kind(request))
        with self._lock:
            self.requests.append(record)
        try:
            if not request.path.startswith(API_PREFIX):
                raise ApiError(404, 7000, "No route for that URI")
            adapter = self._routes.bind("127.0.0.1", path_info=request.path[len(API_PREFIX):])
            try:
                route, args = adapter.match(method=request.method)
            except NotFound:
                raise ApiError(404, 7000, "No route for that URI") from None
            except HTTPException:
                raise ApiError(405, 10000, "Method not allowed") from None
            record.route = str(route)
            with self._lock:
                self._maybe_fault(record.route)
                handler = getattr(self, "_h_" + record.route.replace(".", "_").replace("-", "_"))
                result = handler(request, **args)
            response = self._envelope(200, result)
        except ApiError as exc:
            response = self._envelope(exc.status, None, [{"code": exc.code,
                                                          "message": exc.message}], exc.headers)
        finally:
            request.close()  # multipart parts are spooled to temporary files
        record.status = response.status_code
        return response(environ, start_response)

    @staticmethod
    def _envelope(status: int, result: Any, errors: list[dict[str, Any]] | None = None,
                  headers: dict[str, str] | None = None) -> Response:
        body = {"success": not errors, "errors": errors or [], "messages": [], "result": result}
        return Response(json.dumps(body), status=status, headers=headers,
                        content_type="application/json")

    def _maybe_fault(self, route: str) -> None:
        queue = self._faults.get(route)
        if not queue:
            return
        fault = queue[0]
        fault.remaining -= 1
        if fault.remaining <= 0:
            queue.pop(0)
        headers = {"Retry-After": fault.retry_after} if fault.retry_after is not None else {}
        code = fault.code if fault.code is not None else (971 if fault.status == 429 else 10002)
        raise ApiError(fault.status, code, fault.message, headers)

    # -- auth -----------------------------------------------------------------------------------

    @staticmethod
    def _bearer(request: Request) -> str | None:
        header = request.headers.get("Authorization", "")
        return header[7:] if header.startswith("Bearer ") else None

    def _auth_kind(self, request: Request) -> str:
        token = self._bearer(request)
        if token is None:
            return "none" if "Authorization" not in request.headers else "other"
        if token in self.state.api_tokens:
            return "api_token"
        return "upload_jwt" if token.count(".") == 2 else "other"

    def _account(self, request: Request, account: str) -> str:
        """API-token auth for account endpoints (an upload JWT is not enough here)."""
        if self._bearer(request) not in self.state.api_tokens:
            raise ApiError(401, 10000, "Authentication error")
        if account not in self.state.accounts:
            raise ApiError(404, 7003, f"Could not route to /client/v4/accounts/{account}/pages/"
                                      "projects, perhaps your object identifier is invalid?")
        return account

    def _upload_claims(self, request: Request) -> dict[str, Any]:
        """JWT auth for asset endpoints: signed by us, issued, not revoked, not expired."""
        token = self._bearer(request) or ""
        info = self.state.upload_tokens.get(token)
        parts = token.split(".")
        valid_signature = len(parts) == 3 and hmac.compare_digest(
            _b64url(hmac.new(JWT_SECRET, f"{parts[0]}.{parts[1]}".encode(),
                             hashlib.sha256).digest()), parts[2])
        if not valid_signature or info is None or info["revoked"] or info["exp"] <= time.time():
            raise ApiError(401, 8000013, "Invalid or expired upload token, request a new one")
        return info

    def _project(self, account: str, name: str) -> dict[str, Any]:
        project = self.state.projects.get((account, name))
        if project is None:
            raise ApiError(404, 8000007, "Project not found. The specified project name does "
                                         "not match any of your existing projects.")
        return project

    # -- projects -------------------------------------------------------------------------------

    def _create_project(self, account: str, name: str, production_branch: str) -> dict[str, Any]:
        if (account, name) in self.state.projects:
            raise ApiError(409, 8000002, "A project with this name already exists.")  # fake's
        project = {
            "id": str(uuid.uuid4()), "name": name, "subdomain": f"{name}.pages.dev",
            "domains": [f"{name}.pages.dev"], "production_branch": production_branch,
            "created_on": _now_iso(), "framework": "", "framework_version": "",
            "preview_script_name": f"pages-worker--{name}-preview",
            "production_script_name": f"pages-worker--{name}-production",
            "deployment_configs": {"preview": {}, "production": {}},
            "build_config": {"build_caching": False, "build_command": "", "destination_dir": "",
                             "root_dir": ""},
            "source": None, "latest_deployment": None, "canonical_deployment": None,
            "uses_functions": False,
        }
        self.state.projects[(account, name)] = project
        self.state.assets[(account, name)] = {}
        return project

    def _h_project_list(self, request: Request, account: str) -> list[dict[str, Any]]:
        self._account(request, account)
        return [p for (a, _), p in self.state.projects.items() if a == account]

    def _h_project_create(self, request: Request, account: str) -> dict[str, Any]:
        self._account(request, account)
        body = request.get_json(silent=True) or {}
        name, branch = body.get("name"), body.get("production_branch")
        if not isinstance(name, str) or not PROJECT_NAME.match(name):
            raise ApiError(400, 8000011, "Project names must be lowercase letters, digits and "
                                         "hyphens.")  # fake's choice of code
        if not isinstance(branch, str) or not branch:
            raise ApiError(400, 8000011, "production_branch is required.")
        return self._create_project(account, name, branch)

    def _h_project_get(self, request: Request, account: str, project: str) -> dict[str, Any]:
        self._account(request, account)
        return self._project(account, project)

    def _h_upload_token(self, request: Request, account: str, project: str) -> dict[str, Any]:
        self._account(request, account)
        self._project(account, project)
        claims = {"accountId": account, "projectName": project, "iat": int(time.time()),
                  "exp": int(time.time() + self.state.token_ttl), "jti": secrets.token_hex(8),
                  "max_file_count_allowed": self.state.max_file_count_allowed}
        jwt = make_jwt(claims)
        self.state.upload_tokens[jwt] = {"account": account, "project": project,
                                         "exp": claims["exp"], "revoked": False}
        return {"jwt": jwt}

    # -- assets ---------------------------------------------------------------------------------

    @staticmethod
    def _hash_list(request: Request) -> list[str]:
        body = request.get_json(silent=True)
        hashes = body.get("hashes") if isinstance(body, dict) else None
        if not isinstance(hashes, list) or not all(isinstance(h, str) and HASH.match(h)
                                                   for h in hashes):
            raise ApiError(400, 8000096, "Expected {hashes: [32 hex chars, ...]}")  # fake's
        return hashes

    def _h_check_missing(self, request: Request) -> list[str]:
        info = self._upload_claims(request)
        store = self.state.assets[(info["account"], info["project"])]
        return [h for h in dict.fromkeys(self._hash_list(request)) if h not in store]

    def _h_upload(self, request: Request) -> None:
        self.uploads_started += 1
        deadline = time.monotonic() + self.upload_delay
        while time.monotonic() < deadline and self.upload_delay:
            time.sleep(0.02)  # released early when a test sets upload_delay back to 0
        info = self._upload_claims(request)
        items = request.get_json(silent=True)
        if not isinstance(items, list) or not items:
            raise ApiError(400, 8000096, "Expected a non-empty JSON array of files")  # fake's
        if len(items) > MAX_UPLOAD_ITEMS:
            raise ApiError(400, 8000096, f"At most {MAX_UPLOAD_ITEMS} files per upload")
        decoded: dict[str, bytes] = {}
        for item in items:
            key, value = item.get("key"), item.get("value")
            mime = (item.get("metadata") or {}).get("contentType")
            if not (isinstance(key, str) and HASH.match(key) and isinstance(value, str)
                    and item.get("base64") is True and isinstance(mime, str)):
                raise ApiError(400, 8000096, "Each file needs key, base64 value, base64: true "
                                             "and metadata.contentType")
            try:
                data = base64.b64decode(value, validate=True)
            except (binascii.Error, ValueError):
                raise ApiError(400, 8000096, f"{key}: value is not valid base64") from None
            if len(data) > MAX_ASSET_BYTES:
                raise ApiError(413, 8000096, f"{key}: file exceeds 25 MiB")
            extensions = _extensions_for(mime)
            if extensions is not None and not any(
                    fake_hash(value, ext) == key for ext in extensions | {""}):
                raise ApiError(400, 8000096, f"{key}: key is not blake3(base64 + extension) "
                                             f"of the content ({mime})")  # fake's choice
            decoded[key] = data
        self.state.assets[(info["account"], info["project"])].update(decoded)
        self.uploaded_keys.extend(decoded)
        if self._expire_tokens_after_uploads is not None:
            self._expire_tokens_after_uploads -= 1
            if self._expire_tokens_after_uploads <= 0:
                self._expire_tokens_after_uploads = None
                for token in self.state.upload_tokens.values():
                    token["revoked"] = True
        return None

    def _h_upsert_hashes(self, request: Request) -> None:
        info = self._upload_claims(request)
        key = (info["account"], info["project"])
        self.state.upserted.setdefault(key, set()).update(self._hash_list(request))
        return None

    # -- deployments ----------------------------------------------------------------------------

    def _h_deployment_create(self, request: Request, account: str,
                             project: str) -> dict[str, Any]:
        self._account(request, account)
        proj = self._project(account, project)
        if not (request.mimetype or "").startswith("multipart/form-data"):
            raise ApiError(400, 8000096, "Expected multipart/form-data")  # fake's choice
        try:
            manifest = json.loads(request.form.get("manifest", ""))
        except ValueError:
            raise ApiError(400, 8000096, "A manifest is required for Direct Upload") from None
        if not isinstance(manifest, dict) or not all(
                isinstance(p, str) and p.startswith("/") and isinstance(h, str)
                for p, h in manifest.items()):
            raise ApiError(400, 8000096, "The manifest maps '/path' to a file hash")
        if len(manifest) > self.state.max_file_count_allowed:
            raise ApiError(400, 8000096, "Too many files in the manifest")
        store = self.state.assets[(account, project)]
        for path, key in manifest.items():
            if key not in store:
                raise ApiError(400, 8000096, f"{path}: no file stored under {key}; upload it "
                                             "first")  # fake's choice of code
            if fake_hash(base64.b64encode(store[key]).decode(), node_extname(path)) != key:
                raise ApiError(400, 8000096, f"{path}: {key} is not this file's hash")
        message = request.form.get("commit_message", "")
        if len(message.encode("utf-8")) > 384:
            raise ApiError(400, 8000096, "commit_message exceeds 384 bytes")
        branch = request.form.get("branch") or proj["production_branch"]
        production = branch == proj["production_branch"]
        short_id = secrets.token_hex(4)
        deployment_id = str(uuid.uuid4())
        subdomain = proj["subdomain"]
        alias = re.sub(r"[^a-z0-9-]", "-", branch.lower())[:28]
        data = {
            "id": deployment_id, "short_id": short_id, "project_id": proj["id"],
            "project_name": project, "environment": "production" if production else "preview",
            "url": f"https://{short_id}.{subdomain}",
            # Branch aliases on previews: the format is [unconfirmed] in the reference.
            "aliases": None if production else [f"https://{alias}.{subdomain}"],
            "created_on": _now_iso(), "modified_on": _now_iso(), "is_skipped": False,
            "deployment_trigger": {"type": "ad_hoc", "metadata": {
                "branch": branch, "commit_hash": request.form.get("commit_hash", ""),
                "commit_message": message, "commit_dirty": False}},
            "build_config": proj["build_config"], "source": None, "env_vars": {},
            "uses_functions": False,
        }
        fail = self._next_deployment_failure is not None
        deployment = FakeDeployment(
            data=data, account=account, project=project, manifest=dict(manifest),
            headers_file=self._file_part(request, "_headers"),
            redirects_file=self._file_part(request, "_redirects"),
            fail=fail, log_lines=self._next_deployment_failure or [
                "Initializing build environment...", "Uploading... (assets already present)",
                "Success: Assets published!"])
        self._next_deployment_failure = None
        self.state.deployments[deployment_id] = deployment
        return self._render(deployment)

    @staticmethod
    def _file_part(request: Request, name: str) -> str | None:
        """``_headers``/``_redirects`` travel as file parts, as wrangler sends them."""
        if name in request.form:
            raise ApiError(400, 8000096, f"{name} must be sent as a file part")  # fake's
        if name in request.files:
            return request.files[name].read().decode("utf-8")
        return None

    def _render(self, deployment: FakeDeployment) -> dict[str, Any]:
        """The deployment object at its current step."""
        stages = []
        for index, name in enumerate(STAGE_NAMES):
            if index < deployment.step:
                status = "success"
            elif index > deployment.step:
                status = "idle"
            elif deployment.fail and name == "build":
                status = "failure"
            elif name == "deploy":
                status = "success"
            else:
                status = "active"
            started = None if status == "idle" else _now_iso()
            ended = _now_iso() if status in ("success", "failure") else None
            stages.append({"name": name, "status": status, "started_on": started,
                           "ended_on": ended})
        deployment.data["stages"] = stages
        deployment.data["latest_stage"] = stages[deployment.step]
        return deployment.data

    def _deployment(self, account: str, project: str, deployment_id: str) -> FakeDeployment:
        deployment = self.state.deployments.get(deployment_id)
        if deployment is None or (deployment.account, deployment.project) != (account, project):
            raise ApiError(404, 8000009, "Deployment not found")  # fake's choice of code
        return deployment

    def _h_deployment_list(self, request: Request, account: str,
                           project: str) -> list[dict[str, Any]]:
        self._account(request, account)
        self._project(account, project)
        return [self._render(d) for d in self.state.deployments.values()
                if (d.account, d.project) == (account, project)]

    def _h_deployment_get(self, request: Request, account: str, project: str,
                          deployment_id: str) -> dict[str, Any]:
        self._account(request, account)
        deployment = self._deployment(account, project, deployment_id)
        final = STAGE_NAMES.index("build") if deployment.fail else len(STAGE_NAMES) - 1
        if deployment.step < final:
            deployment.step += 1  # each poll sees the next stage
            if deployment.step == len(STAGE_NAMES) - 1:
                self._went_live(deployment)
        return self._render(deployment)

    def _went_live(self, deployment: FakeDeployment) -> None:
        project = self.state.projects[(deployment.account, deployment.project)]
        project["latest_deployment"] = self._render(deployment)
        if deployment.data["environment"] == "production":
            project["canonical_deployment"] = deployment.data
            self.state.live[(deployment.account, deployment.project)] = deployment.data["id"]

    def _succeeded(self, deployment: FakeDeployment) -> bool:
        stage = self._render(deployment)["latest_stage"]
        return stage["name"] == "deploy" and stage["status"] == "success"

    def _h_rollback(self, request: Request, account: str, project: str,
                    deployment_id: str) -> dict[str, Any]:
        self._account(request, account)
        deployment = self._deployment(account, project, deployment_id)
        if deployment.data["environment"] != "production" or not self._succeeded(deployment):
            raise ApiError(400, 8000034, "Only successful production deployments can be "
                                         "rollback targets.")  # fake's choice of code
        self.state.live[(account, project)] = deployment_id
        self.state.projects[(account, project)]["canonical_deployment"] = deployment.data
        return self._render(deployment)

    def _h_logs(self, request: Request, account: str, project: str,
                deployment_id: str) -> dict[str, Any]:
        self._account(request, account)
        deployment = self._deployment(account, project, deployment_id)
        lines = [{"line": line, "ts": _now_iso()} for line in deployment.log_lines]
        return {"total": len(lines), "includes_container_logs": False, "data": lines}


class _QuietHandler(WSGIRequestHandler):
    def log_request(self, *args: Any, **kwargs: Any) -> None:  # keep test output readable
        return None


@pytest.fixture
def fake_cloudflare() -> Iterator[FakeCloudflare]:
    """A fresh fake Cloudflare API listening on 127.0.0.1 for one test."""
    fake = FakeCloudflare()
    server = make_server("127.0.0.1", 0, fake, threaded=True, request_handler=_QuietHandler)
    fake.base_url = f"http://127.0.0.1:{server.server_port}{API_PREFIX}"
    # A short poll interval: shutdown() waits up to one interval, once per test.
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.01},
                              daemon=True)
    thread.start()
    try:
        yield fake
    finally:
        server.shutdown()
        thread.join(timeout=5)
