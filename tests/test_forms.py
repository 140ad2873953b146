"""Forms on static sites: the public endpoint published forms post to, the notification mail,
and the owner's inbox (list, read, mark, delete, CSV)."""

from __future__ import annotations

import csv
import email
import io
from datetime import timedelta
from email.header import decode_header, make_header
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

import components
from app.db import db, utcnow
from app.editor.tree import clone, make_node
from app.jobs import wait_for_jobs
from app.models import FormSubmission, Page, Site, User
from tests.conftest import Web, text_of
from tests.editor.conftest import make_editor

CONTACT = {
    "f_0": "홍길동",
    "f_1": "010-1234-5678",
    "f_2": "",
    "f_3": "케이크 예약",
    "f_4": "생일 케이크를\n토요일에 찾고 싶어요.",
    "privacy_consent": "yes",
    "website": "",
}
RESERVATION = {
    "name": "김민지",
    "phone": "010-9876-5432",
    "date": "2025-05-05",
    "time": "12:00",
    "party_size": "4",
    "f_0": "유아 의자 하나 부탁드려요",
    "privacy_consent": "yes",
    "website": "",
}


# The forms these tests post to, spelled out (not whatever sample a new block has today).
FORM_PROPS = {
    "contact_form": {
        "heading": "문의하기",
        "fields": [
            {"label": "이름", "kind": "text", "required": True},
            {"label": "연락처", "kind": "tel", "required": True},
            {"label": "이메일", "kind": "email"},
            {"label": "문의 종류", "kind": "select", "required": True,
             "options": "단체 주문, 케이크 예약, 대관, 기타"},
            {"label": "문의 내용", "kind": "textarea", "required": True},
        ],
        "privacy_consent": True,
    },
    "reservation_form": {
        "heading": "예약 문의",
        "time_slots": "11:00, 12:00, 13:00, 14:00, 17:00, 18:00, 19:00",
        "show_party_size": True, "min_party": 1, "max_party": 8,
        "fields": [{"label": "요청 사항", "kind": "textarea"}],
        "privacy_consent": True,
    },
}


class FormSite:
    """A site with one form block on its home page, and a visitor's browser."""

    def __init__(self, owner: Web, app, block_type: str = "contact_form", name="행복한 빵집"):
        self.app = app
        self.editor = make_editor(owner, app, name)
        self.site_id = self.editor.site_id
        [block] = self.editor.insert(block_type)
        self.block_id = block["id"]
        with app.app_context():
            self.slug = db.session.get(Site, self.site_id).slug
            page = db.session.get(Page, self.editor.page_id)
            tree = clone(page.draft_tree)
            tree["slots"]["children"][0]["props"] = components.get(block_type).validate_props(
                FORM_PROPS[block_type])
            page.draft_tree = tree
            db.session.commit()
        self.origin = app.config["SITES_URL"].format(slug=self.slug).rstrip("/")
        self.visitor = app.test_client()

    def post(self, data: dict, referer: str | None = "/", origin: str | None = "", **kw):
        """Posts as a published page would: Origin and Referer are the site's unless given."""
        headers = kw.pop("headers", {})
        if origin is not None:
            headers["Origin"] = origin or self.origin
        if referer is not None:
            headers["Referer"] = referer if referer.startswith("http") else self.origin + referer
        body = {"block_id": self.block_id, "form_kind": "contact", **data}
        return self.visitor.post(f"/f/{self.site_id}", data=body, headers=headers, **kw)

    def submissions(self) -> list[FormSubmission]:
        with self.app.app_context():
            rows = db.session.scalars(select(FormSubmission).order_by(FormSubmission.id)).all()
            for row in rows:
                db.session.expunge(row)
            return list(rows)

    def set_locale(self, locale: str) -> None:
        with self.app.app_context():
            db.session.get(Site, self.site_id).locale = locale
            db.session.commit()


@pytest.fixture
def form_site(owner, app) -> FormSite:
    return FormSite(owner, app)


def mails(app) -> list[email.message.Message]:
    """The mails sent, less the owner's sign-up link (the fixture signed up by mail)."""
    folder = Path(app.config["MAIL_FILE_DIR"])
    sent = [email.message_from_bytes(p.read_bytes()) for p in sorted(folder.glob("*.eml"))]
    return [m for m in sent if b"/signup/finish/" not in m.get_payload(decode=True)]


def subject_of(message) -> str:
    return str(make_header(decode_header(message["Subject"])))


def add_submissions(app, site_id: int, count: int, **extra) -> list[int]:
    with app.app_context():
        rows = [
            FormSubmission(site_id=site_id, block_id="b0000000001", kind="contact",
                           page_path="/",
                           fields=[["이름", f"손님 {i}"], ["문의 내용", "안녕하세요"]], **extra)
            for i in range(count)
        ]
        db.session.add_all(rows)
        db.session.commit()
        return [r.id for r in rows]


# --- the public endpoint -----------------------------------------------------------------------


def test_a_published_contact_form_is_stored_with_its_labels_and_goes_back_to_the_page(
    form_site, app
):
    r = form_site.post(CONTACT, referer="/")
    assert r.status_code == 303
    assert r.location == f"{form_site.origin}/#ww-{form_site.block_id}-sent"
    assert "Set-Cookie" not in r.headers
    [sub] = form_site.submissions()
    assert (sub.site_id, sub.block_id, sub.kind, sub.page_path) == (
        form_site.site_id, form_site.block_id, "contact", "/")
    assert sub.fields == [
        ["이름", "홍길동"],
        ["연락처", "010-1234-5678"],
        ["이메일", ""],
        ["문의 종류", "케이크 예약"],
        ["문의 내용", "생일 케이크를\n토요일에 찾고 싶어요."],
        ["개인정보 수집·이용에 동의합니다", "예"],
    ]
    assert sub.read_at is None


def test_the_owner_gets_a_mail_with_the_answers_and_a_link_to_the_inbox(form_site, app):
    form_site.post(CONTACT)
    with app.app_context():
        wait_for_jobs()
    [sub] = form_site.submissions()
    [mail] = [m for m in mails(app) if "행복한 빵집" in subject_of(m)]
    assert mail["To"] == "owner@example.com"
    body = mail.get_payload(decode=True).decode()
    assert "홍길동" in body and "010-1234-5678" in body and "케이크 예약" in body
    assert f"http://localhost/sites/{form_site.site_id}/inbox/{sub.id}" in body


def test_the_mail_is_in_the_owners_language(form_site, app):
    with app.app_context():
        db.session.scalar(select(User)).locale = "en"
        db.session.commit()
    form_site.post(CONTACT)
    with app.app_context():
        wait_for_jobs()
    [mail] = [m for m in mails(app) if "행복한 빵집" in subject_of(m)]
    assert subject_of(mail) == "New message on 행복한 빵집"
    assert "Open it in your inbox" in mail.get_payload(decode=True).decode()


def test_a_reservation_form_stores_the_fixed_fields_with_korean_labels(owner, app):
    site = FormSite(owner, app, "reservation_form")
    r = site.post({**RESERVATION, "form_kind": "reservation"}, referer="/?from=insta")
    assert r.status_code == 303
    assert r.location == f"{site.origin}/?from=insta#ww-{site.block_id}-sent"
    [sub] = site.submissions()
    assert sub.kind == "reservation"
    assert sub.fields == [
        ["이름", "김민지"],
        ["연락처", "010-9876-5432"],
        ["방문 날짜", "2025-05-05"],
        ["방문 시간", "12:00"],
        ["인원", "4"],
        ["요청 사항", "유아 의자 하나 부탁드려요"],
        ["개인정보 수집·이용에 동의합니다", "예"],
    ]
    with app.app_context():
        wait_for_jobs()
    assert any(subject_of(m) == "행복한 빵집에 새 예약 요청이 있습니다" for m in mails(app))


def test_a_party_size_outside_the_range_is_refused(owner, app):
    site = FormSite(owner, app, "reservation_form")
    r = site.post({**RESERVATION, "party_size": "40"})
    assert r.status_code == 400
    assert "1명에서 8명 사이" in text_of(r)
    assert site.submissions() == []


def test_a_form_on_another_page_goes_back_to_that_page(form_site, app):
    with app.app_context():
        node = make_node("contact_form", FORM_PROPS["contact_form"])
        tree = {"id": "root", "type": "page", "props": {}, "slots": {"children": [node]}}
        db.session.add(Page(site_id=form_site.site_id, path="/contact", title="문의",
                            position=1, draft_tree=tree))
        db.session.commit()
    form_site.block_id = node["id"]
    # Published pages send only their origin to other origins (strict-origin-when-cross-origin).
    r = form_site.post(CONTACT, referer="/")
    assert r.location == f"{form_site.origin}/contact/#ww-{node['id']}-sent"
    # With the full address, that is where the visitor goes back to.
    r = form_site.post(CONTACT, referer="/contact/?utm=x")
    assert r.location == f"{form_site.origin}/contact/?utm=x#ww-{node['id']}-sent"
    # No Referer at all: the Origin header and the block's page.
    r = form_site.post(CONTACT, referer=None)
    assert r.location == f"{form_site.origin}/contact/#ww-{node['id']}-sent"
    assert [s.page_path for s in form_site.submissions()] == ["/contact/", "/contact/",
                                                               "/contact/"]


def test_a_post_from_elsewhere_lands_on_the_platforms_thank_you_page(form_site, app):
    r = form_site.post(CONTACT, referer="https://evil.example/phish", origin="https://evil.example")
    assert r.status_code == 303
    assert r.location == f"/f/{form_site.site_id}/thanks?block={form_site.block_id}"
    assert "evil" not in r.location
    assert len(form_site.submissions()) == 1  # stored all the same: the answers are real
    page = form_site.visitor.get(r.location)
    body = text_of(page)
    assert page.status_code == 200 and '<html lang="ko">' in body
    assert "문의가 접수되었습니다. 곧 연락드릴게요." in body  # the block's own message
    assert f'href="{form_site.origin}/"' in body


def test_the_thank_you_page_is_in_the_sites_language(form_site):
    form_site.set_locale("ja")
    page = form_site.visitor.get(f"/f/{form_site.site_id}/thanks",
                                 headers={"Accept-Language": "en"})
    assert '<html lang="ja">' in text_of(page)
    assert "ありがとうございます" in text_of(page)


def test_the_honeypot_looks_successful_but_keeps_nothing(form_site, app):
    r = form_site.post({**CONTACT, "website": "http://spam.example"})
    assert r.status_code == 303
    assert r.location == f"{form_site.origin}/#ww-{form_site.block_id}-sent"
    assert form_site.submissions() == []
    with app.app_context():
        wait_for_jobs()
    assert mails(app) == []


@pytest.mark.parametrize("missing", ["f_0", "f_3", "f_4"])
def test_a_missing_required_answer_is_a_friendly_page_in_korean(form_site, missing):
    r = form_site.post({**CONTACT, missing: "  "}, headers={"Accept-Language": "en"})
    body = text_of(r)
    assert r.status_code == 400
    assert '<html lang="ko">' in body
    label = {"f_0": "이름", "f_3": "문의 종류", "f_4": "문의 내용"}[missing]
    assert f"“{label}”" in body
    assert "아직 전송되지 않았습니다" in body
    assert "뒤로" in body  # how to get back without losing what was typed
    assert f'href="{form_site.origin}/#ww-{form_site.block_id}-title"' in body
    assert "<script" not in body
    assert form_site.submissions() == []


def test_missing_privacy_consent_is_refused(form_site):
    data = {k: v for k, v in CONTACT.items() if k != "privacy_consent"}
    r = form_site.post(data)
    assert r.status_code == 400
    assert "“개인정보 수집·이용에 동의합니다”" in text_of(r)
    assert form_site.submissions() == []


@pytest.mark.parametrize(
    ("locale", "expected"),
    [("en", "Your message has not been sent yet."), ("ja", "まだ送信されていません")],
)
def test_refusals_follow_the_sites_language_not_the_browsers(form_site, locale, expected):
    form_site.set_locale(locale)
    r = form_site.post({**CONTACT, "f_0": ""}, headers={"Accept-Language": "ko"})
    assert r.status_code == 400
    body = text_of(r)
    assert f'<html lang="{locale}">' in body and expected in body


def test_too_long_and_too_many_answers_are_refused(form_site):
    r = form_site.post({**CONTACT, "f_4": "가" * 2001})
    assert r.status_code == 400 and "2000" in text_of(r)
    extra = {f"x_{i}": "a" for i in range(40)}
    r = form_site.post({**CONTACT, **extra})
    assert r.status_code == 400
    assert form_site.submissions() == []


def test_an_oversized_post_is_413(form_site):
    r = form_site.post({**CONTACT, "f_4": "x" * (70 * 1024)})
    assert r.status_code == 413
    assert "<html" in text_of(r) and "<script" not in text_of(r)
    assert form_site.submissions() == []


def test_an_unknown_block_is_400(form_site):
    r = form_site.post({**CONTACT, "block_id": "bffffffffff"})
    assert r.status_code == 400
    r = form_site.post({**CONTACT, "block_id": "../../etc"})
    assert r.status_code == 400
    assert form_site.submissions() == []


def test_a_block_that_is_not_a_form_is_400(form_site):
    [_, hero] = form_site.editor.insert("hero")
    r = form_site.post({**CONTACT, "block_id": hero["id"]})
    assert r.status_code == 400


def test_a_deleted_or_missing_site_is_404(form_site, owner):
    assert form_site.visitor.post("/f/999999", data=CONTACT).status_code == 404
    owner.post(f"/sites/{form_site.site_id}/delete")
    r = form_site.post(CONTACT)
    assert r.status_code == 404
    assert form_site.visitor.get(f"/f/{form_site.site_id}/thanks").status_code == 404
    assert form_site.submissions() == []


def test_too_many_posts_from_one_address_are_429_in_the_sites_language(form_site):
    for _ in range(10):
        assert form_site.post({**CONTACT, "website": "bot"}).status_code == 303
    r = form_site.post(CONTACT, headers={"Accept-Language": "en"})
    assert r.status_code == 429
    body = text_of(r)
    assert '<html lang="ko">' in body and "몇 분 뒤" in body
    assert form_site.submissions() == []


def test_too_many_posts_to_one_site_are_429(make_app):
    app = make_app(FORMS_RATE_LIMIT_SITE="3 per hour")
    owner = Web(app.test_client())
    owner.signup()
    site = FormSite(owner, app)
    for n in range(3):
        r = site.post(CONTACT, environ_base={"REMOTE_ADDR": f"10.0.0.{n + 1}"})
        assert r.status_code == 303
    r = site.post(CONTACT, environ_base={"REMOTE_ADDR": "10.0.0.9"})
    assert r.status_code == 429
    assert len(site.submissions()) == 3


def test_cors_answers_only_the_sites_own_origin(form_site, owner, app):
    url = f"/f/{form_site.site_id}"
    r = form_site.visitor.options(url, headers={"Origin": form_site.origin,
                                                "Access-Control-Request-Method": "POST"})
    assert r.status_code == 204
    assert r.headers["Access-Control-Allow-Origin"] == form_site.origin
    assert "POST" in r.headers["Access-Control-Allow-Methods"]
    assert "Origin" in r.headers["Vary"]
    other = make_editor(owner, app, "남의 가게")
    with app.app_context():
        other_origin = app.config["SITES_URL"].format(slug=db.session.get(Site, other.site_id).slug)
    for foreign in ("https://evil.example", other_origin, "null"):
        r = form_site.visitor.options(url, headers={"Origin": foreign})
        assert "Access-Control-Allow-Origin" not in r.headers
        r = form_site.post(CONTACT, origin=foreign)
        assert "Access-Control-Allow-Origin" not in r.headers
        assert "Origin" in r.headers["Vary"]
    r = form_site.post(CONTACT)
    assert r.headers["Access-Control-Allow-Origin"] == form_site.origin
    assert "*" not in r.headers.get("Access-Control-Allow-Origin", "")


def test_the_endpoint_works_without_a_csrf_token_or_session(form_site):
    # A static page has neither: the post is plain HTML, no JavaScript, no cookies.
    assert form_site.visitor.get_cookie("ww_session") is None
    r = form_site.post(CONTACT)
    assert r.status_code == 303 and len(form_site.submissions()) == 1


# --- the inbox ---------------------------------------------------------------------------------


def test_the_site_page_links_to_the_inbox_with_the_unread_count(form_site, owner):
    body = text_of(owner.get(f"/sites/{form_site.site_id}"))
    assert f"/sites/{form_site.site_id}/inbox" in body and "안 읽음" not in body
    form_site.post(CONTACT)
    form_site.post({**CONTACT, "f_0": "이몽룡"})
    assert "2개 안 읽음" in text_of(owner.get(f"/sites/{form_site.site_id}"))


def test_the_inbox_lists_newest_first_and_marks_unread(form_site, owner):
    form_site.post(CONTACT)
    form_site.post({**CONTACT, "f_0": "이몽룡"})
    r = owner.get(f"/sites/{form_site.site_id}/inbox")
    body = text_of(r)
    assert r.status_code == 200 and "<html" in body
    assert body.index("이몽룡") < body.index("홍길동")
    assert body.count('class="is-unread"') == 2
    assert "2개 안 읽음" in body
    fragment = owner.get(f"/sites/{form_site.site_id}/inbox", htmx=True)
    assert fragment.status_code == 200 and "<html" not in text_of(fragment)
    assert 'id="inbox"' in text_of(fragment)


def test_an_empty_inbox_says_what_will_appear_there(form_site, owner):
    body = text_of(owner.get(f"/sites/{form_site.site_id}/inbox"))
    assert "아직 받은 메시지가 없습니다" in body


def test_the_inbox_pages_by_fifty(form_site, owner, app):
    add_submissions(app, form_site.site_id, 51)
    first = text_of(owner.get(f"/sites/{form_site.site_id}/inbox"))
    assert first.count('data-testid="submission-') == 50
    assert "page=2" in first
    second = owner.get(f"/sites/{form_site.site_id}/inbox?page=2", htmx=True)
    assert text_of(second).count('data-testid="submission-') == 1
    assert "<html" not in text_of(second)
    # Out of range: the last page.
    assert text_of(owner.get(f"/sites/{form_site.site_id}/inbox?page=99")).count(
        'data-testid="submission-') == 1


def test_opening_a_message_marks_it_read(form_site, owner):
    form_site.post(CONTACT)
    [sub] = form_site.submissions()
    r = owner.get(f"/sites/{form_site.site_id}/inbox/{sub.id}")
    body = text_of(r)
    assert r.status_code == 200 and "<html" in body
    assert "홍길동" in body and "생일 케이크를\n토요일에 찾고 싶어요." in body
    assert form_site.submissions()[0].read_at is not None
    fragment = owner.get(f"/sites/{form_site.site_id}/inbox/{sub.id}", htmx=True)
    assert "<html" not in text_of(fragment) and "홍길동" in text_of(fragment)


def test_visitor_answers_are_escaped_in_the_inbox(form_site, owner):
    form_site.post({**CONTACT, "f_0": "<script>alert(1)</script>"})
    [sub] = form_site.submissions()
    for url in (f"/sites/{form_site.site_id}/inbox", f"/sites/{form_site.site_id}/inbox/{sub.id}"):
        body = text_of(owner.get(url))
        assert "<script>alert(1)</script>" not in body
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body


def test_mark_read_and_unread_with_and_without_htmx(form_site, owner):
    form_site.post(CONTACT)
    [sub] = form_site.submissions()
    base = f"/sites/{form_site.site_id}/inbox/{sub.id}"
    r = owner.post(f"{base}/read")
    assert r.status_code == 303 and r.location == f"/sites/{form_site.site_id}/inbox"
    assert form_site.submissions()[0].read_at is not None
    r = owner.post(f"{base}/unread", htmx=True)
    assert r.status_code == 204
    assert r.headers["HX-Redirect"] == f"/sites/{form_site.site_id}/inbox"
    assert form_site.submissions()[0].read_at is None
    r = owner.post(f"{base}/read", {"page": "2"}, htmx=True)
    assert r.headers["HX-Redirect"] == f"/sites/{form_site.site_id}/inbox?page=2"
    assert owner.post(f"{base}/read", csrf=False).status_code == 400  # CSRF still applies


def test_delete_asks_first_then_removes_the_message(form_site, owner):
    form_site.post(CONTACT)
    form_site.post({**CONTACT, "f_0": "이몽룡"})
    first, second = form_site.submissions()
    base = f"/sites/{form_site.site_id}/inbox"
    confirm = owner.get(f"{base}/{first.id}/delete")
    assert confirm.status_code == 200 and "<html" in text_of(confirm)
    assert "홍길동" in text_of(confirm) and f"{base}/{first.id}/delete" in text_of(confirm)
    fragment = owner.get(f"{base}/{first.id}/delete", htmx=True)
    assert "<html" not in text_of(fragment) and 'id="submission"' in text_of(fragment)
    assert [s.id for s in form_site.submissions()] == [first.id, second.id]  # GET changes nothing
    r = owner.post(f"{base}/{first.id}/delete")
    assert r.status_code == 303 and r.location == base
    r = owner.post(f"{base}/{second.id}/delete", htmx=True)
    assert r.status_code == 204 and r.headers["HX-Redirect"] == base
    assert form_site.submissions() == []
    assert owner.get(f"{base}/{first.id}").status_code == 404


def test_csv_export_opens_in_excel_with_korean_intact(form_site, owner, app):
    form_site.post(CONTACT)
    form_site.post({**CONTACT, "f_0": "=HYPERLINK(\"http://evil\")", "f_2": "a@b.kr"})
    r = owner.get(f"/sites/{form_site.site_id}/inbox/export.csv")
    assert r.status_code == 200
    assert r.mimetype == "text/csv"
    assert "attachment" in r.headers["Content-Disposition"]
    assert r.data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(r.data.decode("utf-8-sig"))))
    assert rows[0] == ["받은 시각", "양식", "페이지", "이름", "연락처", "이메일", "문의 종류",
                       "문의 내용", "개인정보 수집·이용에 동의합니다"]
    assert len(rows) == 3
    newest, oldest = rows[1], rows[2]
    assert newest[3] == "'=HYPERLINK(\"http://evil\")"  # never a formula in Excel
    assert newest[5] == "a@b.kr"
    assert oldest[3] == "홍길동" and oldest[7] == "생일 케이크를\n토요일에 찾고 싶어요."
    assert oldest[1] == "문의 양식" and oldest[2] == "/"
    with app.app_context():
        created = db.session.scalar(select(FormSubmission.created_at).order_by(
            FormSubmission.id))
    assert oldest[0] == created.astimezone(ZoneInfo("Asia/Seoul")).strftime("%Y-%m-%d %H:%M")


def test_csv_columns_are_the_union_of_labels(form_site, owner, app):
    with app.app_context():
        db.session.add_all([
            FormSubmission(site_id=form_site.site_id, block_id="b1", kind="contact",
                           fields=[["이름", "가"], ["메모", "첫째"]],
                           created_at=utcnow() - timedelta(hours=1)),
            FormSubmission(site_id=form_site.site_id, block_id="b2", kind="reservation",
                           fields=[["이름", "나"], ["인원", "3"]], created_at=utcnow()),
        ])
        db.session.commit()
    rows = list(csv.reader(io.StringIO(
        owner.get(f"/sites/{form_site.site_id}/inbox/export.csv").data.decode("utf-8-sig"))))
    assert rows[0][3:] == ["이름", "인원", "메모"]
    assert rows[1][1:] == ["예약", "", "나", "3", ""]
    assert rows[2][1:] == ["문의 양식", "", "가", "", "첫째"]


def test_the_inbox_needs_a_login(form_site, app):
    stranger = app.test_client()
    r = stranger.get(f"/sites/{form_site.site_id}/inbox")
    assert r.status_code in (302, 303) and "/login" in r.location


def test_another_tenants_inbox_and_messages_are_404(form_site, owner, other_web, app):
    form_site.post(CONTACT)
    [mine] = form_site.submissions()
    other_web.signup(email="intruder@example.com")
    theirs = make_editor(other_web, app, "남의 가게").site_id
    rules = [r for r in app.url_map.iter_rules() if r.endpoint.startswith("inbox.")]
    assert len(rules) == 7
    checked = 0
    for site_id in (form_site.site_id, theirs):
        for rule in rules:
            url = rule.build({"site_id": site_id, "submission_id": mine.id})[1]
            if site_id == theirs and "submission_id" not in rule.arguments:
                continue  # their own inbox is theirs to see
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                if method == "GET":
                    r = other_web.get(url)
                    h = other_web.get(url, htmx=True)
                    assert h.status_code == 404, (method, url)
                else:
                    r = other_web.post(url, {"page": "1"})
                assert r.status_code == 404, (method, url)
                checked += 1
    assert checked >= 12
    [still] = form_site.submissions()
    assert still.read_at is None
    assert "홍길동" not in text_of(other_web.get(f"/sites/{theirs}/inbox"))
    assert "홍길동" not in text_of(other_web.get(f"/sites/{theirs}/inbox/export.csv"))
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(FormSubmission)) == 1
