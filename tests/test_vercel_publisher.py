"""The Vercel publisher against a fake Vercel API served over real HTTP on 127.0.0.1.

No test sleeps: the publisher takes an injected ``sleep`` that records the waits it asked for.
"""

from __future__ import annotations

import hashlib
import json
import re
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import httpx
import pytest

from app.integrations.vercel import (
    CONFIG_FILE,
    DEFAULT_POLL_SCHEDULE,
    PROJECT_SETTINGS,
    VercelPublisher,
    deployment_files,
    headers_to_vercel,
    redirects_to_vercel,
    sha1_hex,
    vercel_config,
)
from app.publishing.base import BuildOutput, Publisher, PublishError
from tests.fakes.vercel import TOKEN

# Makes the fake's fixture available here (until the root conftest lists tests.fakes.vercel in
# pytest_plugins); an assignment, so test parameters named fake_vercel are not redefinitions.

PROJECT = "haengbok-bakery"


def site(**changed: bytes) -> BuildOutput:
    """A small compiled site; keyword arguments replace or add files."""
    files = {
        "index.html": "<!doctype html><title>행복한 빵집</title><h1>Hello</h1>".encode(),
        "menu/index.html": b"<!doctype html><title>Menu</title><p>Bread</p>",
        "404.html": b"<!doctype html><title>Not found</title>",
        "assets/site.css": b"body{margin:0}",
        "assets/logo.webp": bytes(range(256)) * 4,
    }
    files.update(changed)
    return BuildOutput(
        files=files,
        headers="/*\n  X-Content-Type-Options: nosniff\n/assets/*\n"
                "  Cache-Control: public, max-age=31536000, immutable\n",
        redirects="/old-menu /menu/ 301\n",
    )


class Sleeps(list):
    """An injected sleep: records each wait instead of waiting."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


@pytest.fixture
def sleeps() -> Sleeps:
    return Sleeps()


@pytest.fixture
def make_publisher(fake_vercel, sleeps):
    publishers: list[VercelPublisher] = []

    def make(token: str = TOKEN, **kwargs) -> VercelPublisher:
        kwargs.setdefault("sleep", sleeps)
        publisher = VercelPublisher(token, PROJECT, api_url=fake_vercel.base_url, **kwargs)
        publishers.append(publisher)
        return publisher

    yield make
    for publisher in publishers:
        publisher.close()


@pytest.fixture
def publisher(make_publisher) -> VercelPublisher:
    return make_publisher()


# --- hashing and the file list -----------------------------------------------------------------


def test_files_are_addressed_by_sha1_of_their_raw_bytes():
    output = site()
    entries, blobs = deployment_files(output)
    by_path = {entry["file"]: entry for entry in entries}
    for path, data in output.files.items():
        expected = hashlib.sha1(data, usedforsecurity=False).hexdigest()
        assert by_path[path]["sha"] == expected == sha1_hex(data)
        assert by_path[path]["size"] == len(data)
        assert blobs[by_path[path]["sha"]] == data
    assert CONFIG_FILE in by_path


def test_file_list_is_deterministic_so_unchanged_sites_hash_the_same():
    assert deployment_files(site()) == deployment_files(site())


def test_the_publisher_satisfies_the_publisher_protocol(publisher):
    def accepts(p: Publisher) -> str:
        return p.name

    assert accepts(publisher) == "vercel"


# --- deploying ---------------------------------------------------------------------------------


def test_first_production_deploy_uploads_every_file_and_goes_live(fake_vercel, publisher):
    output = site()
    entries, blobs = deployment_files(output)

    result = publisher.deploy(output, production=True, message="first publish")

    assert result.production is True
    assert result.files_uploaded == len(blobs) == len(fake_vercel.uploads())
    assert result.bytes_uploaded == sum(len(b) for b in blobs.values())
    assert result.bytes_uploaded == sum(r.size for r in fake_vercel.uploads())
    deployment = fake_vercel.state.deployments[result.provider_id]
    assert deployment["readyState"] == "READY"
    assert deployment["target"] == "production"
    assert result.url == f"https://{deployment['url']}"
    assert deployment["url"] == f"{PROJECT}-{result.provider_id.removeprefix('dpl_')}.vercel.app"
    assert fake_vercel.production_deployment_id(PROJECT) == result.provider_id
    assert fake_vercel.file_content(result.provider_id, "index.html") == output.files["index.html"]
    # create (→ missing_files), create again; the project was created by the first deployment.
    assert len(fake_vercel.requests_to("POST", "/v13/deployments")) == 2
    assert fake_vercel.project(PROJECT)["framework"] is None


def test_every_create_sends_project_settings_and_skips_auto_detection(fake_vercel, publisher):
    publisher.deploy(site(), production=True, message="")
    creates = fake_vercel.requests_to("POST", "/v13/deployments")
    assert all(r.query.get("skipAutoDetectionConfirmation") == "1" for r in creates)
    assert not [r for r in fake_vercel.state.requests if r.code == "missing_project_settings"]


def test_the_fake_refuses_a_first_deployment_without_project_settings(fake_vercel):
    data = b"hello"
    response = httpx.post(f"{fake_vercel.base_url}/v13/deployments",
                          headers={"Authorization": f"Bearer {TOKEN}"},
                          json={"name": PROJECT, "files": [
                              {"file": "index.html", "sha": sha1_hex(data), "size": 5}]})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "missing_project_settings"


def test_redeploy_after_one_edit_uploads_exactly_one_blob(fake_vercel, publisher):
    publisher.deploy(site(), production=True, message="first")
    fake_vercel.clear_requests()
    new_menu = b"<!doctype html><title>Menu</title><p>Bread and coffee</p>"

    result = publisher.deploy(site(**{"menu/index.html": new_menu}), production=True,
                              message="menu edited")

    assert result.files_uploaded == 1
    assert result.bytes_uploaded == len(new_menu)
    uploads = fake_vercel.uploads()
    assert [u.size for u in uploads] == [len(new_menu)]
    assert len(fake_vercel.requests_to("POST", "/v13/deployments")) == 2
    assert fake_vercel.file_content(result.provider_id, "menu/index.html") == new_menu
    assert fake_vercel.production_deployment_id(PROJECT) == result.provider_id


def test_identical_site_redeploys_without_uploading(fake_vercel, publisher):
    publisher.deploy(site(), production=True, message="first")
    fake_vercel.clear_requests()
    result = publisher.deploy(site(), production=True, message="again")
    assert (result.files_uploaded, result.bytes_uploaded) == (0, 0)
    assert fake_vercel.uploads() == []
    assert len(fake_vercel.requests_to("POST", "/v13/deployments")) == 1


def test_files_with_the_same_content_are_uploaded_once(fake_vercel, publisher):
    same = b"<p>same</p>"
    result = publisher.deploy(site(**{"a.html": same, "b.html": same}), production=False,
                              message="")
    assert result.files_uploaded == len(fake_vercel.uploads()) == len(deployment_files(
        site(**{"a.html": same, "b.html": same}))[1])
    assert len([u for u in fake_vercel.uploads() if u.size == len(same)]) == 1


def test_preview_deploy_has_no_target_and_leaves_production_alone(fake_vercel, publisher):
    live = publisher.deploy(site(), production=True, message="live")
    preview = publisher.deploy(site(**{"index.html": b"<h1>draft</h1>"}), production=False,
                               message="preview")
    assert preview.production is False
    assert fake_vercel.state.deployments[preview.provider_id]["target"] is None
    assert fake_vercel.production_deployment_id(PROJECT) == live.provider_id


def test_deploy_reports_upload_and_processing_progress(publisher):
    events: list[tuple[str, dict]] = []
    result = publisher.deploy(site(), production=True, message="",
                              progress=lambda stage, detail: events.append((stage, detail)))
    stages = [stage for stage, _ in events]
    assert stages[0] == "uploading" and stages[-1] == "processing"
    uploads = [detail for stage, detail in events if stage == "uploading"]
    assert uploads[0] == {"files_uploaded": 0, "bytes_uploaded": 0}
    assert uploads[-1] == {"files_uploaded": result.files_uploaded,
                           "bytes_uploaded": result.bytes_uploaded}
    counts = [u["files_uploaded"] for u in uploads]
    assert counts == sorted(counts)


def test_deploy_polls_until_ready_on_the_reference_schedule(fake_vercel, publisher, sleeps):
    fake_vercel.state.polls_until_ready = 20
    publisher.deploy(site(), production=True, message="")
    assert sleeps == [1.0] * 15 + [5.0, 15.0, 30.0, 30.0, 30.0]
    assert DEFAULT_POLL_SCHEDULE == (1.0,) * 15 + (5.0, 15.0, 30.0)


def test_deploy_gives_up_waiting_after_the_poll_timeout(fake_vercel, make_publisher):
    fake_vercel.state.polls_until_ready = 1000
    publisher = make_publisher(poll_timeout=60)
    with pytest.raises(PublishError) as failure:
        publisher.deploy(site(), production=True, message="")
    assert failure.value.code == "deployment_timeout"


def test_deployment_ending_in_error_raises_and_keeps_the_live_version(fake_vercel, publisher):
    live = publisher.deploy(site(), production=True, message="live")
    fake_vercel.fail_next_deployment("Build failed: out of memory")

    with pytest.raises(PublishError) as failure:
        publisher.deploy(site(**{"index.html": b"<h1>broken</h1>"}), production=True,
                         message="")

    assert failure.value.code == "build_failed"
    assert failure.value.message == "Build failed: out of memory"
    assert failure.value.retryable is False
    assert fake_vercel.production_deployment_id(PROJECT) == live.provider_id


def test_team_deploys_send_the_team_id_on_every_request(fake_vercel, make_publisher):
    publisher = make_publisher(team_id=fake_vercel.team_id)
    publisher.deploy(site(), production=True, message="")
    assert fake_vercel.state.requests
    assert all(r.query.get("teamId") == fake_vercel.team_id for r in fake_vercel.state.requests)


# --- errors and retries ------------------------------------------------------------------------


def test_rate_limit_is_retried_after_the_retry_after_seconds(fake_vercel, publisher, sleeps):
    fake_vercel.inject(429, method="POST", path="/v13/deployments", retry_after="7")
    result = publisher.deploy(site(), production=True, message="")
    assert sleeps[0] == 7.0
    assert sleeps[1:] == [1.0, 1.0]  # then only the polls
    assert [r.status for r in fake_vercel.requests_to("POST", "/v13/deployments")] == [
        429, 400, 200]
    assert fake_vercel.state.deployments[result.provider_id]["readyState"] == "READY"


def test_rate_limit_with_an_http_date_waits_until_that_date(fake_vercel, publisher, sleeps):
    when = format_datetime(datetime.now(UTC) + timedelta(seconds=20), usegmt=True)
    fake_vercel.inject(429, method="POST", path="/v2/files", retry_after=when)
    publisher.deploy(site(), production=True, message="")
    assert 17.0 <= sleeps[0] <= 20.0


def test_unavailable_upload_is_retried_with_backoff(fake_vercel, publisher, sleeps):
    fake_vercel.inject(503, method="POST", path="/v2/files")
    result = publisher.deploy(site(), production=True, message="")
    assert 0.0 <= sleeps[0] <= 0.5  # first backoff step: full jitter up to 0.5 s
    statuses = [r.status for r in fake_vercel.requests_to("POST", "/v2/files")]
    assert statuses[0] == 503 and statuses[1:] == [200] * (len(statuses) - 1)
    # The failed attempt is not counted as an upload.
    assert result.files_uploaded == len(fake_vercel.uploads())


def test_persistent_outage_ends_in_a_retryable_error(fake_vercel, publisher, sleeps):
    fake_vercel.inject(503, path="/v13/deployments", times=100)
    with pytest.raises(PublishError) as failure:
        publisher.deploy(site(), production=True, message="")
    assert failure.value.code == "service_unavailable"
    assert failure.value.retryable is True
    assert len(fake_vercel.requests_to("POST", "/v13/deployments")) == 5
    assert len(sleeps) == 4


def test_bad_token_is_a_non_retryable_forbidden_error(make_publisher, sleeps):
    with pytest.raises(PublishError) as failure:
        make_publisher(token="wrong").deploy(site(), production=True, message="")
    assert (failure.value.code, failure.value.retryable) == ("forbidden", False)
    assert sleeps == []


def test_unreachable_api_is_a_retryable_network_error(sleeps):
    with VercelPublisher(TOKEN, PROJECT, api_url="http://127.0.0.1:9", sleep=sleeps,
                         attempts=2) as publisher, pytest.raises(PublishError) as failure:
        publisher.deploy(site(), production=True, message="")
    assert (failure.value.code, failure.value.retryable) == ("network_error", True)


# --- promote and rollback ----------------------------------------------------------------------


def test_rollback_makes_an_earlier_production_deployment_live(fake_vercel, publisher):
    first = publisher.deploy(site(), production=True, message="v1")
    publisher.deploy(site(**{"index.html": b"<h1>v2</h1>"}), production=True, message="v2")
    fake_vercel.clear_requests()

    result = publisher.rollback(first.provider_id)

    assert result.provider_id == first.provider_id and result.production is True
    assert result.url == first.url
    assert fake_vercel.production_deployment_id(PROJECT) == first.provider_id
    # No rebuild: nothing is created or uploaded.
    assert fake_vercel.requests_to("POST", "/v13/deployments") == []
    assert fake_vercel.uploads() == []
    project_id = fake_vercel.project(PROJECT)["id"]
    assert fake_vercel.requests_to("POST", f"/v1/projects/{project_id}/rollback/")


def test_rollback_to_a_preview_is_refused(fake_vercel, publisher):
    publisher.deploy(site(), production=True, message="live")
    preview = publisher.deploy(site(**{"index.html": b"<h1>draft</h1>"}), production=False,
                               message="")
    with pytest.raises(PublishError) as failure:
        publisher.rollback(preview.provider_id)
    assert failure.value.code == "not_production"


def test_publishing_after_a_rollback_makes_the_new_version_live(fake_vercel, publisher):
    first = publisher.deploy(site(), production=True, message="v1")
    publisher.deploy(site(**{"index.html": b"<h1>v2</h1>"}), production=True, message="v2")
    publisher.rollback(first.provider_id)

    third = publisher.deploy(site(**{"index.html": b"<h1>v3</h1>"}), production=True,
                             message="v3")

    assert fake_vercel.production_deployment_id(PROJECT) == third.provider_id
    assert len(fake_vercel.requests_to("POST", "/v10/projects/")) == 1


def test_promote_makes_a_preview_live(fake_vercel, publisher):
    publisher.deploy(site(), production=True, message="live")
    preview = publisher.deploy(site(**{"index.html": b"<h1>new</h1>"}), production=False,
                               message="")

    result = publisher.promote(preview.provider_id)

    assert result.production is True and result.provider_id == preview.provider_id
    assert fake_vercel.production_deployment_id(PROJECT) == preview.provider_id


# --- test_connection ---------------------------------------------------------------------------


def test_connection_ok_before_the_project_exists(publisher):
    check = publisher.test_connection()
    assert check.ok is True
    assert "does not exist yet" in check.message and "first publish" in check.message
    assert check.detail["project_exists"] is False


def test_connection_ok_with_an_existing_project(fake_vercel, publisher):
    publisher.deploy(site(), production=True, message="")
    check = publisher.test_connection()
    assert check.ok is True
    assert check.detail["project_id"] == fake_vercel.project(PROJECT)["id"]
    assert "cafe-owner" in check.message


def test_connection_with_a_bad_token_says_the_token_was_refused(make_publisher):
    check = make_publisher(token="revoked").test_connection()
    assert check.ok is False
    assert "token" in check.message
    assert check.detail["code"] == "forbidden"


def test_connection_to_a_team_the_token_cannot_use(make_publisher):
    check = make_publisher(team_id="team_someone_else").test_connection()
    assert check.ok is False


def test_connection_changes_nothing(fake_vercel, publisher):
    publisher.test_connection()
    assert {r.method for r in fake_vercel.state.requests} == {"GET"}
    assert fake_vercel.state.projects == {}


# --- _headers / _redirects → vercel.json -------------------------------------------------------


def test_headers_blocks_become_vercel_header_rules():
    text = ("# security\n/*\n  X-Frame-Options: DENY\n  Referrer-Policy: same-origin\n\n"
            "/assets/*\n  Cache-Control: public, max-age=31536000, immutable\n"
            "/menu/\n  Link: </a.css>; rel=preload\n  Link: </b.css>; rel=preload\n")
    assert headers_to_vercel(text) == [
        {"source": "/:splat*", "headers": [{"key": "X-Frame-Options", "value": "DENY"},
                                           {"key": "Referrer-Policy", "value": "same-origin"}]},
        {"source": "/assets/:splat*", "headers": [
            {"key": "Cache-Control", "value": "public, max-age=31536000, immutable"}]},
        {"source": "/menu/", "headers": [
            {"key": "Link", "value": "</a.css>; rel=preload, </b.css>; rel=preload"}]},
    ]


def test_redirect_lines_become_vercel_redirects_and_rewrites():
    text = ("/old /new 301\n/temp /elsewhere 302!\n/default /x\n"
            "/blog/* /news/:splat 308\n/shop/:item /store/:item 301\n"
            "/app/* /index.html 200\n/ext https://example.com/ 301\n")
    redirects, rewrites = redirects_to_vercel(text)
    assert redirects == [
        {"source": "/old", "destination": "/new", "statusCode": 301},
        {"source": "/temp", "destination": "/elsewhere", "statusCode": 302},
        {"source": "/default", "destination": "/x", "statusCode": 301},
        {"source": "/blog/:splat*", "destination": "/news/:splat*", "statusCode": 308},
        {"source": "/shop/:item", "destination": "/store/:item", "statusCode": 301},
        {"source": "/ext", "destination": "https://example.com/", "statusCode": 301},
    ]
    assert rewrites == [{"source": "/app/:splat*", "destination": "/index.html"}]


def test_empty_rules_give_an_empty_config():
    assert vercel_config("", "") == {"headers": [], "redirects": []}


@pytest.mark.parametrize(("headers", "redirects"), [
    ("  X-Orphan: 1\n", ""),
    ("/*\n  ! X-Unset\n", ""),
    ("/*\n  no colon here\n", ""),
    ("relative/path\n  X-A: 1\n", ""),
    ("/a/*/b\n  X-A: 1\n", ""),
    ("", "/gone /404.html 404\n"),
    ("", "/only-one-field\n"),
    ("", "/a /b 301 Country=kr\n"),
    ("", "/a /b moved\n"),
])
def test_rules_vercel_cannot_express_are_refused_clearly(headers, redirects):
    with pytest.raises(PublishError) as failure:
        vercel_config(headers, redirects)
    assert failure.value.code == "invalid_site_rules"
    assert re.match(r"_(headers|redirects) line \d+: ", failure.value.message)


def test_deployed_vercel_json_carries_the_sites_rules(fake_vercel, publisher):
    output = site()
    result = publisher.deploy(output, production=True, message="")
    config = json.loads(fake_vercel.file_content(result.provider_id, CONFIG_FILE))
    assert config == vercel_config(output.headers, output.redirects)
    assert config["redirects"] == [
        {"source": "/old-menu", "destination": "/menu/", "statusCode": 301}]


def test_project_settings_turn_off_every_build_step():
    assert PROJECT_SETTINGS == {"framework": None, "buildCommand": None,
                                "outputDirectory": None, "installCommand": None,
                                "devCommand": None}
