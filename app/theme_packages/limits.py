"""Every number the theme validator and sandbox enforce, in one place.

Modules read these as ``limits.NAME`` at call time (never ``from limits import NAME``), so a test
can lower a limit with monkeypatch instead of building a 100 MB archive.
"""

from __future__ import annotations

KB = 1024
MB = 1024 * KB

# Archive (Shopify refuses zips over 50 MB; gscan refuses symlinks).
MAX_ARCHIVE_BYTES = 50 * MB
MAX_ENTRIES = 2_000
MAX_UNCOMPRESSED_BYTES = 100 * MB  # counted from the bytes actually inflated, never declared sizes
MAX_RATIO = 100  # per entry: inflated bytes / compressed bytes
RATIO_FLOOR = 64 * KB  # below this much output a high ratio is harmless (tiny blank files)
MAX_DEPTH = 8  # folders inside the package
READ_CHUNK = 64 * KB

# Per file type (after Shopify's theme-check table: CSS 100 KB, templates 256 KB, assets 20 MB).
FILE_LIMITS = {
    "json": 64 * KB,
    "html": 256 * KB,
    "css": 100 * KB,
    "svg": 256 * KB,
    "txt": 256 * KB,
    "md": 256 * KB,
    "woff2": 2 * MB,
    "png": 10 * MB,
    "jpg": 10 * MB,
    "jpeg": 10 * MB,
    "webp": 10 * MB,
    "avif": 10 * MB,
    "gif": 10 * MB,
}
MAX_ASSETS_BYTES = 20 * MB  # everything under assets/
MAX_IMAGE_PIXELS = 25_000_000
MAX_DATA_URL_BYTES = 8 * KB  # small inline images in CSS only

# Manifest.
MAX_SETTINGS = 40
MAX_STARTER_PAGES = 20
MAX_STARTER_BLOCKS = 50  # per page (Shopify: 25 sections of 50 blocks)
MAX_STARTER_DEPTH = 8

# Templates and rendering.
MAX_TEMPLATE_NESTING = 10
RENDER_TIMEOUT = 2.0  # seconds of wall clock per template render
MAX_OUTPUT = 2_000_000  # characters a render may produce (and any single value it may build)
MAX_FILTER_WIDTH = 1_000  # center/indent/wordwrap widths, batch/slice counts
