"""The theme package validator and sandbox, attacked with the malicious corpus of themes.md.

Every archive is built here with zipfile (no binary fixtures). A hostile package must be refused
with the right code, or its template must render harmlessly.
"""

from __future__ import annotations

import io
import json
import os
import stat
import struct
import sys
import time
import warnings
import zipfile
from pathlib import Path

import pytest
from jinja2 import TemplateError, TemplateNotFound
from jinja2.sandbox import ImmutableSandboxedEnvironment
from PIL import Image

from app.theme_packages import (
    RULES,
    Report,
    ThemeRenderError,
    limits as theme_limits,
    manifest_json_schema,
    render_limited,
    theme_environment,
    validate_folder,
    validate_zip,
)
from app.theme_packages.templates import (
    COMPONENT_CONTEXT,
    LAYOUT_CONTEXT,
    sample_layout_context,
)

ROOT = Path(__file__).resolve().parent.parent
LABEL = {"ko": "라벨", "en": "Label", "ja": "ラベル"}
LAYOUT = """<!doctype html>
<html lang="{{ site.locale }}"><head><title>{{ meta.title }}</title><style>{{ css }}</style></head>
<body><nav>{% include "partials/nav.html" %}</nav><main>{{ content }}</main></body></html>
"""
NAV = ('{% for item in nav %}<a href="{{ item.url }}"'
       '{% if item.current %} aria-current="page"{% endif %}>{{ item.title }}</a>{% endfor %}')


def png(width: int = 4, height: int = 3, mode: str = "RGB") -> bytes:
    out = io.BytesIO()
    Image.new(mode, (width, height)).save(out, "PNG")
    return out.getvalue()


def manifest(**changes) -> dict:
    data = {
        "name": {"ko": "테스트 테마", "en": "Test Theme", "ja": "テストテーマ"},
        "slug": "test-theme", "version": "1.0.0", "author": "Tester",
        "description": {"ko": "테스트용 테마", "en": "A theme used by the tests.",
                        "ja": "テスト用のテーマ"},
        "license": "MIT",
        "tokens": {
            "colors": {"primary": "#2f5d50", "primary-contrast": "#fff", "secondary": "orange",
                       "accent": "rgb(228 179 99)", "bg": "#ffffff", "surface": "#f6f3ee",
                       "text": "#1f2421", "muted": "hsl(140 5% 38%)", "border": "#e3ddd3",
                       "dark": "#1f2a26", "light": "#fbfaf7"},
            "fonts": {"body": '"Pretendard", 맑은 고딕, system-ui, sans-serif',
                      "heading": "Georgia, serif"},
            "space": "1.5rem", "gutter": "1.25rem", "radius": "12px",
            "content-width": "min(1040px, 100%)",
        },
        "settings": [
            {"key": "header_style", "type": "select", "label": LABEL, "default": "plain",
             "options": [{"value": "plain", "label": LABEL}, {"value": "bold", "label": LABEL}]},
            {"key": "accent_color", "type": "color", "label": LABEL, "default": "#c8793b"},
            {"key": "show_tagline", "type": "toggle", "label": LABEL, "default": True},
            {"key": "hero_image", "type": "image", "label": LABEL,
             "default": "assets/images/hero.png"},
        ],
        "starter": {"pages": [{"path": "/", "title": "Home", "blocks": [
            {"type": "heading", "props": {"text": "Welcome"}},
        ]}]},
    }
    data.update(changes)
    return data


def theme(changes: dict[str, bytes | str | None] | None = None) -> dict[str, bytes | str]:
    """A small, clean theme; ``changes`` replace files (or, with None, remove them)."""
    base: dict[str, bytes | str] = {
        "theme.json": json.dumps(manifest(), ensure_ascii=False),
        "layout.html": LAYOUT,
        "partials/nav.html": NAV,
        "components/heading.html": '<h2 class="my-heading">{{ props.text }}</h2>',
        "assets/base.css": (".ww-site { color: var(--ww-color-text); }\n"
                            "@font-face { font-family: Body; src: url(fonts/body.woff2); }\n"
                            ".hero { background: url('images/hero.png') center / cover; }\n"),
        "assets/fonts/body.woff2": b"wOF2" + bytes(60),
        "assets/images/hero.png": png(),
        "preview.png": png(12, 9),
        "README.md": "# Test theme\n",
    }
    for path, content in (changes or {}).items():
        if content is None:
            base.pop(path, None)
        else:
            base[path] = content
    return base


def make_zip(files: dict[str, bytes | str], top: str = "test-theme/",
             extra: list[tuple[zipfile.ZipInfo, bytes]] = ()) -> bytes:
    out = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # duplicate names are written on purpose
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, content in files.items():
                archive.writestr(top + name, content)
            for info, content in extra:
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, content)
    return out.getvalue()


def entry(report: Report, code: str):
    found = [e for e in report if e.code == code]
    assert found, f"{code} not in {[(e.code, e.message) for e in report]}"
    return found[0]


def refused(report: Report, code: str, fatal: bool | None = None):
    found = entry(report, code)
    assert found.level == "error" and not report.ok
    if fatal is not None:
        assert found.fatal is fatal
    return found


# The clean cases -------------------------------------------------------------------------------

def test_a_clean_theme_zip_has_no_findings_and_a_perfect_score():
    report = validate_zip(make_zip(theme()))
    assert [e.to_dict() for e in report] == []
    assert report.ok and not report.fatal and report.score == 100


def test_the_top_level_folder_is_optional():
    assert validate_zip(make_zip(theme(), top="")).ok


def test_the_bundled_default_theme_validates_without_errors():
    report = validate_folder(ROOT / "themes" / "default")
    assert report.ok, [e.to_dict() for e in report.errors]
    files = {p.relative_to(ROOT / "themes" / "default").as_posix(): p.read_bytes()
             for p in (ROOT / "themes" / "default").rglob("*") if p.is_file()}
    assert validate_zip(make_zip(files, top="default/")).ok


def test_the_report_weights_findings_like_gscan_and_serialises():
    report = Report()
    report.add("WW-TPL-FILTER", "'|evil' is not an allowed filter.", "layout.html", 3)
    report.add("WW-CSS-URL-MISSING", "missing", "assets/base.css", 1)
    report.add("WW-THEME-PREVIEW-MISSING", "There is no preview.png.")
    assert (report.penalty, report.score, report.ok) == (14, 86, False)
    first = report.to_dict()["entries"][0]
    assert first == {"code": "WW-TPL-FILTER", "level": "error", "fatal": False,
                     "file": "layout.html", "line": 3,
                     "message": "'|evil' is not an allowed filter.",
                     "help": RULES["WW-TPL-FILTER"].help}
    assert all(rule.level in ("error", "warning", "recommendation") and rule.help
               for rule in RULES.values())


# The archive -----------------------------------------------------------------------------------

@pytest.mark.parametrize("data", [b"Rar!\x1a\x07\x00" + bytes(100), b"%PDF-1.7\n...",
                                  b"<html>not a zip</html>", b""])
def test_a_file_that_is_not_a_zip_is_refused_by_its_magic_bytes(data):
    refused(validate_zip(data), "WW-ZIP-NOT-ZIP", fatal=True)


def test_an_empty_zip_is_refused():
    refused(validate_zip(make_zip({})), "WW-ZIP-EMPTY", fatal=True)


def test_a_zip_over_the_size_limit_is_refused_before_it_is_opened(monkeypatch):
    monkeypatch.setattr(theme_limits, "MAX_ARCHIVE_BYTES", 1_000)
    refused(validate_zip(make_zip(theme())), "WW-ZIP-TOO-LARGE", fatal=True)


def test_more_than_2000_entries_are_refused():
    files = {f"assets/f{i}.txt": "x" for i in range(2_001)}
    refused(validate_zip(make_zip(files)), "WW-ZIP-TOO-MANY-ENTRIES", fatal=True)


@pytest.mark.parametrize(("name", "code"), [
    ("../../x.css", "WW-ZIP-SLIP"),
    ("test-theme/../../../etc/cron.d/x.txt", "WW-ZIP-SLIP"),
    ("/etc/passwd.txt", "WW-ZIP-ABSOLUTE"),
    ("C:/Windows/win.txt", "WW-ZIP-DRIVE"),
    ("c:evil.txt", "WW-ZIP-DRIVE"),
    ("test-theme\\..\\..\\x.txt", "WW-ZIP-BACKSLASH"),
    ("test-theme/assets//x.txt", "WW-ZIP-PATH"),
    ("test-theme/./x.txt", "WW-ZIP-PATH"),
    ("test-theme/a\x01b.txt", "WW-ZIP-PATH"),
    ("test-theme/" + "d/" * 9 + "deep.txt", "WW-ZIP-DEPTH"),
    ("d/" * 10 + "deep.txt", "WW-ZIP-DEPTH"),
])
def test_hostile_paths_are_refused(name, code):
    report = validate_zip(make_zip(theme(), extra=[(zipfile.ZipInfo(name), b"x")]))
    assert refused(report, code, fatal=True).file == name


def test_a_nul_in_a_file_name_is_refused():
    info = zipfile.ZipInfo("test-theme/assets/x.css")
    info.filename = "test-theme/assets/evil.php\x00.css"  # zipfile would cut it at the NUL
    refused(validate_zip(make_zip(theme(), extra=[(info, b"x")])), "WW-ZIP-NUL", fatal=True)


def test_a_symlink_entry_is_refused():
    info = zipfile.ZipInfo("test-theme/assets/passwd.css")
    info.create_system = 3
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    report = validate_zip(make_zip(theme(), extra=[(info, b"/etc/passwd")]))
    assert refused(report, "WW-ZIP-SYMLINK", fatal=True).file == "test-theme/assets/passwd.css"


def test_device_and_fifo_entries_are_refused():
    info = zipfile.ZipInfo("test-theme/assets/pipe.txt")
    info.external_attr = (stat.S_IFIFO | 0o644) << 16
    refused(validate_zip(make_zip(theme(), extra=[(info, b"")])), "WW-ZIP-SPECIAL-FILE")


def test_an_encrypted_entry_is_refused():
    member = "test-theme/assets/secret.txt"
    data = make_zip(theme(), extra=[(zipfile.ZipInfo(member), b"x")])
    data = patch_headers(data, member, {6: ("<H", 0x1)}, {8: ("<H", 0x1)})
    refused(validate_zip(data), "WW-ZIP-ENCRYPTED")


def test_duplicate_names_are_refused():
    info = zipfile.ZipInfo("test-theme/layout.html")
    refused(validate_zip(make_zip(theme(), extra=[(info, b"<p>again</p>")])),
            "WW-ZIP-DUPLICATE", fatal=True)


@pytest.mark.parametrize("name", ["test-theme/LAYOUT.html", "test-theme/Assets/other.css",
                                  "test-theme/assets/base.css/x.css"])
def test_names_that_collide_ignoring_case_or_as_file_and_folder_are_refused(name):
    report = validate_zip(make_zip(theme(), extra=[(zipfile.ZipInfo(name), b"x")]))
    refused(report, "WW-ZIP-CASE-COLLISION", fatal=True)


def test_files_8_folders_deep_inside_the_top_folder_are_accepted():
    path = "assets/" + "d/" * 7 + "note.txt"
    assert path.count("/") == 8
    assert validate_zip(make_zip(theme({path: "ok"}))).ok


def test_system_junk_is_ignored_with_a_recommendation():
    files = theme()
    report = validate_zip(make_zip(files, extra=[
        (zipfile.ZipInfo("__MACOSX/test-theme/._layout.html"), b"junk"),
        (zipfile.ZipInfo("test-theme/.DS_Store"), b"junk")]))
    assert report.ok and entry(report, "WW-ZIP-JUNK").level == "recommendation"


@pytest.fixture
def inflated(monkeypatch) -> list[int]:
    """Counts the bytes the validator actually inflates."""
    counter = [0]
    original = zipfile.ZipExtFile.read

    def read(self, n=-1):
        data = original(self, n)
        counter[0] += len(data)
        return data

    monkeypatch.setattr(zipfile.ZipExtFile, "read", read)
    return counter


def test_a_1000_to_1_bomb_is_refused_without_inflating_it(inflated):
    bomb = make_zip(theme(), extra=[(zipfile.ZipInfo("test-theme/assets/bomb.png"),
                                     bytes(50 * theme_limits.MB))])
    assert len(bomb) < 200 * theme_limits.KB  # 50 MB of zeros deflate ~1000:1
    report = validate_zip(bomb)
    refused(report, "WW-ZIP-RATIO", fatal=True)
    assert inflated[0] < theme_limits.MB


def patch_headers(data: bytes, member: str, local: dict[int, tuple[str, int]],
                  central: dict[int, tuple[str, int]]) -> bytes:
    """Rewrites fields of one member's local and central headers (zipfile would not write
    such lies itself)."""
    out = bytearray(data)
    name = member.encode()
    for signature, name_at, fields in ((b"PK\x03\x04", 26, local), (b"PK\x01\x02", 28, central)):
        start = out.find(signature)
        while start != -1:
            length = struct.unpack_from("<H", out, start + name_at)[0]
            header = 30 if signature == b"PK\x03\x04" else 46
            if bytes(out[start + header:start + header + length]) == name:
                for offset, (fmt, value) in fields.items():
                    struct.pack_into(fmt, out, start + offset, value)
            start = out.find(signature, start + 4)
    return bytes(out)


def test_a_bomb_that_lies_about_its_size_is_refused_while_streaming(inflated):
    member = "test-theme/assets/bomb.png"
    data = make_zip(theme(), extra=[(zipfile.ZipInfo(member), bytes(50 * theme_limits.MB))])
    compressed = zipfile.ZipFile(io.BytesIO(data)).getinfo(member).compress_size
    claimed = compressed * 50  # a believable 50:1
    report = validate_zip(patch_headers(data, member, {22: ("<I", claimed)},
                                        {24: ("<I", claimed)}))
    assert not report.ok and report.fatal
    assert report.codes & {"WW-ZIP-RATIO", "WW-ZIP-CORRUPT"}
    assert inflated[0] < 10 * theme_limits.MB


def test_the_uncompressed_total_is_counted_while_streaming(monkeypatch):
    monkeypatch.setattr(theme_limits, "MAX_UNCOMPRESSED_BYTES", 150_000)
    files = theme({f"assets/notes{i}.txt": os.urandom(30_000).hex() for i in range(3)})
    refused(validate_zip(make_zip(files)), "WW-ZIP-UNCOMPRESSED-TOO-LARGE", fatal=True)


# Files -----------------------------------------------------------------------------------------

@pytest.mark.parametrize(("path", "content"), [
    ("assets/logo.png", b"<html><script>alert(1)</script></html>"),
    ("assets/logo.png", b"GIF89a" + bytes(20)),
    ("assets/photo.jpg", png()),
    ("assets/photo.webp", b"RIFF\x00\x00\x00\x00WAVEfmt "),
    ("assets/fonts/body.woff2", b"\x00\x01\x00\x00" + bytes(60)),  # a TTF renamed
    ("assets/logo.png", png()[:40]),  # right signature, broken image
    ("README.md", b"MZ\x90\x00" + bytes(60)),  # a Windows program named .md
])
def test_content_that_does_not_match_its_extension_is_refused(path, content):
    refused(validate_zip(make_zip(theme({path: content}))),
            "WW-FILE-MAGIC")


def test_images_over_25_megapixels_are_refused():
    big = png(5_001, 5_001, mode="1")
    report = validate_zip(make_zip(theme({"assets/big.png": big})))
    assert "5001x5001" in refused(report, "WW-IMAGE-PIXELS").message


@pytest.mark.parametrize("path", ["assets/app.js", "assets/app.mjs", "assets/widget.ts"])
def test_javascript_files_are_refused(path):
    report = validate_zip(make_zip(theme({path: "alert(1)"})))
    assert refused(report, "WW-FILE-JAVASCRIPT").file == path


@pytest.mark.parametrize("path", ["shell.php", "assets/fonts/body.ttf", "LICENSE",
                                  "assets/site.htaccess", "setup.exe"])
def test_files_of_other_types_are_refused(path):
    refused(validate_zip(make_zip(theme({path: b"x"}))),
            "WW-FILE-EXTENSION")


@pytest.mark.parametrize("path", ["partials/{{ 7*7 }}.html", 'partials/x".html',
                                  "assets/배경.png", "assets/my image.png"])
def test_names_outside_plain_ascii_are_refused(path):
    # A template name that is itself template code was CVE-2024-56201.
    refused(validate_zip(make_zip(theme({path: png()}))), "WW-FILE-NAME")


def test_text_files_must_be_utf8():
    refused(validate_zip(make_zip(theme({"README.md": "é".encode("latin-1")}))),
            "WW-FILE-ENCODING")


def test_templates_outside_their_places_are_refused():
    report = validate_zip(make_zip(theme({"assets/page.html": "<p>hi</p>"})))
    refused(report, "WW-FILE-LOCATION")


def test_files_over_their_type_limit_are_refused():
    css = "/* " + os.urandom(60_000).hex() + " */"  # 120 KB that does not compress 100:1
    report = validate_zip(make_zip(theme({"assets/big.css": css})))
    refused(report, "WW-CSS-TOO-LARGE")


@pytest.mark.parametrize("svg", [
    '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
    '<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><p>x</p></foreignObject></svg>',
    '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
    '<use xlink:href="https://evil.example/sprite.svg#a"/></svg>',
    '<svg xmlns="http://www.w3.org/2000/svg"><a href="javascript:alert(1)"><text>x</text></a>'
    '</svg>',
    '<svg xmlns="http://www.w3.org/2000/svg"><a href="#x"><set attributeName="href" '
    'to="javascript:alert(1)"/></a></svg>',
    '<svg xmlns="http://www.w3.org/2000/svg"><style>@import url(https://evil.example/x.css);'
    '</style></svg>',
    '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;">]>'
    '<svg xmlns="http://www.w3.org/2000/svg"><text>&b;</text></svg>',
])
def test_svg_with_script_or_external_references_is_refused(svg):
    refused(validate_zip(make_zip(theme({"assets/icon.svg": svg}))), "WW-SVG-UNSAFE")


def test_an_inert_svg_is_accepted():
    svg = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><defs><linearGradient '
           'id="g"/></defs><path d="M0 0h24v24H0z" fill="url(#g)"/><use href="#g"/></svg>')
    assert validate_zip(make_zip(theme({"assets/icon.svg": svg}))).ok


# CSS -------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("css", "code"), [
    ('@import url("other.css");', "WW-CSS-IMPORT"),
    ('@\\69mport "other.css";', "WW-CSS-IMPORT"),  # an escape does not hide it
    ("body { background: url(https://evil.example/track.png); }", "WW-CSS-REMOTE-URL"),
    ("body { background: url(//evil.example/track.png); }", "WW-CSS-REMOTE-URL"),
    ("body { background: u\\72l(http://evil.example/x.png); }", "WW-CSS-REMOTE-URL"),
    ('body { background: image-set("https://evil.example/x.png" 1x); }', "WW-CSS-REMOTE-URL"),
    ("body { background: url(/etc/passwd); }", "WW-CSS-URL-OUTSIDE"),
    ("body { background: url(../../secret.png); }", "WW-CSS-URL-OUTSIDE"),
    ("body { background: url('data:image/svg+xml,<svg onload=alert(1)>'); }",
     "WW-CSS-DATA-URL"),
    ("body { background: url(data:image/png;base64," + "A" * 9_000 + "); }", "WW-CSS-DATA-URL"),
    ("body { width: expression(alert(1)); }", "WW-CSS-EXPRESSION"),
    ("body { behavior: url(x.htc); }", "WW-CSS-EXPRESSION"),
    ("body { color: red } </style><script>alert(1)</script>", "WW-CSS-HTML"),
    ("body { background: url(../layout.html); }", "WW-CSS-URL-TYPE"),
])
def test_css_that_loads_or_runs_outside_code_is_refused(css, code):
    report = validate_zip(make_zip(theme({"assets/base.css": ".a { color: red; }\n" + css})))
    found = refused(report, code)
    assert (found.file, found.line) == ("assets/base.css", 2)


def test_css_pointing_at_a_missing_file_is_a_warning():
    report = validate_zip(make_zip(theme({"assets/base.css": "a { background: url(gone.png) }"})))
    assert report.ok and entry(report, "WW-CSS-URL-MISSING").level == "warning"


def test_small_inline_images_in_css_are_allowed():
    css = "a { background: url(data:image/png;base64,iVBORw0KGgo=) }"
    assert validate_zip(make_zip(theme({"assets/base.css": css}))).ok


# The manifest ----------------------------------------------------------------------------------

def zip_with_manifest(data: dict | str) -> Report:
    text = data if isinstance(data, str) else json.dumps(data, ensure_ascii=False, indent=2)
    return validate_zip(make_zip(theme({"theme.json": text})))


def test_a_missing_manifest_is_fatal():
    refused(validate_zip(make_zip(theme({"theme.json": None}))), "WW-MANIFEST-MISSING",
            fatal=True)


def test_a_manifest_that_is_not_json_is_fatal_with_its_line():
    found = refused(zip_with_manifest('{\n  "name": "x",\n  oops\n}'), "WW-MANIFEST-JSON",
                    fatal=True)
    assert found.line == 3


def test_a_version_that_is_not_semver_is_refused():
    found = refused(zip_with_manifest(manifest(version="1.0")), "WW-MANIFEST-SEMVER")
    # Line 8: "version" comes after the three-language name (lines 2–6) and the slug.
    assert found.file == "theme.json" and found.line == 8 and "'1.0'" in found.message


@pytest.mark.parametrize("version", ["1.0.0", "2.10.3-beta.1", "1.0.0+build.5"])
def test_semantic_versions_are_accepted(version):
    assert zip_with_manifest(manifest(version=version)).ok


def test_a_slug_that_is_not_kebab_or_snake_case_is_refused():
    refused(zip_with_manifest(manifest(slug="My Theme!")), "WW-MANIFEST-SLUG")


def test_a_select_setting_with_one_option_is_refused():
    setting = {"key": "layout", "type": "select", "label": LABEL, "default": "a",
               "options": [{"value": "a", "label": LABEL}]}
    found = refused(zip_with_manifest(manifest(settings=[setting])), "WW-SETTING-SELECT-OPTIONS")
    assert "settings[0]" in found.message


def test_a_select_default_must_be_one_of_its_options():
    setting = {"key": "layout", "type": "select", "label": LABEL, "default": "c",
               "options": [{"value": "a", "label": LABEL}, {"value": "b", "label": LABEL}]}
    refused(zip_with_manifest(manifest(settings=[setting])), "WW-SETTING-SELECT-OPTIONS")


@pytest.mark.parametrize("colour", ["#ggg", "red;} body{background:url(//evil)}", "rgb(1,2)",
                                    "expression(alert(1))", "#12345"])
def test_an_invalid_colour_token_is_refused(colour):
    data = manifest()
    data["tokens"]["colors"]["primary"] = colour
    found = refused(zip_with_manifest(data), "WW-TOKEN-COLOR")
    assert "tokens.colors.primary" in found.message


def test_a_colour_setting_needs_a_valid_default():
    setting = {"key": "accent", "type": "color", "label": LABEL, "default": "not-a-colour"}
    refused(zip_with_manifest(manifest(settings=[setting])), "WW-SETTING-DEFAULT")


@pytest.mark.parametrize(("tokens", "code"), [
    ({"fonts": {"body": "Arial; } body { color: red"}}, "WW-TOKEN-FONT"),
    ({"radius": "12px; } body { color: red"}, "WW-TOKEN-LENGTH"),
    ({"space": "1rem /* ", "colors": {}}, "WW-TOKEN-LENGTH"),
    ({"colors": {"Primary Colour": "#fff"}}, "WW-TOKEN-NAME"),
    ({"spacing": {"small": "4px"}}, "WW-TOKEN-LENGTH"),
])
def test_token_values_cannot_inject_css(tokens, code):
    data = manifest()
    data["tokens"].update(tokens)
    refused(zip_with_manifest(data), code)


def test_missing_design_tokens_are_a_warning():
    data = manifest()
    del data["tokens"]["colors"]["muted"]
    report = zip_with_manifest(data)
    assert report.ok and "colors.muted" in entry(report, "WW-TOKEN-MISSING").message


@pytest.mark.parametrize(("setting", "code"), [
    ({"key": "HeaderStyle", "type": "text", "label": LABEL, "default": ""}, "WW-SETTING-KEY"),
    ({"key": "css", "type": "html", "label": LABEL, "default": ""}, "WW-SETTING-TYPE"),
    ({"key": "title", "type": "text", "label": {"ko": "제목", "en": "Title"}, "default": ""},
     "WW-SETTING-LABEL"),
    ({"key": "dark", "type": "toggle", "label": LABEL, "default": "yes"}, "WW-SETTING-DEFAULT"),
    ({"key": "columns", "type": "number", "label": LABEL, "default": 9, "max": 4},
     "WW-SETTING-DEFAULT"),
    ({"key": "logo", "type": "image", "label": LABEL, "default": "assets/missing.png"},
     "WW-SETTING-DEFAULT"),
    ({"key": "font", "type": "font", "label": LABEL, "default": "x;}"}, "WW-SETTING-DEFAULT"),
    ({"key": "size", "type": "text", "label": LABEL, "default": "", "options": []},
     "WW-SETTING-SELECT-OPTIONS"),
])
def test_invalid_settings_are_refused(setting, code):
    refused(zip_with_manifest(manifest(settings=[setting])), code)


def test_setting_keys_must_be_unique():
    setting = {"key": "tagline", "type": "text", "label": LABEL, "default": ""}
    refused(zip_with_manifest(manifest(settings=[setting, setting])), "WW-SETTING-DUPLICATE-KEY")


def test_more_than_40_settings_are_refused():
    settings = [{"key": f"text_{i}", "type": "text", "label": LABEL, "default": ""}
                for i in range(41)]
    refused(zip_with_manifest(manifest(settings=settings)), "WW-SETTINGS-COUNT")


def test_unknown_manifest_fields_and_missing_ones_are_refused():
    data = manifest(homepage="https://example.com")
    del data["license"]
    report = zip_with_manifest(data)
    refused(report, "WW-MANIFEST-UNKNOWN-FIELD")
    refused(report, "WW-MANIFEST-MISSING-FIELD")


def test_duplicate_keys_in_the_manifest_are_refused():
    text = json.dumps(manifest(), indent=2).replace('"author": "Tester",',
                                                    '"author": "A",\n  "author": "B",')
    refused(zip_with_manifest(text), "WW-MANIFEST-DUPLICATE-KEY")


def test_a_plain_string_name_is_accepted_with_a_recommendation_to_translate_it():
    report = zip_with_manifest(manifest(name="Haneul", description="A calm theme."))
    assert report.ok
    found = entry(report, "WW-MANIFEST-LANGUAGES")
    assert found.level == "recommendation" and "name and description" in found.message
    partial = zip_with_manifest(manifest(name={"ko": "하늘", "en": "Haneul"}))
    assert partial.ok and "name not given" in entry(partial, "WW-MANIFEST-LANGUAGES").message


@pytest.mark.parametrize("name, says", [
    ({}, "one per language"),
    ({"ko": "하늘", "fr": "Ciel"}, "'fr' is not a language"),
    ({"ko": "  "}, "(ko) is empty"),
    ({"en": "x" * 61}, "longer than 60"),
    (["하늘"], "one per language"),
    ("", "is empty"),
])
def test_a_name_in_languages_must_be_ko_en_ja_texts(name, says):
    found = refused(zip_with_manifest(manifest(name=name)), "WW-MANIFEST-SCHEMA")
    assert found.message.startswith("name: ") and says in found.message


def test_a_starter_block_of_an_unknown_type_is_refused():
    starter = {"pages": [{"path": "/", "title": "Home", "blocks": [{"type": "carousel3d"}]}]}
    found = refused(zip_with_manifest(manifest(starter=starter)), "WW-STARTER-UNKNOWN-BLOCK")
    assert "starter.pages[0].blocks[0]" in found.message and "carousel3d" in found.message


@pytest.mark.parametrize(("block", "code"), [
    ({"type": "heading", "props": {"text": "Hi", "level": "h9"}}, "WW-STARTER-PROPS"),
    ({"type": "heading", "props": {"onclick": "x"}}, "WW-STARTER-PROPS"),
    ({"type": "heading", "slots": {"children": [{"type": "heading"}]}}, "WW-STARTER-SLOT"),
])
def test_starter_blocks_must_validate_like_the_editor_would(block, code):
    starter = {"pages": [{"path": "/", "title": "Home", "blocks": [block]}]}
    refused(zip_with_manifest(manifest(starter=starter)), code)


def test_starter_pages_need_distinct_paths():
    page = {"path": "/menu", "title": "Menu", "blocks": []}
    refused(zip_with_manifest(manifest(starter={"pages": [page, page]})), "WW-STARTER-PATH")


def test_the_manifest_schema_is_exported_as_json_schema():
    schema = manifest_json_schema()
    assert {"name", "slug", "version", "tokens", "settings", "starter"} <= set(
        schema["properties"])
    assert set(schema["required"]) >= {"name", "slug", "version", "author", "tokens"}


# Templates: the lint ---------------------------------------------------------------------------

# (payload, code) — each goes on line 2 of layout.html.
TEMPLATE_PAYLOADS = [
    ("{{ ''.__class__ }}", "WW-TPL-PRIVATE-NAME"),
    ("{{ ''.__class__.__mro__[1].__subclasses__() }}", "WW-TPL-PRIVATE-NAME"),
    ("{{ site['__class__'] }}", "WW-TPL-PRIVATE-NAME"),
    ("{{ nav|attr('__globals__') }}", "WW-TPL-ATTR"),
    ("{{ nav|map('attr', '__class__')|list }}", "WW-TPL-ATTR"),
    ("{{ nav|map(attribute='__class__')|list }}", "WW-TPL-PRIVATE-NAME"),
    ("{{ '{0.__class__}'.format(site) }}", "WW-TPL-FORMAT"),  # CVE-2016-10745
    ("{{ '{0.__class__}'.format_map({'0': site}) }}", "WW-TPL-FORMAT"),  # CVE-2019-10906
    ("{% set f = '{0.__class__}'.format %}{{ f(site) }}", "WW-TPL-FORMAT"),  # CVE-2024-56326
    ("{{ ('{0.__class__}'|attr('format'))(site) }}", "WW-TPL-ATTR"),  # CVE-2025-27516
    ("{{ site|attr('format') }}", "WW-TPL-ATTR"),
    ("{{ '%s and %s'|format(site, nav) }}", "WW-TPL-FORMAT"),
    ("{{ '%(name)s' % site }}", "WW-TPL-FORMAT"),
    ("{{ content|safe }}", "WW-TPL-SAFE"),
    ("{% autoescape false %}{{ site.name }}{% endautoescape %}", "WW-TPL-AUTOESCAPE"),
    ("{{ lipsum() }}", "WW-TPL-UNKNOWN-NAME"),
    ("{{ cycler.__init__.__globals__.os }}", "WW-TPL-UNKNOWN-NAME"),
    ("{{ config.SECRET_KEY }}", "WW-TPL-UNKNOWN-NAME"),
    ("{{ request.environ }}", "WW-TPL-UNKNOWN-NAME"),
    ("{{ self._TemplateReference__context }}", "WW-TPL-PRIVATE-NAME"),
    ("{% set ns = namespace(x=1) %}{{ ns.x }}", "WW-TPL-UNKNOWN-NAME"),
    ("{{ _internal }}", "WW-TPL-PRIVATE-NAME"),
    ("{{ site.name|evil }}", "WW-TPL-FILTER"),
    ("{{ site|pprint }}", "WW-TPL-FILTER"),
    ("{{ site|tojson }}", "WW-TPL-FILTER"),
    ("{{ site.name is evil }}", "WW-TPL-TEST"),
    ("{{ site.name.center(1000000000) }}", "WW-TPL-CALL"),
    ("{{ 'x'.ljust(10**9) }}", "WW-TPL-CALL"),
    ("{% macro m(n) %}{{ m(n) }}{% endmacro %}{{ m(1) }}", "WW-TPL-RECURSION"),
    ("{% for x in nav recursive %}{{ loop(nav) }}{% endfor %}", "WW-TPL-RECURSION"),
    ("{% include '../../app/templates/base.html' %}", "WW-TPL-REFERENCE"),
    ("{% import '_macros.html' as m %}", "WW-TPL-REFERENCE"),
    ("{% include 'hero/view.html' %}", "WW-TPL-REFERENCE"),
    ("{% include site.name %}", "WW-TPL-REFERENCE"),
    ("{% extends 'base.html' %}", "WW-TPL-REFERENCE"),
]
MARKUP_PAYLOADS = [
    ("<script>alert(document.cookie)</script>", "WW-TPL-SCRIPT"),
    ('<script src="https://evil.example/x.js"></script>', "WW-TPL-SCRIPT"),
    ('<img src="/x.png" onerror="alert(1)">', "WW-TPL-SCRIPT"),
    ('<a href="javascript:alert(1)">x</a>', "WW-TPL-SCRIPT"),
    ('<iframe src="https://evil.example"></iframe>', "WW-TPL-EMBED"),
    ('<base href="https://evil.example/">', "WW-TPL-EMBED"),
    ("<style>@import url(https://evil.example/x.css);</style>", "WW-TPL-IMPORT"),
]
# A theme's own <style> is removed whatever it holds (its rules belong in assets/base.css).
MARKUP_PAYLOADS[-1] = (MARKUP_PAYLOADS[-1][0], "WW-TPL-STYLE")


def layout_with(payload: str) -> str:
    doctype, rest = LAYOUT.split("\n", 1)
    return f"{doctype}\n{payload}\n{rest}"  # the payload lands on line 2


def test_the_payload_helper_puts_the_payload_on_line_2():
    assert layout_with("PAYLOAD").splitlines()[1] == "PAYLOAD"


@pytest.mark.parametrize(("payload", "code"), TEMPLATE_PAYLOADS + MARKUP_PAYLOADS)
def test_template_payloads_are_refused_by_the_lint(payload, code):
    report = validate_zip(make_zip(theme({"layout.html": layout_with(payload)})))
    found = refused(report, code)
    assert (found.file, found.line) == ("layout.html", 2)


@pytest.mark.parametrize(("payload", "code"), TEMPLATE_PAYLOADS)
def test_template_payloads_render_harmlessly_in_the_sandbox(tmp_path, payload, code):
    (tmp_path / "layout.html").write_text(layout_with(payload))
    (tmp_path / "partials").mkdir()
    (tmp_path / "partials" / "nav.html").write_text(NAV)
    try:
        html = render_limited(theme_environment(tmp_path).get_template("layout.html"),
                              sample_layout_context(), timeout=1.0)
    except Exception:  # refused at compile or render time is harmless too
        return
    for leak in ("<class", "__", "built-in", "function", "method", "module", "environ"):
        assert leak not in html.lower()


def test_a_json_ld_script_is_allowed():
    payload = '<script type="application/ld+json">{{ jsonld }}</script>'
    assert validate_zip(make_zip(theme({"layout.html": layout_with(payload)}))).ok


def test_tags_nested_deeper_than_10_are_refused():
    deep = "{% if site %}" * 11 + "x" + "{% endif %}" * 11
    refused(validate_zip(make_zip(theme({"layout.html": layout_with(deep)}))), "WW-TPL-NESTING")
    ok = "{% if site %}" * 10 + "{% elif nav %}{% else %}" + "{% endif %}" * 10
    assert validate_zip(make_zip(theme({"layout.html": layout_with(ok)}))).ok


def test_a_syntax_error_is_fatal_with_its_line():
    broken = LAYOUT + "\n{% for item in nav %}\n<p>{{ item.title }}</p>\n"
    found = refused(validate_zip(make_zip(theme({"layout.html": broken}))), "WW-TPL-SYNTAX",
                    fatal=True)
    assert found.file == "layout.html" and found.line == 6


@pytest.mark.parametrize("files", [
    {"layout.html": '{% extends "layout.html" %}'},
    {"layout.html": LAYOUT.replace("partials/nav.html", "partials/loop.html"),
     "partials/loop.html": '{% include "partials/again.html" %}',
     "partials/again.html": '{% include "layout.html" %}'},
    {"partials/nav.html": '{% import "partials/nav.html" as me %}' + NAV},
])
def test_a_recursive_layout_is_fatal(files):
    refused(validate_zip(make_zip(theme(files))), "WW-TPL-RECURSIVE-LAYOUT", fatal=True)


def test_a_layout_without_content_is_refused():
    layout = "<html><head>{{ css }}</head><body>{{ site.name }}</body></html>"
    refused(validate_zip(make_zip(theme({"layout.html": layout}))), "WW-TPL-NO-CONTENT")


def test_a_missing_layout_or_base_css_is_fatal():
    refused(validate_zip(make_zip(theme({"layout.html": None}))), "WW-THEME-LAYOUT-MISSING", True)
    refused(validate_zip(make_zip(theme({"assets/base.css": None}))), "WW-THEME-BASE-CSS-MISSING",
            True)


def test_component_overrides_exist_only_for_known_block_types():
    report = validate_zip(make_zip(theme({"components/carousel3d.html": "<div></div>"})))
    assert refused(report, "WW-TPL-UNKNOWN-COMPONENT").file == "components/carousel3d.html"


def test_a_component_override_sees_the_block_context_not_the_layout():
    report = validate_zip(make_zip(theme({"components/heading.html": "{{ content }}"})))
    refused(report, "WW-TPL-UNKNOWN-NAME")


def test_a_component_override_that_fails_on_sample_data_is_fatal():
    override = "<h2>{{ props.text.missing.deeper }}</h2>"
    found = refused(validate_zip(make_zip(theme({"components/heading.html": override}))),
                    "WW-TPL-RENDER", fatal=True)
    assert (found.file, found.line) == ("components/heading.html", 1)


# The names the lint allows are exactly what the platform passes ------------------------------

class _RecordingTemplate:
    """Stands in for a theme template to capture the context the platform renders it with."""

    def __init__(self, calls: list[set[str]]) -> None:
        self.calls = calls

    def render(self, **context) -> str:
        self.calls.append(set(context))
        return ""


def test_the_layout_lint_allows_exactly_what_the_compiler_passes(monkeypatch):
    from app.publishing import compiler

    calls: list[set[str]] = []
    template = _RecordingTemplate(calls)
    monkeypatch.setattr(compiler, "_layout_env", lambda folder: type(
        "Env", (), {"get_template": staticmethod(lambda name: template)})())
    home = compiler.PageSnapshot(id=1, path="/", title="Home", tree={"slots": {"children": []}},
                                 is_home=True)
    snapshot = compiler.SiteSnapshot(site_id=1, name="Cafe", slug="cafe",
                                     base_url="https://cafe.example", pages=(home,))
    compiler.compile_site(snapshot, lambda asset, width, ext: b"")
    assert calls and all(names == LAYOUT_CONTEXT for names in calls)  # the page and the 404


def test_the_component_lint_allows_exactly_what_the_renderer_passes():
    from app.editor.render import RenderContext, Renderer

    calls: list[set[str]] = []
    renderer = Renderer(RenderContext())
    renderer.env = type("Env", (), {"get_template": staticmethod(
        lambda name: _RecordingTemplate(calls))})()
    renderer.render_node({"id": "b1", "type": "heading", "props": {"text": "Hi"}})
    assert calls == [set(COMPONENT_CONTEXT)]


# Templates: render limits ----------------------------------------------------------------------

def render(source: str, tmp_path: Path, **kwargs) -> str:
    (tmp_path / "layout.html").write_text(source)
    template = theme_environment(tmp_path).get_template("layout.html")
    return render_limited(template, sample_layout_context(), **kwargs)


@pytest.mark.parametrize("source", [
    "{% for i in range(100000) %}{% for j in range(100) %}xxxxxxxxxx{% endfor %}{% endfor %}",
    # themes.md's 70-character nested loop (4 MB in 0.2 s without limits):
    "{% for a in range(200) %}{% for b in range(200) %}{{ 'x' * 100 }}{% endfor %}{% endfor %}",
])
def test_a_loop_producing_more_than_2_mb_is_stopped(tmp_path, source):
    with pytest.raises(ThemeRenderError) as caught:
        # A generous clock, so the output cap (not a busy machine's clock) is what stops it.
        render(source, tmp_path, timeout=60)
    assert caught.value.reason == "output" and "2,000,000" in str(caught.value)


def test_a_template_taking_more_than_2_seconds_is_stopped(tmp_path):
    slow = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"
    started = time.monotonic()
    with pytest.raises(ThemeRenderError) as caught:
        render(slow, tmp_path)  # the default limit: 2 seconds
    elapsed = time.monotonic() - started
    # Stopped at the limit, not before; the upper bound only allows for a busy machine.
    assert caught.value.reason == "timeout" and 2.0 <= elapsed < 10


@pytest.mark.parametrize("source", [
    "{% macro spin() %}{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}"
    "{% endfor %}{% endmacro %}{{ spin() }}",
    "{% for i in range(100000) %}{{ nav|length }}{% for j in range(100000) %}{% endfor %}"
    "{% endfor %}",
])
def test_silent_busy_loops_are_stopped_too(tmp_path, source):
    with pytest.raises(ThemeRenderError) as caught:
        render(source, tmp_path, timeout=0.3)
    assert caught.value.reason == "timeout"


@pytest.mark.parametrize("source", [
    "{{ 'x' * 1000000000 }}",
    "{{ ['x' * 1000] * 1000000 }}",
    "{{ 'x'|center(1000000000) }}",
    "{{ 'x'|indent(1000000000) }}",
    "{{ ('x' * 100000)|replace('', 'y' * 100) }}",
    "{% set a = 'x' * 1000000 %}{% set b = [a, a, a, a] %}{{ [b, b, b, b]|join }}",
    "{% set a = 'x' * 1000000 %}{% set b = [a, a, a, a] %}{{ [b, b] ~ '' }}",
    "{% macro m(s, n) %}{{ m(s ~ s, n - 1) if n else s|length }}{% endmacro %}{{ m('x', 60) }}",
    "{{ 7 ** 100000 }}",
    "{{ range(10)|batch(100000000, 'x')|list }}",
    "{{ '%s' % site }}",
    "{{ 'x'.zfill(1000000000) }}",
])
def test_values_too_large_to_build_are_refused_at_render_time(tmp_path, source):
    started = time.monotonic()
    with pytest.raises((ThemeRenderError, TemplateError)):
        render(source, tmp_path)
    assert time.monotonic() - started < 1.5


def test_ordinary_filters_and_methods_still_work(tmp_path):
    source = ("{{ nav|map(attribute='title')|join(', ') }}|{{ site.name|upper }}|"
              "{{ meta.title.split()|length }}|{{ 'a b'|replace(' ', '-') }}|{{ 12000|krw }}|"
              "{{ strings.get('skip') }}|{% for i in range(3) %}{{ loop.cycle('o', 'e') }}"
              "{% endfor %}|{{ 'x' * 3 }}|{{ 2 ** 10 }}")
    assert render(source, tmp_path) == (
        "Home, Menu|SAMPLE CAFÉ|2|a-b|₩12,000|Skip to content|oeo|xxx|1024")


def test_render_limits_leave_the_callers_trace_function_in_place(tmp_path):
    def tracer(frame, event, arg):
        return None

    sys.settrace(tracer)
    try:
        assert render("{{ site.name }}", tmp_path) == "Sample Café"
        assert sys.gettrace() is tracer
    finally:
        sys.settrace(None)


def test_a_character_set_string_is_not_mistaken_for_an_attribute():
    # From components/contact/view.html: a plain string argument that contains "._".
    payload = "{{ site.name|select('in', 'abcdefghijklmnopqrstuvwxyz._')|join }}"
    assert validate_zip(make_zip(theme({"layout.html": layout_with(payload)}))).ok


def test_the_validator_reports_templates_that_run_too_long_or_too_big():
    slow = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"
    report = validate_zip(make_zip(theme({"layout.html": layout_with(slow)})), render_timeout=0.3)
    assert refused(report, "WW-TPL-RENDER-TIMEOUT", fatal=True).line == 2
    big = "{% for a in range(200) %}{% for b in range(200) %}{{ 'x' * 100 }}{% endfor %}" \
          "{% endfor %}"
    report = validate_zip(make_zip(theme({"layout.html": layout_with(big)})))
    refused(report, "WW-TPL-RENDER-OUTPUT", fatal=True)


# The confined loader ---------------------------------------------------------------------------

def test_the_theme_loader_serves_only_the_themes_own_templates(tmp_path):
    folder, outside = tmp_path / "theme", tmp_path / "outside"
    (folder / "partials").mkdir(parents=True)
    outside.mkdir()
    (outside / "secret.html").write_text("SECRET")
    (folder / "layout.html").write_text('{% include "partials/a.html" %}')
    (folder / "partials" / "a.html").write_text("partial")
    (folder / "base.html").write_text("a theme's own base.html is still refused")
    (folder / "link.html").symlink_to(outside / "secret.html")
    (folder / "up").symlink_to(outside, target_is_directory=True)
    os.mkfifo(folder / "fifo.html")
    env = theme_environment(folder)
    assert isinstance(env, ImmutableSandboxedEnvironment) and env.autoescape is True
    assert env.get_template("layout.html").render() == "partial"
    for name in ["../outside/secret.html", "link.html", "up/secret.html", "/etc/passwd",
                 "base.html", "_macros.html", "hero/view.html", "contact_form/_field.html",
                 "assets/x.html", "theme.json", "fifo.html", "partials/../layout.html"]:
        with pytest.raises(TemplateNotFound):
            env.get_template(name)
    (folder / "layout.html").write_text('{% include "up/secret.html" %}')
    with pytest.raises(TemplateNotFound):
        theme_environment(folder).get_template("layout.html").render()


def test_a_folder_with_a_symlink_is_refused(tmp_path):
    folder = tmp_path / "test-theme"
    for name, content in theme().items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode() if isinstance(content, str) else content)
    assert validate_folder(folder).ok
    (folder / "assets" / "passwd.css").symlink_to("/etc/passwd")
    report = validate_folder(folder)
    assert refused(report, "WW-ZIP-SYMLINK", fatal=True).file == "assets/passwd.css"
