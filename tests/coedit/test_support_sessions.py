"""Support sessions: consent with a 6-digit code, the agent working through the session (never
as the owner), time box, end, chat, audit and undo of the agent's changes."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

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
    agent, _session = active_session(editing)
    for path in (f"/sites/{editing.site_id}/publish/", f"/sites/{editing.site_id}/delete",
                 f"/sites/{editing.site_id}/theme"):
        r = agent.http.post(path, data={"csrf_token": agent.token},
                            headers={"X-CSRFToken": agent.token})
        assert r.status_code in (404, 405), path
    page = agent.http.get(editing.editor).text
    assert 'data-testid="go-publish"' not in page and 'data-testid="get-help"' not in page


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
    design = f"/sites/{editing.site_id}/design"
    assert agent.http.get(design, headers={"HX-Request": "true"}).status_code == 200
    r = agent.http.post(design, data={"colors.primary": "#aa2200"},
                        headers={"HX-Request": "true", "X-CSRFToken": agent.token})
    assert r.status_code == 200, r.text[:300]
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
