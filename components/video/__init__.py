"""Video: a YouTube video behind a no-JavaScript facade.

The page shows a poster with a play button inside a closed <details>; the player's lazy iframe
sits in the closed part, so nothing of YouTube's player loads until the visitor presses play.
The ``url`` prop is stored in one canonical form, https://www.youtube.com/watch?v=<11-char id>,
so the template reads the id as its last 11 characters.
"""

from __future__ import annotations

import re
from typing import Annotated
from urllib.parse import parse_qs, urlsplit

from pydantic import AfterValidator, Field

from components import Component, Props, ui
from components._types import ImageWithAlt, Text
from components.video.samples import SAMPLES

STRINGS = {
    "play": {"ko": "동영상 재생", "en": "Play video", "ja": "動画を再生"},
    "video": {"ko": "동영상", "en": "Video", "ja": "動画"},
    "watch_on_youtube": {"ko": "YouTube에서 보기", "en": "Watch on YouTube",
                         "ja": "YouTubeで見る"},
    "empty": {"ko": "YouTube 동영상 주소를 붙여 넣어 주세요",
              "en": "Paste the address of a YouTube video",
              "ja": "YouTube動画のアドレスを貼り付けてください"},
}

WATCH_PREFIX = "https://www.youtube.com/watch?v="
_ID = re.compile(r"[A-Za-z0-9_-]{11}")
_PATH_ID = re.compile(r"/(?:shorts|embed)/([A-Za-z0-9_-]{11})/?")
_YOUTUBE_HOSTS = {"youtube.com", "www.youtube.com", "m.youtube.com"}
_NOCOOKIE_HOSTS = {"youtube-nocookie.com", "www.youtube-nocookie.com"}


def youtube_id(url: str) -> str | None:
    """The 11-character video id of a YouTube watch, shorts, youtu.be or embed URL, else None."""
    url = url.strip()
    if not url or len(url) > 500 or re.search(r"[\s<>\"'\\]", url):
        return None
    if "://" not in url:
        url = "https://" + url
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    if parts.scheme.lower() not in {"http", "https"} or parts.username or parts.password:
        return None
    if port not in (None, 80, 443):
        return None
    host = (parts.hostname or "").lower()
    path = parts.path
    if host == "youtu.be":
        candidate = path.strip("/")
    elif host in _YOUTUBE_HOSTS and path.rstrip("/") == "/watch":
        values = parse_qs(parts.query).get("v", [])
        candidate = values[0] if len(values) == 1 else ""
    elif host in _YOUTUBE_HOSTS | _NOCOOKIE_HOSTS:
        match = _PATH_ID.fullmatch(path)
        if not match or (host in _NOCOOKIE_HOSTS and not path.startswith("/embed/")):
            return None
        candidate = match.group(1)
    else:
        return None
    return candidate if _ID.fullmatch(candidate) else None


def _youtube_url(value: str) -> str:
    if not value:
        return ""
    video = youtube_id(value)
    if video is None:
        raise ValueError("youtube_url")
    return WATCH_PREFIX + video


YouTubeURL = Annotated[str, Field(max_length=500), AfterValidator(_youtube_url)]


class VideoProps(Props):
    url: YouTubeURL = Field("", json_schema_extra=ui(
        {"ko": "YouTube 주소", "en": "YouTube address", "ja": "YouTubeのアドレス"}, "url",
        help={"ko": "YouTube의 '공유' 버튼으로 복사한 주소를 붙여 넣으세요 (쇼츠도 됩니다).",
              "en": "Paste the link from YouTube's Share button (Shorts work too).",
              "ja": "YouTubeの「共有」でコピーしたアドレスを貼り付けてください（ショートも可）。"}))
    title: Text(100) = Field("", json_schema_extra=ui(
        {"ko": "동영상 제목", "en": "Video title", "ja": "動画のタイトル"}, "text", inline=True,
        help={"ko": "화면을 읽어 주는 프로그램이 이 제목을 읽어요.",
              "en": "Screen readers announce this title.",
              "ja": "読み上げソフトがこのタイトルを読み上げます。"}))
    caption: Text(200) = Field("", json_schema_extra=ui(
        {"ko": "설명글", "en": "Caption", "ja": "キャプション"}, "text", inline=True))
    poster: ImageWithAlt = Field(default_factory=dict, json_schema_extra=ui(
        {"ko": "표지 사진", "en": "Cover picture", "ja": "表紙の写真"}, "image",
        help={"ko": "비워 두면 YouTube의 미리보기 사진이 나와요.",
              "en": "Leave empty to use YouTube's thumbnail.",
              "ja": "空欄ならYouTubeのサムネイルを使います。"}))


COMPONENT = Component(
    type="video",
    props=VideoProps,
    labels={"ko": "동영상", "en": "Video", "ja": "動画"},
    description={"ko": "YouTube 동영상 (누를 때만 불러와요)",
                 "en": "A YouTube video (loads only when played)",
                 "ja": "YouTube動画（再生時だけ読み込み）"},
    category="media",
    icon="M3 6h18v12H3zM10 9v6l5-3z",
    samples=SAMPLES,
)
