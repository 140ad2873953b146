"""Reading a site from the database into the compiler's plain snapshot."""

from __future__ import annotations

from flask import current_app
from sqlalchemy import select

from app.models import Asset, Page, Site
from app.publishing.compiler import PageSnapshot, SiteSnapshot


def site_base_url(site: Site) -> str:
    """Where the local host serves this site (SITES_URL, e.g. http://{slug}.sites.localhost)."""
    return current_app.config["SITES_URL"].format(slug=site.slug).rstrip("/")


def snapshot_site(site: Site, base_url: str | None = None) -> SiteSnapshot:
    from app.db import db

    pages = db.session.scalars(select(Page).where(Page.site_id == site.id,
                                                  Page.deleted_at.is_(None))
                               .order_by(Page.position, Page.id)).all()
    assets = {
        a.hash: {"width": a.width, "height": a.height, "alt": a.alt,
                 "fallback": (a.variants or {}).get("fallback", "jpg"),
                 "widths": sorted((a.variants or {}).get("widths") or [a.width])}
        for a in db.session.scalars(select(Asset).where(Asset.site_id == site.id))
    }
    platform = current_app.config["PUBLIC_URL"].rstrip("/")
    from app.theme_store.operations import site_theme

    theme = site_theme(site)
    return SiteSnapshot(
        site_id=site.id, name=site.name, slug=site.slug, locale=site.locale,
        base_url=(base_url or site_base_url(site)).rstrip("/"),
        pages=tuple(PageSnapshot(id=p.id, path=p.path, title=p.title, tree=p.draft_tree,
                                 is_home=p.is_home, seo_title=p.seo_title,
                                 seo_description=p.seo_description,
                                 social_image=p.social_image,
                                 revision=f"{p.id}:{p.seq}:{p.updated_at.isoformat()}")
                    for p in pages),
        profile=dict(site.profile or {}), theme=theme.get("slug", "default"),
        theme_folder="" if theme.get("_bundled") else theme["_folder"], assets=assets,
        redirects=tuple((src, dst) for src, dst in (site.redirects or [])),
        form_action=f"{platform}/f/{site.id}", platform_origin=platform,
        theme_settings=dict(site.theme_settings or {}),
    )


def read_asset(asset_hash: str, width: int, ext: str) -> bytes:
    """A picture variant's bytes from the library's storage."""
    from app.assets.operations import asset_file

    return asset_file(asset_hash, width, ext).read_bytes()
