"""The compiler: a site snapshot in, static files out. A pure, deterministic function.

``compile_site(snapshot)`` renders every page with the same templates as the editor canvas
(``editing=False``), inlines one small CSS made of the theme tokens and only the blocks the site
uses, copies the picture variants the pages reference under content-hashed names, and writes
sitemap.xml, robots.txt, 404.html, favicon.svg, _headers and _redirects. Same snapshot, same
bytes. A ``PageCache`` keyed by each page's content hash lets a rebuild after one edit render
only what that edit touched.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape as xml_escape

from markupsafe import Markup

from app.editor.render import RenderContext, Renderer
from app.publishing.base import BuildOutput
from app.theme_packages.output import finish_layout
from app.theme_packages.sandbox import render_limited
from app.theme_settings import effective_tokens, load_settings, setting_values
from app.theming import (
    PUBLISHED_THEME_PREFIX,
    load_theme,
    load_theme_folder,
    site_css,
    style_markup,
    theme_asset_files,
)

FAVICON_SIZES = {"favicon.png": 32, "apple-touch-icon.png": 180}

INLINE_CSS_LIMIT = 24 * 1024  # above this the CSS goes to its own cached file
NAV_LIMIT = 12  # header links; every page is still in sitemap.xml (and the footer's page list)

STRINGS = {
    "skip": {"ko": "본문 바로가기", "en": "Skip to content", "ja": "本文へ移動"},
    "menu": {"ko": "사이트 메뉴", "en": "Site menu", "ja": "サイトメニュー"},
    "not_found_title": {"ko": "페이지를 찾을 수 없습니다", "en": "Page not found",
                        "ja": "ページが見つかりません"},
    "not_found_text": {"ko": "주소가 바뀌었거나 없는 페이지입니다.",
                       "en": "The address may have changed, or the page does not exist.",
                       "ja": "アドレスが変わったか、存在しないページです。"},
    "home": {"ko": "첫 페이지로", "en": "Go to the home page", "ja": "トップページへ"},
}
OG_LOCALES = {"ko": "ko_KR", "en": "en_US", "ja": "ja_JP"}
SCHEMA_TYPES = {
    "cafe": "CafeOrCoffeeShop", "restaurant": "Restaurant", "shop": "Store",
    "beauty": "BeautySalon", "clinic": "MedicalClinic", "office": "ProfessionalService",
    "freelancer": "ProfessionalService", "academy": "EducationalOrganization",
}
SCHEMA_DAYS = {"mon": "Monday", "tue": "Tuesday", "wed": "Wednesday", "thu": "Thursday",
               "fri": "Friday", "sat": "Saturday", "sun": "Sunday"}


@dataclass(frozen=True)
class PageSnapshot:
    id: int
    path: str
    title: str
    tree: dict[str, Any]
    is_home: bool = False
    seo_title: str = ""
    seo_description: str = ""
    social_image: str = ""
    # A cheap identity of this page's content (e.g. "id:seq"); when given, the page cache uses
    # it instead of hashing the whole tree. It must change whenever anything above changes.
    revision: str = ""


@dataclass(frozen=True)
class SiteSnapshot:
    """Everything the compiler reads (plain data only)."""

    site_id: int
    name: str
    slug: str
    base_url: str  # where the site is served, e.g. https://cafe.pages.dev (no trailing slash)
    pages: tuple[PageSnapshot, ...]
    locale: str = "ko"
    profile: dict[str, Any] = field(default_factory=dict)
    theme: str = "default"
    # The theme package's folder (an uploaded theme's pinned version); "" = the bundled `theme`.
    theme_folder: str = ""
    # hash → {"width", "height", "alt", "fallback", "widths": [...]} for the site's pictures
    assets: dict[str, dict[str, Any]] = field(default_factory=dict)
    redirects: tuple[tuple[str, str], ...] = ()
    form_action: str = ""  # the platform's form endpoint for this site
    platform_origin: str = ""  # allowed in form-action of the published CSP
    # The owner's design choices (Site.theme_settings, see app.theme_settings): colours,
    # fonts, spacing, corners, logo, favicon and the theme's own settings.
    theme_settings: dict[str, Any] = field(default_factory=dict)


AssetReader = Callable[[str, int, str], bytes]


class PageCache:
    """Rendered pages (and their sha256) keyed by the content hash of what shapes them."""

    def __init__(self, limit: int = 5000) -> None:
        self.entries: dict[str, tuple[bytes, str]] = {}
        self.limit = limit
        self.hits = 0
        self.misses = 0

    def get_or_render(self, key: str, render: Callable[[], bytes]) -> tuple[bytes, str]:
        if key in self.entries:
            self.hits += 1
            return self.entries[key]
        self.misses += 1
        html = render()
        if len(self.entries) >= self.limit:
            self.entries.pop(next(iter(self.entries)))
        self.entries[key] = (html, _sha(html))
        return self.entries[key]


def page_url(path: str) -> str:
    """"/" stays "/"; "/menu" becomes "/menu/" (served from menu/index.html)."""
    return "/" if path == "/" else path.rstrip("/") + "/"


def page_file(path: str) -> str:
    return "index.html" if path == "/" else path.strip("/") + "/index.html"


def asset_name(asset_hash: str, width: int, ext: str) -> str:
    return f"assets/{asset_hash[:20]}-{width}.{ext}"


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _stable(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


_WS_BETWEEN_LINES = re.compile(r"[ \t]*\n[ \t\n]*")


def minify_html(html: str) -> str:
    """Drops indentation and blank lines (never spaces inside a line, which can be content)."""
    return _WS_BETWEEN_LINES.sub("\n", html).strip() + "\n"


_CSS_COMMENTS = re.compile(r"/\*.*?\*/", re.S)
_CSS_SPACE = re.compile(r"\s+")
_CSS_PUNCT = re.compile(r"\s*([{};,>])\s*")
# Only the space *after* a colon goes: ".a :is(…)" (descendant) differs from ".a:is(…)".
_CSS_COLON = re.compile(r":\s+")


def published_css(css: str) -> str:
    """On a published page the site is the whole viewport, so the blocks' container queries
    (which make the editor's previews exact) become plain media queries."""
    return css.replace("@container site ", "@media ")


def minify_css(css: str) -> str:
    css = _CSS_COMMENTS.sub("", css)
    css = _CSS_SPACE.sub(" ", css)
    css = _CSS_PUNCT.sub(r"\1", css)
    css = _CSS_COLON.sub(":", css)
    return css.replace(";}", "}").strip()


@cache
def _layout_env(theme_folder: str):
    """Layouts render in the theme sandbox: confined to the theme's folder (no links followed,
    no platform templates), autoescaped, with the validator's filter allowlist — the same
    path an uploaded theme takes."""
    from app.theme_packages.sandbox import theme_environment

    return theme_environment(theme_folder)


def _walk_assets(value: Any, found: set[str]) -> None:
    if isinstance(value, dict):
        asset = value.get("asset")
        if isinstance(asset, str) and asset:
            found.add(asset)
        for v in value.values():
            _walk_assets(v, found)
    elif isinstance(value, list):
        for v in value:
            _walk_assets(v, found)


def _types_in(tree: dict[str, Any], found: set[str]) -> None:
    for children in tree.get("slots", {}).values():
        for child in children:
            found.add(child["type"])
            _types_in(child, found)


def _t(key: str, locale: str) -> str:
    return STRINGS[key].get(locale) or STRINGS[key]["en"]


def _favicon(name: str, colour: str) -> bytes:
    letter = xml_escape((name.strip() or "W")[0])
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">'
        f'<rect width="64" height="64" rx="14" fill="{xml_escape(colour)}"/>'
        '<text x="32" y="44" font-size="34" text-anchor="middle" fill="#fff" '
        'font-family="sans-serif" font-weight="700">'
        f"{letter}</text></svg>"
    ).encode()


def _png_icons(source: bytes, background: str) -> dict[str, bytes]:
    """The owner's favicon picture as square PNG icons (32 px for tabs, 180 px for phone home
    screens). The picture is fitted, not cropped, onto a square: transparent for the tab
    icon, the site's background colour for the home-screen one (iOS would fill it black)."""
    import io

    from PIL import Image, ImageOps

    with Image.open(io.BytesIO(source)) as opened:
        picture = opened.convert("RGBA")
    out = {}
    for name, size in FAVICON_SIZES.items():
        fitted = ImageOps.contain(picture, (size, size), Image.Resampling.LANCZOS)
        fill = (0, 0, 0, 0) if size <= 64 else _rgba(background)
        canvas = Image.new("RGBA", (size, size), fill)
        canvas.alpha_composite(fitted, ((size - fitted.width) // 2, (size - fitted.height) // 2))
        buffer = io.BytesIO()
        canvas.save(buffer, "PNG", optimize=True)
        out[name] = buffer.getvalue()
    return out


def _rgba(colour: str) -> tuple[int, int, int, int]:
    if re.fullmatch(r"#[0-9a-fA-F]{6}", colour or ""):
        return (int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16), 255)
    return (255, 255, 255, 255)


def _opening_hours(profile: dict[str, Any]) -> list[dict[str, Any]]:
    specs = []
    for day, hours in (profile.get("opening_hours") or {}).items():
        if day not in SCHEMA_DAYS or not hours or hours.get("closed"):
            continue
        opens, closes = hours.get("open"), hours.get("close")
        if not opens or not closes:
            continue
        spans = [(opens, closes)]
        if hours.get("break_start") and hours.get("break_end"):
            spans = [(opens, hours["break_start"]), (hours["break_end"], closes)]
        for start, end in spans:
            specs.append({"@type": "OpeningHoursSpecification", "dayOfWeek": SCHEMA_DAYS[day],
                          "opens": start, "closes": end})
    return specs


def _menu_schema(tree: dict[str, Any]) -> dict[str, Any] | None:
    sections = []

    def walk(node: dict[str, Any]) -> None:
        if node.get("type") == "menu":
            for category in node["props"].get("categories", []):
                items = [{"@type": "MenuItem", "name": item["name"],
                          **({"description": item["description"]}
                             if item.get("description") else {}),
                          **({"offers": {"@type": "Offer", "price": item["price"],
                                         "priceCurrency": "KRW"}} if item.get("price") else {})}
                         for item in category.get("items", []) if item.get("name")]
                if items:
                    sections.append({"@type": "MenuSection", "name": category.get("name", ""),
                                     "hasMenuItem": items})
        for children in node.get("slots", {}).values():
            for child in children:
                walk(child)

    walk(tree)
    return {"@type": "Menu", "hasMenuSection": sections} if sections else None


def _description(snap: SiteSnapshot, page: PageSnapshot) -> str:
    """A search-result description when the owner wrote none: who, where, how to reach."""
    p = snap.profile
    name = p.get("business_name") or snap.name
    facts = " · ".join(filter(None, [p.get("address"), p.get("phone")]))
    lead = name if page.is_home else f"{page.title} — {name}"
    return f"{lead}. {facts}" if facts else lead


def structured_data(snap: SiteSnapshot, home: PageSnapshot, image_url: str | None) -> str:
    """JSON-LD for the business (LocalBusiness or a subtype), from the business profile."""
    p = snap.profile
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": SCHEMA_TYPES.get(p.get("business_type", ""), "LocalBusiness"),
        "name": p.get("business_name") or snap.name,
        "url": snap.base_url + "/",
    }
    if p.get("address"):
        street = " ".join(filter(None, [p.get("address"), p.get("address_detail")]))
        data["address"] = {"@type": "PostalAddress", "streetAddress": street,
                           "addressCountry": "KR"}
    if p.get("phone"):
        data["telephone"] = p["phone"]
    if p.get("email"):
        data["email"] = p["email"]
    if image_url:
        data["image"] = image_url
    if p.get("business_number"):
        data["taxID"] = p["business_number"]
    same_as = []
    if p.get("instagram"):
        same_as.append(f"https://www.instagram.com/{p['instagram']}/")
    if p.get("kakao_channel_url"):
        same_as.append(p["kakao_channel_url"])
    if same_as:
        data["sameAs"] = same_as
    hours = _opening_hours(p)
    if hours:
        data["openingHoursSpecification"] = hours
    menu = _menu_schema(home.tree)
    if menu:
        data["hasMenu"] = menu
    # "</" must not appear inside a <script> element.
    return json.dumps(data, ensure_ascii=False, sort_keys=True).replace("</", "<\\/")


def compile_site(snap: SiteSnapshot, read_asset: AssetReader,
                 page_cache: PageCache | None = None) -> BuildOutput:
    """The whole static site for ``snap``; deterministic."""
    theme = load_theme_folder(snap.theme_folder) if snap.theme_folder else load_theme(snap.theme)
    theme_base = f"/{PUBLISHED_THEME_PREFIX}/{theme['_key']}"
    design = load_settings(snap.theme_settings)
    tokens = effective_tokens(theme, design)
    locale = snap.locale
    used_types: set[str] = set()
    used_assets: set[str] = set()
    for page in snap.pages:
        _types_in(page.tree, used_types)
        _walk_assets(page.tree, used_assets)
        if page.social_image:
            used_assets.add(page.social_image)
    used_assets &= set(snap.assets)
    files: dict[str, bytes] = {}
    css_cache: dict[frozenset[str], tuple[str, str | None]] = {}

    def css_for(types: set[str]) -> tuple[str, str | None]:
        """One small CSS per set of blocks: each page carries only what it uses."""
        key = frozenset(types)
        if key not in css_cache:
            css = minify_css(published_css(site_css(theme, set(key), asset_base=theme_base,
                                                    settings=design.stored())))
            link = None
            if len(css.encode()) > INLINE_CSS_LIMIT:
                name = f"assets/site-{_sha(css.encode())[:16]}.css"
                files[name] = css.encode()
                link = "/" + name
            css_cache[key] = (css, link)
        return css_cache[key]

    by_id = {p.id: p for p in snap.pages}
    nav_pages = list(snap.pages)[:NAV_LIMIT]

    def image_url(asset_hash: str, width: int | None = None, ext: str = "webp") -> str:
        meta = snap.assets.get(asset_hash, {})
        return "/" + asset_name(asset_hash, width or meta.get("width", 0), ext)

    def link_for(page_id: int) -> str:
        target = by_id.get(page_id)
        return page_url(target.path) if target else "/"

    ctx = RenderContext(
        site={"name": snap.name, "slug": snap.slug, "locale": locale},
        profile=snap.profile,
        pages=[{"id": p.id, "title": p.title, "path": page_url(p.path), "is_home": p.is_home}
               for p in snap.pages],
        assets={h: snap.assets[h] for h in used_assets},
        image_url=image_url, page_url=link_for, editing=False, locale=locale,
        form_action=snap.form_action, theme_folder=theme["_folder"],
    )
    renderer = Renderer(ctx)
    env = _layout_env(theme["_folder"])
    layout = env.get_template("layout.html")
    render_layout = _layout_renderer(theme, snap)
    colours = tokens.get("colors", {})
    logo = _logo(snap, design, image_url, files, read_asset)
    favicon = _favicon_files(snap, design, colours, files, read_asset)
    settings = _layout_settings(snap, theme, design, image_url, files, read_asset)
    site_info = {"name": snap.name, "locale": locale, "logo": logo}
    shared_key = _stable({
        "site": [snap.site_id, snap.name, snap.slug, locale, snap.base_url, snap.form_action,
                 snap.platform_origin],
        "profile": snap.profile, "theme": [snap.theme, theme["_key"], theme["_folder"]],
        # Any design choice restyles every page: part of the key, so every page re-renders.
        "design": design.stored(), "logo": logo, "favicon": favicon, "settings": settings,
        "nav": [(p.id, p.title, p.path) for p in nav_pages],
        "assets": {h: snap.assets[h] for h in sorted(used_assets)},
    })
    home = next((p for p in snap.pages if p.is_home), snap.pages[0] if snap.pages else None)

    def render_page(page: PageSnapshot) -> bytes:
        content = renderer.render_tree(page.tree)
        page_types: set[str] = set()
        _types_in(page.tree, page_types)
        css, css_link = css_for(page_types)
        social = page.social_image or (home.social_image if home else "")
        image = None
        if social in snap.assets:
            meta = snap.assets[social]
            image = snap.base_url + image_url(social, meta["width"], meta.get("fallback", "jpg"))
        title = page.seo_title or (snap.name if page.is_home else f"{page.title} | {snap.name}")
        meta = {
            "title": title, "description": page.seo_description or _description(snap, page),
            "canonical": snap.base_url + page_url(page.path), "image": image,
            "og_locale": OG_LOCALES.get(locale, "ko_KR"),
            "theme_color": colours.get("primary", "#333333"), **favicon,
        }
        html = render_layout(layout, dict(
            site=site_info, meta=meta, css=style_markup(css), settings=settings,
            css_link=css_link,
            jsonld=Markup(structured_data(snap, page, image)) if page.is_home else "",  # noqa: S704
            strings={k: _t(k, locale) for k in STRINGS}, home_url="/",
            nav=[{"title": p.title, "url": page_url(p.path), "current": p.id == page.id}
                 for p in nav_pages],
            page={"title": page.title, "is_home": page.is_home, "path": page_url(page.path)},
            content=content,
        ))
        return minify_html(html).encode()

    shared_digest = _sha(shared_key.encode())
    hashes: dict[str, str] = {}
    for page in snap.pages:
        if page_cache is None:
            html = render_page(page)
            digest = _sha(html)
        else:
            identity = page.revision or _stable([page.tree])
            key = _sha((shared_digest + _stable([
                page.id, page.path, page.title, page.is_home, page.seo_title,
                page.seo_description, page.social_image]) + identity).encode())
            html, digest = page_cache.get_or_render(key, lambda page=page: render_page(page))
        files[page_file(page.path)] = html
        hashes[page_file(page.path)] = digest

    files["404.html"] = _not_found(snap, layout, *css_for(set()), nav_pages, locale, colours,
                                   render_layout, site_info, favicon, settings)
    for asset_hash in sorted(used_assets):
        meta = snap.assets[asset_hash]
        for width in meta.get("widths") or [meta["width"]]:
            for ext in ("webp", meta.get("fallback", "jpg")):
                files[asset_name(asset_hash, width, ext)] = read_asset(asset_hash, width, ext)
    for path in theme_asset_files(theme):
        files[f"{theme_base[1:]}/{path}"] = (Path(theme["_folder"]) / path).read_bytes()
    if favicon["favicon"] == "/favicon.svg":
        files["favicon.svg"] = _favicon(snap.name, colours.get("primary", "#333333"))
    files["robots.txt"] = (f"User-agent: *\nAllow: /\nSitemap: {snap.base_url}/sitemap.xml\n"
                           ).encode()
    files["sitemap.xml"] = _sitemap(snap)
    headers = _headers(snap)
    redirects = "".join(f"{src} {dst} 301\n" for src, dst in snap.redirects)
    ordered = {path: files[path] for path in sorted(files)}
    return BuildOutput(files=ordered, headers=headers, redirects=redirects,
                       hashes={path: hashes.get(path) or _sha(data)
                               for path, data in ordered.items()})


def _layout_renderer(theme: dict[str, Any],
                     snap: SiteSnapshot) -> Callable[[Any, dict[str, Any]], str]:
    """Uploaded layouts render with a wall-clock limit and an output cap (the sandbox bounds
    neither), and what they render goes through the output allowlist (app.theme_packages.
    output): the page's content, CSS and JSON-LD are ours and come back as they are, the rest is
    the theme's and is judged. Bundled layouts are our own reviewed code (tests hold them to
    the same allowlist) and skip both, which would add to the cost of every page."""
    if theme.get("_bundled"):
        return lambda template, context: template.render(**context)

    def render(template: Any, context: dict[str, Any]) -> str:
        trusted = {key: context[key] for key in ("content", "css", "jsonld")}
        raw = render_limited(template, context, trusted=trusted)
        return finish_layout(raw, {key: str(value) for key, value in trusted.items()},
                             locale=context["site"]["locale"], form_action=snap.form_action,
                             site_origin=snap.base_url)

    return render


def _logo(snap: SiteSnapshot, design, image_url, files: dict[str, bytes],
          read_asset: AssetReader) -> dict[str, Any] | None:
    """The header logo: one picture variant (the smallest published width, which is plenty
    for a header), as ``{url, width, height, alt}``. The alt is empty when the site name is
    shown next to it (the name already says it), else the site name."""
    picture = _picture(snap, design.logo, image_url, files, read_asset)
    if picture is None:
        return None
    return {**picture, "alt": "" if design.logo_with_name else snap.name}


def _picture(snap: SiteSnapshot, asset_hash: str | None, image_url, files: dict[str, bytes],
             read_asset: AssetReader) -> dict[str, Any] | None:
    meta = snap.assets.get(asset_hash or "")
    if not meta:
        return None
    width = min(meta.get("widths") or [meta["width"]])
    height = max(1, round(meta["height"] * width / meta["width"]))
    files[asset_name(asset_hash, width, "webp")] = read_asset(asset_hash, width, "webp")
    return {"url": image_url(asset_hash, width), "width": width, "height": height,
            "alt": meta.get("alt") or ""}


def _favicon_files(snap: SiteSnapshot, design, colours: dict[str, str],
                   files: dict[str, bytes], read_asset: AssetReader) -> dict[str, Any]:
    """The favicon's entries of ``meta``; writes the PNG icons when the owner chose one."""
    meta = snap.assets.get(design.favicon or "")
    if not meta:
        return {"favicon": "/favicon.svg", "favicon_type": "image/svg+xml",
                "apple_touch_icon": None}
    width = max(meta.get("widths") or [meta["width"]])
    source = read_asset(design.favicon, width, meta.get("fallback", "jpg"))
    files.update(_png_icons(source, colours.get("bg", "#ffffff")))
    return {"favicon": "/favicon.png", "favicon_type": "image/png",
            "apple_touch_icon": "/apple-touch-icon.png"}


def _layout_settings(snap: SiteSnapshot, theme: dict[str, Any], design, image_url,
                     files: dict[str, bytes], read_asset: AssetReader) -> dict[str, Any]:
    """The theme's own settings for layout.html. Image settings become a published picture
    ``{url, width, height, alt}`` when the owner chose one from the library, else None."""
    values = setting_values(theme, design)
    for setting in theme.get("settings") or []:
        if setting.get("type") == "image":
            key = setting["key"]
            values[key] = _picture(snap, values.get(key), image_url, files, read_asset)
    return values


def _not_found(snap, layout, css, css_link, nav_pages, locale, colours, render_layout,
               site_info, favicon, settings) -> bytes:
    body = Markup(
        '<section class="ww-notfound"><h1>{title}</h1><p>{text}</p>'
        '<p><a class="ww-btn ww-btn--primary" href="/">{home}</a></p></section>'
    ).format(title=_t("not_found_title", locale), text=_t("not_found_text", locale),
             home=_t("home", locale))
    html = render_layout(layout, dict(
        site=site_info, settings=settings,
        meta={"title": f"{_t('not_found_title', locale)} | {snap.name}",
              "description": f"{_t('not_found_text', locale)} {snap.name}",
              "canonical": snap.base_url + "/404.html", "image": None,
              "og_locale": OG_LOCALES.get(locale, "ko_KR"),
              "theme_color": colours.get("primary", "#333333"), **favicon},
        css=style_markup(css), css_link=css_link, jsonld="",
        strings={k: _t(k, locale) for k in STRINGS},
        home_url="/", nav=[{"title": p.title, "url": page_url(p.path), "current": False}
                           for p in nav_pages], content=body,
        page={"title": _t("not_found_title", locale), "is_home": False, "path": "/404.html"},
    ))
    return minify_html(html).encode()


def _sitemap(snap: SiteSnapshot) -> bytes:
    urls = "".join(f"<url><loc>{xml_escape(snap.base_url + page_url(p.path))}</loc></url>"
                   for p in sorted(snap.pages, key=lambda p: p.path))
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f"{urls}</urlset>\n").encode()


def _headers(snap: SiteSnapshot) -> str:
    """Long immutable caching for hashed assets, revalidation for pages, security headers."""
    # The form posts to the platform, which redirects back here: both must be allowed.
    form_action = f"'self' {snap.platform_origin}".strip()
    csp = ("default-src 'none'; connect-src 'self'; img-src 'self' data: https://i.ytimg.com; "
           "style-src 'unsafe-inline' 'self'; font-src 'self'; "
           "frame-src https://www.youtube-nocookie.com; "
           f"form-action {form_action}; base-uri 'none'; frame-ancestors 'self'")
    lines = [
        "/*",
        "  X-Content-Type-Options: nosniff",
        "  Referrer-Policy: strict-origin-when-cross-origin",
        "  Permissions-Policy: camera=(), microphone=(), geolocation=()",
        f"  Content-Security-Policy: {csp}",
        "/assets/*",
        "  Cache-Control: public, max-age=31536000, immutable",
        f"/{PUBLISHED_THEME_PREFIX}/*",
        "  Cache-Control: public, max-age=86400",
    ]
    for path in sorted({page_url(p.path) for p in snap.pages} | {"/404.html", "/sitemap.xml"}):
        lines += [path, "  Cache-Control: public, max-age=0, must-revalidate"]
    return "\n".join(lines) + "\n"


def write_folder(output: BuildOutput, folder: Path) -> None:
    """Writes the compiled site into ``folder`` (export, self-hosting)."""
    folder.mkdir(parents=True, exist_ok=True)
    for path, data in output.files.items():
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    (folder / "_headers").write_text(output.headers, encoding="utf-8")
    if output.redirects:
        (folder / "_redirects").write_text(output.redirects, encoding="utf-8")

