"""The editor's property forms, generated from a component's props model.

``fields_for(model)`` describes every field (label, widget, options, nested item fields) for the
templates; ``parse_prop(spec, form, prefix)`` turns a posted form back into the prop's value.
Field names are dotted paths: ``value``, ``value.alt``, ``value.2.price``.
"""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass, field
from typing import Any, Literal, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo


@dataclass
class FieldSpec:
    name: str
    widget: str
    label: dict[str, str]
    help: dict[str, str] = field(default_factory=dict)
    options: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    kind: str = "str"  # str | int | bool | list_str | image | items
    item_fields: list[FieldSpec] = field(default_factory=list)
    item_label: dict[str, str] = field(default_factory=dict)
    max_items: int | None = None
    max_length: int | None = None
    inline: bool = False
    default: Any = None
    pattern: str | None = None

    def text(self, attr: str, locale: str) -> str:
        value = getattr(self, attr)
        return value.get(locale) or value.get("en") or self.name


def _unwrap(annotation: Any) -> Any:
    """Annotated[X, ...] → X; Optional[X] → X."""
    while get_origin(annotation) is typing.Annotated:
        annotation = get_args(annotation)[0]
    if get_origin(annotation) in (typing.Union, types.UnionType):
        args = [a for a in get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return _unwrap(args[0])
    return annotation


def _max_length(info: FieldInfo) -> int | None:
    for meta in info.metadata:
        value = getattr(meta, "max_length", None)
        if value is not None:
            return value
    return None


def _pattern(info: FieldInfo) -> str | None:
    for meta in info.metadata:
        value = getattr(meta, "pattern", None)
        if value is not None:
            return value
    return None


def _spec(name: str, info: FieldInfo) -> FieldSpec:
    extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
    ui = extra.get("ui", {})
    annotation = _unwrap(info.annotation)
    origin = get_origin(annotation)
    spec = FieldSpec(name=name, widget=ui.get("widget", "text"), label=ui.get("label", {}),
                     help=ui.get("help", {}), inline=ui.get("inline", False),
                     item_label=ui.get("item_label", {}), max_length=_max_length(info),
                     default=info.get_default(call_default_factory=True),
                     pattern=_pattern(info))
    options = ui.get("options") or {}
    if origin is Literal:
        values = get_args(annotation)
        spec.kind = "int" if all(isinstance(v, int) and not isinstance(v, bool)
                                 for v in values) else "str"
        spec.options = [(str(v), options.get(str(v), {"en": str(v)})) for v in values]
        if spec.widget == "text":
            spec.widget = "select"
    elif annotation is bool:
        spec.kind, spec.widget = "bool", "toggle"
    elif annotation is int:
        spec.kind = "int"
        if spec.widget == "text":
            spec.widget = "number"
    elif origin is list:
        (item,) = get_args(annotation)
        item = _unwrap(item)
        spec.max_items = _max_length(info)
        if isinstance(item, type) and issubclass(item, BaseModel):
            spec.kind, spec.widget = "items", "items"
            spec.item_fields = fields_for(item)
        else:
            item_origin = get_origin(item)
            spec.kind = "list_str"
            if item_origin is Literal:
                spec.options = [(str(v), options.get(str(v), {"en": str(v)}))
                                for v in get_args(item)]
                spec.widget = "multiselect"
    elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
        spec.kind, spec.widget = "image", "image"
    return spec


def fields_for(model: type[BaseModel]) -> list[FieldSpec]:
    """Every field of ``model``, in declaration order."""
    return [_spec(name, info) for name, info in model.model_fields.items()]


def spec_for(model: type[BaseModel], name: str) -> FieldSpec | None:
    info = model.model_fields.get(name)
    return _spec(name, info) if info is not None else None


def _scalar(spec: FieldSpec, form, key: str) -> Any:
    if spec.kind == "bool":
        return key in form and form.get(key) in {"on", "true", "1"}
    if spec.kind == "list_str":
        return [v for v in form.getlist(key) if v]
    raw = form.get(key, "")
    if spec.kind == "int":
        raw = raw.strip().replace(",", "")
        if raw == "":
            return spec.default if spec.default is not None else 0
        try:
            return int(raw)
        except ValueError:
            return raw  # let validation explain it
    return raw


def parse_prop(spec: FieldSpec, form, prefix: str = "value") -> Any:
    """The value of one prop from a posted form."""
    if spec.kind == "image":
        return {
            "asset": form.get(f"{prefix}.asset", ""),
            "alt": form.get(f"{prefix}.alt", ""),
            "focal_x": _int(form.get(f"{prefix}.focal_x"), 50),
            "focal_y": _int(form.get(f"{prefix}.focal_y"), 50),
        }
    if spec.kind == "items":
        count = _int(form.get(f"{prefix}.count"), 0)
        items = []
        for i in range(min(count, 200)):
            items.append({f.name: parse_prop(f, form, f"{prefix}.{i}.{f.name}")
                          for f in spec.item_fields})
        return items
    return _scalar(spec, form, prefix)


def _int(raw: Any, default: int) -> int:
    try:
        return int(raw)
    except (TypeError, ValueError):
        return default


def edit_items(items: list[dict[str, Any]], action: str, spec: FieldSpec) -> list[dict[str, Any]]:
    """Applies an item-list button: add, remove:i, up:i, down:i."""
    items = list(items)
    verb, _, arg = action.partition(":")
    index = _int(arg, -1)
    if verb == "add":
        if spec.max_items is None or len(items) < spec.max_items:
            items.append({f.name: f.default for f in spec.item_fields})
    elif verb == "remove" and 0 <= index < len(items):
        items.pop(index)
    elif verb == "up" and 0 < index < len(items):
        items[index - 1], items[index] = items[index], items[index - 1]
    elif verb == "down" and 0 <= index < len(items) - 1:
        items[index + 1], items[index] = items[index], items[index + 1]
    return items


def apply_item_action(value: Any, action: str, spec: FieldSpec) -> Any:
    """Applies an item-list button to the list at a dotted path inside the prop.

    ``action`` is ``verb[:index]@path``: ``add@value``, ``remove:2@value``,
    ``up:1@value.0.items`` (a list inside the first item of the prop's list)."""
    verb, _, path = action.partition("@")
    parts = (path or "value").split(".")[1:]
    if not parts:
        return edit_items(value, verb, spec) if spec.kind == "items" else value
    container, current = value, spec
    try:
        for step, key in enumerate(parts):
            if isinstance(container, list):
                container = container[int(key)]
            else:
                current = next(f for f in current.item_fields if f.name == key)
                if step == len(parts) - 1:
                    container[key] = edit_items(container.get(key) or [], verb, current)
                    return value
                container = container[key]
    except (IndexError, ValueError, StopIteration, KeyError, TypeError):
        return value
    return value
