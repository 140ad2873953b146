"""Field types shared by components: plain and rich text, links, images, colours, prices."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from app.editor.richtext import plain, sanitize

_LINK_RE = re.compile(
    r"^(?:page:\d+|#[A-Za-z][\w-]{0,60}|https?://[^\s<>\"']+|mailto:[^\s<>\"']+|tel:[+\d\-]+|"
    r"sms:[+\d\-]+)$"
)


def _link(value: str) -> str:
    value = value.strip()
    if not value:
        return ""
    if re.fullmatch(r"[\w.-]+\.[a-z]{2,}(/\S*)?", value, re.I):  # "example.com" → https://
        value = "https://" + value
    if not _LINK_RE.match(value):
        raise ValueError("link")
    return value


def _plain(value: str) -> str:
    return plain(value)


def Text(max_length: int = 200) -> type[str]:  # noqa: N802 - reads like a type
    """Plain text (tags removed) of at most ``max_length`` characters."""
    return Annotated[str, AfterValidator(_plain), Field(max_length=max_length)]


RichText = Annotated[str, AfterValidator(sanitize), Field(max_length=20_000)]
Link = Annotated[str, AfterValidator(_link), Field(max_length=500)]
Price = Annotated[int, Field(ge=0, le=100_000_000)]  # integer KRW

# Colours come from the theme palette (the theme decides the actual values).
PaletteColor = Literal["", "primary", "secondary", "accent", "surface", "dark", "light"]
PALETTE_LABELS = {
    "": {"ko": "기본", "en": "Default", "ja": "標準"},
    "primary": {"ko": "주 색상", "en": "Primary", "ja": "メインカラー"},
    "secondary": {"ko": "보조 색상", "en": "Secondary", "ja": "サブカラー"},
    "accent": {"ko": "강조 색상", "en": "Accent", "ja": "アクセント"},
    "surface": {"ko": "옅은 배경", "en": "Soft background", "ja": "淡い背景"},
    "dark": {"ko": "어두운 배경", "en": "Dark", "ja": "ダーク"},
    "light": {"ko": "밝은 배경", "en": "Light", "ja": "ライト"},
}


class Image(BaseModel):
    """A picture from the site's library: ``asset`` is its content hash ('' = none yet)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    asset: Annotated[str, Field(max_length=64, pattern=r"^[0-9a-f]{0,64}$")] = ""
    alt: Annotated[str, AfterValidator(_plain), Field(max_length=300)] = ""
    focal_x: Annotated[int, Field(ge=0, le=100)] = 50
    focal_y: Annotated[int, Field(ge=0, le=100)] = 50


def require_alt(image: Image) -> Image:
    """Alt text is required once a picture is chosen."""
    if image.asset and not image.alt:
        raise ValueError("alt_required")
    return image


ImageWithAlt = Annotated[Image, AfterValidator(require_alt)]
