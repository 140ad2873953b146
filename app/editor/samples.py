"""What a new block's sample content may depend on: the site's trade and language, and where
its buttons can really go.

A sample's buttons name targets (``link_to("menu", "phone")``, see ``components``); this module
finds, for one page of one site, which targets exist and the link for each:

- a block type with an anchor on this page (a menu with ``#menu``) → ``#menu``;
- else a block of that type on another page of the site → ``page:<id>``;
- the business profile's phone → ``tel:…``, its Instagram account and KakaoTalk channel →
  their addresses.

Anything else has no link, and the sample leaves the button out. Pure functions over plain data
(``context_for`` reads the site's pages).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from components import BUSINESS_TYPES, GENERIC, SAMPLE_LOCALES, SampleContext

Tree = dict[str, Any]


def _walk(tree: Tree) -> Iterable[Tree]:
    for children in tree.get("slots", {}).values():
        for child in children:
            yield child
            yield from _walk(child)


def anchors_of(tree: Tree) -> dict[str, str]:
    """Anchor name → the type of the (first) block that carries it, on one page."""
    found: dict[str, str] = {}
    for node in _walk(tree):
        anchor = (node.get("props") or {}).get("anchor")
        if isinstance(anchor, str) and anchor:
            found.setdefault(anchor, node.get("type", ""))
    return found


def types_of(tree: Tree) -> set[str]:
    return {node.get("type", "") for node in _walk(tree)}


def profile_links(profile: Mapping[str, Any]) -> dict[str, str]:
    """Links to the contacts the owner entered in the business profile (never invented)."""
    links: dict[str, str] = {}
    digits = re.sub(r"[\s.()]", "", str(profile.get("phone") or ""))
    if re.fullmatch(r"\+?[\d-]{7,20}", digits):
        links["phone"] = f"tel:{digits}"
    handle = str(profile.get("instagram") or "").lstrip("@")
    if re.fullmatch(r"[A-Za-z0-9._]{1,30}", handle):
        links["instagram"] = f"https://www.instagram.com/{handle}/"
    kakao = str(profile.get("kakao_channel_url") or "")
    if kakao.startswith("https://"):
        links["kakao"] = kakao
    return links


def build_context(business_type: str, locale: str, tree: Tree,
                  other_pages: Iterable[tuple[int, Tree]] = (),
                  profile: Mapping[str, Any] | None = None) -> SampleContext:
    """The sample context for a block added to the page ``tree``; ``other_pages`` are the
    site's other pages as (id, tree), in the order the site lists them."""
    links: dict[str, str] = {}
    anchors = anchors_of(tree)
    for anchor, type_name in anchors.items():
        links.setdefault(type_name, f"#{anchor}")
    for page_id, other in other_pages:
        for type_name in sorted(types_of(other)):
            links.setdefault(type_name, f"page:{page_id}")
    for target, link in profile_links(profile or {}).items():
        links.setdefault(target, link)
    return SampleContext(
        business_type=business_type if business_type in BUSINESS_TYPES else GENERIC,
        locale=locale if locale in SAMPLE_LOCALES else "ko",
        links=links, anchors=frozenset(anchors))


def context_for(site, page, tree: Tree | None = None) -> SampleContext:
    """The sample context for a new block on ``page`` of ``site`` (its draft, or ``tree``)."""
    profile = site.profile or {}
    others = [(p.id, p.draft_tree) for p in site.pages
              if p.id != page.id and p.deleted_at is None and p.draft_tree]
    return build_context(profile.get("business_type") or GENERIC, site.locale,
                         tree if tree is not None else page.draft_tree, others, profile)
