"""Where theme templates run: a confined loader, an immutable sandbox, and render limits.

Jinja's sandbox stops a template from reaching Python internals (CVE-2016-10745, CVE-2019-10906,
CVE-2024-56326, CVE-2025-27516 are fixed in the pinned 3.1.6) but bounds neither time nor
output: a 70-character nested loop makes 4 MB in 0.2 s. So on top of it:

* ``render_limited`` renders with a wall-clock deadline and an output cap. The deadline is
  checked on every output chunk and ``{{ }}``, every call, operator and filter, and on every
  turn of every ``{% for %}`` loop (the compiler wraps each loop's iterable in
  ``ThemeSandbox.guard_iter``), so loops that print nothing stop too. Straight-line template
  code is bounded by the template's size; Jinja has no other way to repeat work.
* ``ThemeSandbox`` guards the few places a template can make a huge value in one step — ``*``,
  ``**``, ``+``, ``~``, filters (``center(10**9)``, ``replace('', …)``, ``join``), macro output
  and every ``{{ }}`` — and refuses ``%`` string formatting and most methods of built-in types.
* The loader serves only this theme's own files: no symlinks, no ``..``, no platform templates.

In-process limits cannot bound memory for every construct; the upload validator runs in an RQ
job (its own work horse process, killed at the job timeout), which is the last line.
"""

from __future__ import annotations

import functools
import inspect
import os
import re
import stat
import time
from collections.abc import Callable, Iterable, Mapping
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import BaseLoader, Template, TemplateNotFound, TemplateSyntaxError, nodes
from jinja2.filters import FILTERS as JINJA_FILTERS
from jinja2.runtime import markup_join, str_join
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError
from jinja2.tests import TESTS as JINJA_TESTS
from markupsafe import Markup

from app.theme_packages import limits
from app.theme_packages.output import placeholder_markup

# Filters a theme may use. Left out on purpose: safe (unescaped output), attr (attribute access
# by string, CVE-2025-27516), format (str formatting, CVE-2016-10745), xmlattr, tojson, pprint
# (dumps objects), random (builds must be deterministic).
THEME_FILTERS = frozenset({
    "abs", "batch", "capitalize", "center", "count", "d", "default", "dictsort", "e", "escape",
    "filesizeformat", "first", "float", "forceescape", "groupby", "indent", "int", "items",
    "join", "last", "length", "list", "lower", "map", "max", "min", "reject", "rejectattr",
    "replace", "reverse", "round", "select", "selectattr", "slice", "sort", "string",
    "striptags", "sum", "title", "trim", "truncate", "unique", "upper", "urlencode", "urlize",
    "wordcount", "wordwrap", "krw",
})
THEME_TESTS = frozenset(JINJA_TESTS)
# Methods of str/list/dict a template may call (everything else: center, ljust, zfill,
# expandtabs, join, replace, format, format_map, ... can build huge values or reach internals).
SAFE_METHODS = frozenset({
    "get", "items", "keys", "values", "lower", "upper", "strip", "lstrip", "rstrip",
    "startswith", "endswith", "split", "title", "capitalize", "count", "index",
})
_BUILTIN_TYPES = (str, bytes, list, tuple, dict, set, frozenset)
_TEMPLATE_NAME = re.compile(
    r"^(?:[A-Za-z0-9_][A-Za-z0-9_.-]*/){0,7}[A-Za-z0-9_][A-Za-z0-9_.-]*\.html$")
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_CLOEXEC", 0)


class ThemeRenderError(Exception):
    """A theme template hit a render limit."""

    def __init__(self, message: str, reason: str) -> None:
        super().__init__(message)
        self.reason = reason  # "timeout" | "output" | "size" | "recursion"


@dataclass
class _Budget:
    deadline: float
    timeout: float
    max_output: int
    produced: int = 0  # characters of every {{ }} so far, macro output included


_BUDGET: ContextVar[_Budget | None] = ContextVar("theme_render_budget", default=None)
# id(object) → what to print instead: the platform's own parts of a page (content, CSS, slots)
# print as placeholders the output allowlist puts them back for (app.theme_packages.output).
_PLACEHOLDERS: ContextVar[dict[int, Any] | None] = ContextVar("theme_placeholders",
                                                              default=None)


def _limit() -> int:
    budget = _BUDGET.get()
    return budget.max_output if budget else limits.MAX_OUTPUT


def _timeout_error(budget: _Budget) -> ThemeRenderError:
    return ThemeRenderError(f"The template took longer than {budget.timeout:g} seconds.",
                            "timeout")


LOOP_GUARD = "ww_loop_guard"


def loop_guard(iterable: Any) -> Any:
    """Every ``{% for %}`` loop iterates through this (see ``ThemeSandbox._generate``): each
    turn checks the render's deadline, so nested loops that print nothing still stop in time."""
    budget = _BUDGET.get()
    if budget is None:  # an untimed render (bundled themes)
        return iterable
    return _checked_turns(iterable, budget)


def _checked_turns(iterable: Any, budget: _Budget) -> Any:
    deadline = budget.deadline
    for item in iterable:
        if time.monotonic() > deadline:
            raise _timeout_error(budget)
        yield item


def _check_time() -> None:
    budget = _BUDGET.get()
    if budget is not None and time.monotonic() > budget.deadline:
        raise _timeout_error(budget)


def approx_len(value: Any, limit: int) -> int:
    """About how many characters ``str(value)`` would have (stops counting past ``limit``).

    Shared references count every time they appear, as they do once printed.
    """
    total = 0
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str | bytes | bytearray):
            total += len(item)
        elif isinstance(item, dict):
            total += 2 + 4 * len(item)
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list | tuple | set | frozenset):
            total += 2 + 2 * len(item)
            stack.extend(item)
        else:
            total += 8
        if total > limit:
            break
    return total


def _ensure_small(value: Any, what: str = "a value") -> None:
    limit = _limit()
    if approx_len(value, limit) > limit:
        raise ThemeRenderError(f"The template built {what} larger than {limit:,} characters.",
                               "size")


def _finalize(value: Any) -> Any:
    """Runs on every {{ expression }} (in macros too) before it is escaped."""
    placeholders = _PLACEHOLDERS.get()
    if placeholders is not None:
        placeholder = placeholders.get(id(value))
        if placeholder is not None:
            return placeholder
    budget = _BUDGET.get()
    if budget is not None and time.monotonic() > budget.deadline:
        raise _timeout_error(budget)
    limit = budget.max_output if budget else limits.MAX_OUTPUT
    size = approx_len(value, limit)
    if size > limit:
        raise ThemeRenderError(f"The template printed a value larger than {limit:,} characters.",
                               "output")
    if budget is not None:
        budget.produced += size
        # Macro output is counted when made and again when printed: allow some slack.
        if budget.produced > 5 * budget.max_output:
            raise ThemeRenderError(f"The template produced more than {limit:,} characters.",
                                   "output")
    return value


def _guarded_join(join: Callable[[Iterable[Any]], str]) -> Callable[[Iterable[Any]], str]:
    def guarded(seq: Iterable[Any]) -> str:
        items = list(seq)
        limit = _limit()
        if sum(approx_len(item, limit) for item in items) > limit:
            raise ThemeRenderError(f"The template joined text longer than {limit:,} characters.",
                                   "size")
        return join(items)
    return guarded


_GUARDED_MARKUP_JOIN = _guarded_join(markup_join)
_GUARDED_STR_JOIN = _guarded_join(str_join)


class ThemeTemplate(Template):
    """A template whose ``~`` concatenations are size-checked."""

    @classmethod
    def _from_namespace(cls, environment, namespace, globals):
        template = super()._from_namespace(environment, namespace, globals)
        # The compiled module imports these helpers by name and looks them up at call time.
        namespace["markup_join"] = _GUARDED_MARKUP_JOIN
        namespace["str_join"] = _GUARDED_STR_JOIN
        return template


# Filters ------------------------------------------------------------------------------------

def _int_arg(args: dict[str, Any], name: str, low: int, high: int) -> None:
    value = args.get(name)
    if isinstance(value, int) and not isinstance(value, bool) and not low <= value <= high:
        raise SecurityError(f"{name}={value} is out of range ({low} to {high}) in a theme.")


def _check_indent(args: dict[str, Any]) -> None:
    width = args.get("width")
    if isinstance(width, str) and len(width) > 32:
        raise SecurityError("indent() accepts at most 32 characters in a theme.")
    _int_arg(args, "width", 0, 32)


def _check_replace(args: dict[str, Any]) -> None:
    text, old, new = str(args["s"]), str(args["old"]), str(args["new"])
    hits = len(text) + 1 if old == "" else text.count(old)
    if args.get("count") is not None:
        hits = min(hits, max(int(args["count"]), 0))
    if len(text) + hits * (len(new) - len(old)) > _limit():
        raise ThemeRenderError("replace() would build a value that is too large.", "size")


_FILTER_CHECKS: dict[str, Callable[[dict[str, Any]], None]] = {
    "center": lambda a: _int_arg(a, "width", 0, limits.MAX_FILTER_WIDTH),
    "indent": _check_indent,
    "wordwrap": lambda a: _int_arg(a, "width", 1, limits.MAX_FILTER_WIDTH),
    "batch": lambda a: _int_arg(a, "linecount", 1, limits.MAX_FILTER_WIDTH),
    "slice": lambda a: _int_arg(a, "slices", 1, limits.MAX_FILTER_WIDTH),
    "truncate": lambda a: _int_arg(a, "length", 0, limits.MAX_OUTPUT),
    "replace": _check_replace,
}


def _guard_filter(name: str, func: Callable[..., Any]) -> Callable[..., Any]:
    check = _FILTER_CHECKS.get(name)
    signature = inspect.signature(func) if check else None
    skip = getattr(func, "jinja_pass_arg", None) is not None  # first arg: env/context

    @functools.wraps(func)  # keeps jinja_pass_arg
    def guarded(*args: Any, **kwargs: Any) -> Any:
        _check_time()
        for value in (*args[1 if skip else 0:], *kwargs.values()):
            _ensure_small(value, "a filter argument")
        if check is not None and signature is not None:
            bound = signature.bind(*args, **kwargs)
            bound.apply_defaults()
            check(bound.arguments)
        result = func(*args, **kwargs)
        _ensure_small(result)
        return result

    return guarded


def _filters(names: Iterable[str]) -> dict[str, Callable[..., Any]]:
    from app.editor.render import krw  # the platform's own filter, as component views have it

    available = {**JINJA_FILTERS, "krw": krw}
    return {name: _guard_filter(name, available[name]) for name in names}


# Environment --------------------------------------------------------------------------------

class ThemeSandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox with size guards (see the module docstring)."""

    # Intercepted operators are also never constant-folded at compile time, so the validator
    # cannot be made to compute 9**9**9 while compiling.
    intercepted_binops = frozenset({"*", "**", "%", "+"})
    template_class = ThemeTemplate
    refuse_unescaped = True  # the validator's lenient copy lets its lint report it instead

    def call_binop(self, context, operator: str, left: Any, right: Any) -> Any:
        _check_time()
        limit = _limit()
        if operator == "%" and isinstance(left, str):
            raise SecurityError("String formatting with % is not allowed in themes.")
        if operator == "**" and isinstance(left, int) and isinstance(right, int) \
                and right > 0 and abs(left) > 1 and left.bit_length() * right > 4096:
            raise ThemeRenderError("The template computed a number that is too large.", "size")
        if operator == "*":
            for seq, times in ((left, right), (right, left)):
                if isinstance(seq, str | list | tuple) and isinstance(times, int) \
                        and approx_len(seq, limit) * max(times, 0) > limit:
                    raise ThemeRenderError("The template repeated a value into one that is too "
                                           "large.", "size")
        if operator == "+" and isinstance(left, str | list | tuple) \
                and approx_len(left, limit) + approx_len(right, limit) > limit:
            raise ThemeRenderError("The template built a value that is too large.", "size")
        return super().call_binop(context, operator, left, right)

    def call(__self, __context, __obj, *args: Any, **kwargs: Any) -> Any:
        _check_time()
        owner = getattr(__obj, "__self__", None)
        name = getattr(__obj, "__name__", "")
        # str.format/format_map arrive wrapped by Jinja's sandbox, without __self__.
        if name in ("format", "format_map") or (
                isinstance(owner, _BUILTIN_TYPES) and name not in SAFE_METHODS):
            raise SecurityError(f"Calling .{name}() is not allowed in themes.")
        for value in (*args, *kwargs.values()):
            _ensure_small(value, "an argument")
        result = super().call(__context, __obj, *args, **kwargs)
        _ensure_small(result)
        return result

    def _generate(self, source: nodes.Template, name: str | None, filename: str | None,
                  defer_init: bool = False) -> str:
        """Compiles with every loop's iterable passed through ``loop_guard`` (after the lint,
        which parses without this step, so designers never see it). A filter node compiles to
        a direct call: no sandbox call checks on every loop of every page."""
        for loop in source.find_all(nodes.For):
            loop.iter = nodes.Filter(loop.iter, LOOP_GUARD, [], [], None, None,
                                     lineno=loop.lineno)
        return super()._generate(source, name, filename, defer_init)

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        """Refuses {% autoescape false %} outright: output in a theme is always escaped."""
        tree = super()._parse(source, name, filename)
        if not self.refuse_unescaped:
            return tree
        for node in tree.find_all((nodes.ScopedEvalContextModifier, nodes.EvalContextModifier)):
            for option in node.options:
                if option.key == "autoescape" and not (
                        isinstance(option.value, nodes.Const) and option.value.value is True):
                    raise TemplateSyntaxError("Themes cannot switch escaping off.", node.lineno,
                                              name, filename)
        return tree

    def concat(self, parts: Iterable[str]) -> str:  # type: ignore[override]
        """Joins the output of macros, call blocks and {% set %} blocks."""
        items = list(parts)
        limit = _limit()
        if sum(map(len, items)) > limit:
            raise ThemeRenderError(f"A macro or block produced more than {limit:,} characters.",
                                   "output")
        return "".join(items)


def _environment(loader: BaseLoader | None, filters: Iterable[str]) -> ThemeSandbox:
    env = ThemeSandbox(loader=loader, autoescape=True, trim_blocks=True, lstrip_blocks=True,
                       finalize=_finalize)
    env.filters = {**_filters(filters), LOOP_GUARD: loop_guard}
    env.tests = {name: JINJA_TESTS[name] for name in THEME_TESTS}
    # No lipsum, cycler, joiner, namespace or dict: only range (which the sandbox caps).
    env.globals = {"range": env.globals["range"]}
    return env


def theme_environment(folder: str | Path) -> ThemeSandbox:
    """The environment theme templates render in, reading only ``folder``'s own templates."""
    return _environment(ThemeFolderLoader(folder), THEME_FILTERS)


def package_environment(templates: Mapping[str, str]) -> ThemeSandbox:
    """The same environment over templates held in memory (a package being validated)."""
    return _environment(ThemeMappingLoader(templates), THEME_FILTERS)


def lenient_environment() -> ThemeSandbox:
    """The sandbox with every Jinja filter: used to check that templates compile, so refused
    filters are reported by the lint with their own codes rather than as compile errors."""
    env = _environment(None, [*JINJA_FILTERS, "krw"])
    env.refuse_unescaped = False
    return env


# Loaders ------------------------------------------------------------------------------------

@functools.cache
def platform_template_names() -> frozenset[str]:
    """Names of WindWalker's own templates (app, blueprints, components): never a theme's."""
    project = Path(__file__).resolve().parents[2]
    roots = [project / "app" / "templates", project / "components",
             *sorted((project / "blueprints").glob("*/templates"))]
    return frozenset(path.relative_to(root).as_posix()
                     for root in roots if root.is_dir() for path in root.rglob("*.html"))


def checked_template_name(name: Any) -> str:
    """``name`` if a theme may load a template by it; TemplateNotFound otherwise."""
    if not isinstance(name, str) or not _TEMPLATE_NAME.match(name) \
            or name.split("/", 1)[0] == "assets":
        raise TemplateNotFound(str(name), f"'{name}' is not a template name a theme may use.")
    if name in platform_template_names():
        raise TemplateNotFound(name, f"'{name}' is a WindWalker template; themes cannot use it.")
    return name


def _open_confined(root: str, name: str) -> int:
    """A descriptor for ``root/name``, walking one folder at a time without following links."""
    dir_fd = os.open(root, _OPEN_FLAGS | os.O_DIRECTORY)
    try:
        for part in name.split("/")[:-1]:
            next_fd = os.open(part, _OPEN_FLAGS | os.O_DIRECTORY | os.O_NOFOLLOW, dir_fd=dir_fd)
            os.close(dir_fd)
            dir_fd = next_fd
        # O_NONBLOCK: opening a FIFO must not hang; it is refused by the fstat check below.
        return os.open(name.rsplit("/", 1)[-1], _OPEN_FLAGS | os.O_NOFOLLOW | os.O_NONBLOCK,
                       dir_fd=dir_fd)
    finally:
        os.close(dir_fd)


class ThemeFolderLoader(BaseLoader):
    """Loads templates from one theme folder only (CTFd's confined theme loader)."""

    def __init__(self, folder: str | Path) -> None:
        # The platform's own path may contain links; nothing inside the theme may.
        self.root = os.path.realpath(folder)

    def get_source(self, environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        name = checked_template_name(template)
        try:
            fd = _open_confined(self.root, name)
        except OSError:
            raise TemplateNotFound(template) from None
        with os.fdopen(fd, "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode):
                raise TemplateNotFound(template)
            data = handle.read(limits.FILE_LIMITS["html"] + 1)
        if len(data) > limits.FILE_LIMITS["html"]:
            raise TemplateNotFound(template, f"'{template}' is larger than a template may be.")
        path = os.path.join(self.root, name)

        def uptodate() -> bool:
            try:
                return os.lstat(path).st_mtime_ns == info.st_mtime_ns
            except OSError:
                return False

        return data.decode("utf-8"), path, uptodate

    def list_templates(self) -> list[str]:
        found = []
        for dirpath, _dirs, files in os.walk(self.root, followlinks=False):
            rel = os.path.relpath(dirpath, self.root)
            for file in files:
                name = file if rel == "." else f"{rel}/{file}".replace(os.sep, "/")
                if _TEMPLATE_NAME.match(name) and name not in platform_template_names():
                    found.append(name)
        return sorted(found)


class ThemeMappingLoader(BaseLoader):
    """Templates of a package held in memory, under the same name rules."""

    def __init__(self, templates: Mapping[str, str]) -> None:
        self.templates = dict(templates)

    def get_source(self, environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        name = checked_template_name(template)
        if name not in self.templates:
            raise TemplateNotFound(template)
        return self.templates[name], name, lambda: True

    def list_templates(self) -> list[str]:
        return sorted(self.templates)


# Rendering ----------------------------------------------------------------------------------

def render_limited(template: Template, context: Mapping[str, Any], *,
                   timeout: float = limits.RENDER_TIMEOUT,
                   max_output: int = limits.MAX_OUTPUT,
                   trusted: Mapping[str, Any] | None = None) -> str:
    """Renders ``template`` with ``context``, stopping with ThemeRenderError after ``timeout``
    seconds of wall clock or ``max_output`` characters. Template errors propagate unchanged.

    ``trusted`` (placeholder key → a Markup object of the context, e.g. ``{"content":
    content}``): wherever the template prints one of those very objects, its placeholder is
    printed instead (``app.theme_packages.output.placeholder_markup``). Only Markup objects
    count: a plain string may be shared with any literal of the template."""
    budget = _Budget(deadline=time.monotonic() + timeout, timeout=timeout, max_output=max_output)
    token = _BUDGET.set(budget)
    placeholders = _PLACEHOLDERS.set(
        {id(value): placeholder_markup(key) for key, value in trusted.items()
         if isinstance(value, Markup)} if trusted else None)
    chunks = template.generate(**context)
    parts: list[str] = []
    size = 0
    try:
        for chunk in chunks:
            size += len(chunk)
            if size > max_output:
                raise ThemeRenderError(f"The template produced more than {max_output:,} "
                                       "characters.", "output")
            if time.monotonic() > budget.deadline:
                raise _timeout_error(budget)
            parts.append(chunk)
    except RecursionError as exc:
        raise ThemeRenderError("The template calls itself too deeply.", "recursion") from exc
    finally:
        chunks.close()
        _BUDGET.reset(token)
        _PLACEHOLDERS.reset(placeholders)
    return "".join(parts)


__all__ = ["SAFE_METHODS", "THEME_FILTERS", "THEME_TESTS", "ThemeRenderError", "ThemeSandbox",
           "checked_template_name", "lenient_environment", "package_environment",
           "platform_template_names", "render_limited", "theme_environment"]
