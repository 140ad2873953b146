"""Mail goes through SMTP when it is configured (a real SMTP server on loopback)."""

from __future__ import annotations

import socket

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Message

from app.mail import send_mail


class Inbox(Message):
    def __init__(self):
        super().__init__()
        self.messages = []

    def handle_message(self, message):
        self.messages.append(message)


@pytest.fixture
def smtp_server():
    inbox = Inbox()
    with socket.socket() as probe:  # a free loopback port
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield controller, inbox
    controller.stop()


def test_mail_is_sent_over_smtp_when_configured(make_app, smtp_server):
    controller, inbox = smtp_server
    app = make_app(
        MAIL_BACKEND="smtp",
        MAIL_SMTP={
            "host": "127.0.0.1",
            "port": controller.port,
            "username": "",
            "password": "",
            "starttls": False,
        },
    )
    with app.app_context():
        send_mail("owner@example.com", "비밀번호 재설정", "본문입니다")
    [message] = inbox.messages
    assert message["To"] == "owner@example.com"
    assert message["From"] == app.config["MAIL_FROM"]
    assert "본문입니다" in message.get_payload(decode=True).decode()


def test_console_mail_prints_the_message(make_app, capsys):
    app = make_app(MAIL_BACKEND="console")
    with app.app_context():
        send_mail("owner@example.com", "Subject", "Hello there")
    assert "Hello there" in capsys.readouterr().err
