"""What a site owner may change about their theme's look, and what those choices make.

``Site.theme_settings`` holds a ``DesignSettings`` as JSON: colour overrides, a font choice
from a curated list of Korean-friendly stacks, a spacing scale, a corner style, a logo and a
favicon (content hashes from the site's own image library) and the values of the theme's own
typed settings (``theme.json`` ``settings``). Everything here is pure: no request, no database.

- ``validate_design`` checks what the editor's Design panel sent and refuses bad input with a
  translated message per field (``DesignInvalid``); the caller then keeps what was saved.
- ``load_settings`` reads what is stored, forgivingly (a theme switch can leave values the new
  theme does not know; they are ignored, never a crash).
- ``effective_tokens`` and ``setting_values`` are what the CSS and the layout see.
- ``contrast_warnings`` helps (never refuses) when text would be hard to read.
"""

from __future__ import annotations

import copy
import math
import re
from collections.abc import Collection, Mapping
from typing import Any, Literal

from flask_babel import gettext as _, lazy_gettext as _l
from pydantic import BaseModel, ConfigDict, Field

from app.domain import Refused

# The colour tokens an owner may override (the others follow the theme).
COLOR_KEYS = ("primary", "primary-contrast", "secondary", "accent", "bg", "surface", "text")
COLOR_LABELS = {
    "primary": _l("Main colour"),
    "primary-contrast": _l("Text on the main colour"),
    "secondary": _l("Second colour"),
    "accent": _l("Accent"),
    "bg": _l("Page background"),
    "surface": _l("Band background"),
    "text": _l("Text"),
}
HEX_RE = re.compile(r"^#?(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")  # "#" optional when typed
ASSET_RE = re.compile(r"^[0-9a-f]{64}$")

# Fonts: system and self-hosted stacks only (a font CDN would slow every page and tell a third
# party about every visitor). "theme" keeps the theme's own stack.
FONT_STACKS: dict[str, str] = {
    "gothic": '"Pretendard", "Apple SD Gothic Neo", "Noto Sans KR", "Noto Sans CJK KR", '
              '"Malgun Gothic", "맑은 고딕", "NanumGothic", system-ui, sans-serif',
    "serif": '"Noto Serif KR", "Noto Serif CJK KR", "NanumMyeongjo", "나눔명조", '
             '"AppleMyungjo", "Batang", "바탕", Georgia, serif',
    "rounded": '"NanumSquareRound", "나눔스퀘어라운드", "Apple SD Gothic Neo", "Malgun Gothic", '
               'ui-rounded, system-ui, sans-serif',
    "system": 'system-ui, -apple-system, "Segoe UI", "Apple SD Gothic Neo", "Malgun Gothic", '
              'sans-serif',
    "mono": '"D2Coding", "NanumGothicCoding", "나눔고딕코딩", ui-monospace, Menlo, Consolas, '
            'monospace',
}
FONT_LABELS = {
    "theme": _l("The theme's font"),
    "gothic": _l("Gothic (clean, modern)"),
    "serif": _l("Myeongjo (classic serif)"),
    "rounded": _l("Rounded (friendly)"),
    "system": _l("The device's own font"),
    "mono": _l("Typewriter (monospace)"),
}
FONT_KEYS = ("theme", *FONT_STACKS)
FONT_ROLES = {"heading": _l("Headings"), "body": _l("Body text")}

SPACE_SCALE = {"compact": 0.75, "normal": 1.0, "roomy": 1.3}
SPACE_LABELS = {"compact": _l("Compact"), "normal": _l("Normal"), "roomy": _l("Roomy")}
RADIUS_VALUES = {"square": "0px", "soft": "8px", "round": "20px"}
RADIUS_LABELS = {"theme": _l("The theme's"), "square": _l("Square"), "soft": _l("Soft"),
                 "round": _l("Round")}
TEXT_MAX = 500
AA_RATIO = 4.5
CONTRAST_PAIRS = (("text", "bg"), ("text", "surface"), ("primary-contrast", "primary"))

SpaceKey = Literal["compact", "normal", "roomy"]
RadiusKey = Literal["theme", "square", "soft", "round"]


class DesignSettings(BaseModel):
    """What ``Site.theme_settings`` holds. Every field has a default: {} is "the theme as is"."""

    model_config = ConfigDict(extra="ignore")

    colors: dict[str, str] = Field(default_factory=dict)  # token → "#rrggbb"
    fonts: dict[str, str] = Field(default_factory=dict)  # "body"/"heading" → a FONT_STACKS key
    space: SpaceKey = "normal"
    radius: RadiusKey = "theme"
    logo: str | None = None  # content hash of a picture in the site's library
    logo_with_name: bool = True  # the site name next to the logo (else for screen readers)
    favicon: str | None = None
    values: dict[str, Any] = Field(default_factory=dict)  # the theme's own settings

    def stored(self) -> dict[str, Any]:
        """The JSON to store: only what differs from the defaults, so {} means untouched."""
        return self.model_dump(exclude_defaults=True)


class DesignInvalid(Refused):
    """Some fields were refused: ``errors`` maps a field name (``colors.primary``,
    ``values.announcement`` …) to a translated message. Nothing was saved."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(_("Some design choices need fixing. Nothing was changed."))
        self.errors = errors


# --- colours ---------------------------------------------------------------------------------

def normal_hex(value: str) -> str | None:
    """'#ABC' → '#aabbcc'; None for anything but a 3- or 6-digit hex colour."""
    value = value.strip()
    if not HEX_RE.match(value):
        return None
    digits = value.lstrip("#").lower()
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    return "#" + digits


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(a: str, b: str) -> float | None:
    """WCAG 2 contrast ratio of two hex colours (None when either is not hex)."""
    ha, hb = normal_hex(a or ""), normal_hex(b or "")
    if ha is None or hb is None:
        return None
    la, lb = sorted((_luminance(ha), _luminance(hb)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def contrast_warnings(tokens: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Colour pairs below WCAG AA (4.5:1): ``[{fg, bg, ratio, message}]``. Advice only."""
    colours = tokens.get("colors", {})
    found = []
    for fg, bg in CONTRAST_PAIRS:
        ratio = contrast_ratio(colours.get(fg, ""), colours.get(bg, ""))
        if ratio is not None and ratio < AA_RATIO:
            found.append({
                "fg": fg, "bg": bg, "ratio": round(ratio, 2),
                "message": _("%(fg)s on %(bg)s is hard to read (contrast %(ratio)s:1; aim for "
                             "at least 4.5:1). Choose a darker or lighter colour.",
                             fg=str(COLOR_LABELS[fg]), bg=str(COLOR_LABELS[bg]),
                             ratio=f"{math.floor(ratio * 10) / 10:.1f}"),
            })
    return found


# --- validation ------------------------------------------------------------------------------

def _settings_schema(manifest: Mapping[str, Any]) -> list[dict[str, Any]]:
    return [s for s in manifest.get("settings") or [] if isinstance(s, dict) and s.get("key")]


def _check_value(setting: dict[str, Any], raw: Any, assets: Collection[str]) -> Any:
    """One theme setting's value, cleaned; raises ValueError with a translated message."""
    kind = setting.get("type")
    if kind == "text":
        text = " ".join(str(raw if raw is not None else "").split())
        if len(text) > TEXT_MAX:
            raise ValueError(_("Use at most %(n)d characters.", n=TEXT_MAX))
        return text
    if kind == "color":
        colour = normal_hex(str(raw or ""))
        if colour is None:
            raise ValueError(_("Write the colour as # and 6 hex digits, like #2f5d50."))
        return colour
    if kind == "select":
        allowed = [o.get("value") for o in setting.get("options") or []]
        if raw not in allowed:
            raise ValueError(_("Choose one of the options shown."))
        return raw
    if kind == "toggle":
        if isinstance(raw, bool):
            return raw
        if raw in ("on", "true", "1", 1):
            return True
        if raw in ("", "off", "false", "0", 0, None):
            return False
        raise ValueError(_("Choose on or off."))
    if kind == "number":
        try:
            number = float(raw)
        except (TypeError, ValueError):
            raise ValueError(_("Write a number.")) from None
        if not math.isfinite(number):
            raise ValueError(_("Write a number."))
        low, high = setting.get("min"), setting.get("max")
        if (low is not None and number < low) or (high is not None and number > high):
            raise ValueError(_("Choose a number from %(low)s to %(high)s.",
                               low=_number(low) if low is not None else "…",
                               high=_number(high) if high is not None else "…"))
        return int(number) if number.is_integer() else number
    if kind == "image":
        value = str(raw or "")
        if value and (not ASSET_RE.match(value) or value not in assets):
            raise ValueError(_("Choose a picture from your library."))
        return value or None
    if kind == "font":
        if raw not in FONT_KEYS:
            raise ValueError(_("Choose one of the fonts shown."))
        return raw
    raise ValueError(_("This setting cannot be changed."))


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def validate_design(manifest: Mapping[str, Any], data: Mapping[str, Any], *,
                    assets: Collection[str] = ()) -> DesignSettings:
    """The owner's design choices, checked against the theme ``manifest`` and the site's
    picture library (``assets``: content hashes). Colours equal to the theme's are dropped
    (so a later theme update still reaches them). Raises ``DesignInvalid`` naming each bad
    field; the caller keeps the previously saved settings."""
    errors: dict[str, str] = {}
    theme_colours = (manifest.get("tokens") or {}).get("colors") or {}
    colours: dict[str, str] = {}
    for key, raw in (data.get("colors") or {}).items():
        if key not in COLOR_KEYS:
            continue
        colour = normal_hex(str(raw or ""))
        if colour is None:
            errors[f"colors.{key}"] = _("Write the colour as # and 6 hex digits, like #2f5d50.")
        elif colour != normal_hex(str(theme_colours.get(key, ""))):
            colours[key] = colour
    fonts: dict[str, str] = {}
    for role, raw in (data.get("fonts") or {}).items():
        if role not in FONT_ROLES:
            continue
        if raw not in FONT_KEYS:
            errors[f"fonts.{role}"] = _("Choose one of the fonts shown.")
        elif raw != "theme":
            fonts[role] = raw
    space = data.get("space") or "normal"
    if space not in SPACE_SCALE:
        errors["space"] = _("Choose one of the spacing options shown.")
    radius = data.get("radius") or "theme"
    if radius not in RADIUS_LABELS:
        errors["radius"] = _("Choose one of the corner styles shown.")
    pictures: dict[str, str | None] = {}
    for name in ("logo", "favicon"):
        value = str(data.get(name) or "")
        if value and (not ASSET_RE.match(value) or value not in assets):
            errors[name] = _("Choose a picture from your library.")
        pictures[name] = value or None
    raw_values = data.get("values") or {}
    values: dict[str, Any] = {}
    for setting in _settings_schema(manifest):
        key = setting["key"]
        if key not in raw_values:
            continue
        try:
            value = _check_value(setting, raw_values[key], assets)
        except ValueError as exc:
            errors[f"values.{key}"] = str(exc)
            continue
        unset = value is None or (setting.get("type") == "font" and value == "theme")
        if value != setting.get("default") and not unset:
            values[key] = value
    if errors:
        raise DesignInvalid(errors)
    return DesignSettings(colors=colours, fonts=fonts, space=space, radius=radius,
                          logo=pictures["logo"], favicon=pictures["favicon"],
                          logo_with_name=_truthy(data.get("logo_with_name", True)),
                          values=values)


def _truthy(value: Any) -> bool:
    return value is True or value in ("on", "true", "1", 1)


def load_settings(stored: Mapping[str, Any] | DesignSettings | None) -> DesignSettings:
    """What is stored, read forgivingly: anything unreadable falls back to the theme's."""
    if isinstance(stored, DesignSettings):
        return stored
    stored = stored if isinstance(stored, Mapping) else {}
    colours = {k: normal_hex(v) for k, v in (stored.get("colors") or {}).items()
               if k in COLOR_KEYS and isinstance(v, str) and normal_hex(v)}
    fonts = {k: v for k, v in (stored.get("fonts") or {}).items()
             if k in FONT_ROLES and v in FONT_STACKS}
    pictures = {name: stored.get(name) if isinstance(stored.get(name), str)
                and ASSET_RE.match(stored.get(name)) else None for name in ("logo", "favicon")}
    values = stored.get("values")
    return DesignSettings(
        colors=colours, fonts=fonts,
        space=stored.get("space") if stored.get("space") in SPACE_SCALE else "normal",
        radius=stored.get("radius") if stored.get("radius") in RADIUS_LABELS else "theme",
        logo=pictures["logo"], favicon=pictures["favicon"],
        logo_with_name=stored.get("logo_with_name") is not False,
        values=dict(values) if isinstance(values, Mapping) else {},
    )


def form_data(manifest: Mapping[str, Any], form: Mapping[str, Any]) -> dict[str, Any]:
    """The Design panel's flat form (``colors.primary``, ``values.key`` …) as the nested data
    ``validate_design`` reads. A toggle absent from the form is off (unchecked checkboxes send
    nothing); the panel marks which toggles it showed with ``toggles``."""
    data: dict[str, Any] = {"colors": {}, "fonts": {}, "values": {}}
    for key in COLOR_KEYS:
        if f"colors.{key}" in form:
            data["colors"][key] = form[f"colors.{key}"]
    for role in FONT_ROLES:
        if f"fonts.{role}" in form:
            data["fonts"][role] = form[f"fonts.{role}"]
    for name in ("space", "radius", "logo", "favicon"):
        if name in form:
            data[name] = form[name]
    data["logo_with_name"] = "logo_with_name" in form or "logo_name_shown" not in form
    for setting in _settings_schema(manifest):
        name = f"values.{setting['key']}"
        if setting.get("type") == "toggle":
            data["values"][setting["key"]] = name in form
        elif name in form:
            data["values"][setting["key"]] = form[name]
    return data


# --- what the CSS and the layout see --------------------------------------------------------

_LENGTH = re.compile(r"^(-?\d+(?:\.\d+)?)([a-z%]+)$")


def _scaled(value: Any, factor: float) -> Any:
    if factor == 1.0:
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return round(value * factor, 3)
    match = _LENGTH.match(str(value).strip())
    if match:
        number = round(float(match.group(1)) * factor, 3)
        return f"{_number(number)}{match.group(2)}"
    return f"calc({value} * {factor})"


def effective_tokens(manifest: Mapping[str, Any],
                     settings: Mapping[str, Any] | DesignSettings | None) -> dict[str, Any]:
    """The theme's tokens with the owner's choices applied (a new dict; the manifest is
    untouched)."""
    design = load_settings(settings)
    tokens = copy.deepcopy(dict(manifest.get("tokens") or {}))
    tokens.setdefault("colors", {}).update(design.colors)
    fonts = tokens.setdefault("fonts", {})
    for role, key in design.fonts.items():
        fonts[role] = FONT_STACKS[key]
    factor = SPACE_SCALE[design.space]
    for name in ("space", "gutter"):
        if name in tokens:
            tokens[name] = _scaled(tokens[name], factor)
    if design.radius != "theme":
        tokens["radius"] = RADIUS_VALUES[design.radius]
    return tokens


def setting_values(manifest: Mapping[str, Any],
                   settings: Mapping[str, Any] | DesignSettings | None) -> dict[str, Any]:
    """Every theme setting's value: the owner's where set and still valid, else the default.
    A font setting's value is a font stack; an image setting's, a library hash or the theme's
    default file (the compiler turns hashes into published pictures)."""
    design = load_settings(settings)
    out: dict[str, Any] = {}
    for setting in _settings_schema(manifest):
        key, default = setting["key"], setting.get("default")
        value = default
        if key in design.values:
            try:
                # Assets were checked on save; here only the shape matters.
                value = _check_value(setting, design.values[key], _AnyAsset())
            except ValueError:
                value = default
        if setting.get("type") == "font" and value in FONT_KEYS:
            value = FONT_STACKS.get(value, default)
        out[key] = value
    return out


class _AnyAsset:
    """A container that holds every hash (stored values were checked against the library)."""

    def __contains__(self, item: object) -> bool:
        return True


def setting_css(manifest: Mapping[str, Any],
                settings: Mapping[str, Any] | DesignSettings | None) -> str:
    """Colour, number and font settings as custom properties (``--ww-setting-<key>``), so a
    theme's CSS can use them."""
    kinds = {s["key"]: s.get("type") for s in _settings_schema(manifest)}
    lines = []
    for key, value in setting_values(manifest, settings).items():
        if kinds[key] in ("color", "font") and isinstance(value, str):
            lines.append(f"--ww-setting-{key.replace('_', '-')}:{value}")
        elif kinds[key] == "number" and value is not None:
            lines.append(f"--ww-setting-{key.replace('_', '-')}:{_number(value)}")
    return ".ww-site{" + ";".join(lines) + "}" if lines else ""
