"""The block types. Each subfolder is one component: ``__init__.py`` defines ``COMPONENT`` and
``view.html`` is its default template. Adding a type touches no other file: the registry finds
every folder here at start-up.

A component's props are a pydantic model. Its fields carry editor metadata with ``ui(...)``:
label in ko/en/ja, the widget, help text, select options — the editor's form, AI tool schemas
and theme docs are all generated from it.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

ROOT = Path(__file__).resolve().parent

Labels = dict[str, str]  # {"ko": ..., "en": ..., "ja": ...}

CATEGORIES: dict[str, Labels] = {
    "layout": {"ko": "레이아웃", "en": "Layout", "ja": "レイアウト"},
    "text": {"ko": "텍스트", "en": "Text", "ja": "テキスト"},
    "media": {"ko": "사진·영상", "en": "Media", "ja": "写真・動画"},
    "business": {"ko": "가게 정보", "en": "Business", "ja": "お店の情報"},
    "forms": {"ko": "문의·예약", "en": "Forms", "ja": "お問い合わせ・予約"},
    "site": {"ko": "사이트", "en": "Site", "ja": "サイト"},
}

# Widgets the editor knows how to draw.
WIDGETS = {"text", "textarea", "richtext", "image", "link", "color", "select", "number",
           "toggle", "items", "time", "url", "email", "tel", "date"}


def ui(label: Labels, widget: str | None = None, help: Labels | None = None,
       options: dict[str, Labels] | None = None, inline: bool = False,
       item_label: Labels | None = None, **extra: Any) -> dict[str, Any]:
    """Editor metadata for a props field (pass as ``Field(json_schema_extra=ui(...))``).

    ``inline=True`` lets the owner edit the text directly on the canvas.
    """
    meta: dict[str, Any] = {"label": label}
    if widget:
        if widget not in WIDGETS:
            raise ValueError(f"unknown widget {widget!r}")
        meta["widget"] = widget
    if help:
        meta["help"] = help
    if options:
        meta["options"] = options
    if inline:
        meta["inline"] = True
    if item_label:
        meta["item_label"] = item_label
    meta.update(extra)
    return {"ui": meta}


# Sample content ------------------------------------------------------------------------------
# A new block arrives with sample content that fits the owner's trade and the site's language.
# A component declares it as data: ``samples[business_type][locale]`` → raw props. Links in a
# sample never point at something that may not exist: they are written as ``link_to(...)`` /
# ``button_to(...)`` and resolved when the block is made, from what the site really has (see
# ``SampleContext.links``); an anchor a block offers (``anchor_if_free``) is left out when the
# page already has it.

BUSINESS_TYPES = ("cafe", "restaurant", "shop", "beauty", "clinic", "academy", "office",
                  "freelancer", "other")
GENERIC = "other"
SAMPLE_LOCALES = ("ko", "en", "ja")
FALLBACK_LOCALE = "ko"
# What a sample link may point at: a block type (its anchor on this page, else another page
# holding one), or a contact from the business profile.
PROFILE_TARGETS = ("phone", "instagram", "kakao")

Samples = Mapping[str, Mapping[str, dict[str, Any]]]  # business type → locale → raw props


@dataclass(frozen=True)
class LinkTo:
    """A link in sample content: the first of ``targets`` the site has, else none.

    ``drop``: the list item holding it (a button) is left out when nothing is found."""

    targets: tuple[str, ...]
    drop: bool = False


def link_to(*targets: str) -> LinkTo:
    """A link to the first target that exists; empty (no button shown) otherwise."""
    return LinkTo(targets)


def button_to(*targets: str) -> LinkTo:
    """A button item in a list (e.g. the hero's buttons): left out when no target exists."""
    return LinkTo(targets, drop=True)


@dataclass(frozen=True)
class AnchorIfFree:
    """An anchor name a new block offers (``#menu``), unless the page already has it."""

    name: str


def anchor_if_free(name: str) -> AnchorIfFree:
    return AnchorIfFree(name)


@dataclass(frozen=True)
class SampleContext:
    """What a new block's sample content depends on (plain data; built by the editor).

    ``links`` maps a target (a block type such as "menu", or "phone"/"instagram"/"kakao") to
    a link that works on this page: ``#anchor``, ``page:<id>``, ``tel:…`` or an https address.
    ``anchors`` are the anchor names already used on the page."""

    business_type: str = GENERIC
    locale: str = FALLBACK_LOCALE
    links: Mapping[str, str] = field(default_factory=dict)
    anchors: frozenset[str] = frozenset()


def pick_sample(samples: Samples, business_type: str, locale: str) -> dict[str, Any]:
    """The sample for a trade and language. The language matters most (a Korean sample on an
    English site reads as a bug), so: this trade in this language → the generic one in this
    language → this trade in Korean → the generic one in Korean."""
    for trade, lang in ((business_type, locale), (GENERIC, locale),
                        (business_type, FALLBACK_LOCALE), (GENERIC, FALLBACK_LOCALE)):
        found = samples.get(trade, {}).get(lang)
        if found is not None:
            return found
    return {}


def resolve_sample(value: Any, ctx: SampleContext) -> Any:
    """A copy of ``value`` with its ``link_to``/``button_to``/``anchor_if_free`` resolved."""
    if isinstance(value, LinkTo):
        return next((ctx.links[t] for t in value.targets if ctx.links.get(t)), "")
    if isinstance(value, AnchorIfFree):
        return "" if value.name in ctx.anchors else value.name
    if isinstance(value, dict):
        return {k: resolve_sample(v, ctx) for k, v in value.items()}
    if isinstance(value, list | tuple):
        kept = []
        for item in value:
            if isinstance(item, dict) and any(
                    isinstance(v, LinkTo) and v.drop and not resolve_sample(v, ctx)
                    for v in item.values()):
                continue  # a button with nowhere to go
            kept.append(resolve_sample(item, ctx))
        return kept
    return value


class Props(BaseModel):
    """Base of every props model: unknown keys are refused, whitespace trimmed."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, validate_default=True)


@dataclass(frozen=True)
class Follow:
    """Other props that an owner's change brings along, in the same operation (so one undo
    takes both back), and the sentence that tells the owner why."""

    props: dict[str, Any]
    note: Labels


@dataclass(frozen=True)
class Component:
    """One block type."""

    type: str
    props: type[Props]
    labels: Labels
    category: str
    icon: str  # a short SVG path "d" attribute (24×24 viewBox) shown in the palette
    description: Labels = field(default_factory=dict)
    slots: tuple[str, ...] = ()  # container components name their slots
    slot_count: Callable[[dict[str, Any]], int] | None = None  # e.g. columns: 2–4 slots
    allowed_children: tuple[str, ...] | None = None  # None: any non-site block
    # Props of a new block that do not depend on trade or language (e.g. a divider's style).
    defaults: Callable[[], dict[str, Any]] | None = None
    # Sample content of a new block by business type and language (see ``pick_sample``).
    samples: Samples | None = None
    # Tidies a sample once its links are resolved (e.g. the hero's only button is the filled one).
    finish_sample: Callable[[dict[str, Any]], dict[str, Any]] | None = None
    singleton: bool = False  # at most one per page (e.g. footer)
    uses_profile: bool = False  # reads the site's business profile when rendering
    # on_prop_change(prop, before, after) → Follow | None: called when the owner sets ``prop``
    # (``before``/``after``: the block's props without and with the new, not yet validated,
    # value); e.g. a picture chosen for a text-only hero switches to a layout that shows it.
    on_prop_change: Callable[[str, dict[str, Any], dict[str, Any]], Follow | None] | None = None

    @property
    def template(self) -> str:
        return f"{self.type}/view.html"

    def label(self, locale: str) -> str:
        return self.labels.get(locale) or self.labels["en"]

    def sample(self, ctx: SampleContext | None = None) -> dict[str, Any]:
        """The raw sample content of a new block for ``ctx`` (links resolved)."""
        ctx = ctx or SampleContext()
        raw = dict(self.defaults()) if self.defaults else {}
        if self.samples:
            raw.update(pick_sample(self.samples, ctx.business_type, ctx.locale))
        resolved = resolve_sample(raw, ctx)
        return self.finish_sample(resolved) if self.finish_sample else resolved

    def default_props(self, ctx: SampleContext | None = None) -> dict[str, Any]:
        """Validated props for a newly inserted block: its sample content for the site's trade
        and language (generic Korean without a context)."""
        return self.validate_props(self.sample(ctx))

    def validate_props(self, raw: dict[str, Any]) -> dict[str, Any]:
        """Validates and normalises props (raises pydantic.ValidationError)."""
        return self.props.model_validate(raw).model_dump(mode="json")

    def slot_names(self, props: dict[str, Any]) -> list[str]:
        if self.slot_count is not None:
            return [f"col{i + 1}" for i in range(self.slot_count(props))]
        return list(self.slots)

    @property
    def is_container(self) -> bool:
        return bool(self.slots) or self.slot_count is not None

    def json_schema(self) -> dict[str, Any]:
        return self.props.model_json_schema()


class UnknownComponent(KeyError):
    """No block type with this name is registered."""

    def __init__(self, type_name: str) -> None:
        super().__init__(type_name)
        self.type_name = type_name


@cache
def registry() -> dict[str, Component]:
    """Every component found in this package, keyed by type."""
    found: dict[str, Component] = {}
    for info in sorted(pkgutil.iter_modules([str(ROOT)]), key=lambda i: i.name):
        if not info.ispkg or info.name.startswith("_"):
            continue
        module = importlib.import_module(f"components.{info.name}")
        component = getattr(module, "COMPONENT", None)
        if not isinstance(component, Component):
            raise TypeError(f"components/{info.name} defines no COMPONENT")
        if component.type != info.name:
            raise ValueError(f"components/{info.name}: type must equal the folder name")
        if component.category not in CATEGORIES:
            raise ValueError(f"components/{info.name}: unknown category {component.category}")
        if not (ROOT / info.name / "view.html").exists():
            raise FileNotFoundError(f"components/{info.name}/view.html is missing")
        found[component.type] = component
    return found


def get(type_name: str) -> Component:
    """The component for ``type_name``; raises UnknownComponent."""
    try:
        return registry()[type_name]
    except KeyError:
        raise UnknownComponent(type_name) from None


def by_category() -> dict[str, list[Component]]:
    groups: dict[str, list[Component]] = {key: [] for key in CATEGORIES}
    for component in registry().values():
        groups[component.category].append(component)
    return {k: v for k, v in groups.items() if v}


__all__ = ["BUSINESS_TYPES", "CATEGORIES", "Component", "Follow", "Props", "SampleContext",
           "UnknownComponent", "ValidationError", "anchor_if_free", "button_to", "by_category",
           "get", "link_to", "pick_sample", "registry", "ui"]
