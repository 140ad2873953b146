"""theme.json: its schema (a pydantic model, exported as JSON Schema) and its checks.

Token values end up verbatim inside the published CSS (``--ww-color-primary:<value>``), so they
are validated strictly: a colour, a font list or a length, never free text that could close the
rule and add CSS of its own.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError

import components
from app.theme_packages import limits
from app.theme_packages.archive import extension
from app.theme_packages.assets import IMAGE_TYPES
from app.theme_packages.report import Report

SEMVER = re.compile(
    r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)"
    r"(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
    r"(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$")
SLUG = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")
SETTING_KEY = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$")
TOKEN_NAME = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
OPTION_VALUE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")
SETTING_TYPES = ("text", "color", "select", "toggle", "number", "image", "font")
# The tokens WindWalker's block CSS reads (var(--ww-...)): a theme should define them all.
EXPECTED_TOKENS = {
    "colors": ("primary", "primary-contrast", "secondary", "accent", "bg", "surface", "text",
               "muted", "border", "dark", "light"),
    "fonts": ("body", "heading"),
    "scalars": ("space", "gutter", "radius", "content-width"),
}

_COLOUR_NAMES = """
aliceblue antiquewhite aqua aquamarine azure beige bisque black blanchedalmond blue blueviolet
brown burlywood cadetblue chartreuse chocolate coral cornflowerblue cornsilk crimson cyan darkblue
darkcyan darkgoldenrod darkgray darkgreen darkgrey darkkhaki darkmagenta darkolivegreen darkorange
darkorchid darkred darksalmon darkseagreen darkslateblue darkslategray darkslategrey darkturquoise
darkviolet deeppink deepskyblue dimgray dimgrey dodgerblue firebrick floralwhite forestgreen
fuchsia gainsboro ghostwhite gold goldenrod gray green greenyellow grey honeydew hotpink indianred
indigo ivory khaki lavender lavenderblush lawngreen lemonchiffon lightblue lightcoral lightcyan
lightgoldenrodyellow lightgray lightgreen lightgrey lightpink lightsalmon lightseagreen
lightskyblue lightslategray lightslategrey lightsteelblue lightyellow lime limegreen linen magenta
maroon mediumaquamarine mediumblue mediumorchid mediumpurple mediumseagreen mediumslateblue
mediumspringgreen mediumturquoise mediumvioletred midnightblue mintcream mistyrose moccasin
navajowhite navy oldlace olive olivedrab orange orangered orchid palegoldenrod palegreen
paleturquoise palevioletred papayawhip peachpuff peru pink plum powderblue purple rebeccapurple
red rosybrown royalblue saddlebrown salmon sandybrown seagreen seashell sienna silver skyblue
slateblue slategray slategrey snow springgreen steelblue tan teal thistle tomato turquoise violet
wheat white whitesmoke yellow yellowgreen transparent currentcolor
"""
_NAMED_COLOURS = frozenset(_COLOUR_NAMES.split())
_HEX = re.compile(r"^#(?:[0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$")
_COLOUR_FUNCTION = re.compile(r"^(rgba?|hsla?|hwb|lab|lch|oklab|oklch)\(([^()]{1,80})\)$", re.I)
_COLOUR_ARG = re.compile(r"^(?:[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:%|deg|grad|rad|turn)?|none)$",
                         re.I)
_LENGTH = re.compile(r"^(?:0|[-+]?(?:\d+(?:\.\d+)?|\.\d+)"
                     r"(?:px|rem|em|%|vw|vh|vmin|vmax|ch|ex|pt|cqw|cqi|svh|dvh|lh))$")
_LENGTH_FUNCTION = re.compile(r"^(?:calc|min|max|clamp)\([0-9a-z.%\s,+*/()-]{1,120}\)$")
_FONT_FAMILY = re.compile(r"""^(?:"[^"\\;{}<>]{1,60}"|'[^'\\;{}<>]{1,60}'|[\w-]+(?: [\w-]+)*)$""")


def _fail(code: str, message: str, **context: Any) -> PydanticCustomError:
    return PydanticCustomError(code, message, context)


def is_css_colour(value: str) -> bool:
    value = value.strip()
    if _HEX.match(value) or value.lower() in _NAMED_COLOURS:
        return True
    match = _COLOUR_FUNCTION.match(value)
    if not match:
        return False
    args = [a for a in re.split(r"[\s,/]+", match.group(2).strip()) if a]
    return 3 <= len(args) <= 4 and all(_COLOUR_ARG.match(a) for a in args)


def is_font_stack(value: str) -> bool:
    if len(value) > 300 or "/*" in value:
        return False
    families = [f.strip() for f in value.split(",")]
    return all(families) and all(_FONT_FAMILY.match(f) for f in families)


def is_css_length(value: str) -> bool:
    value = value.strip()
    if "/*" in value or "*/" in value:
        return False
    return bool(_LENGTH.match(value) or _LENGTH_FUNCTION.match(value))


def _colour(value: str) -> str:
    if not is_css_colour(value):
        raise _fail("WW-TOKEN-COLOR", "'{value}' is not a CSS colour", value=value[:60])
    return value.strip()


def _font(value: str) -> str:
    if not is_font_stack(value):
        raise _fail("WW-TOKEN-FONT", "'{value}' is not a font list", value=value[:60])
    return value.strip()


def _scalar(value: Any) -> str | float:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and is_css_length(value):
        return value
    shown = value[:60] if isinstance(value, str) else json.dumps(value)[:60]
    raise _fail("WW-TOKEN-LENGTH", "{value} is not a CSS length or number", value=shown)


def _token_name(value: str) -> str:
    if not TOKEN_NAME.match(value):
        raise _fail("WW-TOKEN-NAME", "'{value}' is not a kebab-case token name",
                    value=value[:40])
    return value


def _semver(value: str) -> str:
    if not SEMVER.match(value):
        raise _fail("WW-MANIFEST-SEMVER", "'{value}' is not a semantic version (like 1.0.0)",
                    value=value[:40])
    return value


def _slug(value: str) -> str:
    if not (2 <= len(value) <= 40 and SLUG.match(value)):
        raise _fail("WW-MANIFEST-SLUG", "'{value}' is not a valid slug", value=value[:40])
    return value


def _setting_key(value: str) -> str:
    if not (SETTING_KEY.match(value) and len(value) <= 40):
        raise _fail("WW-SETTING-KEY", "'{value}' is not a snake_case key", value=value[:40])
    return value


LANGUAGES = ("ko", "en", "ja")  # what owners' screens speak


def _localized(max_length: int) -> Callable[[Any], Any]:
    """A text shown to owners: one string, or ``{"ko": …, "en": …, "ja": …}`` (at least one
    of them; each non-empty, at most ``max_length`` characters)."""

    def check(value: Any) -> Any:
        texts = {"": value} if isinstance(value, str) else value
        if not isinstance(texts, dict) or not texts:
            raise _fail("WW-MANIFEST-SCHEMA", 'give a text, or one per language like '
                        '{{"ko": "…", "en": "…", "ja": "…"}}')
        unknown = sorted(set(texts) - {"", *LANGUAGES})
        if unknown:
            raise _fail("WW-MANIFEST-SCHEMA", "'{key}' is not a language WindWalker speaks "
                        "(use ko, en, ja)", key=str(unknown[0])[:20])
        for lang, text in texts.items():
            where = f" ({lang})" if lang else ""
            if not isinstance(text, str) or not text.strip():
                raise _fail("WW-MANIFEST-SCHEMA", "the text{where} is empty", where=where)
            if len(text.strip()) > max_length:
                raise _fail("WW-MANIFEST-SCHEMA", "the text{where} is longer than {n} "
                            "characters", where=where, n=max_length)
        return value

    return check


def _localized_schema(max_length: int) -> dict[str, Any]:
    text = {"type": "string", "minLength": 1, "maxLength": max_length}
    return {"anyOf": [text, {"type": "object", "minProperties": 1, "additionalProperties": False,
                             "properties": {lang: text for lang in LANGUAGES}}]}


Short = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80)]
ThemeName = Annotated[Any, AfterValidator(_localized(60)), WithJsonSchema(_localized_schema(60))]
ThemeDescription = Annotated[Any, AfterValidator(_localized(300)),
                             WithJsonSchema(_localized_schema(300))]
TokenName = Annotated[str, AfterValidator(_token_name)]
CssColour = Annotated[str, AfterValidator(_colour)]
FontStack = Annotated[str, AfterValidator(_font)]
CssScalar = Annotated[Any, AfterValidator(_scalar),
                      WithJsonSchema({"anyOf": [{"type": "string"}, {"type": "number"}]})]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class Labels(_Strict):
    """A text in the three languages WindWalker speaks."""

    ko: Short
    en: Short
    ja: Short


class Option(_Strict):
    value: Annotated[str, StringConstraints(pattern=OPTION_VALUE.pattern)]
    label: Labels


class Setting(_Strict):
    """One designer-defined setting the site owner can change."""

    key: Annotated[str, AfterValidator(_setting_key)]
    type: Literal[SETTING_TYPES]  # type: ignore[valid-type]
    label: Labels
    help: Labels | None = None
    default: Any = None
    options: list[Option] | None = None
    min: float | None = None
    max: float | None = None
    step: Annotated[float, Field(gt=0)] | None = None

    @model_validator(mode="after")
    def _default_fits_type(self) -> Setting:
        default = self.default
        if self.type == "select":
            values = [o.value for o in self.options or []]
            if len(values) < 2:
                raise _fail("WW-SETTING-SELECT-OPTIONS", "a select needs at least 2 options, "
                            "it has {count}", count=len(values))
            if len(set(values)) != len(values):
                raise _fail("WW-SETTING-SELECT-OPTIONS", "option values must be distinct")
            if default not in values:
                raise _fail("WW-SETTING-SELECT-OPTIONS", "the default '{default}' is not one "
                            "of the options", default=str(default)[:40])
            return self
        if self.options is not None:
            raise _fail("WW-SETTING-SELECT-OPTIONS", "only select settings have options")
        ok = {
            "text": isinstance(default, str) and len(default) <= 500,
            "color": isinstance(default, str) and is_css_colour(default),
            "toggle": isinstance(default, bool),
            "number": isinstance(default, int | float) and not isinstance(default, bool)
            and (self.min is None or default >= self.min)
            and (self.max is None or default <= self.max),
            "image": isinstance(default, str) and len(default) <= 200,
            "font": isinstance(default, str) and is_font_stack(default),
        }[self.type]
        if not ok:
            raise _fail("WW-SETTING-DEFAULT", "the default {default} is not a valid {type}",
                        default=json.dumps(default, ensure_ascii=False)[:60], type=self.type)
        return self


class Tokens(BaseModel):
    """Design tokens: they become --ww-* CSS custom properties."""

    model_config = ConfigDict(extra="allow", strict=True)
    __pydantic_extra__: dict[str, CssScalar]  # space, gutter, radius, content-width, ...

    colors: dict[TokenName, CssColour] = Field(default_factory=dict)
    fonts: dict[TokenName, FontStack] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _scalar_names(self) -> Tokens:
        for name in self.__pydantic_extra__ or {}:
            _token_name(name)
        return self


class StarterBlock(_Strict):
    type: Annotated[str, StringConstraints(min_length=1, max_length=40)]
    props: dict[str, Any] = Field(default_factory=dict)
    slots: dict[str, list[StarterBlock]] = Field(default_factory=dict)


class StarterPage(_Strict):
    path: Annotated[str, StringConstraints(pattern=r"^/(?:[a-z0-9-]+(?:/[a-z0-9-]+)*)?$")]
    title: Short
    blocks: Annotated[list[StarterBlock], Field(max_length=limits.MAX_STARTER_BLOCKS)]


class Starter(_Strict):
    pages: Annotated[list[StarterPage],
                     Field(min_length=1, max_length=limits.MAX_STARTER_PAGES)]


class ThemeManifest(_Strict):
    """theme.json."""

    name: ThemeName
    slug: Annotated[str, AfterValidator(_slug)]
    version: Annotated[str, AfterValidator(_semver)]
    author: Short
    description: ThemeDescription
    license: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=60)]
    tokens: Tokens
    settings: Annotated[list[Setting], Field(max_length=limits.MAX_SETTINGS)] = Field(
        default_factory=list)
    starter: Starter | None = None


def manifest_json_schema() -> dict[str, Any]:
    """theme.json's JSON Schema (for the theme guide and designers' editors)."""
    return ThemeManifest.model_json_schema()


# Checking -------------------------------------------------------------------------------------

def _where(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif part == "[key]":
            out += " (name)"
        else:
            out += ("." if out else "") + str(part)
    return out or "theme.json"


def _code_for(error: dict[str, Any]) -> str:
    kind, loc = error["type"], [str(p) for p in error["loc"]]
    if kind.startswith("WW-"):
        return kind
    if loc[:1] == ["settings"]:
        if len(loc) == 1 and kind == "too_long":
            return "WW-SETTINGS-COUNT"
        if "label" in loc:
            return "WW-SETTING-LABEL"
        if loc[-1] == "type" and len(loc) == 3:
            return "WW-SETTING-TYPE"
        if "options" in loc:
            return "WW-SETTING-SELECT-OPTIONS"
    if kind == "missing":
        return "WW-MANIFEST-MISSING-FIELD"
    if kind == "extra_forbidden":
        return "WW-MANIFEST-UNKNOWN-FIELD"
    if loc[:2] == ["tokens", "colors"]:
        return "WW-TOKEN-COLOR"
    if loc[:2] == ["tokens", "fonts"]:
        return "WW-TOKEN-FONT"
    if loc[:1] == ["tokens"] and len(loc) == 2:
        return "WW-TOKEN-LENGTH"
    return "WW-MANIFEST-SCHEMA"


def _line_of(text: str, loc: tuple[Any, ...]) -> int | None:
    """The line of a top-level key (deeper paths inside lists are too ambiguous to point at)."""
    keys = [p for p in loc if isinstance(p, str) and p != "[key]"]
    if not keys or any(isinstance(p, int) for p in loc):
        return None
    offset = 0
    for key in keys:
        match = re.compile(r'"' + re.escape(key) + r'"\s*:').search(text, offset)
        if not match:
            return None
        offset = match.start()
    return text.count("\n", 0, offset) + 1


def _load_json(text: str, report: Report) -> Any:
    duplicates: list[str] = []

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        seen: dict[str, Any] = {}
        for key, value in items:
            if key in seen:
                duplicates.append(key)
            seen[key] = value
        return seen

    try:
        data = json.loads(text, object_pairs_hook=pairs)
    except json.JSONDecodeError as exc:
        report.add("WW-MANIFEST-JSON", f"theme.json is not valid JSON: {exc.msg}.", "theme.json",
                   exc.lineno)
        return None
    except RecursionError:
        report.add("WW-MANIFEST-JSON", "theme.json is nested too deeply.", "theme.json")
        return None
    for key in dict.fromkeys(duplicates):
        report.add("WW-MANIFEST-DUPLICATE-KEY", f"The key '{key}' appears more than once.",
                   "theme.json", _line_of(text, (key,)))
    if not isinstance(data, dict):
        report.add("WW-MANIFEST-JSON", "theme.json must hold a JSON object ({...}).",
                   "theme.json")
        return None
    return data


def check_manifest(text: str, files: set[str], report: Report) -> dict[str, Any] | None:
    """Checks theme.json; returns its data when it could be read."""
    data = _load_json(text, report)
    if data is None:
        return None
    try:
        ThemeManifest.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            code = _code_for(error)
            message = error["msg"]
            if error["type"] == "extra_forbidden":
                message = "this field is not part of theme.json"
            report.add(code, f"{_where(error['loc'])}: {message}.", "theme.json",
                       _line_of(text, error["loc"]))
    _check_languages(data, text, report)
    _check_settings(data.get("settings"), files, report)
    _check_tokens(data.get("tokens"), report)
    starter = data.get("starter")
    if isinstance(starter, dict):
        _check_starter(starter, report)
    return data


def _check_languages(data: dict[str, Any], text: str, report: Report) -> None:
    """Owners see the name and description in their own language when the theme gives it."""
    missing = []
    for key in ("name", "description"):
        value = data.get(key)
        partial = isinstance(value, dict) and any(not value.get(lang) for lang in LANGUAGES)
        if isinstance(value, str) or partial:
            missing.append(key)
    if missing:
        report.add("WW-MANIFEST-LANGUAGES", f"{' and '.join(missing)} not given in Korean, "
                   "English and Japanese.", "theme.json", _line_of(text, (missing[0],)))


def _check_settings(settings: Any, files: set[str], report: Report) -> None:
    if not isinstance(settings, list):
        return
    seen: set[str] = set()
    for index, setting in enumerate(settings):
        if not isinstance(setting, dict):
            continue
        key = setting.get("key")
        if isinstance(key, str):
            if key in seen:
                report.add("WW-SETTING-DUPLICATE-KEY",
                           f"settings[{index}]: the key '{key}' is used twice.", "theme.json")
            seen.add(key)
        default = setting.get("default")
        if setting.get("type") == "image" and isinstance(default, str) and default and (
                extension(default) not in IMAGE_TYPES | {"svg"} or default not in files):
            report.add("WW-SETTING-DEFAULT", f"settings[{index}]: the default image "
                           f"'{default[:60]}' is not an image of this theme.", "theme.json")


def _check_tokens(tokens: Any, report: Report) -> None:
    if not isinstance(tokens, dict):
        return
    missing = [f"colors.{name}" for name in EXPECTED_TOKENS["colors"]
               if name not in (tokens.get("colors") or {})]
    missing += [f"fonts.{name}" for name in EXPECTED_TOKENS["fonts"]
                if name not in (tokens.get("fonts") or {})]
    missing += [name for name in EXPECTED_TOKENS["scalars"] if name not in tokens]
    if missing:
        report.add("WW-TOKEN-MISSING", "tokens: missing " + ", ".join(missing) + ".",
                   "theme.json")


def _check_starter(starter: dict[str, Any], report: Report) -> None:
    pages = starter.get("pages")
    if not isinstance(pages, list):
        return
    paths: set[str] = set()
    for index, page in enumerate(pages):
        if not isinstance(page, dict):
            continue
        path = page.get("path")
        if isinstance(path, str):
            if path in paths:
                report.add("WW-STARTER-PATH", f"starter.pages[{index}]: the path '{path}' is "
                           "used twice.", "theme.json")
            paths.add(path)
        blocks = page.get("blocks")
        if isinstance(blocks, list):
            for b, block in enumerate(blocks):
                _check_block(block, f"starter.pages[{index}].blocks[{b}]", 1, report)


def _check_block(block: Any, where: str, depth: int, report: Report) -> None:
    if not isinstance(block, dict) or not isinstance(block.get("type"), str):
        return  # the schema reported it
    if depth > limits.MAX_STARTER_DEPTH:
        report.add("WW-STARTER-NESTING", f"{where}: blocks are nested {depth} deep.",
                   "theme.json")
        return
    type_name = block["type"]
    try:
        component = components.get(type_name)
    except components.UnknownComponent:
        report.add("WW-STARTER-UNKNOWN-BLOCK", f"{where}: there is no block type "
                   f"'{type_name[:40]}'.", "theme.json")
        return
    props = block.get("props", {})
    if not isinstance(props, dict):
        return
    try:
        clean = component.validate_props(props)
    except ValidationError as exc:
        details = "; ".join(f"{_where(e['loc'])}: {e['msg']}"
                            for e in exc.errors(include_url=False)[:3])
        report.add("WW-STARTER-PROPS", f"{where} ({type_name}): {details}.", "theme.json")
        return
    slots = block.get("slots", {})
    if not isinstance(slots, dict):
        return
    allowed = component.slot_names(clean)
    for slot, children in slots.items():
        if slot not in allowed:
            have = ", ".join(allowed) if allowed else "none"
            report.add("WW-STARTER-SLOT", f"{where} ({type_name}) has no slot '{slot[:40]}' "
                       f"(slots: {have}).", "theme.json")
            continue
        if isinstance(children, list):
            for c, child in enumerate(children):
                _check_block(child, f"{where}.slots.{slot}[{c}]", depth + 1, report)
