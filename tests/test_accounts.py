"""Accounts: sign up, log in/out, password change and reset, settings, roles, abuse limits."""

from __future__ import annotations

import email
import re
import time
from pathlib import Path

from sqlalchemy import func, select

from app.accounts.passwords import password_problem
from app.auth import role_required
from app.db import db
from app.jobs import wait_for_jobs
from app.models import User
from tests.conftest import Web, text_of
from tests.signup_mail import finish_link, mails_to

PASSWORD = "correct horse battery"


def count_users() -> int:
    return db.session.scalar(select(func.count()).select_from(User))


def signup_form(email="new@example.com", password=PASSWORD, name="김사장", confirm=None):
    return {
        "email": email,
        "display_name": name,
        "password": password,
        "password_confirm": password if confirm is None else confirm,
    }


def test_sign_up_is_finished_from_the_mailed_link_and_hashes_with_argon2id(web, app):
    r = web.post("/signup", signup_form(email="New@Example.com"))
    assert r.status_code == 303 and r.location.endswith("/signup/sent")
    sent = text_of(web.get("/signup/sent"))
    assert "new@example.com" in sent and "메일" in sent
    with app.app_context():
        assert count_users() == 0  # nothing is stored before the link is opened
    link = finish_link(app, "new@example.com")
    page = web.get(link)
    assert page.status_code == 200 and 'name="password"' not in text_of(page)  # same browser
    r = web.post(link)
    assert r.status_code == 303 and r.location.endswith("/sites/")
    page = web.get("/sites/")
    assert page.status_code == 200
    assert "김사장" in text_of(page)
    with app.app_context():
        user = db.session.scalar(select(User))
        assert user.email == "new@example.com"
        assert user.password_hash.startswith("$argon2id$v=19$m=19456,t=2,p=1$")
        assert user.locale == "ko" and user.timezone == "Asia/Seoul"


def _sent_page(web: Web) -> str:
    """The "check your mail" page with what differs by nature (the token) taken out."""
    page = text_of(web.get("/signup/sent"))
    return re.sub(r'"X-CSRFToken": "[^"]+"|value="[^"]+"', "", page)


def test_sign_up_answers_the_same_for_a_new_and_an_existing_email(web, app):
    web.signup(email="owner@example.com")
    existing, new = Web(app.test_client()), Web(app.test_client())
    answers = [existing.post("/signup", signup_form(email="OWNER@example.com")),
               new.post("/signup", signup_form(email="someone@example.com"))]
    assert [a.status_code for a in answers] == [303, 303]
    assert answers[0].location == answers[1].location
    assert answers[0].get_data() == answers[1].get_data()
    assert {c.split("=", 1)[0] for c in answers[0].headers.getlist("Set-Cookie")} == \
        {c.split("=", 1)[0] for c in answers[1].headers.getlist("Set-Cookie")}
    assert _sent_page(existing).replace("owner@example.com", "X") == \
        _sent_page(new).replace("someone@example.com", "X")
    finish_link(app, "someone@example.com")  # waits for the mail jobs
    # The owner hears that someone tried; no link that makes an account is sent to them.
    [note] = [m for m in mails_to(app, "owner@example.com") if "WindWalker" in m["Subject"]
              and "/signup/finish/" not in m.get_content()][-1:]
    body = note.get_content()
    assert "/login" in body and "/password/forgot" in body
    assert "누군가" in note["Subject"] or "누군가" in body  # in the owner's language
    with app.app_context():
        assert count_users() == 1


def test_a_link_opened_in_another_browser_asks_for_the_password_chosen(web, other_web, app):
    web.post("/signup", signup_form(email="phone@example.com"))
    link = finish_link(app, "phone@example.com")
    page = other_web.get(link)
    assert 'name="password"' in text_of(page)
    r = other_web.post(link, {"password": "not the one chosen"})
    assert r.status_code == 422 and "가입할 때 정한 비밀번호가 아닙니다" in text_of(r)
    with app.app_context():
        assert count_users() == 0
    r = other_web.post(link, {"password": PASSWORD})
    assert r.status_code == 303 and r.location.endswith("/sites/")
    assert other_web.get("/sites/").status_code == 200
    # The link made its account; opening it again only says so.
    again = web.post(link)
    assert again.status_code == 303 and again.location.endswith("/login")
    with app.app_context():
        assert count_users() == 1


def test_an_expired_or_forged_sign_up_link_is_refused(web, app, monkeypatch):
    web.post("/signup", signup_form(email="late@example.com"))
    link = finish_link(app, "late@example.com")
    forged = link[:-8] + ("AAAAAAAA" if not link.endswith("AAAAAAAA") else "BBBBBBBB")
    assert web.get(forged).status_code == 400
    monkeypatch.setattr("app.accounts.operations.SIGN_UP_LINK_MAX_AGE", -1)
    r = web.post(link)
    assert r.status_code == 400 and "24시간" in text_of(r)
    with app.app_context():
        assert count_users() == 0


def test_weak_common_and_overlong_input_is_refused_and_nothing_saved(web, app):
    cases = [
        (signup_form(password="short"), "8자 이상"),
        (signup_form(password="1q2w3e4r"), "너무 흔한"),
        (signup_form(password="password1"), "너무 흔한"),
        (signup_form(password="x" * 129), "128자 이하"),
        (signup_form(email="a" * 250 + "@example.com"), "254자 이하"),
        (signup_form(name="가" * 81), "80자 이하"),
        (signup_form(email="not-an-email"), "올바른 이메일"),
        (signup_form(confirm="something else entirely"), "일치하지 않습니다"),
    ]
    for form, message in cases:
        r = web.post("/signup", form)
        assert r.status_code == 422, form
        assert message in text_of(r), (form, text_of(r)[:2000])
    with app.app_context():
        assert count_users() == 0


def test_password_policy_has_no_composition_rules():
    assert password_problem("바람이 부는 날엔 빵집에 가요") is None
    assert password_problem("all lower case words here") is None
    assert password_problem("aaaaaaaaaa") is not None


def test_wrong_password_and_unknown_email_get_the_same_generic_message(web, other_web):
    web.signup()
    web.logout()
    wrong = other_web.post("/login", {"email": "owner@example.com", "password": "wrong password!"})
    unknown = other_web.post("/login", {"email": "nobody@example.com", "password": PASSWORD})
    assert wrong.status_code == unknown.status_code == 422
    assert "이메일 또는 비밀번호가 올바르지 않습니다" in text_of(wrong)
    assert "이메일 또는 비밀번호가 올바르지 않습니다" in text_of(unknown)


def test_too_many_login_attempts_for_one_account_get_429(web, other_web):
    web.signup()
    for _ in range(5):
        r = other_web.post("/login", {"email": "owner@example.com", "password": "wrong one!!"})
        assert r.status_code == 422
    r = other_web.post("/login", {"email": "owner@example.com", "password": PASSWORD})
    assert r.status_code == 429
    assert "시도 횟수가 너무 많습니다" in text_of(r)
    # Another account from the same address is not locked by this one's limit.
    r = other_web.post("/login", {"email": "someone@example.com", "password": "wrong one!!"})
    assert r.status_code == 422


def test_too_many_login_attempts_from_one_address_get_429(web):
    for i in range(10):
        r = web.post("/login", {"email": f"user{i}@example.com", "password": "wrong one!!"})
        assert r.status_code == 422
    r = web.post("/login", {"email": "user99@example.com", "password": "wrong one!!"})
    assert r.status_code == 429


def test_missing_csrf_token_is_refused_with_a_clear_page(web, app):
    r = web.post("/signup", signup_form(), csrf=False)
    assert r.status_code == 400
    assert "양식이 만료되었습니다" in text_of(r)
    with app.app_context():
        assert count_users() == 0


def test_htmx_sends_csrf_in_a_header(owner):
    r = owner.post("/sites/", {"name": "헤더 토큰"}, htmx=True)
    assert r.status_code == 204 and r.headers["HX-Redirect"].startswith("/sites/")


def test_cross_origin_post_is_refused(owner):
    r = owner.post("/sites/", {"name": "x"}, headers={"Origin": "https://evil.example"})
    assert r.status_code == 403


def test_login_rotates_the_session(web, app):
    web.signup()
    web.logout()
    with web.client.session_transaction() as sess:
        sess["planted"] = "by an attacker"
    web.login()
    with web.client.session_transaction() as sess:
        assert "planted" not in sess
        assert "_user_id" in sess


def test_password_change_ends_every_other_session(app):
    phone, laptop = Web(app.test_client()), Web(app.test_client())
    phone.signup()
    laptop.login()
    assert laptop.get("/sites/").status_code == 200
    r = phone.post(
        "/account/password",
        {
            "current_password": PASSWORD,
            "new_password": "a brand new passphrase",
            "new_password_confirm": "a brand new passphrase",
        },
    )
    assert r.status_code == 303
    assert phone.get("/sites/").status_code == 200  # this device stays logged in
    r = laptop.get("/sites/")
    assert r.status_code == 302 and "/login" in r.location


def test_password_change_needs_the_current_password(owner):
    r = owner.post(
        "/account/password",
        {
            "current_password": "not it at all",
            "new_password": "a brand new passphrase",
            "new_password_confirm": "a brand new passphrase",
        },
    )
    assert r.status_code == 422
    assert "현재 비밀번호가 올바르지 않습니다" in text_of(r)
    owner.logout()
    assert owner.login().status_code == 303  # the old password still works


def test_log_out_everywhere(app):
    a, b = Web(app.test_client()), Web(app.test_client())
    a.signup()
    b.login()
    a.post("/account/sessions/end")
    assert a.get("/sites/").status_code == 302
    assert b.get("/sites/").status_code == 302


def test_idle_session_times_out(owner, app):
    with owner.client.session_transaction() as sess:
        sess["seen_at"] = int(time.time()) - app.config["SESSION_IDLE_TIMEOUT_SECONDS"] - 5
    r = owner.get("/sites/")
    assert r.status_code == 302 and "/login" in r.location


def _mails(app) -> list[email.message.Message]:
    """The password-reset mails sent (sign-up mails are in the same folder)."""
    folder = Path(app.config["MAIL_FILE_DIR"])
    if not folder.exists():
        return []
    mails = [email.message_from_bytes(p.read_bytes())
             for p in sorted(folder.glob("*.eml"), key=lambda p: p.stat().st_mtime_ns)]
    return [m for m in mails if "/password/reset/" in m.get_payload(decode=True).decode()]


def _reset_link(message) -> str:
    body = message.get_payload(decode=True).decode()
    return next(line for line in body.splitlines() if "/password/reset/" in line).strip()


def test_password_reset_by_mail_in_a_background_thread(web, other_web, app):
    web.signup()
    web.logout()
    r = other_web.post("/password/forgot", {"email": "owner@example.com"})
    assert r.status_code == 200 and "링크를 보냈습니다" in text_of(r)
    with app.app_context():
        wait_for_jobs()
    [mail] = _mails(app)
    assert mail["To"] == "owner@example.com"
    link = _reset_link(mail)
    assert link.startswith("http://localhost/password/reset/")  # PUBLIC_URL, not the Host header
    path = link.removeprefix("http://localhost")
    assert other_web.get(path).status_code == 200
    r = other_web.post(
        path,
        {
            "new_password": "the new long passphrase",
            "new_password_confirm": "the new long passphrase",
        },
    )
    assert r.status_code == 303
    assert other_web.login(password="the new long passphrase").status_code == 303
    # The link works once: the password it was made for is gone.
    again = Web(app.test_client()).get(path)
    assert again.status_code == 400 and "더 이상 사용할 수 없습니다" in text_of(again)


def test_password_reset_for_unknown_email_looks_the_same_and_sends_nothing(web, app):
    r = web.post("/password/forgot", {"email": "nobody@example.com"})
    assert r.status_code == 200 and "링크를 보냈습니다" in text_of(r)
    with app.app_context():
        wait_for_jobs()
    assert _mails(app) == []


def test_reset_with_a_common_password_is_refused(web, other_web, app):
    web.signup()
    other_web.post("/password/forgot", {"email": "owner@example.com"})
    with app.app_context():
        wait_for_jobs()
    path = _reset_link(_mails(app)[0]).removeprefix("http://localhost")
    r = other_web.post(path, {"new_password": "qwer1234", "new_password_confirm": "qwer1234"})
    assert r.status_code == 422 and "너무 흔한" in text_of(r)
    web.logout()
    assert web.login().status_code == 303  # old password unchanged


def test_settings_switch_language_and_time_zone(owner, app):
    r = owner.post("/account/", {"display_name": "Kim", "locale": "en", "timezone": "Asia/Tokyo"})
    assert r.status_code == 303
    page = owner.get("/account/")
    assert 'lang="en"' in text_of(page) and "Time zone" in text_of(page)
    with app.app_context():
        user = db.session.scalar(select(User))
        assert (user.locale, user.timezone, user.display_name) == ("en", "Asia/Tokyo", "Kim")


def test_settings_refuse_unknown_time_zone_and_language(owner, app):
    r = owner.post("/account/", {"display_name": "Kim", "locale": "ko", "timezone": "Mars/Base"})
    assert r.status_code == 422 and "시간대" in text_of(r)
    r = owner.post("/account/", {"display_name": "Kim", "locale": "xx", "timezone": "Asia/Seoul"})
    assert r.status_code == 422
    with app.app_context():
        assert db.session.scalar(select(User)).display_name == "사장님"


def test_language_switcher_works_before_login(web):
    web.get("/login")
    r = web.post("/language", {"locale": "ja", "next": "/login"})
    assert r.status_code == 303 and r.location == "/login"
    assert "ログイン" in text_of(web.get("/login"))
    r = web.post("/language", {"locale": "en", "next": "https://evil.example/"})
    assert r.location == "/"  # no open redirect


def test_roles_are_enforced_by_one_decorator(app, web):
    from app.accounts.operations import find_user_by_email, grant_role

    app.add_url_rule("/_probe/admin", "probe_admin", role_required("admin")(lambda: "admin ok"))
    app.add_url_rule(
        "/_probe/designer", "probe_designer", role_required("designer")(lambda: "designer ok")
    )
    web.signup()
    assert web.get("/_probe/admin").status_code == 404
    assert web.get("/_probe/designer").status_code == 404
    with app.app_context():
        grant_role(find_user_by_email("owner@example.com"), "designer")
        db.session.commit()
    assert web.get("/_probe/designer").status_code == 200
    assert web.get("/_probe/admin").status_code == 404
    with app.app_context():
        grant_role(find_user_by_email("owner@example.com"), "admin")
        db.session.commit()
    assert web.get("/_probe/admin").status_code == 200
    assert web.get("/_probe/designer").status_code == 200  # admins pass every role check
