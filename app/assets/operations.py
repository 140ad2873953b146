"""The image library of a site: checked uploads, normalised originals, resized variants.

An upload is identified by its content (Pillow, magic bytes), never by its name or the browser's
content type; the name's extension must agree. Size and pixel caps are checked before anything is
decoded (decompression bombs), EXIF orientation is applied and every piece of metadata (EXIF with
GPS, XMP, comments, text chunks) is dropped by re-encoding. Files live under the SHA-256 of the
normalised original: ``ASSET_DIR/<hash[:2]>/<hash>/<width>.<ext>`` (plus ``original.<ext>``),
shared by every site that uploads the same picture. Operations flush and never commit.
"""

from __future__ import annotations

import hashlib
import html
import io
import os
import re
import tempfile
import unicodedata
import warnings
from pathlib import Path
from typing import Any

import nh3
from flask import current_app
from flask_babel import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app.billing.limits import require_for_site
from app.db import db
from app.domain import Refused
from app.models import Asset, Site, User

ALT_MAX = 300
NAME_MAX = 200
VARIANT_WIDTHS = (480, 960, 1600)
SERVED_EXTS = {"webp": "image/webp", "jpg": "image/jpeg", "png": "image/png"}

# Pillow format → the extensions a file of that format may have. MPO is how Pillow names the
# multi-picture JPEGs many phone cameras write; they are ordinary JPEGs to everyone else.
FORMAT_EXTS = {
    "JPEG": ("jpg", "jpeg"),
    "MPO": ("jpg", "jpeg"),
    "PNG": ("png",),
    "WEBP": ("webp",),
    "GIF": ("gif",),
}
OPEN_FORMATS = ("JPEG", "PNG", "WEBP", "GIF")  # plugins tried by Image.open (MPO via JPEG)
# The normalised original: format, extension, mime, save options.
ORIGINAL_ENCODING = {
    "JPEG": ("JPEG", "jpg", "image/jpeg", {"quality": 88, "optimize": True}),
    "MPO": ("JPEG", "jpg", "image/jpeg", {"quality": 88, "optimize": True}),
    "PNG": ("PNG", "png", "image/png", {"optimize": True}),
    "WEBP": ("WEBP", "webp", "image/webp", {"quality": 85, "method": 4}),
    "GIF": ("PNG", "png", "image/png", {"optimize": True}),
}
VARIANT_ENCODING = {
    "webp": ("WEBP", {"quality": 82, "method": 4}),
    "jpg": ("JPEG", {"quality": 85, "optimize": True, "progressive": True}),
    "png": ("PNG", {"optimize": True}),
}
ICC_MAX = 64 * 1024
# The longest side a picture may have: WebP (every variant is one) stops at 16,383 pixels, so a
# long strip under the pixel cap (100,000 × 10) is refused up front, not half-stored.
MAX_SIDE = 16_383  # colour profiles are kept (they are not personal data), within reason

HASH_RE = re.compile(r"^[0-9a-f]{64}$")
CONTROL_RE = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]")

# Pillow's own guard is the backstop behind the explicit pixel check: it must stay on.
if Image.MAX_IMAGE_PIXELS is None:  # pragma: no cover - only if someone switched it off
    Image.MAX_IMAGE_PIXELS = 89_478_485


# --- text ------------------------------------------------------------------------------------


def clean_alt(alt: str | None) -> str:
    """Plain text for an alt attribute: tags removed, whitespace collapsed, at most 300 chars."""
    text = html.unescape(nh3.clean(alt or "", tags=set(), attributes={}))
    text = CONTROL_RE.sub(" ", unicodedata.normalize("NFC", text))
    text = " ".join(text.split())
    if len(text) > ALT_MAX:
        raise Refused(_("Use at most %(n)d characters for the description.", n=ALT_MAX), "alt")
    return text


def _clean_filename(name: str | None) -> str:
    """The name as the user knows it (for display only; it never becomes a path)."""
    name = CONTROL_RE.sub("", unicodedata.normalize("NFC", name or ""))
    name = name.replace("\\", "/").rsplit("/", 1)[-1].strip()
    return name[:NAME_MAX]


def _extension(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


# --- decoding --------------------------------------------------------------------------------


def _limits() -> tuple[int, int]:
    cfg = current_app.config
    return int(cfg["ASSET_MAX_BYTES"]), int(cfg["ASSET_MAX_PIXELS"])


def _too_many_pixels(max_pixels: int) -> Refused:
    return Refused(
        _(
            "The picture has too many pixels (at most %(n)d megapixels). Make it smaller and "
            "upload it again.",
            n=max_pixels // 1_000_000,
        ),
        "file",
    )


def _too_long_a_side(width: int, height: int) -> Refused:
    return Refused(
        _(
            "The picture is %(width)d × %(height)d pixels: each side may be at most %(n)d "
            "pixels. Crop or resize it and upload it again.",
            width=width, height=height, n=MAX_SIDE,
        ),
        "file",
    )


def _not_processed() -> Refused:
    return Refused(
        _("This picture could not be processed. Save it again as a JPEG or PNG and upload it "
          "again."),
        "file",
    )


def _unreadable() -> Refused:
    return Refused(
        _(
            "This picture could not be read: the file is damaged or incomplete. Save it again "
            "or choose another picture."
        ),
        "file",
    )


def _not_an_image() -> Refused:
    return Refused(
        _("This file is not a picture we can use. Upload a JPEG, PNG, WebP or GIF picture."),
        "file",
    )


def _read_upload(file_storage, max_bytes: int) -> bytes:
    if file_storage is None or not (file_storage.filename or "").strip():
        raise Refused(_("Choose a picture to upload."), "file")
    data = file_storage.stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise too_large()
    if not data:
        raise Refused(_("The file is empty. Choose another picture."), "file")
    return data


def _decode(data: bytes, extension: str, max_pixels: int) -> tuple[Image.Image, str]:
    """Identifies, checks and fully decodes the first frame; returns (image, Pillow format).

    Every check that needs no pixel data (format, extension, dimensions) comes before
    decoding, so a small file declaring a huge canvas never reaches the decoder."""
    with warnings.catch_warnings():
        # Pillow warns (and only errors at twice its limit): treat the warning as an error too.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            probe = Image.open(io.BytesIO(data), formats=OPEN_FORMATS)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise _too_many_pixels(max_pixels) from None
        except UnidentifiedImageError:
            raise _not_an_image() from None
        except (OSError, SyntaxError, ValueError, EOFError):
            raise _unreadable() from None
        fmt = probe.format or ""
        if fmt not in FORMAT_EXTS:
            raise _not_an_image()
        if extension not in FORMAT_EXTS[fmt]:
            kind = {"MPO": "JPEG", "WEBP": "WebP"}.get(fmt, fmt)
            raise Refused(
                _(
                    "This is a %(kind)s picture, so its file name must end in .%(right)s. "
                    "Rename the file and upload it again.",
                    kind=kind,
                    right=FORMAT_EXTS[fmt][0],
                ),
                "file",
            )
        width, height = probe.size
        if width < 1 or height < 1 or width * height > max_pixels:
            raise _too_many_pixels(max_pixels)
        if max(width, height) > MAX_SIDE:
            raise _too_long_a_side(width, height)
        try:
            probe.verify()  # structure and checksums (PNG CRCs) without decoding
        except Exception:  # noqa: BLE001 - Pillow raises many kinds for broken files
            raise _unreadable() from None
        try:
            # verify() leaves the image unusable: open again, then decode the first frame only.
            image = Image.open(io.BytesIO(data), formats=OPEN_FORMATS)
            if image.size != (width, height):
                raise _unreadable()
            image.seek(0)
            image.load()
        except Refused:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise _too_many_pixels(max_pixels) from None
        except Exception:  # noqa: BLE001 - truncated data, bad Huffman tables, …
            raise _unreadable() from None
    return image, fmt


def _has_transparency(image: Image.Image) -> bool:
    if image.mode in ("RGBA", "LA", "PA", "La", "RGBa") or "transparency" in image.info:
        alpha = image.convert("RGBA").getchannel("A")
        return alpha.getextrema()[0] < 255
    return False


def _normalise(image: Image.Image) -> tuple[Image.Image, bool, bytes | None]:
    """Upright, RGB or RGBA, without any metadata. Returns (image, transparent, icc profile)."""
    icc = image.info.get("icc_profile")
    if not isinstance(icc, bytes) or len(icc) > ICC_MAX:
        icc = None
    try:
        upright = ImageOps.exif_transpose(image) or image
    except Exception:  # noqa: BLE001 - a broken EXIF block must not stop an otherwise fine photo
        upright = image
    if upright.mode == "I" or upright.mode.startswith("I;16"):
        # 16-bit grey (PNG): scale to 8 bits; a plain convert would clip everything to white.
        upright = upright.convert("I").point(lambda v: v * (1 / 257)).convert("L")
    transparent = _has_transparency(upright)
    if upright.mode == "CMYK":
        icc = None  # a CMYK profile does not describe the RGB pixels we are about to write
    clean = upright.convert("RGBA" if transparent else "RGB")
    if clean is upright:
        clean = upright.copy()
    clean.info = {}  # EXIF (GPS), XMP, comments, text chunks, GIF extensions: all gone
    return clean, transparent, icc


def _encode(image: Image.Image, fmt: str, options: dict[str, Any], icc: bytes | None) -> bytes:
    out = io.BytesIO()
    kwargs = dict(options)
    if icc:
        kwargs["icc_profile"] = icc
    image.save(out, format=fmt, **kwargs)
    return out.getvalue()


def variant_widths(width: int) -> list[int]:
    """The widths served for an image ``width`` pixels wide (the renderer uses the same rule)."""
    return [w for w in VARIANT_WIDTHS if w < width] + [width]


# --- files -----------------------------------------------------------------------------------


def _asset_root() -> Path:
    return Path(current_app.config["ASSET_DIR"]).resolve()


def _hash_dir(digest: str) -> Path:
    if not HASH_RE.fullmatch(digest):
        raise ValueError("not a content hash")
    return _asset_root() / digest[:2] / digest


def asset_file(digest: str, width: int, ext: str) -> Path:
    """The path of one variant. Every part is validated: no user string is joined unchecked."""
    if not isinstance(digest, str) or not HASH_RE.fullmatch(digest):
        raise ValueError("not a content hash")
    if isinstance(width, bool) or not isinstance(width, int) or not 0 < width <= 100_000:
        raise ValueError("not a width")
    if ext not in SERVED_EXTS:
        raise ValueError("not a served extension")
    return _hash_dir(digest) / f"{width}.{ext}"


def _write_atomic(path: Path, data: bytes, created: list[Path] | None = None) -> None:
    if path.exists() and path.stat().st_size == len(data):
        return
    if created is not None and not path.exists():
        created.append(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _write_files(
    digest: str,
    original: bytes,
    original_ext: str,
    image: Image.Image,
    fallback: str,
    icc: bytes | None,
    created: list[Path],
) -> list[int]:
    """Writes the original and every variant (skipping files already there); returns widths.
    Every file (and folder) this call creates is added to ``created``, so a failure can take
    them away again."""
    folder = _hash_dir(digest)
    for missing in (folder.parent, folder):
        if not missing.exists():
            missing.mkdir(parents=True, exist_ok=True)
            created.append(missing)
    _write_atomic(folder / f"original.{original_ext}", original, created)
    widths = variant_widths(image.width)
    for width in widths:
        wanted = [asset_file(digest, width, ext) for ext in ("webp", fallback)]
        if all(p.exists() for p in wanted):
            continue  # content-addressed: the same hash always gives the same files
        if width == image.width:
            resized = image
        else:
            height = max(1, round(image.height * width / image.width))
            resized = image.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)
        for ext, path in zip(("webp", fallback), wanted, strict=True):
            fmt, options = VARIANT_ENCODING[ext]
            _write_atomic(path, _encode(resized, fmt, options, icc), created)
    return widths


def _remove_created(created: list[Path]) -> None:
    """Takes away what a failed upload wrote (files first, then its folders if empty)."""
    for path in reversed(created):
        try:
            if path.is_dir():
                path.rmdir()
            else:
                path.unlink(missing_ok=True)
        except OSError:
            pass  # a folder another upload wrote into meanwhile stays


# --- operations ------------------------------------------------------------------------------


def _existing(site: Site, digest: str) -> Asset | None:
    return db.session.scalar(select(Asset).where(Asset.site_id == site.id, Asset.hash == digest))


def too_large() -> Refused:
    """The refusal of a picture over the size limit (also for a request too large to read)."""
    max_bytes, _pixels = _limits()
    return Refused(
        _(
            "The picture is larger than %(mb)d MB. Make it smaller (for example by sending "
            "it to yourself in a messenger app) and upload it again.",
            mb=max_bytes // (1024 * 1024),
        ),
        "file",
    )


def store_upload(site: Site, file_storage, user: User | None, alt: str = "",
                 alt_required: bool = False) -> Asset:
    """Checks, normalises and stores an uploaded picture; returns its Asset.

    Nothing is written (neither files nor rows) when the upload is refused. The same picture
    uploaded twice to a site gives the same Asset (its alt text updated when one is given).
    ``alt_required``: the picture goes straight into a block (the editor's picker), where a
    picture needs its description, so it is asked for here, before anything is uploaded."""
    alt = clean_alt(alt)
    if alt_required and not alt:
        raise Refused(_("Describe the picture in a few words for people who cannot see it."),
                      "alt")
    max_bytes, max_pixels = _limits()
    data = _read_upload(file_storage, max_bytes)
    name = _clean_filename(file_storage.filename)
    decoded, fmt = _decode(data, _extension(name), max_pixels)
    del data
    image, transparent, icc = _normalise(decoded)
    decoded.close()
    del decoded

    save_fmt, ext, mime, options = ORIGINAL_ENCODING[fmt]
    original = _encode(image, save_fmt, options, icc)
    digest = hashlib.sha256(original).hexdigest()

    existing = _existing(site, digest)
    if existing is not None:
        if alt:
            existing.alt = alt
            db.session.flush()
        return existing

    require_for_site(site, "storage_bytes", adding=len(original), field="file")  # before writing
    fallback = "png" if transparent else "jpg"
    created: list[Path] = []
    try:
        widths = _write_files(digest, original, ext, image, fallback, icc, created)
    except (OSError, ValueError) as exc:
        # An encoder refusing the picture, or the disk: nothing of it stays behind.
        _remove_created(created)
        raise _not_processed() from exc
    except BaseException:
        _remove_created(created)
        raise
    asset = Asset(
        site_id=site.id,
        hash=digest,
        mime=mime,
        width=image.width,
        height=image.height,
        size=len(original),
        alt=alt,
        original_name=name,
        variants={"webp": widths, "fallback": fallback, "widths": widths},
        uploaded_by_id=user.id if user is not None else None,
    )
    try:
        with db.session.begin_nested():
            db.session.add(asset)
    except IntegrityError:
        # The same picture arrived twice at the same moment: keep the one that won (and the
        # files, which are its files too).
        existing = _existing(site, digest)
        if existing is None:
            _remove_created(created)
            raise
        if alt:
            existing.alt = alt
            db.session.flush()
        return existing
    except BaseException:
        _remove_created(created)
        raise
    return asset


def asset_of_site(site: Site, asset_id: int) -> Asset | None:
    """The asset if it belongs to ``site``, else None (the view answers 404)."""
    return db.session.scalar(select(Asset).where(Asset.id == asset_id, Asset.site_id == site.id))


def asset_by_hash(site: Site, digest: str) -> Asset | None:
    if not HASH_RE.fullmatch(digest or ""):
        return None
    return _existing(site, digest)


def assets_of(site: Site) -> list[Asset]:
    """The site's pictures, newest first."""
    stmt = (
        select(Asset)
        .where(Asset.site_id == site.id)
        .order_by(Asset.created_at.desc(), Asset.id.desc())
    )
    return list(db.session.scalars(stmt))


def asset_index(site: Site) -> dict[str, dict[str, Any]]:
    """hash → width, height, alt and fallback extension: what the renderer needs."""
    return {
        a.hash: {
            "width": a.width,
            "height": a.height,
            "alt": a.alt,
            "fallback": (a.variants or {}).get("fallback", "jpg"),
        }
        for a in assets_of(site)
    }


def set_alt(asset: Asset, alt: str) -> None:
    asset.alt = clean_alt(alt)
    db.session.flush()


def delete_asset(asset: Asset) -> None:
    """Removes the picture from the site's library. The files stay: another site may have
    uploaded the same picture (files are shared by hash), and published pages may still use
    them until they are republished."""
    db.session.delete(asset)
    db.session.flush()
