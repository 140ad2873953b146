"""Rich text: a small, sanitized subset of HTML (bold, italic, links, lists, paragraphs).

Sanitised on every write with nh3 (an allowlist): nothing of <script>, on* handlers,
javascript: URLs, style or hx-* attributes survives.
"""

from __future__ import annotations

import html

import nh3

ALLOWED_TAGS = {"p", "br", "strong", "b", "em", "i", "a", "ul", "ol", "li"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
URL_SCHEMES = {"http", "https", "mailto", "tel", "sms"}


def sanitize(html: str) -> str:
    """The safe subset of ``html``; links get rel="noopener noreferrer"."""
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    return cleaned.strip()


def plain(text: str) -> str:
    """Plain text: every tag removed (for headings and short texts).

    nh3 returns HTML-escaped text; templates escape on output, so store the plain characters
    ("A & B", not "A &amp; B").
    """
    return html.unescape(nh3.clean(text, tags=set(), attributes={})).strip()
