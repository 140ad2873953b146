"""Finishing a sign-up the way a person does: with the link WindWalker mailed.

Sign-up answers "check your mail" whatever the address (no account enumeration); the account
exists once the mailed link is opened. ``finish_link`` finds that link in the app's mail folder
(MAIL_FILE_DIR, where the tests' ``file`` mail backend writes), waiting for the mail job.
"""

from __future__ import annotations

import email
import email.policy
import re
import time
from pathlib import Path
from typing import Any

# Base URL of an app served over HTTP in a test → that app (its mail folder and job runner).
SERVED: dict[str, Any] = {}
_LINK = re.compile(r"https?://[^/\s]+(/signup/finish/[^\s]+)")


def mails_to(app, address: str) -> list[email.message.EmailMessage]:
    """Every message in the app's mail folder addressed to ``address``, oldest first."""
    folder = Path(app.config["MAIL_FILE_DIR"])
    found = []
    for path in sorted(folder.glob("*.eml"), key=lambda p: p.stat().st_mtime_ns):
        message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        if message["To"] == address:
            found.append(message)
    return found


def finish_link(app, address: str, timeout: float = 20) -> str:
    """The path of the newest sign-up link mailed to ``address``."""
    deadline = time.monotonic() + timeout
    while True:
        runner = app.extensions.get("job_runner")
        if runner is not None:
            runner.wait(timeout)
        for message in reversed(mails_to(app, address)):
            match = _LINK.search(message.get_content())
            if match:
                return match.group(1)
        if time.monotonic() > deadline:
            raise AssertionError(f"no sign-up link was mailed to {address}")
        time.sleep(0.1)


def app_serving(url: str):
    """The app a test serves at ``url``'s origin (see SERVED)."""
    match = re.match(r"https?://[^/]+", url)
    return SERVED[match.group(0)] if match else None
