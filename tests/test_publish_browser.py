"""Publishing end to end in headless Chromium: edit → publish locally → the published site (on
its own origin) shows the edit; edit again → only the changed file is uploaded; roll back → the
old content is served again."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from app.db import db
from app.models import Deployment
from tests.browser_support import DESKTOP, PASSWORD, finish_sign_up_from_mail

pytestmark = pytest.mark.browser


@pytest.fixture
def app(make_app, tmp_path):
    return make_app(SITES_DIR=str(tmp_path / "sites"), ASSET_DIR=str(tmp_path / "assets"))


def test_edit_publish_see_it_live_republish_and_roll_back(app, browser_factory, live_server):
    from playwright.sync_api import expect

    port = live_server.rsplit(":", 1)[1]
    app.config["SITES_URL"] = f"http://{{slug}}.sites.localhost:{port}"
    b = browser_factory(DESKTOP, "publish")
    page = b.page
    page.goto("/signup")
    page.fill("input[name=email]", "pub@example.com")
    page.fill("input[name=display_name]", "게시 사장님")
    page.fill("input[name=password]", PASSWORD)
    page.fill("input[name=password_confirm]", PASSWORD)
    page.locator("form[action='/signup'] button[type=submit]").click()
    finish_sign_up_from_mail(page, "pub@example.com")
    page.locator("form#create-site input[name=name]").fill("게시 카페")
    page.locator("form#create-site input[name=starter][value=blank]").check(force=True)
    page.locator("form#create-site button[type=submit]").click()
    page.wait_for_url(re.compile(r"/sites/\d+$"))
    page.get_by_test_id("open-editor").click()
    page.wait_for_selector("#canvas-root")

    page.get_by_test_id("add-block").click()
    page.get_by_test_id("palette-hero").click()
    page.wait_for_selector(".ed-block.is-selected[data-type=hero]")
    page.locator("#panel form[data-prop=title] input[name=value]").fill("첫 번째 제목")
    expect(page.locator(".b-hero__title")).to_have_text("첫 번째 제목")
    page.wait_for_selector("#save-state[data-state=saved]")

    # --- publish from the editor's publish page ------------------------------------------------
    page.get_by_test_id("go-publish").click()
    page.get_by_test_id("publish").click()
    expect(page.locator("[data-testid=deploy-progress][data-state=live]")).to_be_visible()
    b.shot("published")
    live_url = page.locator("[data-testid=deploy-progress] .alert-success a").get_attribute("href")
    assert live_url == f"http://gesi-kape.sites.localhost:{port}"
    site_page = b.context.new_page()
    site_page.goto(live_url + "/")
    expect(site_page.locator("h1")).to_have_text("첫 번째 제목")
    assert site_page.locator("script:not([type='application/ld+json'])").count() == 0
    b.page.bring_to_front()

    # --- edit again, publish: one file uploaded -------------------------------------------------
    page.go_back()
    page.wait_for_selector("#canvas-root")
    page.locator(".b-hero__title").click()
    page.locator("#panel form[data-prop=title] input[name=value]").fill("두 번째 제목")
    expect(page.locator(".b-hero__title")).to_have_text("두 번째 제목")
    page.wait_for_selector("#save-state[data-state=saved]")
    page.get_by_test_id("go-publish").click()
    page.get_by_test_id("publish").click()
    progress = page.locator("[data-testid=deploy-progress][data-state=live]")
    expect(progress).to_be_visible()
    with app.app_context():
        second = db.session.scalars(select(Deployment).order_by(Deployment.id.desc())).first()
        assert (second.files_uploaded, second.pages_touched) == (1, ["index.html"])
    site_page.reload()
    expect(site_page.locator("h1")).to_have_text("두 번째 제목")

    # --- roll back to the first version ---------------------------------------------------------
    page.reload()
    page.locator("[data-testid^=rollback-]").first.click()
    expect(page.locator("#alerts .alert-success")).to_be_visible()
    site_page.reload()
    expect(site_page.locator("h1")).to_have_text("첫 번째 제목")
    b.shot("rolled-back")
    assert b.errors == [], "\n".join(b.errors)


def test_a_visitor_sends_the_contact_form_and_it_arrives_in_the_inbox(app, browser_factory,
                                                                        live_server, owner):
    from playwright.sync_api import expect

    from tests.editor.conftest import make_editor

    port = live_server.rsplit(":", 1)[1]
    app.config["SITES_URL"] = f"http://{{slug}}.sites.localhost:{port}"
    app.config["PUBLIC_URL"] = live_server  # where published forms post
    editor = make_editor(owner, app, name="문의 카페")
    editor.insert("contact_form")
    r = owner.post(f"/sites/{editor.site_id}/publish", {})
    assert r.status_code == 303
    from app.jobs import wait_for_jobs

    with app.app_context():
        wait_for_jobs()
    visitor = browser_factory(DESKTOP, "visitor")
    page = visitor.page
    page.goto(f"http://munui-kape.sites.localhost:{port}/")
    form = page.locator(f"form[action='{live_server}/f/{editor.site_id}']")
    form.locator("input[name=f_0]").fill("손님 김")
    form.locator("input[name=f_1]").fill("010-1234-5678")
    # The sample contact form asks for a name, a phone number and the message.
    form.locator("textarea").first.fill("케이크 예약 문의드립니다")
    form.locator("input[name=privacy_consent]").check()
    form.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r"#ww-.*-sent$"))
    expect(page.locator("[id$='-sent']")).to_be_visible()
    visitor.shot("sent")
    from app.models import FormSubmission

    with app.app_context():
        [submission] = db.session.scalars(select(FormSubmission)).all()
        submission_id = submission.id
    listing = owner.get(f"/sites/{editor.site_id}/inbox").get_data(as_text=True)
    assert f"/inbox/{submission_id}" in listing
    detail = owner.get(f"/sites/{editor.site_id}/inbox/{submission_id}").get_data(as_text=True)
    assert "손님 김" in detail and "케이크 예약 문의드립니다" in detail
    assert visitor.errors == [], "\n".join(visitor.errors)
