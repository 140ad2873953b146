"""Template checks: syntax, an AST lint, references between templates, and test renders whose
output is judged by the output allowlist (``app.theme_packages.output``).

The lint walks the parsed template (``Environment.parse``) rather than matching text, so
``{{ x|attr('format') }}`` is found however it is spaced. It is an allowlist: only the names the
compiler passes, Jinja's loop helpers, the filters in ``THEME_FILTERS`` and a few methods. The
sandbox enforces the same limits at render time; the lint explains them to the designer first.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from jinja2 import TemplateAssertionError, TemplateSyntaxError, nodes
from markupsafe import Markup

import components
from app.theme_packages import limits
from app.theme_packages.output import audit, finish_layout
from app.theme_packages.report import Report
from app.theme_packages.sandbox import (
    SAFE_METHODS,
    THEME_FILTERS,
    THEME_TESTS,
    ThemeRenderError,
    lenient_environment,
    package_environment,
    platform_template_names,
    render_limited,
)

# What app.publishing.compiler passes to layout.html, and app.editor.render to a block's view.
LAYOUT_CONTEXT = frozenset({"site", "meta", "css", "css_link", "jsonld", "strings", "home_url",
                            "nav", "page", "content", "settings"})
COMPONENT_CONTEXT = frozenset({"props", "block", "slots", "profile", "site", "pages", "editing",
                               "form_action", "locale", "href", "image", "t"})
# Jinja's own names: loop variables, macro internals, block inheritance. (true/false/none are
# constants in Jinja's grammar, never names; listed for completeness.)
JINJA_NAMES = frozenset({"loop", "range", "caller", "varargs", "kwargs", "super",
                         "true", "false", "none", "True", "False", "None"})
FORMAT_ATTRIBUTES = frozenset({"format", "format_map"})
INTERNAL_ATTRIBUTES = frozenset({"mro", "gi_frame", "gi_code", "cr_frame", "cr_code", "ag_frame",
                                 "ag_code", "f_globals", "f_locals", "f_builtins", "tb_frame",
                                 "func_globals", "func_code", "im_func", "im_self"})
LOOP_METHODS = frozenset({"cycle", "changed"})
ATTRIBUTE_FILTERS = frozenset({"selectattr", "rejectattr", "groupby"})
NESTING_NODES = (nodes.For, nodes.If, nodes.Macro, nodes.CallBlock, nodes.FilterBlock,
                 nodes.With, nodes.Block, nodes.ScopedEvalContextModifier, nodes.AssignBlock)
SAMPLE_CONTENT = '<p data-ww-sample="content">Sample page content</p>'
SAMPLE_CSS = "/* ww-sample-css */"


def template_kind(path: str) -> str | None:
    """layout | component | partial, or None for an .html file in a place never read."""
    if path == "layout.html":
        return "layout"
    parts = path.split("/")
    if parts[0] == "components" and len(parts) == 2:
        return "component"
    if parts[0] == "partials" and len(parts) >= 2:
        return "partial"
    return None


def _context_names(kind: str) -> frozenset[str]:
    if kind == "layout":
        return LAYOUT_CONTEXT
    if kind == "component":
        return COMPONENT_CONTEXT
    return LAYOUT_CONTEXT | COMPONENT_CONTEXT  # a partial sees its includer's context


def _reference_names(expr: nodes.Node) -> list[str] | None:
    """Template names in an include/import/extends, or None when computed at render time."""
    if isinstance(expr, nodes.Const) and isinstance(expr.value, str):
        return [expr.value]
    if isinstance(expr, nodes.List | nodes.Tuple) and all(
            isinstance(i, nodes.Const) and isinstance(i.value, str) for i in expr.items):
        return [i.value for i in expr.items]
    return None


def _is_private(name: str) -> bool:
    return any(part.startswith("_") or part in INTERNAL_ATTRIBUTES for part in name.split("."))


class _Lint:
    """One template's AST walk."""

    def __init__(self, name: str, kind: str, report: Report, package: set[str]) -> None:
        self.name = name
        self.report = report
        self.package = package
        self.allowed = _context_names(kind) | JINJA_NAMES
        self.references: list[str] = []
        self.local: set[str] = set()
        self.namespaces: set[str] = set()
        self.nesting_reported = False

    def add(self, code: str, message: str, node: nodes.Node | None) -> None:
        self.report.add(code, message, self.name, getattr(node, "lineno", None))

    def run(self, tree: nodes.Template) -> None:
        self.local = _bound_names(tree)
        self.namespaces = {node.target for node in tree.find_all(nodes.Import)}
        self.visit(tree, 0)
        self.check_macro_recursion(tree)

    def visit(self, node: nodes.Node, depth: int) -> None:
        if isinstance(node, NESTING_NODES):
            depth += 1
            if depth > limits.MAX_TEMPLATE_NESTING and not self.nesting_reported:
                self.nesting_reported = True
                self.add("WW-TPL-NESTING", f"Tags are nested {depth} deep here.", node)
        self.check(node)
        if isinstance(node, nodes.If):
            # elif branches are siblings of the if, not children.
            self.visit(node.test, depth)
            for child in node.body + node.else_:
                self.visit(child, depth)
            for branch in node.elif_:
                self.visit(branch, depth - 1)
            return
        for child in node.iter_child_nodes():
            self.visit(child, depth)

    def check(self, node: nodes.Node) -> None:  # noqa: C901 - one branch per node type
        if isinstance(node, nodes.Name):
            if _is_private(node.name):
                self.add("WW-TPL-PRIVATE-NAME", f"'{node.name}' starts with '_'.", node)
            elif node.ctx == "load" and node.name not in self.allowed | self.local:
                self.add("WW-TPL-UNKNOWN-NAME",
                         f"'{node.name}' is not a variable this template receives.", node)
        elif isinstance(node, nodes.NSRef):
            if node.name not in self.local:
                self.add("WW-TPL-UNKNOWN-NAME", f"'{node.name}' is not defined here.", node)
        elif isinstance(node, nodes.Getattr):
            self.check_attribute(node.attr, node)
        elif isinstance(node, nodes.Getitem):
            if isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str):
                self.check_attribute(node.arg.value, node)
        elif isinstance(node, nodes.Filter):
            self.check_filter(node)
        elif isinstance(node, nodes.Test):
            if node.name not in THEME_TESTS:
                self.add("WW-TPL-TEST", f"'is {node.name}' is not a known test.", node)
        elif isinstance(node, nodes.Call):
            self.check_call(node)
        elif isinstance(node, nodes.Mod):
            if isinstance(node.left, nodes.Const) and isinstance(node.left.value, str):
                self.add("WW-TPL-FORMAT", "Text is formatted with '%'.", node)
        elif isinstance(node, nodes.ScopedEvalContextModifier | nodes.EvalContextModifier):
            for option in node.options:
                if option.key == "autoescape" and not (
                        isinstance(option.value, nodes.Const) and option.value.value is True):
                    self.add("WW-TPL-AUTOESCAPE", "Escaping is switched off here.", node)
        elif isinstance(node, nodes.For):
            if node.recursive:
                self.add("WW-TPL-RECURSION", "This loop is recursive.", node)
        elif isinstance(node, nodes.Macro | nodes.Block):
            if _is_private(node.name):
                self.add("WW-TPL-PRIVATE-NAME", f"'{node.name}' starts with '_'.", node)
        elif isinstance(node, nodes.Extends | nodes.Include | nodes.Import | nodes.FromImport):
            self.check_reference(node)

    def check_attribute(self, attr: str, node: nodes.Node) -> None:
        if _is_private(attr):
            self.add("WW-TPL-PRIVATE-NAME", f"The attribute '{attr}' is internal.", node)
        elif attr in FORMAT_ATTRIBUTES:
            self.add("WW-TPL-FORMAT", f"'.{attr}' formats text.", node)

    def check_filter(self, node: nodes.Filter) -> None:
        self.check_filter_name(node.name, node)
        # Arguments that name attributes: attribute=..., and selectattr/rejectattr/groupby's
        # first argument ("a.b" paths included).
        names = [kw.value for kw in node.kwargs if kw.key == "attribute"]
        if node.name in ATTRIBUTE_FILTERS and node.args:
            names.append(node.args[0])
        for arg in names:
            if isinstance(arg, nodes.Const) and isinstance(arg.value, str) \
                    and _is_private(arg.value):
                self.add("WW-TPL-PRIVATE-NAME", f"'{arg.value}' names an internal attribute.",
                         node)
        if node.name == "map" and node.args:  # map('upper') applies another filter by name
            first = node.args[0]
            if isinstance(first, nodes.Const) and isinstance(first.value, str):
                self.check_filter_name(first.value, node)
            else:
                self.add("WW-TPL-FILTER", "map() must name its filter directly.", node)
        if node.name in ("select", "reject") and node.args:
            first = node.args[0]
            if isinstance(first, nodes.Const) and first.value not in THEME_TESTS:
                self.add("WW-TPL-TEST", f"'{first.value}' is not a known test.", node)

    def check_filter_name(self, name: str, node: nodes.Node) -> None:
        if name == "safe":
            self.add("WW-TPL-SAFE", "'|safe' turns escaping off.", node)
        elif name == "attr":
            self.add("WW-TPL-ATTR", "'|attr' reads attributes by name.", node)
        elif name == "format":
            self.add("WW-TPL-FORMAT", "'|format' formats text.", node)
        elif name not in THEME_FILTERS:
            self.add("WW-TPL-FILTER", f"'|{name}' is not an allowed filter.", node)

    def check_call(self, node: nodes.Call) -> None:
        func = node.node
        if isinstance(func, nodes.Name):
            return  # the name rules above apply; macros and helpers are names
        if isinstance(func, nodes.Getattr):
            if func.attr in FORMAT_ATTRIBUTES or _is_private(func.attr):
                return  # reported as an attribute
            owner = func.node.name if isinstance(func.node, nodes.Name) else None
            if owner in self.namespaces or (owner == "loop" and func.attr in LOOP_METHODS):
                return
            if func.attr in SAFE_METHODS:
                return
            self.add("WW-TPL-CALL", f"'.{func.attr}()' may not be called in a theme.", node)
            return
        self.add("WW-TPL-CALL", "Only macros and helpers may be called.", node)

    def check_reference(self, node: nodes.Node) -> None:
        names = _reference_names(node.template)
        if names is None:
            self.add("WW-TPL-REFERENCE", "The template name is computed; write it out.", node)
            return
        for target in names:
            if target in self.package:
                self.references.append(target)
            elif target in platform_template_names():
                self.add("WW-TPL-REFERENCE", f"'{target}' is a WindWalker template.", node)
            else:
                self.add("WW-TPL-REFERENCE", f"'{target}' is not a template of this theme.",
                         node)

    def check_macro_recursion(self, tree: nodes.Template) -> None:
        macros = {m.name: m for m in tree.find_all(nodes.Macro)}
        calls = {name: {c.node.name for c in macro.find_all(nodes.Call)
                        if isinstance(c.node, nodes.Name) and c.node.name in macros}
                 for name, macro in macros.items()}
        for name in sorted(_in_cycles(calls)):
            self.add("WW-TPL-RECURSION", f"The macro '{name}' calls itself.", macros[name])


def _bound_names(tree: nodes.Template) -> set[str]:
    """Every name the template itself defines (set, for, macro, import, with, call)."""
    names = {n.name for n in tree.find_all(nodes.Name) if n.ctx in ("store", "param")}
    names |= {m.name for m in tree.find_all(nodes.Macro)}
    names |= {i.target for i in tree.find_all(nodes.Import)}
    for imported in tree.find_all(nodes.FromImport):
        names |= {item[1] if isinstance(item, tuple) else item for item in imported.names}
    return names


def _in_cycles(graph: dict[str, set[str]]) -> set[str]:
    """Nodes that can reach themselves."""
    found = set()
    for start in graph:
        stack, seen = list(graph[start]), set()
        while stack:
            node = stack.pop()
            if node == start:
                found.add(start)
                break
            if node in seen:
                continue
            seen.add(node)
            stack.extend(graph.get(node, ()))
    return found


# Running all template checks -----------------------------------------------------------------

@dataclass
class _Parsed:
    name: str
    kind: str
    source: str
    tree: nodes.Template | None = None
    references: list[str] = field(default_factory=list)


def check_templates(templates: dict[str, str], files: set[str], report: Report, *,
                    render_timeout: float, settings: list[dict[str, Any]] | None = None) -> None:
    """All checks on the package's templates (``templates``: path → source; ``settings``: the
    manifest's setting declarations, sampled in the test renders)."""
    before = len(report.errors)
    package = set(templates)
    parsed: dict[str, _Parsed] = {}
    env = lenient_environment()
    registry = components.registry()
    for name in sorted(templates):
        kind = template_kind(name)
        if kind is None:
            report.add("WW-FILE-LOCATION", f"'{name}' is a template outside layout.html, "
                       "components/ and partials/.", name)
            continue
        if name in platform_template_names():
            report.add("WW-TPL-PLATFORM-NAME", f"'{name}' is the name of a WindWalker template.",
                       name)
            continue
        if kind == "component" and name[len("components/"):-len(".html")] not in registry:
            report.add("WW-TPL-UNKNOWN-COMPONENT",
                       f"There is no block type '{name[len('components/'):-len('.html')]}'.",
                       name)
            continue
        entry = _Parsed(name, kind, templates[name])
        parsed[name] = entry
        source = templates[name]
        try:
            entry.tree = env.parse(source, name)
        except TemplateSyntaxError as exc:
            report.add("WW-TPL-SYNTAX", exc.message or str(exc), name, exc.lineno)
            continue
        except RecursionError:
            report.add("WW-TPL-TOO-COMPLEX", "The template is nested too deeply.", name)
            continue
        lint = _Lint(name, kind, report, package)
        lint.run(entry.tree)
        entry.references = lint.references
        try:
            env.compile(source, name)
        except (TemplateSyntaxError, TemplateAssertionError) as exc:
            if not re.match(r"No (filter|test) named", exc.message or ""):  # lint reported it
                report.add("WW-TPL-COMPILE", exc.message or str(exc), name, exc.lineno)
        except RecursionError:
            report.add("WW-TPL-TOO-COMPLEX", "The template is nested too deeply.", name)
    graph = {name: set(p.references) for name, p in parsed.items()}
    for name in sorted(_in_cycles(graph)):
        report.add("WW-TPL-RECURSIVE-LAYOUT", f"'{name}' includes, imports or extends itself "
                   "through other templates.", name)
    referenced = {target for p in parsed.values() for target in p.references}
    for name, p in sorted(parsed.items()):
        if p.kind == "partial" and name not in referenced:
            report.add("WW-TPL-UNUSED", f"'{name}' is never used.", name)
    if len(report.errors) == before:  # a test render only makes sense for clean templates
        _render_check(templates, parsed, report, render_timeout, settings or [])


def sample_layout_context(settings: dict[str, Any] | None = None) -> dict[str, Any]:
    """Data shaped like what the compiler passes to layout.html (``settings``: the theme's
    setting values, e.g. app.theme_settings.setting_values of its manifest)."""
    from app.publishing.compiler import STRINGS

    return {
        "site": {"name": "Sample Café", "locale": "en",
                 "logo": {"url": "/assets/sample-logo-160.webp", "width": 160, "height": 40,
                          "alt": ""}},
        "meta": {"title": "Sample Café", "description": "Coffee and cake by the river.",
                 "canonical": "https://sample.example/", "image": None, "og_locale": "en_US",
                 "favicon": "/favicon.png", "favicon_type": "image/png",
                 "apple_touch_icon": "/apple-touch-icon.png", "theme_color": "#2f5d50"},
        "settings": dict(settings or {}),
        "css": Markup(SAMPLE_CSS),  # noqa: S704 - our constant
        "css_link": None, "jsonld": "",
        "strings": {key: texts["en"] for key, texts in STRINGS.items()},
        "home_url": "/",
        "nav": [{"title": "Home", "url": "/", "current": True},
                {"title": "Menu", "url": "/menu/", "current": False}],
        "page": {"title": "Home", "is_home": True, "path": "/"},
        "content": Markup(SAMPLE_CONTENT),  # noqa: S704 - our constant
    }


def sample_component_context(type_name: str) -> dict[str, Any]:
    """Data shaped like what the renderer passes to a block's view."""
    component = components.get(type_name)
    # A café's sample in English, with its buttons, so an override's every branch is tried.
    props = component.default_props(components.SampleContext(
        "cafe", "en", links={"menu": "#menu", "location": "#location",
                             "phone": "tel:010-0000-0000"}))
    return {
        "props": props, "block": {"id": "sample", "type": type_name},
        "slots": {name: Markup("") for name in component.slot_names(props)},
        "profile": {"business_name": "Sample Café", "address": "1 River Road",
                    "phone": "010-0000-0000"},
        "site": {"name": "Sample Café", "slug": "sample", "locale": "en"},
        "pages": [{"id": 1, "title": "Home", "path": "/", "is_home": True}],
        "editing": False, "form_action": "https://forms.example/f/sample", "locale": "en",
        "href": lambda link: link or "", "image": lambda *args, **kwargs: Markup(""),
        "t": lambda key: key,
    }


def _random_name(syllables: str) -> str:
    """A site name no template can expect (so 'only when it is not the sample' fails)."""
    return "".join(secrets.choice(syllables) for _ in range(3)) + " " + secrets.token_hex(3)


def sample_settings(declared: Iterable[dict[str, Any]], variant: str) -> dict[str, Any]:
    """Values for the theme's own settings: each one's default, or (``variant`` "other") a
    value an owner might choose instead, so both sides of ``{% if settings.x %}`` render."""
    values: dict[str, Any] = {}
    for setting in declared:
        if not isinstance(setting, dict) or not isinstance(setting.get("key"), str):
            continue
        kind, default = setting.get("type"), setting.get("default")
        value: Any = default
        if kind == "image":
            value = None
        if variant == "other":
            if kind == "text":
                value = "공지 " + secrets.token_hex(4)
            elif kind == "toggle":
                value = not default
            elif kind == "color":
                value = "#7a3b5c"
            elif kind == "number":
                value = setting.get("max", default)
            elif kind == "font":
                value = '"Noto Serif KR", serif'
            elif kind == "image":
                value = {"url": "/assets/sample-setting-960.webp", "width": 960,
                         "height": 600, "alt": "Sample picture"}
            elif kind == "select":
                options = [o.get("value") for o in setting.get("options") or []
                           if isinstance(o, dict)]
                value = next((o for o in options if o != default), default)
        values[setting["key"]] = value
    return values


def sample_layout_contexts(settings: Iterable[dict[str, Any]] = ()) -> list[tuple[str, dict]]:
    """(what, context) for the validator's test renders of layout.html: the primary sample,
    then a Korean home page and a Japanese inner page with names no template can expect,
    the other values of the theme's settings, with and without a logo, the JSON-LD and a
    CSS link."""
    from app.publishing.compiler import STRINGS

    declared = list(settings)
    primary = sample_layout_context(sample_settings(declared, "default"))
    korean_name = _random_name("가나다라마바사아자차카타파하윤솔빛")
    korean = {
        **sample_layout_context(sample_settings(declared, "other")),
        "site": {"name": korean_name, "locale": "ko", "logo": None},
        "strings": {key: texts["ko"] for key, texts in STRINGS.items()},
        "jsonld": Markup('{"@context":"https://schema.org","@type":"LocalBusiness",'  # noqa: S704
                         '"name":"sample"}'),
        "css": Markup(SAMPLE_CSS),  # noqa: S704 - our constant
        "content": Markup(SAMPLE_CONTENT),  # noqa: S704 - our constant
    }
    korean["meta"] = {**korean["meta"], "title": korean_name, "favicon": "/favicon.svg",
                      "favicon_type": "image/svg+xml", "apple_touch_icon": None,
                      "og_locale": "ko_KR", "image": "https://sample.example/assets/og.jpg"}
    japanese_name = _random_name("あかさたなはまやらわカフェ")
    japanese = {
        **sample_layout_context(sample_settings(declared, "default")),
        "site": {"name": japanese_name, "locale": "ja",
                 "logo": {"url": "/assets/sample-logo-160.webp", "width": 160, "height": 40,
                          "alt": japanese_name}},
        "strings": {key: texts["ja"] for key, texts in STRINGS.items()},
        "css_link": "/assets/site-0123456789abcdef.css",
        "nav": [{"title": "メニュー", "url": "/menu/", "current": True}],
        "page": {"title": "メニュー", "is_home": False, "path": "/menu/"},
        "css": Markup(SAMPLE_CSS),  # noqa: S704 - our constant
        "content": Markup(SAMPLE_CONTENT),  # noqa: S704 - our constant
    }
    japanese["meta"] = {**japanese["meta"], "title": f"メニュー | {japanese_name}",
                        "description": "", "og_locale": "ja_JP",
                        "canonical": "https://sample.example/menu/"}
    return [("the sample site", primary), (f"a Korean home page of '{korean_name}'", korean),
            (f"a Japanese inner page of '{japanese_name}'", japanese)]


def sample_component_contexts(type_name: str) -> list[tuple[str, dict]]:
    """(what, context) for a block override's test renders: the published sample, the block in
    the editor (``editing``) with a name no template can expect, and a Japanese page with the
    block's props at their empty values."""
    component = components.get(type_name)
    primary = sample_component_context(type_name)
    editor_name = _random_name("가나다라마바사아자차카타파하")
    in_editor = {**sample_component_context(type_name), "editing": True, "locale": "ko",
                 "form_action": "", "profile": {},
                 "site": {"name": editor_name, "slug": "sample", "locale": "ko"},
                 "image": lambda *args, **kwargs: Markup(  # noqa: S704 - our constant
                     '<span class="ww-img-placeholder" aria-hidden="true"></span>')}
    try:
        empty = component.validate_props({})
    except Exception:  # noqa: BLE001 - a block whose props need values: keep its sample
        empty = component.default_props()
    japanese = {**sample_component_context(type_name), "props": empty, "locale": "ja",
                "slots": {name: Markup("") for name in component.slot_names(empty)},
                "site": {"name": _random_name("あかさたなはまやらわ"), "slug": "sample",
                         "locale": "ja"},
                "profile": {**SAMPLE_PROFILE_FULL}}
    return [("the published sample", primary), (f"the editor, site '{editor_name}'", in_editor),
            ("a Japanese page with empty properties", japanese)]


SAMPLE_PROFILE_FULL = {
    "business_name": "サンプル", "representative": "Sample", "business_number": "220-81-62517",
    "address": "1 River Road", "address_detail": "2F", "phone": "02-123-4567",
    "email": "hello@example.com", "instagram": "sample", "kakao_channel_url":
    "https://pf.kakao.com/_sample", "business_type": "cafe",
    "opening_hours": {"mon": {"open": "09:00", "close": "18:00"}},
}


def _error_line(exc: BaseException, names: Iterable[str]) -> tuple[str | None, int | None]:
    """The innermost template frame of a render error (Jinja rewrites tracebacks so)."""
    names = set(names)
    found: tuple[str | None, int | None] = (None, None)
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename in names:
            found = (tb.tb_frame.f_code.co_filename, tb.tb_lineno)
        tb = tb.tb_next
    return found


def _locate(templates: dict[str, str], name: str, needle: str) -> tuple[str, int | None]:
    """Where ``needle`` (what a finding is about, e.g. 'onerror') first appears: in the rendered
    template, else in another template of the package (a partial it includes). Only to point
    the designer at a line; the finding itself comes from the output."""
    if needle:
        low = needle.lower()
        for candidate in [name, *sorted(t for t in templates if t != name)]:
            for number, line in enumerate(templates[candidate].splitlines(), 1):
                if low in line.lower():
                    return candidate, number
    return name, None


def _trusted(context: dict[str, Any], kind: str) -> dict[str, Any]:
    """The platform's own objects in a context (printed as placeholders, see output.py)."""
    if kind == "layout":
        return {key: context[key] for key in ("content", "css", "jsonld")}
    return {f"s{index}": html for index, html in enumerate(context["slots"].values())}


def _render_check(templates: dict[str, str], parsed: dict[str, _Parsed], report: Report,
                  timeout: float, settings: list[dict[str, Any]]) -> None:
    """Renders each layout and block override with several sample contexts, reports render
    failures and what the output allowlist would remove from each output, and checks that the
    layout shows the page's content and CSS."""
    env = package_environment(templates)
    for name, entry in sorted(parsed.items()):
        if entry.kind == "partial":
            continue  # rendered through the templates that include them
        kind = "layout" if entry.kind == "layout" else "block"
        contexts = (sample_layout_contexts(settings) if kind == "layout"
                    else sample_component_contexts(name[len("components/"):-len(".html")]))
        seen: set[tuple[str, str]] = set()  # one entry per finding, from the first render
        for index, (what, context) in enumerate(contexts):
            trusted = _trusted(context, kind)
            try:
                raw = render_limited(env.get_template(name), context, timeout=timeout,
                                     trusted=trusted)
            except ThemeRenderError as exc:
                file, line = _error_line(exc, templates)
                code = {"timeout": "WW-TPL-RENDER-TIMEOUT", "output": "WW-TPL-RENDER-OUTPUT",
                        "size": "WW-TPL-RENDER-OUTPUT"}.get(exc.reason, "WW-TPL-RENDER")
                report.add(code, str(exc), file or name, line)
                break
            except Exception as exc:  # anything a theme's template raises is reported, not raised
                file, line = _error_line(exc, templates)
                report.add("WW-TPL-RENDER", f"Rendering stopped: {exc}", file or name, line)
                break
            form_action = context.get("form_action", "") if kind == "block" else ""
            origin = "https://sample.example"
            for finding in audit(raw, kind, form_action=form_action, site_origin=origin):
                if (finding.code, finding.message) in seen:
                    continue
                seen.add((finding.code, finding.message))
                file, line = _locate(templates, name, finding.needle)
                shown = "" if index == 0 else f" (rendered for {what})"
                report.add(finding.code, finding.message + shown, file, line)
            if kind != "layout" or index != 0:
                continue
            values = {key: str(value) for key, value in trusted.items()}
            html = finish_layout(raw, values, locale=context["site"]["locale"],
                                 site_origin=origin)
            if SAMPLE_CONTENT not in html:
                report.add("WW-TPL-NO-CONTENT", "The page content never appears in the "
                           "rendered layout.", name)
            if SAMPLE_CSS not in html:
                report.add("WW-TPL-NO-CSS", "The site's CSS never appears in the rendered "
                           "layout (print it as <style>{{ css }}</style>).", name)
