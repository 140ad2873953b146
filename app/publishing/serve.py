"""Serving sites published to the local provider, on their own origin.

``SiteHostDispatcher`` wraps the app: requests whose host is a site host
(``<slug>.<sites host>``, or ``<key>--<slug>.<sites host>`` for a preview) are answered from the
deployment folder; everything else goes to the editor app. Published sites thus never share an
origin (or cookies) with the editor.
"""

from __future__ import annotations

import fnmatch
import mimetypes
import re
from pathlib import Path
from urllib.parse import urlsplit

from werkzeug.utils import safe_join
from werkzeug.wrappers import Request, Response

from app.publishing.base import content_type

# Written next to a deployment for the host (headers, redirects), never served as pages.
HOST_FILES = frozenset({"_headers", "_redirects"})
_LABEL = re.compile(r"(?:[a-f0-9]{6,32}--)?[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")


def parse_headers_file(text: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """``_headers`` (Netlify/Cloudflare syntax) → [(path pattern, [(name, value), …])]."""
    rules: list[tuple[str, list[tuple[str, str]]]] = []
    for line in text.splitlines():
        if not line.strip():
            continue
        if not line.startswith((" ", "\t")):
            rules.append((line.strip(), []))
        elif rules and ":" in line:
            name, value = line.strip().split(":", 1)
            rules[-1][1].append((name.strip(), value.strip()))
    return rules


def parse_redirects_file(text: str) -> list[tuple[str, str, int]]:
    out = []
    for line in text.splitlines():
        parts = line.split()
        if len(parts) >= 2 and not line.startswith("#"):
            out.append((parts[0], parts[1], int(parts[2]) if len(parts) > 2 else 301))
    return out


class SiteHostDispatcher:
    def __init__(self, app, sites_url: str, sites_dir: str) -> None:
        self.app = app
        host = urlsplit(sites_url.replace("{slug}", "slug")).hostname or ""
        self.suffix = "." + host.split(".", 1)[1] if "." in host else ""
        self.root = Path(sites_dir)

    def __call__(self, environ, start_response):
        host = (environ.get("HTTP_HOST") or "").split(":")[0].lower()
        if self.suffix and host.endswith(self.suffix) and host != self.suffix.lstrip("."):
            label = host[: -len(self.suffix)]
            return self.serve(label, Request(environ))(environ, start_response)
        return self.app(environ, start_response)

    def folder_for(self, label: str) -> Path | None:
        # Host names are attacker-controlled: only a plain site address (and a plain preview
        # key) may ever become part of a path.
        if not _LABEL.fullmatch(label):
            return None
        key, _, slug = label.rpartition("--")
        site = self.root / slug
        if key:
            folder = site / "deployments" / key
            return folder if key.isalnum() and folder.is_dir() else None
        live = site / "live"
        return live.resolve() if live.is_symlink() else None

    def serve(self, label: str, request: Request) -> Response:
        folder = self.folder_for(label)
        if folder is None or request.method not in {"GET", "HEAD"}:
            return Response("Not found", 404, content_type="text/plain; charset=utf-8")
        path = request.path
        redirects = (folder / "_redirects")
        if redirects.exists():
            for src, dst, status in parse_redirects_file(redirects.read_text("utf-8")):
                if path.rstrip("/") == src.rstrip("/"):
                    return Response("", status, headers={"Location": dst})
        # Confine first, then look: the path (already %-decoded) is joined safely inside the
        # deployment, so nothing outside it (another folder's index.html, another site's
        # deployment) can be probed by the answer. The host's own files are not served.
        stripped = path.lstrip("/")
        target = safe_join(str(folder), stripped) if stripped else str(folder)
        if target is None or stripped in HOST_FILES or "\x00" in stripped:
            target = None
        is_dir = not path.endswith("/") and "." not in path.rsplit("/", 1)[-1]
        if target is not None and is_dir and (Path(target) / "index.html").is_file():
            return Response("", 301, headers={"Location": path + "/"})
        relative = stripped + ("index.html" if path.endswith("/") else "")
        file = None if target is None else (
            safe_join(str(folder), relative) if relative else str(folder / "index.html"))
        status = 200
        if file is None or not Path(file).is_file():
            file, status = str(folder / "404.html"), 404
            if not Path(file).is_file():
                return Response("Not found", 404, content_type="text/plain; charset=utf-8")
        data = Path(file).read_bytes()
        mime = content_type(relative) if status == 200 else "text/html; charset=utf-8"
        if mime == "application/octet-stream":
            mime = mimetypes.guess_type(file)[0] or mime
        response = Response(data, status, content_type=mime)
        headers = folder / "_headers"
        if headers.exists():
            for pattern, values in parse_headers_file(headers.read_text("utf-8")):
                if fnmatch.fnmatchcase(path, pattern) or path == pattern:
                    for name, value in values:
                        response.headers[name] = value
        response.add_etag()
        return response.make_conditional(request)
