"""video: YouTube URL validation and the no-JavaScript <details> facade."""

from __future__ import annotations

import re

import pytest
from pydantic import ValidationError

from app.editor.render import RenderContext, Renderer
from components import WIDGETS, get
from components.video import COMPONENT, STRINGS, youtube_id

XSS = '<script>alert(1)</script><img src=x onerror=alert(1)>'
VID = "AbCdEfGhI_-"
POSTER = "cd" * 32


def render(props: dict | None = None, *, editing: bool = False, locale: str = "ko") -> str:
    validated = COMPONENT.validate_props(props or {})
    ctx = RenderContext(profile={}, editing=editing, locale=locale,
                        assets={POSTER: {"width": 1280, "height": 720}},
                        image_url=lambda h, w=None, ext="webp": f"/media/{h}/{w}.jpg")
    return str(Renderer(ctx).render_node(
        {"id": "x1", "type": "video", "props": validated, "slots": {}}))


def test_registered_with_complete_metadata():
    assert get("video") is COMPONENT
    assert COMPONENT.category == "media"
    for name, field in COMPONENT.props.model_fields.items():
        meta = field.json_schema_extra["ui"]
        assert set(meta["label"]) == {"ko", "en", "ja"}, name
        assert meta["widget"] in WIDGETS
    assert COMPONENT.props.model_fields["url"].json_schema_extra["ui"]["widget"] == "url"
    for entry in STRINGS.values():
        assert set(entry) == {"ko", "en", "ja"}


def test_defaults_validate_and_render():
    props = COMPONENT.default_props()
    assert props["url"] == "" and props["title"]
    assert str(Renderer(RenderContext()).render_node(
        {"id": "x1", "type": "video", "props": props, "slots": {}})).strip() == ""
    editor = str(Renderer(RenderContext(editing=True)).render_node(
        {"id": "x1", "type": "video", "props": props, "slots": {}}))
    assert "YouTube 동영상 주소를 붙여 넣어 주세요" in editor
    assert "<iframe" not in editor and "ytimg" not in editor


@pytest.mark.parametrize("url", [
    f"https://www.youtube.com/watch?v={VID}",
    f"https://youtube.com/watch?v={VID}&t=42s",
    f"http://m.youtube.com/watch?feature=share&v={VID}",
    f"www.youtube.com/watch?v={VID}",
    f"https://youtu.be/{VID}",
    f"https://youtu.be/{VID}?si=Zx81kq",
    f"youtu.be/{VID}",
    f"https://www.youtube.com/shorts/{VID}",
    f"https://youtube.com/shorts/{VID}?feature=share",
    f"https://www.youtube.com/embed/{VID}",
    f"https://www.youtube-nocookie.com/embed/{VID}?rel=0",
    f"  https://YOUTU.BE/{VID}  ",
])
def test_youtube_urls_are_accepted_and_normalised(url):
    assert youtube_id(url) == VID
    props = COMPONENT.validate_props({"url": url})
    assert props["url"] == f"https://www.youtube.com/watch?v={VID}"
    assert COMPONENT.validate_props(props) == props  # stored form validates again unchanged


@pytest.mark.parametrize("url", [
    "javascript:alert(1)",
    "https://vimeo.com/123456789",
    f"https://evil.example/watch?v={VID}",
    f"https://www.youtube.com.evil.example/watch?v={VID}",
    f"https://youtube.com@evil.example/watch?v={VID}",
    f"https://evil.example/?u=youtu.be/{VID}",
    f"https://notyoutu.be/{VID}",
    "https://www.youtube.com/watch?v=short",
    f"https://www.youtube.com/watch?v={VID}x",
    f"https://www.youtube.com/watch?v={VID}&v=ZZZZZZZZZZZ",
    "https://www.youtube.com/watch?v=AbCdEfGhI\"x",
    f"https://www.youtube.com/watch?v={VID[:10]}<",
    f"https://www.youtube.com/channel/{VID}",
    f"https://www.youtube.com/playlist?list={VID}",
    f"https://www.youtube-nocookie.com/shorts/{VID}",
    f"https://youtu.be/{VID}/extra",
    f"ftp://youtu.be/{VID}",
    f"https://youtu.be:8080/{VID}",
    VID,
])
def test_other_urls_are_refused(url):
    assert youtube_id(url) is None
    with pytest.raises(ValidationError):
        COMPONENT.validate_props({"url": url})


def test_facade_markup():
    html = render({"url": f"https://youtu.be/{VID}", "title": "빵 굽는 아침",
                   "caption": "새벽 4시의 주방"})
    assert '<details class="b-video__player">' in html and " open" not in html
    summary = html[html.index("<summary"):html.index("</summary>")]
    assert (f'<img class="b-video__img" src="https://i.ytimg.com/vi/{VID}/hqdefault.jpg" '
            'width="480" height="360" alt="빵 굽는 아침" loading="lazy"') in summary
    assert "b-video__play" in summary and "동영상 재생" in summary
    assert '>빵 굽는 아침</span>' in summary
    iframe = re.search(r"<iframe[^>]*>", html).group(0)
    assert f'src="https://www.youtube-nocookie.com/embed/{VID}?autoplay=1"' in iframe
    assert 'loading="lazy"' in iframe and 'title="빵 굽는 아침"' in iframe
    assert 'allow="autoplay; encrypted-media; picture-in-picture"' in iframe
    assert "allowfullscreen" in iframe
    # the player sits inside the closed <details>, after the summary
    assert html.index("</summary>") < html.index("<iframe") < html.index("</details>")
    assert (f'<a class="b-video__youtube" href="https://www.youtube.com/watch?v={VID}">'
            "YouTube에서 보기") in html
    assert '>새벽 4시의 주방</p>' in html
    assert "<script" not in html and "style=" not in html and "onclick" not in html


def test_nothing_else_from_youtube_is_loaded_up_front():
    html = render({"url": f"https://youtu.be/{VID}", "title": "t"})
    urls = re.findall(r'(?:src|srcset)="([^"]+)"', html)
    assert urls == [f"https://i.ytimg.com/vi/{VID}/hqdefault.jpg",
                    f"https://www.youtube-nocookie.com/embed/{VID}?autoplay=1"]
    assert "youtube.com/iframe_api" not in html and "<link" not in html


def test_editor_renders_the_summary_only():
    html = render({"url": f"https://youtu.be/{VID}", "title": "빵"}, editing=True)
    assert "<summary" in html and "<iframe" not in html and "youtube-nocookie" not in html
    assert 'data-inline="caption"' in html  # empty caption still editable on the canvas


def test_uploaded_poster_replaces_the_youtube_thumbnail():
    html = render({"url": f"https://youtu.be/{VID}", "title": "빵",
                   "poster": {"asset": POSTER, "alt": "오븐 앞의 제빵사"}})
    summary = html[html.index("<summary"):html.index("</summary>")]
    assert "i.ytimg.com" not in html
    assert f'src="/media/{POSTER}/' in summary and 'alt="오븐 앞의 제빵사"' in summary


def test_poster_needs_alt_text():
    with pytest.raises(ValidationError):
        COMPONENT.validate_props({"url": f"https://youtu.be/{VID}",
                                  "poster": {"asset": POSTER, "alt": ""}})


def test_untitled_video_still_has_an_accessible_name():
    html = render({"url": f"https://youtu.be/{VID}"})
    assert 'alt="동영상"' in html and 'title="동영상"' in html
    assert "b-video__title" not in html
    html = render({"url": f"https://youtu.be/{VID}"}, locale="en")
    assert 'title="Video"' in html and "Watch on YouTube" in html


def test_xss_never_reaches_the_output():
    html = render({"url": f"https://youtu.be/{VID}", "title": XSS + '빵" onload="x',
                   "caption": XSS})
    assert "<script" not in html and "onerror" not in html and "<img src=x" not in html
    assert 'onload="x' not in html
    assert 'alt="빵&#34; onload=&#34;x"' in html or 'alt="빵&quot; onload=&quot;x"' in html


@pytest.mark.parametrize("props", [
    {"url": "https://youtu.be/" + "A" * 600},
    {"title": "x" * 101},
    {"caption": "x" * 201},
    {"autoplay": True},
])
def test_invalid_props_are_refused(props):
    with pytest.raises(ValidationError):
        COMPONENT.validate_props(props)
