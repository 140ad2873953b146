"""A person's browser tab over real HTTP (httpx): signs in, edits a page the way editor.js
does (CSRF header, idempotency key, base seq, tab id) and listens to the page's SSE stream."""

from __future__ import annotations

import queue
import re
import threading
import time
import uuid
from dataclasses import dataclass

import httpx

TOKEN_RE = re.compile(r'name="csrf_token" value="([^"]+)"')
HX_TOKEN_RE = re.compile(r'"X-CSRFToken": "([^"]+)"')


@dataclass
class Event:
    type: str
    data: str
    id: int | None


class Tab:
    """One browser tab of one signed-in person (``http`` is shared by the person's tabs)."""

    def __init__(self, base: str, http: httpx.Client | None = None, token: str | None = None):
        self.base = base
        self.http = http or httpx.Client(base_url=base, timeout=30, follow_redirects=False)
        self.token = token
        self.client = uuid.uuid4().hex
        self.seq = 0
        self.events: queue.Queue[Event] = queue.Queue()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.connected = threading.Event()

    # -- account ---------------------------------------------------------------------------
    def _token_from(self, html: str) -> None:
        match = HX_TOKEN_RE.search(html) or TOKEN_RE.search(html)
        if match:
            self.token = match.group(1)

    def signup(self, email: str, name: str, password: str = "correct horse battery") -> None:
        """Signs up and finishes with the mailed link (the app must be served in this process:
        tests.signup_mail.SERVED gives its mail folder)."""
        from tests.signup_mail import app_serving, finish_link

        self._token_from(self.http.get("/signup").text)
        r = self.http.post("/signup", data={"email": email, "display_name": name,
                                            "password": password, "password_confirm": password,
                                            "csrf_token": self.token})
        assert r.status_code == 303, r.text[:300]
        link = finish_link(app_serving(self.base), email)
        self._token_from(self.http.get(link).text)
        r = self.http.post(link, data={"csrf_token": self.token})
        assert r.status_code == 303 and r.headers["location"].endswith("/sites/"), r.text[:300]
        self._token_from(self.http.get("/sites/").text)

    def login(self, email: str, password: str = "correct horse battery") -> None:
        self._token_from(self.http.get("/login").text)
        r = self.http.post("/login", data={"email": email, "password": password,
                                           "csrf_token": self.token})
        assert r.status_code == 303, r.text[:300]
        self._token_from(self.http.get("/sites/").text)

    def create_site(self, name: str = "행복한 빵집") -> int:
        r = self.http.post("/sites/", data={"name": name, "csrf_token": self.token})
        assert r.status_code == 303, r.text[:300]
        return int(re.search(r"/sites/(\d+)", r.headers["location"]).group(1))

    def new_tab(self) -> Tab:
        return Tab(self.base, self.http, self.token)

    # -- editing ---------------------------------------------------------------------------
    def post(self, url: str, data: dict | None = None, key: str | None = None,
             base_seq: int | None = None) -> httpx.Response:
        data = {k: str(v) for k, v in (data or {}).items()}
        data.setdefault("op_key", key or uuid.uuid4().hex)
        data.setdefault("base_seq", str(self.seq if base_seq is None else base_seq))
        r = self.http.post(url, data=data, headers={"HX-Request": "true",
                                                    "X-CSRFToken": self.token or "",
                                                    "X-Client-Id": self.client})
        match = re.search(r'id="seq" value="(\d+)"', r.text)
        if match:
            self.seq = max(self.seq, int(match.group(1)))
        return r

    # -- the stream ------------------------------------------------------------------------
    def listen(self, url: str, since: int | None = None) -> None:
        """Opens the page's SSE stream in a background thread; events land in ``events``.
        Like EventSource, it reconnects after a drop, from the last event id it saw."""
        self.last_id = self.seq if since is None else since
        self._stop.clear()
        self.connected.clear()
        self._thread = threading.Thread(target=self._read, args=(url,), daemon=True)
        self._thread.start()
        assert self.connected.wait(10), "the stream did not open"

    def _read(self, url: str) -> None:
        while not self._stop.is_set():
            params = {"since": self.last_id, "client": self.client}
            try:
                with self.http.stream("GET", url, params=params,
                                      timeout=httpx.Timeout(30, read=60)) as r:
                    self.status = r.status_code
                    self.connected.set()
                    if r.status_code != 200:
                        self.events.put(Event("closed", str(r.status_code), None))
                        return  # refused: EventSource gives up too
                    kind, data, event_id = "message", [], None
                    for line in r.iter_lines():
                        if self._stop.is_set():
                            return
                        if line == "":
                            if data or kind != "message":
                                if event_id is not None:
                                    self.last_id = event_id
                                self.events.put(Event(kind, "\n".join(data), event_id))
                            kind, data, event_id = "message", [], None
                        elif line.startswith("event: "):
                            kind = line[7:]
                        elif line.startswith("data: "):
                            data.append(line[6:])
                        elif line.startswith("id: "):
                            event_id = int(line[4:])
            except httpx.HTTPError:
                self.connected.set()
            self.events.put(Event("closed", "", None))
            time.sleep(0.5)

    def close(self) -> None:
        self._stop.set()

    def wait_for(self, kind: str, timeout: float = 10, where=None) -> Event:
        """The next event of ``kind`` (others seen on the way are dropped)."""
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"no {kind!r} event within {timeout}s")
            try:
                event = self.events.get(timeout=left)
            except queue.Empty:
                continue
            if event.type == kind and (where is None or where(event)):
                return event
            if event.type == "closed" and kind != "closed":
                raise AssertionError(f"the stream closed while waiting for {kind!r}")

    def drain(self) -> list[Event]:
        found = []
        while True:
            try:
                found.append(self.events.get_nowait())
            except queue.Empty:
                return found
