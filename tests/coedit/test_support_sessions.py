"""Support sessions: consent with a 6-digit code, the agent working through the session (never
as the owner), time box, end, chat, audit and undo of the agent's changes."""

from __future__ import annotations

import io
import re
import time
from datetime import timedelta

import httpx
import pytest
from PIL import Image
from sqlalchemy import func, select

from app.db import db, utcnow
from app.models import ChatMessage, Page, PageOp, SupportEvent, SupportSession, User, UserRole
from tests.coedit.live_client import Tab
from tests.coedit.test_live_stream import first_block, insert


def grant(app, email: str, role: str) -> None:
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == email))
        db.session.add(UserRole(user_id=user.id, role=role))
        db.session.commit()


def make_agent(editing, email="agent@example.com", name="김지원") -> Tab:
    agent = Tab(editing.base)
    agent.signup(email, name)
    grant(editing.app, email, "support")
    agent._token_from(agent.http.get("/support/").text)
    return agent


def start_help(editing) -> tuple[int, str]:
    r = editing.owner.post(f"/sites/{editing.site_id}/support")
    assert r.status_code == 200, r.text[:300]
    code = re.search(r'data-testid="support-code">(\d{3}) (\d{3})<', r.text)
    assert code, r.text
    with editing.app.app_context():
        session_id = db.session.scalar(select(SupportSession.id))
    return session_id, code.group(1) + code.group(2)


def join(agent: Tab, code: str):
    return agent.http.post("/support/join", data={"code": code, "csrf_token": agent.token})


def active_session(editing) -> tuple[Tab, int]:
    """An agent inside an accepted session on the owner's site."""
    agent = make_agent(editing)
    session_id, code = start_help(editing)
    assert join(agent, code).status_code == 303
    r = editing.owner.post(f"/sites/{editing.site_id}/support/{session_id}/accept")
    assert r.status_code == 200
    return agent, session_id


def status_of(editing, session_id: int) -> str:
    with editing.app.app_context():
        return db.session.get(SupportSession, session_id).status


def test_owner_gives_a_code_agent_enters_it_owner_sees_the_name_and_accepts(editing):
    agent = make_agent(editing)
    editing.owner.listen(editing.events)
    session_id, code = start_help(editing)
    r = join(agent, code)
    assert r.status_code == 303
    assert r.headers["location"].endswith(f"/support/sessions/{session_id}")
    # The owner's editor shows who wants to join, with Accept / Decline.
    event = editing.owner.wait_for("support")
    assert "김지원" in event.data and 'data-testid="support-accept"' in event.data
    # Before consent the agent cannot open the editor.
    assert agent.http.get(editing.editor).status_code == 404
    r = editing.owner.post(f"/sites/{editing.site_id}/support/{session_id}/accept")
    assert "김지원" in r.text and status_of(editing, session_id) == "active"
    r = agent.http.get(f"/support/sessions/{session_id}")
    assert r.status_code == 302 and f"/sites/{editing.site_id}/editor" in r.headers["location"]
    page = agent.http.get(editing.editor)
    assert page.status_code == 200 and 'data-testid="support-banner"' in page.text
    assert "사장님" in page.text  # "you are helping 사장님"
    with editing.app.app_context():
        kinds = [e.kind for e in db.session.scalars(select(SupportEvent).order_by(
            SupportEvent.id))]
    assert kinds == ["start", "join", "accept"]


def test_a_wrong_or_expired_code_is_refused_with_a_clear_message(editing):
    agent = make_agent(editing)
    r = join(agent, "12")
    assert r.status_code == 422 and "6자리" in r.text
    session_id, code = start_help(editing)
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    r = join(agent, wrong)
    assert r.status_code == 422 and "만료" in r.text
    with editing.app.app_context():
        row = db.session.get(SupportSession, session_id)
        row.code_expires_at = utcnow() - timedelta(seconds=1)
        db.session.commit()
    r = join(agent, code)
    assert r.status_code == 422 and "만료" in r.text
    assert status_of(editing, session_id) == "waiting"


def test_only_support_agents_can_join(editing):
    person = Tab(editing.base)
    person.signup("person@example.com", "일반인")
    assert person.http.get("/support/").status_code == 404
    r = person.http.post("/support/join", data={"code": "123456", "csrf_token": person.token})
    assert r.status_code == 404


def test_the_agents_ops_are_tagged_with_the_session_and_reach_the_owner(editing):
    agent, session_id = active_session(editing)
    editing.owner.listen(editing.events)
    agent.seq = 0
    r = agent.post(f"{editing.editor}/ops", {"kind": "insert", "type": "heading"})
    assert r.status_code == 200, r.text[:300]
    assert editing.owner.wait_for("op").id == 1
    with editing.app.app_context():
        row = db.session.scalar(select(PageOp))
        agent_id = db.session.scalar(select(User.id).where(User.email == "agent@example.com"))
        assert (row.support_session_id, row.actor_id) == (session_id, agent_id)


@pytest.mark.parametrize("path", [
    "/sites/{site}/publish/", "/sites/{site}/publish/settings", "/sites/{site}",
    "/sites/{site}/settings", "/sites/{site}/inbox/", "/account/settings",
])
def test_the_agent_cannot_open_anything_but_the_editor(editing, path):
    agent, _session = active_session(editing)
    r = agent.http.get(path.format(site=editing.site_id))
    if path == "/account/settings":  # the agent's own account, never the owner's
        assert "owner@example.com" not in r.text
    else:
        assert r.status_code == 404


def test_the_agent_cannot_publish_or_change_site_settings(editing):
    from app.models import Deployment

    agent, _session = active_session(editing)
    for path in (f"/sites/{editing.site_id}/delete", f"/sites/{editing.site_id}/theme",
                 f"/sites/{editing.site_id}/publish/settings"):
        r = agent.http.post(path, data={"csrf_token": agent.token},
                            headers={"X-CSRFToken": agent.token})
        assert r.status_code in (404, 405), path
    # Publishing needs the owner's permission for this session: refused, and says why.
    r = agent.post(f"/sites/{editing.site_id}/publish", {})
    assert r.status_code == 403 and 'data-testid="publish-not-allowed"' in r.text
    assert "게시를 허용하지 않았습니다" in r.text
    assert agent.http.get(f"/sites/{editing.site_id}/publish/support").status_code == 403
    with editing.app.app_context():
        assert db.session.scalar(select(Deployment.id)) is None
    page = agent.http.get(editing.editor).text
    assert 'data-testid="go-publish"' not in page and 'data-testid="get-help"' not in page
    assert 'data-testid="agent-publish"' not in page


def _hide_settings_in_target(editing) -> None:
    """Provider details only the owner may see (the local provider ignores them)."""
    from app.models import PublishTarget, Site

    with editing.app.app_context():
        site = db.session.get(Site, editing.site_id)
        db.session.add(PublishTarget(site_id=site.id, provider="local",
                                     settings={"account_id": "acct-hidden-4242",
                                               "project": "proj-hidden-7781"},
                                     token_hint="Qz9T"))
        db.session.commit()


def _wait_for_deployment(editing, deployment_id: int):
    import time

    from app.models import Deployment

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        with editing.app.app_context():
            d = db.session.get(Deployment, deployment_id)
            if d.state in ("live", "ready", "failed"):
                return d
        time.sleep(0.1)
    raise AssertionError("the publish did not finish")


def test_the_owner_allows_publishing_for_this_session_and_can_take_it_back(editing):
    from app.models import Deployment

    _hide_settings_in_target(editing)
    insert(editing.owner, editing)
    agent, session_id = active_session(editing)
    agent.listen(editing.events)
    base = f"/sites/{editing.site_id}/support/{session_id}"
    r = editing.owner.post(f"{base}/allow-publish")
    assert r.status_code == 200 and 'data-testid="support-stop-publish"' in r.text
    # The agent's banner updates live and now offers Publish.
    banner = agent.wait_for("support")
    assert 'data-testid="agent-publish"' in banner.data
    hidden = ("acct-hidden-4242", "proj-hidden-7781", "Qz9T", "/publish/settings",
              "owner@example.com", "/publish/history")
    pages = [agent.http.get(editing.editor).text,
             agent.http.get(f"/sites/{editing.site_id}/publish/support",
                            headers={"HX-Request": "true"}).text]
    assert 'data-testid="agent-publish"' in pages[0]
    assert 'data-testid="agent-publish-now"' in pages[1]
    r = agent.post(f"/sites/{editing.site_id}/publish", {})
    assert r.status_code == 200 and 'data-testid="deploy-progress"' in r.text
    pages.append(r.text)
    with editing.app.app_context():
        deployment_id = db.session.scalar(select(Deployment.id))
    done = _wait_for_deployment(editing, deployment_id)
    assert done.state == "live", done.error
    progress = agent.http.get(f"/sites/{editing.site_id}/publish/deployments/{deployment_id}",
                              headers={"HX-Request": "true"})
    assert progress.status_code == 200 and "data-state=\"live\"" in progress.text
    pages.append(progress.text)
    for html in pages:
        for secret in hidden:
            assert secret not in html
    # The owner's pages (settings, history) stay closed even with the permission.
    for path in ("/sites/{site}/publish", "/sites/{site}/publish/settings",
                 "/sites/{site}/publish/history",
                 f"/sites/{{site}}/publish/deployments/{deployment_id}"):
        assert agent.http.get(path.format(site=editing.site_id)).status_code == 404, path
    with editing.app.app_context():
        agent_id = db.session.scalar(select(User.id).where(User.email == "agent@example.com"))
        assert db.session.get(Deployment, deployment_id).created_by_id == agent_id
        events = db.session.scalars(select(SupportEvent).where(
            SupportEvent.session_id == session_id).order_by(SupportEvent.id)).all()
        assert [e.kind for e in events][-2:] == ["grant_publish", "publish"]
        assert events[-1].detail == {"deployment_id": deployment_id}
    # The owner takes the permission back: the next publish is refused.
    r = editing.owner.post(f"{base}/stop-publish")
    assert r.status_code == 200 and 'data-testid="support-allow-publish"' in r.text
    r = agent.post(f"/sites/{editing.site_id}/publish", {})
    assert r.status_code == 403 and 'data-testid="publish-not-allowed"' in r.text
    # A new session starts without it.
    editing.owner.post(f"{base}/end")
    with editing.app.app_context():
        assert db.session.scalar(select(func.count(Deployment.id))) == 1
        kinds = db.session.scalars(select(SupportEvent.kind).where(
            SupportEvent.session_id == session_id)).all()
        assert "revoke_publish" in kinds
    r = agent.post(f"/sites/{editing.site_id}/publish", {})
    assert r.status_code == 403 and 'data-testid="support-ended"' in r.text


def test_publishing_can_only_be_allowed_by_the_owner_of_an_active_session(editing):
    agent, session_id = active_session(editing)
    base = f"/sites/{editing.site_id}/support/{session_id}"
    # The agent cannot grant it to themselves (the owner's routes are the site's members').
    r = agent.post(f"{base}/allow-publish")
    assert r.status_code == 404
    editing.owner.post(f"{base}/end")
    r = editing.owner.post(f"{base}/allow-publish")
    assert r.status_code == 409 and "종료" in r.text
    with editing.app.app_context():
        assert db.session.get(SupportSession, session_id).can_publish is False


def test_ending_the_session_cuts_the_agents_stream_and_access(editing):
    agent, session_id = active_session(editing)
    agent.listen(editing.events)
    r = editing.owner.post(f"/sites/{editing.site_id}/support/{session_id}/end")
    assert r.status_code == 200
    ended = agent.wait_for("ended")
    assert "종료" in ended.data
    agent.wait_for("closed")
    r = agent.post(f"{editing.editor}/ops", {"kind": "insert", "type": "heading"})
    assert r.status_code == 403 and 'data-testid="support-ended"' in r.text
    assert agent.http.get(editing.editor).status_code == 403
    with editing.app.app_context():
        assert db.session.get(Page, editing.page_id).seq == 0


def test_the_session_expires_by_itself_and_can_be_extended(editing):
    agent, session_id = active_session(editing)
    r = editing.owner.post(f"/sites/{editing.site_id}/support/{session_id}/extend")
    assert r.status_code == 200
    with editing.app.app_context():
        row = db.session.get(SupportSession, session_id)
        assert row.expires_at - row.accepted_at >= timedelta(minutes=90)
        row.expires_at = utcnow() - timedelta(seconds=1)
        db.session.commit()
    r = agent.post(f"{editing.editor}/ops", {"kind": "insert", "type": "heading"})
    assert r.status_code == 403
    assert status_of(editing, session_id) == "expired"
    with editing.app.app_context():
        kinds = [e.kind for e in db.session.scalars(select(SupportEvent).order_by(
            SupportEvent.id))]
    assert kinds[-2:] == ["extend", "expire"]


def test_owner_and_agent_chat_and_messages_are_kept(editing):
    agent, session_id = active_session(editing)
    agent.listen(editing.events)
    r = editing.owner.post(f"/support/sessions/{session_id}/chat",
                           {"body": "메뉴 가격 좀 고쳐 주세요"})
    assert r.status_code == 200
    line = agent.wait_for("chat")
    assert "메뉴 가격 좀 고쳐 주세요" in line.data
    r = agent.post(f"/support/sessions/{session_id}/chat", {"body": "   "})
    assert r.status_code == 422 and "메시지" in r.text
    r = agent.post(f"/support/sessions/{session_id}/chat", {"body": "네, 바로 할게요"})
    assert r.status_code == 200
    with editing.app.app_context():
        assert [m.body for m in db.session.scalars(select(ChatMessage).order_by(
            ChatMessage.id))] == ["메뉴 가격 좀 고쳐 주세요", "네, 바로 할게요"]
    stranger = Tab(editing.base)
    stranger.signup("x@example.com", "x")
    r = stranger.post(f"/support/sessions/{session_id}/chat", {"body": "hi"})
    assert r.status_code == 404


def test_owner_undoes_the_agents_changes_one_by_one_or_all_at_once(editing):
    owner = editing.owner
    insert(owner, editing)
    block = first_block(editing)
    agent, session_id = active_session(editing)
    agent.seq = owner.seq
    base = f"/sites/{editing.site_id}/support/{session_id}"
    assert agent.post(f"{editing.editor}/blocks/{block}/props/text",
                      {"value": "상담원이 고친 제목"}).status_code == 200
    assert agent.post(f"{editing.editor}/ops", {"kind": "insert", "type": "divider"}
                      ).status_code == 200
    assert agent.post(f"{editing.editor}/ops", {"kind": "insert", "type": "heading"}
                      ).status_code == 200
    activity = owner.http.get(f"{base}/activity", headers={"HX-Request": "true"}).text
    assert activity.count('data-testid="agent-op"') == 3
    with editing.app.app_context():
        ops = db.session.scalars(select(PageOp).where(PageOp.support_session_id == session_id)
                                 .order_by(PageOp.seq)).all()
        first_insert = ops[1].id
    r = owner.post(f"{base}/undo", {"op": first_insert})
    assert r.status_code == 200
    with editing.app.app_context():
        kinds = [n["type"] for n in db.session.get(Page, editing.page_id).draft_tree[
            "slots"]["children"]]
    assert kinds == ["heading", "heading"]
    r = owner.post(f"{base}/undo", {"op": "all"})
    assert r.status_code == 200
    with editing.app.app_context():
        tree = db.session.get(Page, editing.page_id).draft_tree
        assert [n["type"] for n in tree["slots"]["children"]] == ["heading"]
        assert tree["slots"]["children"][0]["props"]["text"] != "상담원이 고친 제목"


def test_admins_see_all_support_sessions_and_owners_do_not(editing):
    start_help(editing)
    assert editing.owner.http.get("/admin/support").status_code == 404
    admin = Tab(editing.base)
    admin.signup("admin@example.com", "관리자")
    grant(editing.app, "admin@example.com", "admin")
    r = admin.http.get("/admin/support")
    assert r.status_code == 200 and "행복한 빵집" in r.text


def test_the_agent_changes_theme_settings_through_the_session_and_it_is_logged(editing):
    from app.models import Site

    agent, session_id = active_session(editing)
    editing.owner.listen(editing.events)
    agent.listen(editing.events)
    design = f"/sites/{editing.site_id}/design"
    assert agent.http.get(design, headers={"HX-Request": "true"}).status_code == 200
    r = agent.http.post(design, data={"colors.primary": "#aa2200"},
                        headers={"HX-Request": "true", "X-CSRFToken": agent.token,
                                 "X-Client-Id": agent.client})
    assert r.status_code == 200, r.text[:300]
    # The owner's canvas restyles at once; the agent's tab already has it.
    live = editing.owner.wait_for("design")
    assert 'id="ww-design-css"' in live.data and "#aa2200" in live.data
    time.sleep(0.5)  # what the owner got, the agent would have got by now
    assert not any(e.type == "design" for e in agent.drain())
    with editing.app.app_context():
        assert db.session.get(Site, editing.site_id).theme_settings["colors"]["primary"] == \
            "#aa2200"
        kinds = db.session.scalars(select(SupportEvent.kind).where(
            SupportEvent.session_id == session_id)).all()
        assert "design" in kinds
    editing.owner.post(f"/sites/{editing.site_id}/support/{session_id}/end")
    r = agent.http.post(design, data={"colors.primary": "#00aa22"},
                        headers={"HX-Request": "true", "X-CSRFToken": agent.token})
    assert r.status_code == 403
    with editing.app.app_context():
        assert db.session.get(Site, editing.site_id).theme_settings["colors"]["primary"] == \
            "#aa2200"


def _page_id(editing, title: str) -> int:
    with editing.app.app_context():
        return db.session.scalar(select(Page.id).where(Page.site_id == editing.site_id,
                                                       Page.title == title))


def _pages(editing) -> list[tuple[str, bool]]:
    """The site's live pages in order, as (title, is home)."""
    with editing.app.app_context():
        return [(p.title, p.is_home) for p in db.session.scalars(
            select(Page).where(Page.site_id == editing.site_id, Page.deleted_at.is_(None))
            .order_by(Page.position))]


def _primary(editing) -> str | None:
    from app.models import Site

    with editing.app.app_context():
        return (db.session.get(Site, editing.site_id).theme_settings.get("colors") or {}).get(
            "primary")


def _upload(tab: Tab, site_id: int) -> httpx.Response:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 40, 40)).save(out, "PNG")
    return tab.http.post(f"/sites/{site_id}/assets",
                         files={"file": ("간판.png", out.getvalue(), "image/png")},
                         data={"alt": "간판"},
                         headers={"HX-Request": "true", "X-CSRFToken": tab.token})


def test_the_agents_page_picture_and_design_changes_are_listed_and_undone_all_at_once(editing):
    owner = editing.owner
    pages_url = f"{editing.editor}/pages"
    assert owner.post(pages_url, {"title": "메뉴"}).status_code == 204  # the owner's own
    home = _pages(editing)[0][0]
    agent, session_id = active_session(editing)
    base = f"/sites/{editing.site_id}/support/{session_id}"
    design = f"/sites/{editing.site_id}/design"
    menu = _page_id(editing, "메뉴")
    assert agent.post(pages_url, {"title": "오시는 길"}).status_code == 204
    way = _page_id(editing, "오시는 길")
    assert agent.post(f"{pages_url}/{menu}/rename", {"title": "메뉴판"}).status_code == 200
    assert agent.post(f"{pages_url}/{way}/up").status_code == 200
    assert agent.post(f"{pages_url}/{way}/home").status_code == 200
    assert agent.post(f"{pages_url}/{menu}/delete").status_code == 200
    assert _upload(agent, editing.site_id).status_code == 200
    assert agent.http.post(design, data={"colors.primary": "#aa2200"},
                           headers={"HX-Request": "true", "X-CSRFToken": agent.token}
                           ).status_code == 200
    assert _pages(editing) == [(home, False), ("오시는 길", True)]

    activity = owner.http.get(f"{base}/activity", headers={"HX-Request": "true"}).text
    kinds = re.findall(r'data-testid="agent-op" data-kind="(\w+)"', activity)
    # Newest first; the owner's own page is not the agent's change.
    assert kinds == ["design", "picture_add", "page_delete", "page_home", "page_move",
                     "page_rename", "page_add"]
    assert "간판.png" in activity and "메뉴판" in activity and "오시는 길" in activity
    assert activity.count('data-testid="undo-agent-op"') == 6  # a picture added stays

    agent.listen(editing.events)
    r = owner.post(f"{base}/undo", {"op": "all"})
    assert r.status_code == 200 and "되돌렸습니다" in r.text
    assert r.headers.get("HX-Refresh") == "true"  # the editor reloads to show pages and design
    assert "#aa2200" not in agent.wait_for("design").data  # the agent's canvas follows
    assert _pages(editing) == [(home, True), ("메뉴", False)]
    assert _primary(editing) is None
    with editing.app.app_context():
        from app.models import Asset

        assert db.session.get(Page, way).deleted_at is not None
        assert db.session.scalar(select(func.count(Asset.id))) == 1
        undone = db.session.scalars(select(SupportEvent.kind).where(
            SupportEvent.session_id == session_id, SupportEvent.undone_at.is_not(None))).all()
        assert sorted(undone) == sorted(kinds[:1] + kinds[2:])
    assert 'data-testid="undo-agent-op"' not in r.text


def test_a_change_the_owner_changed_again_is_not_undone_and_the_owner_is_told(editing):
    owner = editing.owner
    agent, session_id = active_session(editing)
    base = f"/sites/{editing.site_id}/support/{session_id}"
    design = f"/sites/{editing.site_id}/design"
    pages_url = f"{editing.editor}/pages"
    assert agent.http.post(design, data={"colors.primary": "#aa2200"},
                           headers={"HX-Request": "true", "X-CSRFToken": agent.token}
                           ).status_code == 200
    assert agent.post(pages_url, {"title": "공지"}).status_code == 204
    page = _page_id(editing, "공지")
    assert agent.post(f"{pages_url}/{page}/rename", {"title": "공지사항"}).status_code == 200
    # The owner changes both again afterwards.
    assert owner.http.post(design, data={"colors.primary": "#0044aa"},
                           headers={"HX-Request": "true", "X-CSRFToken": owner.token}
                           ).status_code == 200
    assert owner.post(f"{pages_url}/{page}/rename", {"title": "알림"}).status_code == 200
    with editing.app.app_context():
        changes = {e.kind: e.id for e in db.session.scalars(select(SupportEvent).where(
            SupportEvent.session_id == session_id))}
    r = owner.post(f"{base}/undo", {"change": changes["design"]})
    assert r.status_code == 200 and "다시 바뀌어" in r.text and "HX-Refresh" not in r.headers
    assert _primary(editing) == "#0044aa"
    r = owner.post(f"{base}/undo", {"change": changes["page_rename"]})
    assert "다시 바뀌어" in r.text and _pages(editing)[-1] == ("알림", False)
    # One by one: undoing the page the agent added still works.
    r = owner.post(f"{base}/undo", {"change": changes["page_add"]})
    assert r.status_code == 200 and "되돌렸습니다" in r.text
    assert [t for t, _home in _pages(editing)] == [_pages(editing)[0][0]]
    # Someone else's session's change is not found here.
    assert owner.post(f"{base}/undo", {"change": 999_999}).status_code == 404
