"""Outgoing mail: printed to the console by default, SMTP when configured.

The ``file`` backend writes each message as a .eml file into MAIL_FILE_DIR (used by tests, where
the RQ worker is another process, and handy for local debugging).
"""

from __future__ import annotations

import smtplib
import sys
import uuid
from email.message import EmailMessage
from email.utils import make_msgid
from pathlib import Path

from flask import current_app


def build_message(to: str, subject: str, body: str) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = current_app.config["MAIL_FROM"]
    msg["To"] = to
    msg["Subject"] = subject
    msg["Message-ID"] = make_msgid(domain="windwalker.kr")
    msg.set_content(body)
    return msg


def send_mail(to: str, subject: str, body: str) -> None:
    """Sends one plain-text message through the configured backend."""
    msg = build_message(to, subject, body)
    backend = current_app.config["MAIL_BACKEND"]
    if backend == "smtp":
        cfg = current_app.config["MAIL_SMTP"]
        with smtplib.SMTP(cfg["host"], cfg["port"], timeout=10) as smtp:
            if cfg.get("starttls"):
                smtp.starttls()
            if cfg.get("username"):
                smtp.login(cfg["username"], cfg["password"])
            smtp.send_message(msg)
    elif backend == "file":
        folder = Path(current_app.config["MAIL_FILE_DIR"])
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{uuid.uuid4().hex}.eml").write_bytes(msg.as_bytes())
    else:
        line = "-" * 72
        print(f"{line}\n[mail] {msg.as_string()}\n{line}", file=sys.stderr, flush=True)
