"""Versions of a page (the History drawer): made automatically after a pause in editing and
during long editing, before each publish, by name; never two identical in a row; old automatic
ones thinned. Time is moved with the app's clock, never waited for."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from app.db import db
from app.editor import operations as ops
from app.models import Page, PageRevision
from tests.conftest import text_of
from tests.editor.conftest import make_editor


def versions(editor) -> list[PageRevision]:
    with editor.app.app_context():
        rows = db.session.scalars(select(PageRevision).where(
            PageRevision.page_id == editor.page_id).order_by(PageRevision.seq,
                                                             PageRevision.id)).all()
        for row in rows:
            db.session.expunge(row)
        return rows


def heading_text(tree: dict) -> str:
    return tree["slots"]["children"][0]["props"]["text"]


def drawer(editor) -> str:
    return text_of(editor.web.get(f"{editor.base}/revisions", htmx=True))


def test_ten_quick_edits_make_no_version_yet_and_the_drawer_says_why_not(editor, clock):
    [heading] = editor.insert("heading")
    for i in range(9):
        clock.travel(seconds=20)
        editor.set_prop(heading["id"], "text", {"value": f"제목 {i}"})
    assert versions(editor) == []
    html = drawer(editor)
    assert "No saved versions yet" not in html and "아직 저장된 버전이 없습니다" not in html
    assert "현재 버전" in html  # the draft itself, at the top
    assert "블록 1개 추가, 변경 9건" in html  # what changed since the latest version
    assert "5분" in html and "15분" in html  # when versions are made, with the real numbers
    assert 'data-testid="save-revision"' in html


def test_the_first_edit_after_a_pause_versions_the_page_as_the_pause_found_it(editor, clock):
    [heading] = editor.insert("heading")
    editor.set_prop(heading["id"], "text", {"value": "오전의 제목"})
    with editor.app.app_context():
        paused_at = db.session.get(Page, editor.page_id).last_edit_at
    clock.travel(minutes=4)  # shorter than the pause: still the same run of edits
    editor.set_prop(heading["id"], "text", {"value": "오전의 제목!"})
    assert versions(editor) == []
    with editor.app.app_context():
        paused_at = db.session.get(Page, editor.page_id).last_edit_at
    clock.travel(minutes=5)
    editor.set_prop(heading["id"], "text", {"value": "오후의 제목"})
    [version] = versions(editor)
    assert version.reason == "auto"
    assert heading_text(version.tree) == "오전의 제목!"
    assert version.created_at == paused_at  # when the page was in that state
    assert version.summary == "added=1,changed=2"
    assert version.created_by_id is not None  # the person whose edits these were
    assert heading_text(editor.tree()) == "오후의 제목"


def test_long_editing_without_a_pause_is_versioned_every_fifteen_minutes(editor, clock):
    [heading] = editor.insert("heading")
    for minute in range(2, 33, 2):  # an edit every two minutes for half an hour
        clock.travel(minutes=2)
        editor.set_prop(heading["id"], "text", {"value": f"{minute}분의 제목"})
    made = versions(editor)
    assert [v.reason for v in made] == ["auto", "auto"]
    # Versioned at 16 and 32 minutes, each with the tree as the edit before found it.
    assert [heading_text(v.tree) for v in made] == ["14분의 제목", "30분의 제목"]


def test_the_thresholds_come_from_the_configuration(make_app, clock):
    from tests.conftest import Web

    app = make_app(EDITOR_VERSIONS={"idle_minutes": 1, "every_minutes": 3, "keep_all_days": 30})
    web = Web(app.test_client())
    web.signup()
    editor = make_editor(web, app)
    [heading] = editor.insert("heading")
    clock.travel(seconds=70)
    editor.set_prop(heading["id"], "text", {"value": "한 번"})
    assert len(versions(editor)) == 1
    html = drawer(editor)
    assert "1분" in html and "3분" in html


def test_a_pause_after_changes_that_were_undone_stores_no_duplicate(editor, clock):
    [heading] = editor.insert("heading")
    clock.travel(minutes=10)
    editor.set_prop(heading["id"], "text", {"value": "바뀐 제목"})
    assert len(versions(editor)) == 1  # the inserted heading
    editor.web.post(f"{editor.base}/undo", {}, htmx=True)  # back to the versioned tree
    clock.travel(minutes=10)
    editor.set_prop(heading["id"], "level", {"value": "h3"})
    assert len(versions(editor)) == 1


def test_naming_the_unchanged_page_names_the_latest_version_instead_of_copying_it(editor,
                                                                                    clock):
    [heading] = editor.insert("heading")
    clock.travel(minutes=10)
    editor.set_prop(heading["id"], "text", {"value": "다음"})
    editor.web.post(f"{editor.base}/undo", {}, htmx=True)
    r = editor.web.post(f"{editor.base}/revisions", {"name": "여름 메뉴 전"}, htmx=True)
    assert r.status_code == 200
    [version] = versions(editor)
    assert (version.reason, version.name) == ("named", "여름 메뉴 전")
    r = editor.web.post(f"{editor.base}/revisions", {"name": "x" * 81}, htmx=True)
    assert r.status_code == 422 and len(versions(editor)) == 1


def test_each_publish_versions_every_page_before_publishing(editor, clock):
    from app.jobs import wait_for_jobs

    [heading] = editor.insert("heading")
    r = editor.web.post(f"/sites/{editor.site_id}/publish", {})
    assert r.status_code == 303
    with editor.app.app_context():
        wait_for_jobs()
    [version] = versions(editor)
    assert version.reason == "publish" and version.tree == editor.tree()
    assert "게시 전" in drawer(editor)
    editor.web.post(f"/sites/{editor.site_id}/publish", {})  # nothing changed: nothing new
    with editor.app.app_context():
        wait_for_jobs()
    assert len(versions(editor)) == 1
    clock.travel(minutes=1)
    editor.set_prop(heading["id"], "text", {"value": "게시 후 고친 제목"})
    editor.web.post(f"/sites/{editor.site_id}/publish", {})
    with editor.app.app_context():
        wait_for_jobs()
    assert [v.reason for v in versions(editor)] == ["publish", "publish"]


def test_restoring_a_version_keeps_the_replaced_draft_and_can_be_undone(editor, clock):
    [heading] = editor.insert("heading")
    clock.travel(minutes=10)
    editor.set_prop(heading["id"], "text", {"value": "나중 제목"})
    [first] = versions(editor)
    r = editor.web.post(f"{editor.base}/revisions/{first.id}/restore", {}, htmx=True)
    assert r.status_code == 200
    assert heading_text(editor.tree()) == heading_text(first.tree)
    made = versions(editor)
    assert [v.reason for v in made] == ["auto", "restore"]
    assert heading_text(made[-1].tree) == "나중 제목"
    editor.web.post(f"{editor.base}/undo", {}, htmx=True)
    assert heading_text(editor.tree()) == "나중 제목"


def test_versions_are_listed_by_day_in_the_readers_time_zone(editor, clock):
    clock.travel(days=-1)
    [heading] = editor.insert("heading")  # yesterday's edits …
    editor.set_prop(heading["id"], "text", {"value": "어제 제목"})
    clock.reset()
    editor.set_prop(heading["id"], "text", {"value": "오늘 제목"})  # … versioned by today's
    editor.web.post(f"{editor.base}/revisions", {"name": "오늘 저장"}, htmx=True)
    html = drawer(editor)
    today, yesterday = html.index(">오늘<"), html.index(">어제<")
    assert today < html.index("오늘 저장") < yesterday < html.index(">자동<")


def test_automatic_versions_older_than_thirty_days_are_thinned_to_one_a_day(editor, clock,
                                                                           app):
    # 10:00 in Seoul, forty days ago (all of that day's edits fall on one local day).
    seoul = ZoneInfo("Asia/Seoul")
    morning = datetime.combine(clock.now().astimezone(seoul).date() - timedelta(days=40),
                               time(10), seoul)
    clock.travel(morning - clock.now())
    [heading] = editor.insert("heading")
    # Forty days ago: runs of edits on one day, a named version among them.
    for i in range(3):
        clock.travel(hours=1)
        editor.set_prop(heading["id"], "text", {"value": f"오래전 {i}"})
        if i == 1:
            editor.web.post(f"{editor.base}/revisions", {"name": "남겨 둘 버전"}, htmx=True)
    clock.travel(hours=1)
    editor.set_prop(heading["id"], "text", {"value": "오래전 마지막"})
    old = versions(editor)
    assert [v.reason for v in old] == ["auto", "auto", "named", "auto"]  # none at 13:00:
    # nothing had changed since the named version
    clock.reset()
    clock.travel(hours=1)
    editor.set_prop(heading["id"], "text", {"value": "오늘"})  # today's version thins the old
    kept = versions(editor)
    old_day = [v for v in kept if v.created_at < ops.utcnow() - timedelta(days=30)]
    assert [v.reason for v in old_day] == ["named", "auto"]
    assert heading_text(old_day[-1].tree) == "오래전 마지막"
    # Nothing is lost from the summaries: a removed version's changes moved to the next one
    # (the insert and two edits before the named version, two edits after it).
    assert [v.summary for v in old_day] == ["added=1,changed=2", "changed=2"]


@pytest.mark.parametrize("summaries, merged", [
    (("added=1,changed=2", "changed=3,moved=1"), "added=1,changed=5,moved=1"),
    (("", "removed=1"), "removed=1"),
])
def test_summaries_of_consecutive_runs_add_up(summaries, merged):
    assert ops.merge_summaries(*summaries) == merged
