"""The Cloudflare Pages publisher, driven through the real ``cloudflare`` SDK against a fake
Cloudflare API on 127.0.0.1 (tests/fakes/cloudflare.py). Nothing sleeps: waits are recorded."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from cloudflare import AuthenticationError, BadRequestError, Cloudflare

from app.integrations.cloudflare import (
    MAX_FILE_SIZE,
    CloudflarePagesPublisher,
    _Asset,
    file_extension,
    file_hash,
    plan_buckets,
)
from app.publishing.base import BuildOutput, PublishError
from tests.fakes.cloudflare import TEST_ACCOUNT, TEST_API_TOKEN, FakeCloudflare

# The fixture: a fresh fake Cloudflare API (a real HTTP server on 127.0.0.1) per test.

PROJECT = "haengbok-bakery"
PRODUCTION_URL = f"https://{PROJECT}.pages.dev"
POLL_WAITS = [1, 2, 4]  # the fake needs three polls: initialize, build, deploy


@pytest.fixture(autouse=True)
def no_cloudflare_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Credentials or an API address in the environment must not leak into these tests."""
    for name in ("CLOUDFLARE_API_TOKEN", "CLOUDFLARE_API_KEY", "CLOUDFLARE_EMAIL",
                 "CLOUDFLARE_API_USER_SERVICE_KEY", "CLOUDFLARE_BASE_URL",
                 "CLOUDFLARE_CUSTOM_HEADERS"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def sleeps() -> list[float]:
    return []


@pytest.fixture
def make_publisher(fake_cloudflare: FakeCloudflare,
                   sleeps: list[float]) -> Iterator[Callable[..., CloudflarePagesPublisher]]:
    """Builds publishers pointed at the fake, recording waits instead of sleeping."""
    made: list[CloudflarePagesPublisher] = []

    def make(**overrides: Any) -> CloudflarePagesPublisher:
        options: dict[str, Any] = {"account_id": TEST_ACCOUNT, "project_name": PROJECT,
                                   "api_token": TEST_API_TOKEN,
                                   "base_url": fake_cloudflare.base_url, "sleep": sleeps.append}
        options.update(overrides)
        made.append(CloudflarePagesPublisher(**options))
        return made[-1]

    yield make
    for publisher in made:
        publisher.close()


@pytest.fixture
def publisher(make_publisher: Callable[..., CloudflarePagesPublisher]) -> CloudflarePagesPublisher:
    return make_publisher()


def small_site(changed: dict[str, bytes] | None = None) -> BuildOutput:
    """A five-file site with _headers and _redirects; ``changed`` replaces or adds files."""
    files = {
        "index.html": "<h1>행복한 빵집</h1>".encode(),
        "menu/index.html": b"<h1>Menu</h1><p>Croissant 3,500</p>",
        "assets/site.css": b"body{font-family:sans-serif}",
        "assets/logo.png": b"\x89PNG\r\n\x1a\n" + bytes(range(256)),
        "robots.txt": b"User-agent: *\nAllow: /\n",
    }
    files.update(changed or {})
    return BuildOutput(files=files, headers="/*\n  X-Frame-Options: DENY\n",
                       redirects="/old-menu /menu/ 301\n")


class ProgressLog:
    def __init__(self) -> None:
        self.events: list[tuple[str, dict[str, Any]]] = []

    def __call__(self, stage: str, detail: dict[str, Any]) -> None:
        self.events.append((stage, dict(detail)))

    def stages(self) -> list[str]:
        return [stage for stage, _ in self.events]


# -- hashing and bucketing ----------------------------------------------------------------------


def test_file_hash_matches_the_reference_vectors() -> None:
    assert file_hash("image.png", b"foobar") == "2082190357cfd3617ccfe04f340c6247"
    assert file_hash("notes.txt", b"foobar") == "1a98fb08af91aca4a7df1764a2c4ddb0"


def test_file_extension_follows_node_extname() -> None:
    assert file_extension("assets/logo.png") == "png"
    assert file_extension("archive.tar.gz") == "gz"
    assert file_extension("README") == ""
    assert file_extension("dir.v2/.env") == ""
    assert file_extension("..") == ""
    assert file_hash("README", b"foobar") != file_hash("README.txt", b"foobar")


def test_buckets_are_largest_first_bounded_and_never_empty() -> None:
    assets = [_Asset(f"{i:032x}", bytes(size), "application/octet-stream")
              for i, size in enumerate([30, 3, 600, 90, 300, 6, 60])]
    buckets = plan_buckets(assets, max_bytes=400, max_files=2)

    assert all(1 <= len(bucket) <= 2 for bucket in buckets)
    assert all(sum(a.encoded_size for a in bucket) <= 400 or len(bucket) == 1
               for bucket in buckets)
    assert buckets[0][0].data == bytes(600)  # largest first, alone as it exceeds the limit
    assert sorted(a.key for bucket in buckets for a in bucket) == sorted(a.key for a in assets)
    assert plan_buckets([]) == []


# -- publishing ---------------------------------------------------------------------------------


def test_first_publish_creates_the_project_uploads_every_file_and_goes_live(
        publisher: CloudflarePagesPublisher, fake_cloudflare: FakeCloudflare,
        sleeps: list[float]) -> None:
    site = small_site()
    progress = ProgressLog()

    result = publisher.deploy(site, production=True, message="First publish", progress=progress)

    assert result.production is True
    assert result.url == PRODUCTION_URL
    assert result.detail["deployment_url"] == f"https://{result.detail['short_id']}.{PROJECT}.pages.dev"
    assert result.files_uploaded == 5
    assert result.bytes_uploaded == sum(len(data) for data in site.files.values())
    assert fake_cloudflare.state.projects[(TEST_ACCOUNT, PROJECT)]["production_branch"] == "main"
    assert fake_cloudflare.state.live[(TEST_ACCOUNT, PROJECT)] == result.provider_id
    expected = {"/" + path: file_hash(path, data) for path, data in site.files.items()}
    assert sorted(fake_cloudflare.uploaded_keys) == sorted(expected.values())
    deployment = fake_cloudflare.deployment(result.provider_id)
    assert deployment.manifest == expected
    assert deployment.headers_file == site.headers
    assert deployment.redirects_file == site.redirects
    assert deployment.data["deployment_trigger"]["metadata"]["branch"] == "main"
    assert deployment.data["deployment_trigger"]["metadata"]["commit_message"] == "First publish"
    # Asset calls carry the upload JWT, account calls the API token.
    assert {r.auth for r in fake_cloudflare.requests if r.path.startswith("/client/v4/pages/")} \
        == {"upload_jwt"}
    assert {r.auth for r in fake_cloudflare.requests if "/accounts/" in r.path} == {"api_token"}
    assert sleeps == POLL_WAITS
    assert ("uploading", {"files_uploaded": 5, "bytes_uploaded": result.bytes_uploaded,
                          "files_to_upload": 5}) in progress.events
    assert progress.stages().index("uploading") < progress.stages().index("processing")


def test_republish_after_one_change_uploads_exactly_that_file(
        publisher: CloudflarePagesPublisher, fake_cloudflare: FakeCloudflare) -> None:
    publisher.deploy(small_site(), production=True, message="v1")
    fake_cloudflare.reset_records()
    new_index = "<h1>행복한 빵집</h1><p>Now open on Sundays</p>".encode()

    result = publisher.deploy(small_site({"index.html": new_index}), production=True,
                              message="v2")

    assert fake_cloudflare.uploaded_keys == [file_hash("index.html", new_index)]
    assert len(fake_cloudflare.requests_to("upload")) == 1
    assert result.files_uploaded == 1
    assert result.bytes_uploaded == len(new_index)
    assert fake_cloudflare.requests_to("project.create") == []
    assert fake_cloudflare.state.live[(TEST_ACCOUNT, PROJECT)] == result.provider_id


def test_republish_without_changes_sends_no_upload_request(
        publisher: CloudflarePagesPublisher, fake_cloudflare: FakeCloudflare) -> None:
    publisher.deploy(small_site(), production=True, message="v1")
    fake_cloudflare.reset_records()

    result = publisher.deploy(small_site(), production=True, message="v1 again")

    assert fake_cloudflare.requests_to("upload") == []
    assert (result.files_uploaded, result.bytes_uploaded) == (0, 0)


def test_preview_deploy_goes_to_the_preview_branch_and_leaves_production_alone(
        publisher: CloudflarePagesPublisher, fake_cloudflare: FakeCloudflare) -> None:
    live = publisher.deploy(small_site(), production=True, message="live")

    preview = publisher.deploy(small_site({"index.html": b"<h1>Draft</h1>"}), production=False,
                               message="draft")

    assert preview.production is False
    assert preview.url == preview.detail["deployment_url"] != PRODUCTION_URL
    deployment = fake_cloudflare.deployment(preview.provider_id)
    assert deployment.data["deployment_trigger"]["metadata"]["branch"] == "preview"
    assert deployment.data["environment"] == "preview"
    assert fake_cloudflare.state.live[(TEST_ACCOUNT, PROJECT)] == live.provider_id


def test_a_custom_production_branch_is_used_for_the_project_and_production_deploys(
        make_publisher: Callable[..., CloudflarePagesPublisher],
        fake_cloudflare: FakeCloudflare) -> None:
    result = make_publisher(production_branch="live").deploy(small_site(), production=True,
                                                             message="x")

    assert fake_cloudflare.state.projects[(TEST_ACCOUNT, PROJECT)]["production_branch"] == "live"
    assert result.production is True


def test_commit_message_is_cut_to_384_bytes_without_breaking_a_character(
        publisher: CloudflarePagesPublisher, fake_cloudflare: FakeCloudflare) -> None:
    result = publisher.deploy(small_site(), production=True, message="빵" * 200)  # 600 bytes

    sent = fake_cloudflare.deployment(result.provider_id).data["deployment_trigger"]["metadata"]
    assert sent["commit_message"] == "빵" * 128  # 384 bytes


# -- retries and faults -------------------------------------------------------------------------


def test_rate_limits_at_check_missing_and_upload_wait_as_retry_after_says(
        publisher: CloudflarePagesPublisher, fake_cloudflare: FakeCloudflare,
        sleeps: list[float]) -> None:
    fake_cloudflare.inject("check-missing", 429, retry_after=3)
    fake_cloudflare.inject("upload", 429, retry_after=7, times=2)
    progress = ProgressLog()

    result = publisher.deploy(small_site(), production=True, message="x", progress=progress)

    assert sleeps == [3, 7, 7, *POLL_WAITS]
    assert len(fake_cloudflare.requests_to("check-missing")) == 2
    assert [r.status for r in fake_cloudflare.requests_to("upload")] == [429, 429, 200]
    assert result.files_uploaded == 5
    assert progress.stages().count("retrying") == 3


def test_server_errors_on_project_lookup_are_retried(
        publisher: CloudflarePagesPublisher, fake_cloudflare: FakeCloudflare,
        sleeps: list[float]) -> None:
    fake_cloudflare.add_project(PROJECT)
    fake_cloudflare.inject("project.get", 500, times=1)
    fake_cloudflare.inject("project.get", 503, times=1)

    result = publisher.deploy(small_site(), production=True, message="x")

    assert [r.status for r in fake_cloudflare.requests_to("project.get")] == [500, 503, 200]
    assert fake_cloudflare.requests_to("project.create") == []
    assert len(sleeps) == 2 + len(POLL_WAITS)
    assert result.url == PRODUCTION_URL


def test_rate_limit_that_never_ends_fails_as_retryable(
        publisher: CloudflarePagesPublisher, fake_cloudflare: FakeCloudflare,
        sleeps: list[float]) -> None:
    fake_cloudflare.inject("upload-token", 429, retry_after=2, times=99)

    with pytest.raises(PublishError) as failure:
        publisher.deploy(small_site(), production=True, message="x")

    assert failure.value.retryable is True
    assert failure.value.retry_after == 2
    assert sleeps == [2, 2, 2, 2]  # five attempts in all
    assert fake_cloudflare.state.live == {}


def test_transient_8000000_on_deployment_creation_is_retried(
        publisher: CloudflarePagesPublisher, fake_cloudflare: FakeCloudflare) -> None:
    fake_cloudflare.inject("deployment.create", 500, code=8000000, times=2)

    result = publisher.deploy(small_site(), production=True, message="x")

    assert [r.status for r in fake_cloudflare.requests_to("deployment.create")] == [500, 500, 200]
    assert fake_cloudflare.state.live[(TEST_ACCOUNT, PROJECT)] == result.provider_id


def test_other_errors_on_deployment_creation_are_not_repeated(
        publisher: CloudflarePagesPublisher, fake_cloudflare: FakeCloudflare) -> None:
    fake_cloudflare.inject("deployment.create", 502, code=10013)

    with pytest.raises(PublishError) as failure:
        publisher.deploy(small_site(), production=True, message="x")

    assert failure.value.code == "10013"
    assert failure.value.retryable is True  # the publish job may try the whole publish later
    assert len(fake_cloudflare.requests_to("deployment.create")) == 1


def test_an_upload_token_expiring_mid_upload_is_renewed_and_the_upload_finishes(
        publisher: CloudflarePagesPublisher, fake_cloudflare: FakeCloudflare) -> None:
    # 2,001 files make two upload requests (at most 2,000 files each).
    files = {f"p/{i}.txt": f"page {i}".encode() for i in range(2_001)}
    fake_cloudflare.expire_upload_tokens_after(uploads=1)

    result = publisher.deploy(BuildOutput(files=files), production=True, message="big")

    assert len(fake_cloudflare.requests_to("upload-token")) == 2
    assert [r.status for r in fake_cloudflare.requests_to("upload")] == [200, 401, 200]
    assert result.files_uploaded == 2_001
    assert len(fake_cloudflare.stored(PROJECT)) == 2_001
    assert fake_cloudflare.state.live[(TEST_ACCOUNT, PROJECT)] == result.provider_id


def test_failing_to_register_hashes_is_only_a_warning(
        publisher: CloudflarePagesPublisher, fake_cloudflare: FakeCloudflare) -> None:
    fake_cloudflare.inject("upsert-hashes", 400, code=8000096)

    result = publisher.deploy(small_site(), production=True, message="x")

    assert result.url == PRODUCTION_URL
    assert len(result.detail["warnings"]) == 1


def test_a_failed_deployment_reports_its_last_log_line_and_keeps_the_live_site(
        publisher: CloudflarePagesPublisher, fake_cloudflare: FakeCloudflare) -> None:
    live = publisher.deploy(small_site(), production=True, message="v1")
    fake_cloudflare.fail_next_deployment(["Initializing build environment...",
                                          "Error: _redirects line 1: invalid status 999"])

    with pytest.raises(PublishError) as failure:
        publisher.deploy(small_site({"index.html": b"<h1>v2</h1>"}), production=True,
                         message="v2")

    assert failure.value.code == "deployment_failed"
    assert "Error: _redirects line 1: invalid status 999" in failure.value.message
    assert fake_cloudflare.state.live[(TEST_ACCOUNT, PROJECT)] == live.provider_id


def test_upload_tokens_that_are_always_refused_end_with_a_clear_error(
        publisher: CloudflarePagesPublisher, fake_cloudflare: FakeCloudflare) -> None:
    fake_cloudflare.state.token_ttl = -60  # every token is issued already expired

    with pytest.raises(PublishError) as failure:
        publisher.deploy(small_site(), production=True, message="x")

    assert failure.value.code == "8000013"
    assert "Cloudflare Pages: Edit" in failure.value.message
    assert len(fake_cloudflare.requests_to("upload-token")) <= 4  # bounded, no loop
    assert fake_cloudflare.requests_to("upload") == []


# -- refusals -----------------------------------------------------------------------------------


def test_more_files_than_the_token_allows_are_refused_before_uploading(
        publisher: CloudflarePagesPublisher, fake_cloudflare: FakeCloudflare) -> None:
    fake_cloudflare.state.max_file_count_allowed = 4

    with pytest.raises(PublishError) as failure:
        publisher.deploy(small_site(), production=True, message="x")

    assert failure.value.code == "too_many_files"
    assert "5 files" in failure.value.message and "at most 4" in failure.value.message
    assert fake_cloudflare.requests_to("check-missing") == []
    assert fake_cloudflare.requests_to("upload") == []


def test_a_file_over_25_mib_is_refused_before_anything_is_sent(
        publisher: CloudflarePagesPublisher, fake_cloudflare: FakeCloudflare) -> None:
    site = small_site({"assets/intro.mp4": bytes(MAX_FILE_SIZE + 1)})

    with pytest.raises(PublishError) as failure:
        publisher.deploy(site, production=True, message="x")

    assert failure.value.code == "file_too_large"
    assert "assets/intro.mp4" in failure.value.message and "25 MiB" in failure.value.message
    assert fake_cloudflare.requests == []


# -- rollback -----------------------------------------------------------------------------------


def test_rollback_makes_an_earlier_production_deployment_live_again(
        publisher: CloudflarePagesPublisher, fake_cloudflare: FakeCloudflare) -> None:
    first = publisher.deploy(small_site(), production=True, message="v1")
    publisher.deploy(small_site({"index.html": b"<h1>v2</h1>"}), production=True, message="v2")
    fake_cloudflare.reset_records()

    result = publisher.rollback(first.provider_id)

    assert result.provider_id == first.provider_id
    assert result.production is True
    assert result.url == PRODUCTION_URL
    assert fake_cloudflare.state.live[(TEST_ACCOUNT, PROJECT)] == first.provider_id
    assert fake_cloudflare.requests_to("upload") == []  # no rebuild, no upload


def test_rollback_to_a_preview_is_refused(
        publisher: CloudflarePagesPublisher, fake_cloudflare: FakeCloudflare) -> None:
    live = publisher.deploy(small_site(), production=True, message="v1")
    preview = publisher.deploy(small_site(), production=False, message="draft")

    with pytest.raises(PublishError) as failure:
        publisher.rollback(preview.provider_id)

    assert failure.value.retryable is False
    assert fake_cloudflare.state.live[(TEST_ACCOUNT, PROJECT)] == live.provider_id


# -- connection check ---------------------------------------------------------------------------


def test_connection_check_passes_for_an_existing_project(
        publisher: CloudflarePagesPublisher, fake_cloudflare: FakeCloudflare) -> None:
    fake_cloudflare.add_project(PROJECT)

    check = publisher.test_connection()

    assert check.ok is True
    assert f"{PROJECT}.pages.dev" in check.message


def test_connection_check_says_a_missing_project_will_be_created(
        publisher: CloudflarePagesPublisher, fake_cloudflare: FakeCloudflare) -> None:
    check = publisher.test_connection()

    assert check.ok is True
    assert "created on first publish" in check.message
    assert fake_cloudflare.state.projects == {}  # checking changes nothing


def test_connection_check_rejects_a_bad_token(
        make_publisher: Callable[..., CloudflarePagesPublisher]) -> None:
    check = make_publisher(api_token="not-a-real-token").test_connection()

    assert check.ok is False
    assert "token is invalid" in check.message
    assert check.detail["code"] == "10000"


def test_connection_check_reports_an_unknown_account(
        make_publisher: Callable[..., CloudflarePagesPublisher]) -> None:
    check = make_publisher(account_id="ffffffffffffffffffffffffffffffff").test_connection()

    assert check.ok is False
    assert "account" in check.message and "not found" in check.message


# -- the fake itself ----------------------------------------------------------------------------


def test_the_fake_refuses_a_wrong_hash_and_a_manifest_naming_missing_content(
        fake_cloudflare: FakeCloudflare) -> None:
    """Guards the guard: a publisher hashing wrongly could not pass against this fake."""
    fake_cloudflare.add_project(PROJECT)
    api = Cloudflare(api_token=TEST_API_TOKEN, base_url=fake_cloudflare.base_url, max_retries=0)
    jwt = api.pages.projects.get_upload_token(PROJECT, account_id=TEST_ACCOUNT).jwt
    assets = Cloudflare(api_token=jwt, base_url=fake_cloudflare.base_url, max_retries=0)
    png = b"\x89PNG\r\n\x1a\n"
    encoded = base64.b64encode(png).decode()

    with pytest.raises(BadRequestError):  # hashed as if it were a .txt file
        assets.pages.assets.upload(body=[{"key": file_hash("logo.txt", png), "value": encoded,
                                          "base64": True,
                                          "metadata": {"content_type": "image/png"}}])
    with pytest.raises(BadRequestError) as missing:
        api.pages.projects.deployments.create(
            PROJECT, account_id=TEST_ACCOUNT,
            manifest=json.dumps({"/logo.png": file_hash("logo.png", png)}))
    with pytest.raises(AuthenticationError) as wrong_identity:  # assets need the upload JWT
        api.pages.assets.check_missing(hashes=[file_hash("logo.png", png)])

    assert fake_cloudflare.stored(PROJECT) == {}
    assert "upload it first" in missing.value.message
    assert wrong_identity.value.errors[0].code == 8000013
    api.close()
    assets.close()

