"""Checks on the files of a package: names, types, magic bytes, images, SVG and CSS."""

from __future__ import annotations

import io
import json
import posixpath
import re
import warnings
import xml.etree.ElementTree as ET  # noqa: S405 - DOCTYPE/entities are refused before parsing

from PIL import Image, UnidentifiedImageError

from app.theme_packages import limits
from app.theme_packages.archive import extension
from app.theme_packages.report import Report

TEXT_TYPES = {"json", "html", "css", "svg", "txt", "md"}
IMAGE_TYPES = {"png", "jpg", "jpeg", "webp", "avif", "gif"}
ALLOWED_TYPES = TEXT_TYPES | IMAGE_TYPES | {"woff2"}
JAVASCRIPT_TYPES = {"js", "mjs", "cjs", "jsx", "ts", "tsx", "coffee", "vue", "svelte", "wasm"}
PILLOW_FORMATS = {"png": ["PNG"], "jpg": ["JPEG", "MPO"], "jpeg": ["JPEG", "MPO"],
                  "webp": ["WEBP"], "avif": ["AVIF"], "gif": ["GIF"]}
URL_TARGET_TYPES = IMAGE_TYPES | {"svg", "woff2"}
_SAFE_NAME = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9._-]*$")
_BINARY_MAGIC = (b"PK\x03\x04", b"\x89PNG", b"%PDF", b"MZ", b"\x7fELF", b"\xca\xfe\xba\xbe",
                 b"GIF8", b"\xff\xd8\xff", b"wOF2", b"wOFF", b"\x00asm")


def check_name(path: str, report: Report) -> bool:
    """ASCII names only: they end up in URLs, CSS and template names (CVE-2024-56201)."""
    bad = [part for part in path.split("/") if not _SAFE_NAME.match(part)]
    if bad:
        report.add("WW-FILE-NAME", f"'{path}' has characters that are not allowed in "
                   f"'{bad[0]}'.", path)
        return False
    return True


def check_type(path: str, report: Report) -> bool:
    ext = extension(path)
    if ext in JAVASCRIPT_TYPES:
        report.add("WW-FILE-JAVASCRIPT", f"'{path}' is a JavaScript file.", path)
        return False
    if ext not in ALLOWED_TYPES:
        shown = f".{ext}" if ext else "no extension"
        report.add("WW-FILE-EXTENSION", f"'{path}' has a file type that is not allowed "
                   f"({shown}).", path)
        return False
    return True


def magic_matches(ext: str, data: bytes) -> bool:
    if ext == "png":
        return data.startswith(b"\x89PNG\r\n\x1a\n")
    if ext in ("jpg", "jpeg"):
        return data.startswith(b"\xff\xd8\xff")
    if ext == "gif":
        return data[:6] in (b"GIF87a", b"GIF89a")
    if ext == "webp":
        return data[:4] == b"RIFF" and data[8:12] == b"WEBP"
    if ext == "avif":
        return data[4:8] == b"ftyp" and data[8:12] in (b"avif", b"avis")
    if ext == "woff2":
        return data.startswith(b"wOF2")
    return True


def check_binary(path: str, data: bytes, report: Report) -> None:
    ext = extension(path)
    if not magic_matches(ext, data):
        report.add("WW-FILE-MAGIC", f"'{path}' is not a {ext.upper()} file (its content does "
                   "not match the extension).", path)
        return
    if ext in IMAGE_TYPES:
        _check_image(path, ext, data, report)


def _check_image(path: str, ext: str, data: bytes, report: Report) -> None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=PILLOW_FORMATS[ext]) as image:
                width, height = image.size  # read from the header: nothing decoded yet
                if width * height > limits.MAX_IMAGE_PIXELS:
                    report.add("WW-IMAGE-PIXELS", f"'{path}' is {width}x{height} "
                               f"({width * height / 1e6:.1f} megapixels).", path)
                    return
                image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError,
            Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        report.add("WW-FILE-MAGIC", f"'{path}' is not a valid {ext.upper()} image ({exc}).",
                   path)


def decode_text(path: str, data: bytes, report: Report) -> str | None:
    """The UTF-8 text of a text file, or None (and an entry) for binary or badly encoded."""
    if data.startswith(_BINARY_MAGIC) or b"\x00" in data:
        report.add("WW-FILE-MAGIC", f"'{path}' is not a text file.", path)
        return None
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        report.add("WW-FILE-ENCODING", f"'{path}' is not UTF-8 (byte {exc.start}).", path)
        return None


def check_json(path: str, text: str, report: Report) -> None:
    try:
        json.loads(text)
    except ValueError as exc:
        line = getattr(exc, "lineno", None)
        report.add("WW-JSON-INVALID", f"'{path}' is not valid JSON ({exc}).", path, line)


# SVG ------------------------------------------------------------------------------------------

_SVG_FORBIDDEN_TAGS = {"script", "foreignobject", "iframe", "embed", "object", "handler",
                       "listener", "audio", "video"}
_SVG_ANIMATION_TAGS = {"set", "animate", "animatetransform", "animatemotion"}


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1].lower()


def check_svg(path: str, text: str, report: Report) -> None:
    """SVG is accepted only when it is inert: we refuse rather than sanitise."""
    def unsafe(why: str) -> None:
        report.add("WW-SVG-UNSAFE", f"'{path}' {why}.", path)

    if re.search(r"<!DOCTYPE|<!ENTITY", text, re.I):
        unsafe("declares a DOCTYPE or entities")
        return
    if re.search(r"<\?xml-stylesheet", text, re.I):
        unsafe("links a stylesheet")
        return
    try:
        root = ET.fromstring(text)  # noqa: S314 - no DOCTYPE, so no entity expansion
    except ET.ParseError as exc:
        report.add("WW-SVG-INVALID", f"'{path}' is not valid SVG ({exc}).", path,
                   exc.position[0] if exc.position else None)
        return
    if _local(root.tag) != "svg":
        report.add("WW-SVG-INVALID", f"'{path}' does not start with an <svg> element.", path)
        return
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        tag = _local(element.tag)
        if tag in _SVG_FORBIDDEN_TAGS:
            unsafe(f"contains <{tag}>")
        attrs = {_local(k): v for k, v in element.attrib.items()}
        if tag in _SVG_ANIMATION_TAGS:
            target = attrs.get("attributename", "").lower()
            if target.endswith("href") or target.startswith("on"):
                unsafe(f"animates the '{target}' attribute")
        for name, value in attrs.items():
            compact = re.sub(r"\s+", "", value).lower()
            if name.startswith("on"):
                unsafe(f"has an event handler ({name})")
            elif name in ("href", "src", "base") and not value.strip().startswith("#"):
                unsafe(f"refers to another file or site ({name}=\"{value[:60]}\")")
            elif "javascript:" in compact:
                unsafe("contains a javascript: URL")
            elif name == "style" and _css_unsafe_inline(value):
                unsafe("has a style that loads other files")
        if tag == "style" and _css_unsafe_inline(element.text or ""):
            unsafe("has a stylesheet that loads other files")


def _css_unsafe_inline(css: str) -> bool:
    css = decode_css_escapes(strip_css_comments(css)).lower()
    if "@import" in css or "expression(" in css or "javascript:" in css:
        return True
    return any(not t.strip().startswith("#") for t, _ in css_url_targets(css))


# CSS ------------------------------------------------------------------------------------------

_COMMENT = re.compile(r"/\*.*?(?:\*/|$)", re.S)
_ESCAPE = re.compile(r"\\([0-9a-fA-F]{1,6})\s?|\\(.)", re.S)
_URL = re.compile(r"""\b(?:url|src)\(\s*(?:"([^"]*)"|'([^']*)'|([^)"'\s]*))\s*\)""", re.I)
_URL_START = re.compile(r"\b(?:url|src)\(", re.I)
_IMAGE_SET = re.compile(r"image-set\(([^)]*)\)", re.I)
_STRING = re.compile(r""""([^"]*)"|'([^']*)'""")
_DATA_URL = re.compile(r"^data:image/(?:png|jpeg|gif|webp|avif)(?:;base64)?,", re.I)
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)


def strip_css_comments(css: str) -> str:
    # Keep the line breaks so line numbers stay right.
    return _COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), css)


def decode_css_escapes(css: str) -> str:
    """'@\\69mport' is '@import': escapes are decoded before looking for anything."""
    def repl(match: re.Match[str]) -> str:
        if match.group(1):
            code = int(match.group(1), 16)
            return chr(code) if 0 < code <= 0x10FFFF else "\ufffd"
        return "" if match.group(2) == "\n" else match.group(2)
    return _ESCAPE.sub(repl, css)


def css_urls_unreadable(css: str) -> bool:
    """True when a url()/src() could not be read (so its target cannot be checked)."""
    return len(_URL_START.findall(css)) > len(_URL.findall(css))


def css_url_targets(css: str) -> list[tuple[str, int]]:
    """(target, offset) of every url()/src() and image-set() string."""
    found = [(next(g for g in m.groups() if g is not None), m.start())
             for m in _URL.finditer(css)]
    for m in _IMAGE_SET.finditer(css):
        found += [(s.group(1) if s.group(1) is not None else s.group(2), m.start())
                  for s in _STRING.finditer(m.group(1))]
    return found


def check_css(path: str, text: str, files: set[str], report: Report) -> None:
    css = decode_css_escapes(strip_css_comments(text))
    lower = css.lower()

    def line_of(offset: int) -> int:
        return css.count("\n", 0, offset) + 1

    for match in re.finditer(r"@import\b", lower):
        report.add("WW-CSS-IMPORT", f"'{path}' uses @import.", path, line_of(match.start()))
    for match in re.finditer(r"expression\s*\(|behavior\s*:|-moz-binding|javascript:", lower):
        report.add("WW-CSS-EXPRESSION", f"'{path}' uses '{match.group(0)}'.", path,
                   line_of(match.start()))
    for match in re.finditer(r"</|<!--", css):
        report.add("WW-CSS-HTML", f"'{path}' contains '{match.group(0)}'.", path,
                   line_of(match.start()))
    if css_urls_unreadable(css):
        offset = next(m.start() for m in _URL_START.finditer(css) if not _URL.match(css, m.start()))
        report.add("WW-CSS-URL-OUTSIDE", f"'{path}' has a url() that could not be read.", path,
                   line_of(offset))
    for target, offset in css_url_targets(css):
        _check_css_url(path, target.strip(), files, report, line_of(offset))


def _check_css_url(path: str, target: str, files: set[str], report: Report, line: int) -> None:
    shown = target if len(target) <= 80 else target[:77] + "..."
    if not target or target.startswith("#"):
        return
    if target.lower().startswith("data:"):
        if not _DATA_URL.match(target) or len(target) > limits.MAX_DATA_URL_BYTES:
            report.add("WW-CSS-DATA-URL", f"'{path}' has a data: URL that is not a small image "
                       f"({shown}).", path, line)
        return
    if target.startswith("//") or _SCHEME.match(target):
        report.add("WW-CSS-REMOTE-URL", f"'{path}' loads '{shown}' from outside the theme.",
                   path, line)
        return
    clean = re.split(r"[?#]", target, maxsplit=1)[0]
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(path), clean))
    if target.startswith("/") or resolved == ".." or resolved.startswith("../"):
        report.add("WW-CSS-URL-OUTSIDE", f"'{path}' refers to '{shown}', outside the theme.",
                   path, line)
        return
    if extension(resolved) not in URL_TARGET_TYPES:
        report.add("WW-CSS-URL-TYPE", f"'{path}' refers to '{shown}', which is not an image "
                   "or font.", path, line)
        return
    if resolved not in files:
        report.add("WW-CSS-URL-MISSING", f"'{path}' refers to '{shown}', which is not in the "
                   "theme.", path, line)
