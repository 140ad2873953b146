"""Site addresses (slugs).

Korean names are romanised, so "행복한 빵집" becomes haengbokhan-ppangjip.
"""

from __future__ import annotations

import re
import unicodedata

# Revised Romanization of Korean, letter by letter (no sound-change rules: a slug only needs to
# be readable and stable).
_INITIALS = [
    "g",
    "kk",
    "n",
    "d",
    "tt",
    "r",
    "m",
    "b",
    "pp",
    "s",
    "ss",
    "",
    "j",
    "jj",
    "ch",
    "k",
    "t",
    "p",
    "h",
]
_VOWELS = [
    "a",
    "ae",
    "ya",
    "yae",
    "eo",
    "e",
    "yeo",
    "ye",
    "o",
    "wa",
    "wae",
    "oe",
    "yo",
    "u",
    "wo",
    "we",
    "wi",
    "yu",
    "eu",
    "ui",
    "i",
]
_FINALS = [
    "",
    "k",
    "k",
    "k",
    "n",
    "n",
    "n",
    "t",
    "l",
    "k",
    "m",
    "l",
    "l",
    "l",
    "p",
    "l",
    "m",
    "p",
    "p",
    "t",
    "t",
    "ng",
    "t",
    "t",
    "k",
    "t",
    "p",
    "t",
]

SLUG_RE = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")
MAX_SLUG = 40

# Addresses that would clash with our own hosts or confuse visitors.
RESERVED = frozenset(
    {
        "admin",
        "api",
        "app",
        "assets",
        "auth",
        "billing",
        "blog",
        "cdn",
        "dashboard",
        "demo-admin",
        "docs",
        "editor",
        "help",
        "login",
        "logout",
        "mail",
        "new",
        "preview",
        "signup",
        "static",
        "status",
        "support",
        "theme-previews",
        "themes",
        "www",
        "windwalker",
    }
)


def romanise(text: str) -> str:
    """Hangul syllables to Latin letters; everything else unchanged."""
    out = []
    for ch in text:
        code = ord(ch) - 0xAC00
        if 0 <= code < 11172:
            initial, rest = divmod(code, 588)
            vowel, final = divmod(rest, 28)
            out.append(_INITIALS[initial] + _VOWELS[vowel] + _FINALS[final])
        else:
            out.append(ch)
    return "".join(out)


def slugify(name: str) -> str:
    """A URL-safe address from a site name; ``site`` when nothing usable is left."""
    text = unicodedata.normalize("NFKD", romanise(unicodedata.normalize("NFC", name)))
    text = text.encode("ascii", "ignore").decode().lower()
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    text = text[:MAX_SLUG].rstrip("-")
    return text or "site"


def is_valid_slug(slug: str) -> bool:
    return bool(SLUG_RE.match(slug)) and "--" not in slug and slug not in RESERVED
