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
from collections.abc import Callable
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
    defaults: Callable[[], dict[str, Any]] | None = None  # sample content for a new block
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

    def default_props(self) -> dict[str, Any]:
        """Validated props for a newly inserted block."""
        raw = self.defaults() if self.defaults else {}
        return self.validate_props(raw)

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


__all__ = ["CATEGORIES", "Component", "Follow", "Props", "UnknownComponent", "ValidationError",
           "by_category", "get", "registry", "ui"]
