"""Rendering component trees to HTML — one path for the editor canvas and the published site.

Lookup order for a block's view: the theme's override (``components/<type>.html`` in the theme
package, rendered in the theme sandbox with a time and output limit) → the component's own
template → a visible "unknown block" placeholder. Templates run in Jinja's immutable sandbox and
receive only plain data: props, the block's id, rendered slots, the business profile and a few
helpers. In the editor every block is wrapped in a selectable frame; published output has none.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from jinja2 import ChoiceLoader, FileSystemLoader, TemplateError, Undefined, pass_context
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup, escape

import components
from components import UnknownComponent

log = logging.getLogger(__name__)
STRINGS_FALLBACK = "en"
# Shown (in the site's language) where a block's type is not known to this WindWalker.
UNKNOWN_BLOCK = {"ko": "알 수 없는 블록", "en": "Unknown block", "ja": "不明なブロック"}
_EDITOR_ATTRS = re.compile(r' data-(?:inline|slot)="[^"]*"')
_SLOT_ATTR = re.compile(r'data-slot="([A-Za-z0-9_-]+)"')
# A rendered slot stands in the block's own markup as this marker until the block's slot
# elements have their ids (so a nested block's slot of the same name is never touched).
_SLOT_MARK = "\x00ww-slot:{}\x00"


def slot_id(block_id: str, slot: str) -> str:
    """The DOM id of a container block's slot element in the editor canvas."""
    return f"s-{block_id}-{slot}"


# How a price in won reads in each site language.
KRW_FORMATS = {"ko": "{amount}원", "en": "₩{amount}", "ja": "{amount}ウォン"}


@pass_context
def krw(context: Any, value: Any) -> str:
    """12000 → '12,000원' (integer won), in the page's language: '₩12,000' on an English
    site, '12,000ウォン' on a Japanese one. Block views have ``locale``, layouts ``site``."""
    try:
        amount = f"{int(value):,}"
    except (TypeError, ValueError):
        return ""
    site = context.get("site")
    locale = context.get("locale") or (site.get("locale") if isinstance(site, dict) else None)
    return KRW_FORMATS.get(locale or "ko", KRW_FORMATS["ko"]).format(amount=amount)


@dataclass
class RenderContext:
    """What a page render needs besides the tree. Plain data only."""

    site: dict[str, Any] = field(default_factory=dict)  # name, slug, locale
    profile: dict[str, Any] = field(default_factory=dict)
    pages: list[dict[str, Any]] = field(default_factory=list)  # id, title, path (navigation)
    assets: dict[str, dict[str, Any]] = field(default_factory=dict)  # hash → width, height, …
    # image_url(hash, width, ext="webp") → the URL of that variant
    image_url: Callable[..., str] = lambda h, w=None, ext="webp": ""  # noqa: E731
    page_url: Callable[[int], str] = lambda page_id: "#"  # noqa: E731
    editing: bool = False
    locale: str = "ko"
    form_action: str = ""  # where form blocks post (the platform's form endpoint)
    theme_folder: str = ""  # the theme package whose component overrides apply


@cache
def theme_overrides(folder: str) -> tuple[Any, frozenset[str]]:
    """The theme's sandbox and the block types it overrides (``components/<type>.html``)."""
    from pathlib import Path

    from app.theme_packages.sandbox import theme_environment

    root = Path(folder) / "components"
    known = set(components.registry())
    types = frozenset(p.stem for p in root.glob("*.html")
                      if p.is_file() and not p.is_symlink() and p.stem in known) \
        if root.is_dir() else frozenset()
    return (theme_environment(folder) if types else None), types


@cache
def environment() -> ImmutableSandboxedEnvironment:
    env = ImmutableSandboxedEnvironment(
        loader=ChoiceLoader([FileSystemLoader(str(components.ROOT))]),
        autoescape=True,
        undefined=Undefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["krw"] = krw
    return env


class Renderer:
    """Renders nodes of one page with one context."""

    def __init__(self, ctx: RenderContext) -> None:
        self.ctx = ctx
        self.env = environment()
        self.theme_env, self.overridden = (
            theme_overrides(ctx.theme_folder) if ctx.theme_folder else (None, frozenset()))

    # helpers exposed to templates -------------------------------------------------------
    def href(self, link: str) -> str:
        if not link:
            return ""
        if link.startswith("page:"):
            return self.ctx.page_url(int(link[5:]))
        return link

    def image(self, image: dict[str, Any] | None, sizes: str = "100vw", widths=(480, 960, 1600),
              loading: str = "lazy", css_class: str = "") -> Markup:
        """An <img> with srcset, width/height and focal point, or a placeholder in the editor."""
        if not image or not image.get("asset"):
            if self.ctx.editing:
                return Markup('<span class="ww-img-placeholder" aria-hidden="true"></span>')
            return Markup("")
        meta = self.ctx.assets.get(image["asset"])
        if meta is None:
            return Markup("")
        w, h = int(meta["width"]), int(meta["height"])
        # The widths the library made for this picture (480/960/1600 below its own width, and
        # its own width); ``widths`` only caps them for small slots.
        available = sorted(meta.get("widths") or [x for x in (480, 960, 1600) if x < w] + [w])
        usable = [x for x in available if x <= max(widths)] or available[:1]
        # The focal point becomes classes (no style attribute: the editor's CSP forbids them).
        fx = round(int(image.get("focal_x", 50)) / 25) * 25
        fy = round(int(image.get("focal_y", 50)) / 25) * 25
        default = usable[min(1, len(usable) - 1)]
        url = self.ctx.image_url
        asset = image["asset"]
        img = Markup(
            '<img src="{src}" srcset="{srcset}" sizes="{sizes}" width="{w}" height="{h}" '
            'alt="{alt}" loading="{loading}" decoding="async" class="{cls}">'
        )
        cls = f"{css_class} ww-fx-{fx} ww-fy-{fy}".strip()
        if self.ctx.editing:
            srcset = ", ".join(f"{url(asset, x)} {x}w" for x in usable)
            return img.format(src=url(asset, default), srcset=srcset, sizes=sizes, w=w, h=h,
                              alt=image.get("alt", ""), loading=loading, cls=cls)
        # Published: WebP for browsers that take it, JPEG/PNG for the rest.
        fallback = meta.get("fallback", "jpg")
        webp = ", ".join(f"{url(asset, x, 'webp')} {x}w" for x in usable)
        classic = ", ".join(f"{url(asset, x, fallback)} {x}w" for x in usable)
        return Markup('<picture><source type="image/webp" srcset="{webp}" sizes="{sizes}">'
                      "{img}</picture>").format(
            webp=webp, sizes=sizes,
            img=img.format(src=url(asset, default, fallback), srcset=classic, sizes=sizes, w=w,
                           h=h, alt=image.get("alt", ""), loading=loading, cls=cls))

    # rendering --------------------------------------------------------------------------
    def render_children(self, nodes: list[dict[str, Any]]) -> Markup:
        return Markup("").join(self.render_node(n) for n in nodes)

    def render_node(self, node: dict[str, Any]) -> Markup:
        try:
            component = components.get(node["type"])
        except UnknownComponent:
            return self._unknown(node)
        slots = {
            name: self.render_children(node.get("slots", {}).get(name, []))
            for name in component.slot_names(node.get("props", {}))
        }
        rendered_slots = slots
        if self.ctx.editing and slots:
            # The block's own slot elements get ids (``s-<block>-<slot>``): an insert into a
            # slot is addressed by that id, never by a selector that also matches the slot of
            # the same name in a container nested inside (two copies of one block otherwise).
            slots = {name: Markup(_SLOT_MARK.format(name)) for name in rendered_slots}  # noqa: S704
        texts = _component_strings(component.type)

        def t(key: str) -> str:
            entry = texts.get(key, {})
            return entry.get(self.ctx.locale) or entry.get(STRINGS_FALLBACK) or key

        context = {
            "props": node.get("props", {}),
            "block": {"id": node["id"], "type": node["type"]},
            "slots": slots,
            "profile": self.ctx.profile,
            "site": self.ctx.site,
            "pages": self.ctx.pages,
            "editing": self.ctx.editing,
            "form_action": self.ctx.form_action,
            "locale": self.ctx.locale,
            "href": self.href,
            "image": self.image,
            "t": t,
        }
        # Both environments autoescape everything they output.
        html = self._theme_view(component.type, context)
        if html is None:
            template = self.env.get_template(component.template)
            html = Markup(template.render(**context))  # noqa: S704
        if self.ctx.editing:
            if rendered_slots:
                html = self._place_slots(node["id"], html, rendered_slots)
            return self.wrap(node, component, html, slots_present=bool(slots))
        # Published pages carry no editor hooks.
        return Markup(_EDITOR_ATTRS.sub("", str(html)))  # noqa: S704 - only attributes removed

    @staticmethod
    def _place_slots(block_id: str, html: Markup, rendered: dict[str, Markup]) -> Markup:
        """Gives the block's own slot elements their ids, then puts the rendered children in."""
        text = _SLOT_ATTR.sub(
            lambda m: f'data-slot="{m.group(1)}" id="{slot_id(block_id, m.group(1))}"', str(html))
        for name, children in rendered.items():
            text = text.replace(_SLOT_MARK.format(name), str(children), 1)
        return Markup(text)  # noqa: S704 - our own rendered, escaped markup

    def _theme_view(self, type_name: str, context: dict[str, Any]) -> Markup | None:
        """The theme's override of this block, or None (none, or it failed: the block's own
        view stands in, so a broken theme never breaks a page)."""
        if type_name not in self.overridden:
            return None
        from app.theme_packages.output import finish_block
        from app.theme_packages.sandbox import ThemeRenderError, render_limited

        # The rendered child blocks are ours: they print as placeholders, skip the allowlist
        # and come back as they are. Everything the override itself writes is judged by it.
        trusted = {f"s{index}": html for index, html in enumerate(context["slots"].values())}
        try:
            template = self.theme_env.get_template(f"components/{type_name}.html")
            raw = render_limited(template, context, trusted=trusted)
            return finish_block(raw, {key: str(html) for key, html in trusted.items()},
                                form_action=self.ctx.form_action)
        except (ThemeRenderError, TemplateError, TypeError, ValueError) as exc:
            log.warning("theme override %s failed in %s: %s", type_name,
                        self.ctx.theme_folder, exc)
            return None

    def wrap(self, node: dict[str, Any], component, html: Markup, slots_present: bool) -> Markup:
        """The editor's selectable frame around a block (never in published output).

        The frame's name tag speaks the *editor's* language, not the site's: it carries the
        name in every UI language and editor.css shows the one of the page (``html[lang]``).
        So a fragment rendered for one editor and sent live to another (co-editing) is right
        for both."""
        return Markup(
            '<div class="ed-block" id="b-{id}" data-block-id="{id}" data-type="{type}" '
            'data-label-ko="{ko}" data-label-en="{en}" data-label-ja="{ja}" tabindex="0">'
            "{html}</div>"
        ).format(id=node["id"], type=node["type"], ko=component.label("ko"),
                 en=component.label("en"), ja=component.label("ja"), html=html)

    def _unknown(self, node: dict[str, Any]) -> Markup:
        label = escape(node.get("type", "?"))
        return Markup(  # noqa: S704 - both values are escaped above
            f'<div class="ww-unknown" role="note" data-block-id="{escape(node.get("id", ""))}">'
            f"{UNKNOWN_BLOCK.get(self.ctx.locale, UNKNOWN_BLOCK['en'])}: {label}</div>"
        )

    def render_tree(self, tree: dict[str, Any]) -> Markup:
        return self.render_children(tree.get("slots", {}).get("children", []))


@cache
def _component_strings(type_name: str) -> dict[str, dict[str, str]]:
    import importlib

    module = importlib.import_module(f"components.{type_name}")
    return getattr(module, "STRINGS", {}) or {}
