"""What an uploaded theme's templates may put on a page: an allowlist judged on the output.

A template's source says little about what it renders (``<scr{{ '' }}ipt>``, ``o{{ "" }}nerror``,
a refresh ``<meta>`` shown only when the site name is not a sample), so every render of an
uploaded theme's layout and block overrides goes through ``nh3`` (html5ever, the HTML parser
browsers agree with) configured from the allowlist below: elements, attributes, URL schemes, and
value rules in ``_attribute_filter``. Anything else is removed before the page is published,
previewed or drawn in the editor canvas.

What the platform itself hands a template (the page's ``content``, the site ``css``, the JSON-LD,
a container's ``slots``) is not the theme's markup and is not judged again: while rendering, the
sandbox prints a placeholder element for each of those objects (``placeholder_markup``), the
allowlist keeps placeholders only where they are real elements, and ``_substitute`` puts the
platform's markup back in their place. The CSS goes back only into a ``<style>`` that holds
nothing but its placeholder (a theme's own ``<style>`` is removed: its rules belong in
``assets/base.css``); the JSON-LD only where the layout wrote ``<script type=
"application/ld+json">{{ jsonld }}</script>``; every other ``<script>`` is removed with its text.

The validator (``audit``) parses the same rendered output as browsers do (tinyhtml5, html5lib's
WHATWG parser, so it sees what html5ever and a browser see: ``<noscript>`` text, RCDATA in
``<title>``, foster-parented table text) and reports, with a code, what the allowlist would
remove; and, as a net under its own rules, whatever the sanitiser changed that they did not name.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Mapping
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache
from html import escape
from pathlib import Path
from typing import Any, Literal

import nh3
from markupsafe import Markup
from tinyhtml5.parser import HTMLParser as SpecParser

from app.theme_packages.assets import (
    css_url_targets,
    css_urls_unreadable,
    decode_css_escapes,
    strip_css_comments,
)

Kind = Literal["layout", "block"]

# Elements -------------------------------------------------------------------------------------

TEXT_ELEMENTS = frozenset({
    "a", "abbr", "address", "article", "aside", "b", "bdi", "bdo", "blockquote", "br", "button",
    "caption", "cite", "code", "col", "colgroup", "data", "dd", "del", "details", "dfn", "div",
    "dl", "dt", "em", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3",
    "h4", "h5", "h6", "header", "hgroup", "hr", "i", "img", "input", "ins", "kbd", "label",
    "legend", "li", "main", "mark", "nav", "ol", "optgroup", "option", "p", "picture", "pre",
    "q", "rp", "rt", "ruby", "s", "samp", "search", "section", "select", "small", "source",
    "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "textarea", "tfoot", "th",
    "thead", "time", "tr", "u", "ul", "var", "wbr",
})
# Inline icons and drawings. Names as the HTML parser reports SVG elements (camelCase).
SVG_ELEMENTS = frozenset({
    "svg", "g", "path", "circle", "ellipse", "line", "polyline", "polygon", "rect", "text",
    "tspan", "title", "desc", "defs", "symbol", "use", "linearGradient", "radialGradient", "stop",
    "clipPath",
})
# The layout's <head>. <style> only ever holds the site's CSS (see the module docstring).
HEAD_ELEMENTS = frozenset({"title", "meta", "link"})
# Removed with everything inside them (their text is code or another document, never content).
REMOVED_WITH_CONTENT = frozenset({
    "script", "iframe", "frame", "frameset", "object", "embed", "applet", "noembed", "noframes",
    "noscript", "template", "math", "xmp", "foreignObject",
})
# Reported by the validator under their own code (everything else unknown: WW-TPL-ELEMENT).
EMBED_ELEMENTS = frozenset({"iframe", "frame", "frameset", "object", "embed", "applet", "base",
                            "portal", "fencedframe"})

# Attributes -----------------------------------------------------------------------------------

GLOBAL_ATTRIBUTES = frozenset({"class", "id", "title", "lang", "dir", "role", "hidden",
                               "tabindex", "translate", "style"})
ARIA_PREFIX = "aria-"
# The editor's hooks a block's view uses (inline editing, slots, empty-text hints). Only block
# overrides carry them, and only with plain names as values.
EDITOR_HOOKS = frozenset({"data-inline", "data-slot", "data-placeholder"})
ELEMENT_ATTRIBUTES: dict[str, frozenset[str]] = {
    "a": frozenset({"href", "target", "rel", "hreflang", "type"}),
    "img": frozenset({"src", "srcset", "sizes", "alt", "width", "height", "loading", "decoding",
                      "fetchpriority"}),
    "source": frozenset({"srcset", "sizes", "type", "media", "width", "height"}),
    "time": frozenset({"datetime"}),
    "data": frozenset({"value"}),
    "del": frozenset({"cite", "datetime"}),
    "ins": frozenset({"cite", "datetime"}),
    "blockquote": frozenset({"cite"}),
    "q": frozenset({"cite"}),
    "meta": frozenset({"charset", "name", "property", "content", "itemprop"}),
    "link": frozenset({"rel", "href", "type", "sizes", "hreflang", "media"}),
    "form": frozenset({"method", "autocomplete", "novalidate"}),  # action: set by WindWalker
    "input": frozenset({"type", "name", "value", "placeholder", "required", "autocomplete",
                        "inputmode", "min", "max", "step", "maxlength", "minlength", "pattern",
                        "checked", "disabled", "readonly", "size", "multiple"}),
    "button": frozenset({"type", "name", "value", "disabled"}),
    "select": frozenset({"name", "required", "multiple", "disabled", "size", "autocomplete"}),
    "option": frozenset({"value", "selected", "disabled", "label"}),
    "optgroup": frozenset({"label", "disabled"}),
    "textarea": frozenset({"name", "rows", "cols", "placeholder", "required", "maxlength",
                           "minlength", "disabled", "readonly", "autocomplete"}),
    "label": frozenset({"for"}),
    "fieldset": frozenset({"disabled"}),
    "td": frozenset({"colspan", "rowspan", "headers"}),
    "th": frozenset({"colspan", "rowspan", "headers", "scope", "abbr"}),
    "col": frozenset({"span"}),
    "colgroup": frozenset({"span"}),
    "ol": frozenset({"start", "reversed", "type"}),
    "li": frozenset({"value"}),
    "details": frozenset({"open"}),
}
SVG_ATTRIBUTES = frozenset({
    "viewBox", "width", "height", "xmlns", "focusable", "preserveAspectRatio", "fill",
    "fill-rule", "fill-opacity", "stroke", "stroke-width", "stroke-linecap", "stroke-linejoin",
    "stroke-opacity", "stroke-dasharray", "stroke-dashoffset", "stroke-miterlimit", "opacity",
    "transform", "clip-rule", "clip-path", "d", "cx", "cy", "r", "rx", "ry", "x", "y", "x1",
    "y1", "x2", "y2", "dx", "dy", "points", "offset", "stop-color", "stop-opacity",
    "gradientUnits", "gradientTransform", "fx", "fy", "text-anchor", "dominant-baseline",
    "font-size", "font-family", "font-weight", "vector-effect", "pathLength", "href",
})
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel", "sms"})
# Attributes htmx, its extensions and the editor's own scripts act on: never from a theme.
HTMX_PREFIXES = ("hx-", "data-hx-", "sse-", "data-sse-", "ws-", "data-ws-")
# Attributes the browser or the editor's page acts on (focus, editing, popovers, commands on
# the editor's dialogs): removed like any unknown attribute, reported as errors.
EDITOR_ACTIVE = frozenset({"contenteditable", "autofocus", "popover", "popovertarget",
                           "popovertargetaction", "command", "commandfor", "accesskey",
                           "draggable", "inert", "is", "slot", "part", "spellcheck"})
META_NAMES = frozenset({"description", "viewport", "theme-color", "color-scheme", "robots",
                        "author", "generator", "application-name", "format-detection"})
META_NAME_PREFIXES = ("twitter:",)
META_PROPERTY_PREFIXES = ("og:", "article:", "profile:", "business:")
LINK_RELS = frozenset({"icon", "shortcut", "apple-touch-icon", "canonical", "stylesheet",
                       "alternate", "author", "license"})
ANCHOR_RELS = frozenset({"noopener", "noreferrer", "nofollow", "external", "ugc", "sponsored",
                         "me", "author", "license", "tag", "help", "prev", "next", "bookmark",
                         "alternate"})
INPUT_TYPES = frozenset({"text", "email", "tel", "number", "date", "time", "datetime-local",
                         "month", "week", "url", "search", "checkbox", "radio", "hidden",
                         "submit", "reset", "button", "range", "color"})
BUTTON_TYPES = frozenset({"submit", "button", "reset"})
TARGETS = frozenset({"_blank", "_self"})
# Classes the editor and htmx give meaning to (block frames, fields, swap states).
RESERVED_CLASS_PREFIXES = ("ed-", "htmx-")
_PLAIN_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_.:-]{0,80}$")
# Ids the editor gives its frames of blocks (app.editor.render.Renderer.wrap).
EDITOR_ID_PREFIXES = ("b-",)
_HOOK_VALUE = re.compile(r"^[a-z][a-z0-9_.-]{0,60}$")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_CONTROL = re.compile(r"[\x00-\x20\x7f]")
_TEMPLATE_ID = re.compile(r"""\bid=["']([A-Za-z][\w.:-]*)?(\{\{)?""")
_STYLE_BANNED = re.compile(r"expression\s*\(|(?<![\w-])behavior\s*:|-moz-binding|javascript:|"
                           r"vbscript:|@import|<", re.I)

# Placeholders for what the platform hands a template --------------------------------------------

SLOT_TAG = "ww-slot"
SLOT_KEYS = frozenset({"content", "css", "jsonld", *(f"s{i}" for i in range(16))})
# Where the site (the page being rendered) lives: absolute links to it are its own.
_SITE_ORIGIN: ContextVar[str] = ContextVar("theme_output_site_origin", default="")


def placeholder_markup(key: str) -> Markup:
    """What the sandbox prints instead of a platform object. No quotes, so inside an attribute
    it stays one harmless value. The JSON-LD closes the layout's <script> around it and opens an
    empty one, so the placeholder stands as an element between two scripts the sanitiser drops."""
    element = f"<{SLOT_TAG} data-n={key}></{SLOT_TAG}>"
    if key == "jsonld":
        return Markup(f"</script>{element}<script>")  # noqa: S704 - our constant
    return Markup(element)  # noqa: S704 - our constant


def _placed(key: str) -> str:
    """A placeholder as the sanitiser writes it when it stands as an element."""
    return f'<{SLOT_TAG} data-n="{key}"></{SLOT_TAG}>'


_CSS_IN_STYLE = f"<{SLOT_TAG} data-n=css></{SLOT_TAG}>"


# The sanitiser ----------------------------------------------------------------------------------

def _same_site(url: str) -> bool:
    """A path on the site itself (or on the page): never another host or a scheme."""
    if _CONTROL.search(url) or "\\" in url:
        return False
    return not url.startswith("//") and not _SCHEME.match(url)


def _own_origin(url: str) -> bool:
    origin = _SITE_ORIGIN.get().rstrip("/")
    return bool(origin) and (url == origin or url.startswith(origin + "/"))


def _srcset_ok(value: str) -> bool:
    candidates = [c.strip() for c in value.split(",") if c.strip()]
    return bool(candidates) and all(_same_site(c.split()[0]) for c in candidates)


def style_problem(value: str) -> str | None:
    """Why an inline style may not stay (None: it may). It may not load anything from another
    site, run anything, or carry markup (escapes and comments are read as CSS reads them)."""
    css = decode_css_escapes(strip_css_comments(value))
    match = _STYLE_BANNED.search(css)
    if match:
        return f"it contains '{match.group(0)}'"
    if css_urls_unreadable(css):
        return "it has a url() that could not be read"
    for target, _offset in css_url_targets(css):
        target = target.strip()
        if target.lower().startswith("data:image/") or target.startswith("#"):
            continue
        if not _same_site(target):
            return f"it loads '{target[:80]}' from another site"
    return None


def _paint_ok(value: str) -> bool:
    """SVG paint and clip references: a colour, or url(#id) inside the same document."""
    lower = value.lower()
    if "url(" not in lower:
        return True
    return re.fullmatch(r"\s*url\(\s*['\"]?#[A-Za-z0-9_:.-]+['\"]?\s*\)\s*", value) is not None


def check_attribute(kind: Kind, tag: str, name: str, value: str) -> tuple[str | None, str]:
    """The value an allowed attribute keeps (None: removed) and, when removed or changed, why.

    Shared by the sanitiser (through nh3's attribute filter) and the validator's report."""
    tag = tag.lower()
    if tag == "style" or (tag == SLOT_TAG and name != "data-n"):
        # A <style> is written back as WindWalker's own (or removed), and _restyle finds it
        # by its bare tag; placeholders carry nothing but their name.
        return None, f"<{tag}> keeps no attributes."
    if tag == "form" and name == "method":
        return "post", ("" if value.lower() == "post" else "Forms always post.")
    if name == "style":
        problem = style_problem(value)
        return (None, f"The style attribute is removed: {problem}.") if problem else (value, "")
    if name == "class":
        tokens = value.split()
        kept = [t for t in tokens if not t.lower().startswith(RESERVED_CLASS_PREFIXES)]
        if len(kept) == len(tokens):
            return value, ""
        dropped = " ".join(t for t in tokens if t not in kept)
        return (" ".join(kept) or None,
                f"The class '{dropped}' belongs to the WindWalker editor.")
    if name == "id":
        if not _PLAIN_ID.match(value):
            return None, f"The id '{value[:60]}' is not a plain name."
        if kind == "block" and editor_id(value):
            return None, (f"The id '{value[:60]}' is removed: the WindWalker editor uses it "
                          "for its own page (for example ww-{{ block.id }}-title is free).")
        return value, ""
    if name in ("data-inline", "data-slot"):
        return (value, "") if _HOOK_VALUE.match(value) else (None, f"'{name}' names a property.")
    if name == "tabindex":
        return (value, "") if value.strip() in ("0", "-1") else (None, "tabindex may be 0 or -1.")
    if name == "target":
        return (value, "") if value in TARGETS else (None, "target may be _blank or _self.")
    if name == "rel" and tag == "a":
        tokens = value.lower().split()
        if all(t in ANCHOR_RELS for t in tokens):
            return value, ""
        return None, f"rel='{value[:60]}' is not allowed on a link."
    if tag == "link" and name == "rel":
        if value.lower().split() and all(t in LINK_RELS for t in value.lower().split()):
            return value, ""
        return None, f"<link rel='{value[:60]}'> is not allowed."
    if tag == "link" and name == "href":
        if _same_site(value) or _own_origin(value):
            return value, ""
        return None, f"The <link> loads '{value[:80]}' from another site."
    if tag in ("img", "source") and name == "src":
        if _same_site(value.strip()):
            return value, ""
        return None, f"The picture '{value[:80]}' is on another site."
    if name == "srcset":
        return (value, "") if _srcset_ok(value) else (
            None, f"The srcset loads '{value[:80]}' from another site.")
    if name == "href" and tag not in ("a", "link"):  # SVG <use>, <a> in SVG is 'a'
        if value.strip().startswith("#"):
            return value, ""
        return None, f"<{tag} href='{value[:80]}'> refers to another document."
    if name in ("fill", "stroke", "clip-path"):
        return (value, "") if _paint_ok(value) else (
            None, f"{name}='{value[:80]}' refers to another document.")
    if tag == "meta" and name == "name":
        low = value.lower()
        if low in META_NAMES or low.startswith(META_NAME_PREFIXES):
            return value, ""
        return None, f"<meta name='{value[:60]}'> is not one WindWalker publishes."
    if tag == "meta" and name == "property":
        if value.lower().startswith(META_PROPERTY_PREFIXES):
            return value, ""
        return None, f"<meta property='{value[:60]}'> is not an Open Graph property."
    if tag == "input" and name == "type":
        return (value, "") if value.lower() in INPUT_TYPES else (
            None, f"<input type='{value[:30]}'> is not allowed.")
    if tag == "button" and name == "type":
        return (value, "") if value.lower() in BUTTON_TYPES else (
            None, f"<button type='{value[:30]}'> is not allowed.")
    return value, ""


@lru_cache(maxsize=1)
def _editor_ids() -> tuple[frozenset[str], tuple[str, ...]]:
    """The ids WindWalker's own pages use (literal ones, and the fixed start of ids built in a
    template, e.g. 'field-' from id="field-{{ … }}"), read from its templates once."""
    root = Path(__file__).resolve().parents[2]
    literal: set[str] = set()
    prefixes: set[str] = set(EDITOR_ID_PREFIXES)
    for template in [*root.glob("app/templates/**/*.html"),
                     *root.glob("blueprints/*/templates/**/*.html")]:
        for match in _TEMPLATE_ID.finditer(template.read_text(encoding="utf-8")):
            value, dynamic = match.group(1), match.group(2)
            if dynamic:
                if value:
                    prefixes.add(value)
            elif value:
                literal.add(value)
    return frozenset(literal), tuple(sorted(prefixes))


def editor_id(value: str) -> bool:
    """True when an element with this id could stand in for one of the editor's own (a block's
    view is drawn inside the editor's page, before its panels: the first id wins)."""
    literal, prefixes = _editor_ids()
    return value in literal or value.startswith(prefixes)


def _attribute_filter(kind: Kind) -> Callable[[str, str, str], str | None]:
    def keep(tag: str, name: str, value: str) -> str | None:
        return check_attribute(kind, tag, name, value)[0]
    return keep


def element_names(kind: Kind) -> frozenset[str]:
    names = TEXT_ELEMENTS | SVG_ELEMENTS | {SLOT_TAG}
    return names | HEAD_ELEMENTS | {"style"} if kind == "layout" else names


def attribute_names(kind: Kind) -> dict[str, set[str]]:
    everywhere = set(GLOBAL_ATTRIBUTES) | (set(EDITOR_HOOKS) if kind == "block" else set())
    allowed: dict[str, set[str]] = {"*": everywhere}
    for tag, names in ELEMENT_ATTRIBUTES.items():
        if tag in element_names(kind):
            allowed[tag] = set(names)
    for tag in SVG_ELEMENTS:
        allowed[tag] = allowed.get(tag, set()) | set(SVG_ATTRIBUTES)
    return allowed


@lru_cache(maxsize=128)
def _cleaner(kind: Kind, form_action: str) -> nh3.Cleaner:
    """One sanitiser per kind and form endpoint (a site's forms post only to WindWalker's)."""
    removed = set(REMOVED_WITH_CONTENT) | ({"style"} if kind == "block" else set())
    return nh3.Cleaner(
        tags=set(element_names(kind)),
        clean_content_tags=removed,
        attributes=attribute_names(kind),
        generic_attribute_prefixes={ARIA_PREFIX},
        tag_attribute_values={SLOT_TAG: {"data-n": set(SLOT_KEYS)}},
        # One attribute only: nh3 adds these in its map's order, which varies between processes,
        # and the compiler's output must be byte-identical every time. (method: see
        # check_attribute.)
        set_tag_attribute_values={"form": {"action": form_action or "#"}},
        attribute_filter=_attribute_filter(kind),
        url_schemes=set(URL_SCHEMES),
        link_rel=None,
        strip_comments=True,
    )


def sanitize(raw: str, kind: Kind, *, form_action: str = "", site_origin: str = "") -> str:
    """``raw`` (a theme template's output, placeholders included) through the allowlist."""
    token = _SITE_ORIGIN.set(site_origin)
    try:
        return _cleaner(kind, form_action).clean(raw)
    finally:
        _SITE_ORIGIN.reset(token)


_PLACED = re.compile(f'<{SLOT_TAG}(?: data-n="([a-z0-9]+)")?></{SLOT_TAG}>')


def _substitute(clean: str, values: Mapping[str, str]) -> str:
    """Puts the platform's markup where its placeholders stand as elements; drops the rest.

    Runs on the sanitiser's output, where '<' only ever opens a real tag (see ``_restyle``), so
    an exact ``<ww-slot data-n="…"></ww-slot>`` here is always an element the allowlist kept."""
    if "<style>" in clean:
        clean = _restyle(clean, values.get("css"))
    if f"<{SLOT_TAG}" not in clean:
        return clean

    def put(match: re.Match[str]) -> str:
        key = match.group(1)
        if key == "jsonld" and values.get("jsonld"):
            return f'<script type="application/ld+json">{values["jsonld"]}</script>'
        if key in ("css", "jsonld", None):
            return ""  # the CSS only ever goes back into a <style>; JSON-LD only when given
        return values.get(key, "")

    return _PLACED.sub(put, clean)


def _restyle(clean: str, css: str | None) -> str:
    """Every <style> element of the sanitiser's output: the one holding only the CSS
    placeholder gets the site's CSS, the others go.

    Scanning for the tag is exact on this text (not on a template's): the serialiser escapes
    '<' in text and attribute values, comments are gone, scripts are gone with their text, and a
    <style>'s raw text cannot contain '</style>'. So every '<style>' here starts an element (or
    is text inside one, which the scan skips), and its first '</style>' ends it."""
    out: list[str] = []
    position = 0
    while (start := clean.find("<style>", position)) != -1:
        end = clean.find("</style>", start)
        if end == -1:  # cannot happen with html5ever's output; drop the rest to be safe
            out.append(clean[position:start])
            return "".join(out)
        inner = clean[start + len("<style>"):end]
        out.append(clean[position:start])
        if inner.strip() == _CSS_IN_STYLE and css is not None:
            out.append(f"<style>{css}</style>")
        position = end + len("</style>")
    out.append(clean[position:])
    return "".join(out)


def finish_layout(raw: str, values: Mapping[str, str], *, locale: str, form_action: str = "",
                  site_origin: str = "") -> str:
    """A layout's output as published: sanitised, the platform's parts put back, inside a
    document shell WindWalker writes (doctype and ``<html lang>``; the parser drops a
    template's own ``<html>``, ``<head>`` and ``<body>`` tags, which browsers imply)."""
    clean = sanitize(raw, "layout", form_action=form_action, site_origin=site_origin)
    page = _substitute(clean, values).strip()
    split = _head_end(page)
    return (f'<!doctype html>\n<html lang="{escape(locale)}">\n<head>\n{page[:split].strip()}\n'
            f'</head>\n<body>\n{page[split:].strip()}\n</body>\n</html>\n')


# Where each head element ends, in the text built above: meta and link are void, and
# title/style/script cannot contain their own end tag (title's text is escaped, the CSS and
# the JSON-LD have every '</' escaped by the compiler).
_HEAD_ENDS = (("<meta", ">"), ("<link", ">"), ("<title>", "</title>"), ("<style>", "</style>"),
              ('<script type="application/ld+json">', "</script>"))


def _head_end(page: str) -> int:
    """Where the head elements at the start of ``page`` end (browsers end the <head> at the
    first other element or text; so does this)."""
    position = 0
    while True:
        start = len(page) - len(page[position:].lstrip())
        for opening, closing in _HEAD_ENDS:
            if page.startswith(opening, start) and (
                    opening[-1] == ">" or page[start + len(opening)] in " >"):
                end = page.find(closing, start + len(opening))
                if end == -1:
                    return start
                position = end + len(closing)
                break
        else:
            return start


def finish_block(raw: str, values: Mapping[str, str], *, form_action: str = "") -> Markup:
    """A block override's output: sanitised, its slots put back."""
    clean = sanitize(raw, "block", form_action=form_action)
    return Markup(_substitute(clean, values))  # noqa: S704 - sanitised above


# The validator's report ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Finding:
    code: str
    message: str
    needle: str  # what to look for in the template source to point at a line


_URL_ATTRIBUTES = frozenset({"href", "src", "cite", "action", "formaction", "poster", "data",
                             "background", "xlink:href"})


def _scheme_of(value: str) -> str | None:
    cleaned = re.sub(r"[\t\n\r]", "", value).strip().lower()
    match = _SCHEME.match(cleaned)
    return match.group(1) if match else None


def _tag_text(tag: str, attrs: list[tuple[str, str | None]]) -> str:
    shown = "".join(f' {name}="{value}"' if value is not None else f" {name}"
                    for name, value in attrs)
    text = f"<{tag}{shown}>"
    return text if len(text) <= 120 else text[:117] + "…>"


_ATTRIBUTE_NAMESPACES = {"http://www.w3.org/1999/xlink": "xlink:",
                         "http://www.w3.org/XML/1998/namespace": "xml:",
                         "http://www.w3.org/2000/xmlns/": "xmlns:"}


def parse_output(html: str, kind: Kind) -> Any:
    """``html`` as browsers (and the sanitiser's html5ever) build it: tinyhtml5, html5lib's
    WHATWG parser, with scripting on (so <noscript> holds text, as in a browser). A layout is a
    document; a block's view a fragment inside a <div>."""
    parser = SpecParser(namespace_html_elements=True)
    # A file object, never a str: tinyhtml5 opens a short str that names an existing file.
    stream = io.StringIO(html)
    if kind == "layout":
        return parser.parse(stream, scripting=True)
    return parser.parse_fragment(stream, container="div", scripting=True)


def _tag_of(element: Any) -> str | None:
    """An element's local name, lower-cased as the allowlist compares it (None for comments)."""
    if not isinstance(element.tag, str):
        return None
    return element.tag.rsplit("}", 1)[-1].lower()


def _attributes_of(element: Any) -> list[tuple[str, str]]:
    found = []
    for name, value in element.attrib.items():
        if name.startswith("{"):
            namespace, _, local = name[1:].partition("}")
            name = _ATTRIBUTE_NAMESPACES.get(namespace, "") + local
        found.append((name.lower(), value))
    return found


def _walk(element: Any) -> Any:
    """Every element under ``element`` (itself included), in document order."""
    yield element
    for child in element:
        yield from _walk(child)


class _Auditor:
    """Walks the parsed output and names what the allowlist would remove."""

    def __init__(self, kind: Kind, form_action: str, site_origin: str) -> None:
        self.kind = kind
        self.form_actions = {form_action} if form_action else {"", "#"}
        self.site_origin = site_origin
        self.findings: list[Finding] = []
        self.elements = {name.lower() for name in element_names(kind)}
        self.attributes = {tag.lower(): {a.lower() for a in names}
                           for tag, names in attribute_names(kind).items()}

    def add(self, code: str, message: str, needle: str) -> None:
        finding = Finding(code, message, needle)
        if finding not in self.findings:
            self.findings.append(finding)

    def run(self, root: Any) -> None:
        skip: set[int] = set()  # elements inside something already reported as a whole
        for element in _walk(root):
            tag = _tag_of(element)
            if tag is None or id(element) in skip:
                continue
            attrs = _attributes_of(element)
            if tag in ("script", "style"):
                self.raw_element(tag, attrs, (element.text or "").strip())
            elif not self.element(tag, attrs):
                continue
            if tag in REMOVED_WITH_CONTENT_LOWER or tag in ("script", "style"):
                skip.update(id(e) for e in _walk(element) if e is not element)

    def element(self, tag: str, attrs: list[tuple[str, str]]) -> bool:
        if tag in ("html", "head", "body", "document_fragment", SLOT_TAG):
            return True  # WindWalker writes the document shell; placeholders are ours
        shown = _tag_text(tag, attrs)
        if tag in EMBED_ELEMENTS:
            self.add("WW-TPL-EMBED", f"{shown} is not allowed in a theme.", f"<{tag}")
            return False
        if tag not in self.elements:
            where = " in a block's view" if tag in HEAD_ELEMENTS else ""
            self.add("WW-TPL-ELEMENT", f"<{tag}> is not kept{where}: {shown}", f"<{tag}")
            if tag not in REMOVED_WITH_CONTENT_LOWER:
                self.event_handlers(attrs, shown)
            return False
        allowed = self.attributes.get("*", set()) | self.attributes.get(tag, set())
        for name, value in attrs:
            self.attribute(tag, name, value, allowed, shown)
        if tag == "form":
            self.add_form(dict(attrs), shown)
        return True

    def event_handlers(self, attrs: list[tuple[str, str]], shown: str) -> None:
        """On an element that goes anyway: still name what it tried (on…, hx-…, a refresh)."""
        for name, _value in attrs:
            if name == "http-equiv":
                self.add("WW-TPL-META", f"<meta http-equiv> is not allowed (a refresh sends "
                         f"visitors to another page): {shown}", "http-equiv")
            elif name.startswith("on"):
                self.add("WW-TPL-SCRIPT", f"The attribute '{name}' runs JavaScript: {shown}",
                         name)
            elif name.startswith(HTMX_PREFIXES):
                self.add("WW-TPL-HTMX", f"The attribute '{name}' would make the WindWalker "
                         f"editor send requests: {shown}", name)

    def attribute(self, tag: str, name: str, value: str, allowed: set[str], shown: str) -> None:
        if name.startswith("on"):
            self.add("WW-TPL-SCRIPT", f"The attribute '{name}' runs JavaScript: {shown}", name)
            return
        if name.startswith(HTMX_PREFIXES):
            self.add("WW-TPL-HTMX", f"The attribute '{name}' would make the WindWalker editor "
                     f"send requests: {shown}", name)
            return
        if tag == "meta" and name == "http-equiv":
            self.add("WW-TPL-META", f"<meta http-equiv> is not allowed (a refresh sends "
                     f"visitors to another page): {shown}", "http-equiv")
            return
        if tag == "form" and name in ("action", "method"):
            return  # reported by add_form
        if name in ("formaction", "form"):
            self.add("WW-TPL-FORM-ACTION", f"'{name}' sends a form elsewhere: {shown}", name)
            return
        if name == "srcdoc":
            self.add("WW-TPL-EMBED", f"'srcdoc' holds another document: {shown}", name)
            return
        if name not in allowed and not name.startswith(ARIA_PREFIX):
            if name in EDITOR_ACTIVE or (name.startswith("data-") and self.kind == "block"):
                self.add("WW-TPL-EDITOR-ATTRIBUTE", f"The attribute '{name}' is removed: the "
                         "WindWalker editor draws blocks inside its own page, where its scripts "
                         f"and the browser act on it (only data-inline, data-slot and "
                         f"data-placeholder are kept): {shown}", name)
            else:
                self.add("WW-TPL-ATTRIBUTE", f"The attribute '{name}' is not kept: {shown}",
                         name)
            return
        if name in _URL_ATTRIBUTES and tag in _SCHEME_CHECKED:
            scheme = _scheme_of(value)
            if scheme in ("javascript", "vbscript"):
                self.add("WW-TPL-SCRIPT", f"A {scheme}: URL runs JavaScript: {shown}",
                         f"{scheme}:")
                return
            if scheme is not None and scheme not in URL_SCHEMES:
                self.add("WW-TPL-URL", f"'{scheme}:' addresses are not kept: {shown}",
                         f"{scheme}:")
                return
        token = _SITE_ORIGIN.set(self.site_origin)
        try:
            kept, why = check_attribute(self.kind, tag, name, value)
        finally:
            _SITE_ORIGIN.reset(token)
        if kept == value:
            return
        if name in ("src", "srcset") or (tag == "link" and name == "href"):
            self.add("WW-TPL-REMOTE-RESOURCE", f"{why} {shown}", value[:40] or name)
        elif name == "style":
            self.add("WW-TPL-STYLE", f"{why} {shown}", "style")
        elif name in ("href", "fill", "stroke", "clip-path"):
            self.add("WW-TPL-SVG-REFERENCE", f"{why} {shown}", value[:40] or name)
        elif name == "id":
            self.add("WW-TPL-ID", why, value[:40] or "id")
        elif name == "class":
            self.add("WW-TPL-EDITOR-ATTRIBUTE", f"{why} {shown}", value[:40] or name)
        elif tag == "meta":
            self.add("WW-TPL-META", f"{why} {shown}", value[:40] or name)
        else:
            self.add("WW-TPL-ATTRIBUTE", f"{why} {shown}", name)

    def add_form(self, attrs: dict[str, str], shown: str) -> None:
        action = attrs.get("action")
        method = (attrs.get("method") or "get").lower()
        if action not in self.form_actions:
            self.add("WW-TPL-FORM-ACTION", "Forms always post to WindWalker's form endpoint "
                     f"({{{{ form_action }}}}); '{(action or '')[:80]}' is replaced: {shown}",
                     "action" if action is not None else "<form")
        elif method != "post":
            self.add("WW-TPL-FORM-ACTION", f"Forms always post (method='{method}' is replaced): "
                     f"{shown}", "method")

    def raw_element(self, tag: str, attrs: list[tuple[str, str]], text: str) -> None:
        if tag == "style":
            if self.kind == "block":
                if text or attrs:
                    self.add("WW-TPL-STYLE", "A block's view cannot carry a <style>; put the "
                             "rules in assets/base.css.", "<style")
            elif text and text != _CSS_IN_STYLE:
                self.add("WW-TPL-STYLE", "A <style> element may hold only {{ css }}; put the "
                         "theme's own rules in assets/base.css.", "<style")
            elif attrs:
                self.add("WW-TPL-STYLE", f"The attributes of {_tag_text(tag, attrs)} are not "
                         "kept.", "<style")
            return
        json_ld = [(n, v.lower()) for n, v in attrs] == [("type", "application/ld+json")]
        if (not attrs or json_ld) and not text:
            return  # the empty halves around the JSON-LD placeholder
        if json_ld:
            self.add("WW-TPL-SCRIPT", "A <script type=\"application/ld+json\"> may hold only "
                     "{{ jsonld }} (WindWalker writes the structured data).", "<script")
        else:
            what = "A <script> element" if not attrs else _tag_text(tag, attrs)
            self.add("WW-TPL-SCRIPT", f"{what} runs JavaScript.", "<script")


REMOVED_WITH_CONTENT_LOWER = frozenset(name.lower() for name in REMOVED_WITH_CONTENT)
# Where the sanitiser checks URL schemes (nh3's URL attributes on the elements we keep).
_SCHEME_CHECKED = frozenset({"a", "link", "img", "source", "blockquote", "q", "del", "ins"})


def audit(raw: str, kind: Kind, *, form_action: str = "", site_origin: str = "") -> list[Finding]:
    """What the allowlist would remove from ``raw`` (a template's output with placeholders),
    one finding per thing, each with a report code; and, as a net under those rules, the first
    place where the sanitised output reads differently from ``raw`` although no rule said so."""
    auditor = _Auditor(kind, form_action, site_origin)
    auditor.run(parse_output(raw, kind))
    findings = list(auditor.findings)
    if not findings:
        clean = sanitize(raw, kind, form_action=form_action, site_origin=site_origin)
        changed = first_difference(raw, clean, kind)
        if changed:
            findings.append(Finding("WW-TPL-CHANGED", f"The allowlist changes this markup: "
                                    f"{changed}", ""))
    return findings


# Comparing markup as a parser reads it ----------------------------------------------------------

_SHELL = frozenset({"html", "head", "body", "document_fragment", SLOT_TAG})


def html_tokens(html: str, kind: Kind = "layout") -> list[tuple[Any, ...]]:
    """``html`` as a parser reads it: start tags (name, attributes sorted) and runs of text, in
    document order; the document shell, comments, placeholders, <script> and <style> (judged
    separately) left out."""
    tokens: list[tuple[Any, ...]] = []

    def text(value: str | None) -> None:
        words = " ".join((value or "").split())
        if not words:
            return
        if tokens and tokens[-1][0] == "text":
            tokens[-1] = ("text", tokens[-1][1] + " " + words)
        else:
            tokens.append(("text", words))

    def visit(element: Any) -> None:
        tag = _tag_of(element)
        if tag is not None and tag not in _SHELL and tag not in ("script", "style"):
            attributes = _attributes_of(element)
            if tag == "form":  # set by WindWalker whatever the template wrote (see add_form)
                attributes = [(n, v) for n, v in attributes if n not in ("action", "method")]
            tokens.append(("tag", tag, tuple(sorted(attributes))))
        if tag not in ("script", "style") and tag is not None:
            text(element.text)
        for child in element:
            visit(child)
            text(child.tail)

    visit(parse_output(html, kind))
    return tokens


def _shown(token: tuple[Any, ...] | None) -> str:
    if token is None:
        return "(nothing)"
    if token[0] == "text":
        text = token[1]
        return repr(text if len(text) <= 80 else text[:77] + "...")
    return _tag_text(token[1], list(token[2]))


def first_difference(before: str, after: str, kind: Kind = "layout") -> str | None:
    """Where ``after`` stops reading like ``before`` (None: the same markup)."""
    a, b = html_tokens(before, kind), html_tokens(after, kind)
    for index in range(max(len(a), len(b))):
        left = a[index] if index < len(a) else None
        right = b[index] if index < len(b) else None
        if left != right:
            return f"{_shown(left)} becomes {_shown(right)}"
    return None


__all__ = ["Finding", "audit", "check_attribute", "finish_block", "finish_layout",
           "first_difference", "html_tokens", "parse_output", "placeholder_markup", "sanitize",
           "style_problem"]
