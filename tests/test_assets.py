"""The image library: checked uploads, normalised originals and variants, serving, isolation.

Every picture is made with Pillow in the test (no binary fixtures)."""

from __future__ import annotations

import hashlib
import html
import io
import os
import re
import resource
import struct
import zlib
from pathlib import Path

import pytest
from flask_babel import force_locale, gettext
from PIL import ExifTags, Image, ImageFile
from sqlalchemy import func, select

from app.assets import operations as ops
from app.db import db
from app.domain import Refused
from app.models import Asset, Site
from tests.conftest import Web, text_of

XMP = b'<x:xmpmeta xmlns:x="adobe:ns:meta/">secret-xmp</x:xmpmeta>'


# --- fixtures and helpers --------------------------------------------------------------------


@pytest.fixture
def asset_dir(tmp_path) -> Path:
    return tmp_path / "assets"


@pytest.fixture
def app(make_app, asset_dir):
    """The app with its files in a temporary folder (nothing is written into instance/)."""
    return make_app(ASSET_DIR=str(asset_dir))


def make_site(web: Web, name: str = "행복한 빵집") -> int:
    r = web.post("/sites/", {"name": name})
    assert r.status_code == 303, text_of(r)
    return int(re.search(r"/sites/(\d+)", r.location).group(1))


@pytest.fixture
def site_id(owner) -> int:
    return make_site(owner)


def upload(web: Web, site_id: int, data: bytes, name: str, alt: str = "", htmx=False, **extra):
    form = {"file": (io.BytesIO(data), name), "alt": alt, **extra}
    return web.post(f"/sites/{site_id}/assets", form, htmx=htmx, content_type="multipart/form-data")


def encode(image: Image.Image, fmt: str, **options) -> bytes:
    out = io.BytesIO()
    image.save(out, format=fmt, **options)
    return out.getvalue()


def two_colour(size=(1200, 800), mode="RGB", left=(220, 30, 30), right=(30, 30, 220)):
    """Left half ``left``, right half ``right``: orientation shows in the pixels."""
    image = Image.new(mode, size, left)
    image.paste(right, (size[0] // 2, 0, size[0], size[1]))
    return image


def jpeg_from_phone() -> bytes:
    """A 1200×800 JPEG as a phone held upright writes it: EXIF orientation 6 (rotate 90° CW),
    GPS coordinates, camera make, an XMP packet and a comment."""
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6
    exif[ExifTags.Base.Make] = "TestCam"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (37.0, 33.0, 59.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (126.0, 58.0, 41.0)
    data = encode(
        two_colour(), "JPEG", quality=92, exif=exif.tobytes(), comment=b"secret-comment", xmp=XMP
    )
    probe = Image.open(io.BytesIO(data))  # the test image really carries all of it
    assert probe.getexif().get_ifd(ExifTags.IFD.GPSInfo)[ExifTags.GPS.GPSLatitudeRef] == "N"
    assert {"exif", "xmp", "comment"} <= set(probe.info)
    return data


def png_bomb(width: int, height: int) -> bytes:
    """A complete, valid 1-bit grey PNG of ``width``×``height`` pixels (all black), compressed
    row by row: a few kilobytes on disk, ``width*height`` bytes once Pillow decodes it."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    row = b"\x00" * (1 + (width + 7) // 8)  # filter byte + packed bits
    compressor = zlib.compressobj(9)
    parts = []
    block = row * 256
    for _ in range(height // 256):
        parts.append(compressor.compress(block))
    parts.append(compressor.compress(row * (height % 256)))
    parts.append(compressor.flush())
    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", b"".join(parts))
        + chunk(b"IEND", b"")
    )


def message(app, text: str, locale: str = "ko", **kw) -> str:
    """A message as the (Korean) UI shows it (the msgid itself while a catalog lacks it)."""
    with app.test_request_context(), force_locale(locale):
        return gettext(text, **kw)


def page_text(response) -> str:
    return html.unescape(text_of(response))


def assets_in_db() -> list[Asset]:
    return list(db.session.scalars(select(Asset).order_by(Asset.id)))


def files_under(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


def hash_dir(asset_dir: Path, digest: str) -> Path:
    return asset_dir / digest[:2] / digest


def assert_no_metadata(path: Path) -> None:
    data = path.read_bytes()
    image = Image.open(path)
    assert not image.getexif(), path
    assert not {"exif", "xmp", "XML:com.adobe.xmp", "comment"} & set(image.info), path
    for secret in (b"Exif\x00\x00", b"secret-xmp", b"secret-comment", b"TestCam"):
        assert secret not in data, (path, secret)


SIZE_MSG = (
    "The picture is larger than %(mb)d MB. Make it smaller (for example by sending it to yourself "
    "in a messenger app) and upload it again."
)
PIXELS_MSG = (
    "The picture has too many pixels (at most %(n)d megapixels). Make it smaller and upload it "
    "again."
)
UNREADABLE_MSG = (
    "This picture could not be read: the file is damaged or incomplete. Save it again or choose "
    "another picture."
)
NOT_IMAGE_MSG = "This file is not a picture we can use. Upload a JPEG, PNG, WebP or GIF picture."
WRONG_EXT_MSG = (
    "This is a %(kind)s picture, so its file name must end in .%(right)s. Rename the file and "
    "upload it again."
)


def assert_refused(response, app, asset_dir, expected: str) -> None:
    """422, the message next to the file input, and nothing stored (no row, no file)."""
    assert response.status_code == 422, response.status_code
    body = page_text(response)
    assert 'id="asset-upload-file-error"' in body
    error = re.search(r'id="asset-upload-file-error" role="alert">([^<]*)<', body).group(1)
    assert error == expected
    assert 'aria-invalid="true"' in body
    with app.app_context():
        assert assets_in_db() == []
    assert files_under(asset_dir) == []


# --- uploads that are accepted -----------------------------------------------------------------


def test_phone_jpeg_is_stored_upright_without_exif_or_gps(owner, app, site_id, asset_dir):
    r = upload(owner, site_id, jpeg_from_phone(), "IMG_0001.JPG", alt="딸기 케이크")
    assert r.status_code == 303
    assert r.location.endswith(f"/sites/{site_id}/assets")
    with app.app_context():
        [asset] = assets_in_db()
        # Orientation 6 on a 1200×800 sensor image: upright it is 800 wide and 1200 high.
        assert (asset.width, asset.height) == (800, 1200)
        assert asset.mime == "image/jpeg"
        assert asset.alt == "딸기 케이크" and asset.original_name == "IMG_0001.JPG"
        assert asset.variants == {"webp": [480, 800], "fallback": "jpg", "widths": [480, 800]}
        digest = asset.hash
    folder = hash_dir(asset_dir, digest)
    original = folder / "original.jpg"
    assert hashlib.sha256(original.read_bytes()).hexdigest() == digest
    assert original.stat().st_size == asset.size
    expected = {"original.jpg", "480.webp", "480.jpg", "800.webp", "800.jpg"}
    assert {p.name for p in folder.iterdir()} == expected
    for path in folder.iterdir():
        assert_no_metadata(path)
    upright = Image.open(original).convert("RGB")
    assert upright.size == (800, 1200)
    # The sensor's left half (red) is the top once turned 90° clockwise; blue is the bottom.
    top, bottom = upright.getpixel((400, 200)), upright.getpixel((400, 1000))
    assert top[0] > 180 and top[2] < 80
    assert bottom[2] > 180 and bottom[0] < 80
    small = Image.open(folder / "480.webp")
    assert small.size == (480, 720)


def test_transparent_png_gets_a_png_fallback(owner, app, site_id, asset_dir):
    image = two_colour((2000, 500), "RGBA", left=(0, 128, 0, 255), right=(0, 0, 0, 0))
    r = upload(owner, site_id, encode(image, "PNG"), "logo.png")
    assert r.status_code == 303
    with app.app_context():
        [asset] = assets_in_db()
        assert asset.mime == "image/png"
        assert asset.variants == {
            "webp": [480, 960, 1600, 2000],
            "fallback": "png",
            "widths": [480, 960, 1600, 2000],
        }
    folder = hash_dir(asset_dir, asset.hash)
    for width in (480, 960, 1600, 2000):
        for ext in ("webp", "png"):
            variant = Image.open(folder / f"{width}.{ext}")
            assert variant.width == width
            assert variant.mode == "RGBA"
            assert variant.getpixel((width - 1, 0))[3] == 0  # still see-through
    assert not list(folder.glob("*.jpg"))


def test_opaque_png_gets_a_jpeg_fallback(owner, app, site_id):
    upload(owner, site_id, encode(two_colour((640, 480), "RGBA"), "PNG"), "menu.png")
    with app.app_context():
        [asset] = assets_in_db()
        assert asset.variants["fallback"] == "jpg"
        assert asset.variants["widths"] == [480, 640]


def test_webp_is_accepted(owner, app, site_id, asset_dir):
    r = upload(owner, site_id, encode(two_colour((300, 200)), "WEBP", quality=90), "shop.webp")
    assert r.status_code == 303
    with app.app_context():
        [asset] = assets_in_db()
        assert (asset.mime, asset.width, asset.height) == ("image/webp", 300, 200)
        assert asset.variants == {"webp": [300], "fallback": "jpg", "widths": [300]}
    folder = hash_dir(asset_dir, asset.hash)
    assert {p.name for p in folder.iterdir()} == {"original.webp", "300.webp", "300.jpg"}


def test_animated_gif_keeps_its_first_frame(owner, app, site_id, asset_dir):
    frames = [Image.new("RGB", (120, 90), colour) for colour in ("red", "lime", "blue")]
    data = encode(frames[0], "GIF", save_all=True, append_images=frames[1:], duration=200, loop=0)
    assert Image.open(io.BytesIO(data)).n_frames == 3
    r = upload(owner, site_id, data, "sale.gif")
    assert r.status_code == 303
    with app.app_context():
        [asset] = assets_in_db()
        assert (asset.mime, asset.width, asset.height) == ("image/png", 120, 90)
    folder = hash_dir(asset_dir, asset.hash)
    original = Image.open(folder / "original.png")
    assert not getattr(original, "is_animated", False)
    assert original.convert("RGB").getpixel((60, 45)) == (255, 0, 0)
    assert Image.open(folder / "120.jpg").convert("RGB").getpixel((60, 45))[0] > 230


def test_multi_picture_jpeg_from_a_phone_is_a_jpeg(owner, app, site_id, asset_dir):
    """Many phones write MPO (a JPEG with extra frames); Pillow calls it MPO, we call it JPEG."""
    first, second = Image.new("RGB", (640, 480), "red"), Image.new("RGB", (640, 480), "blue")
    data = encode(first, "MPO", save_all=True, append_images=[second])
    assert Image.open(io.BytesIO(data)).format == "MPO"
    r = upload(owner, site_id, data, "20240301_120000.jpg")
    assert r.status_code == 303
    with app.app_context():
        [asset] = assets_in_db()
        assert (asset.mime, asset.width) == ("image/jpeg", 640)
    stored = Image.open(hash_dir(asset_dir, asset.hash) / "original.jpg")
    assert stored.format == "JPEG"
    assert stored.convert("RGB").getpixel((10, 10))[0] > 230


def test_variants_are_served_with_an_immutable_cache(owner, app, site_id):
    upload(owner, site_id, jpeg_from_phone(), "photo.jpg")
    with app.app_context():
        [asset] = assets_in_db()
    base = f"/sites/{site_id}/assets/{asset.hash}"
    for path, mimetype, size in [
        ("480.webp", "image/webp", (480, 720)),
        ("480.jpg", "image/jpeg", (480, 720)),
        ("800.webp", "image/webp", (800, 1200)),
        ("800.jpg", "image/jpeg", (800, 1200)),
    ]:
        r = owner.get(f"{base}/{path}")
        assert r.status_code == 200, path
        assert r.mimetype == mimetype
        assert r.headers["Cache-Control"] == "public, max-age=31536000, immutable"
        assert r.headers["X-Content-Type-Options"] == "nosniff"
        assert Image.open(io.BytesIO(r.data)).size == size
    # A width the picture does not have is served from the nearest variant (URLs never break);
    # formats that do not exist are 404.
    wider = owner.get(f"{base}/1600.webp")
    assert wider.status_code == 200 and wider.mimetype == "image/webp"
    assert owner.get(f"{base}/480.png").status_code == 404  # the fallback is JPEG
    assert owner.get(f"{base}/480.gif").status_code == 404
    assert owner.get(f"{base}/original.jpg").status_code == 404
    assert owner.get(f"/sites/{site_id}/assets/{'0' * 64}/480.webp").status_code == 404
    assert owner.get(f"/sites/{site_id}/assets/..%2F..%2Fetc/480.webp").status_code == 404


def test_a_missing_variant_file_is_a_404(owner, app, site_id, asset_dir):
    upload(owner, site_id, encode(two_colour((300, 200)), "PNG"), "a.png")
    with app.app_context():
        [asset] = assets_in_db()
    (hash_dir(asset_dir, asset.hash) / "300.webp").unlink()
    assert owner.get(f"/sites/{site_id}/assets/{asset.hash}/300.webp").status_code == 404
    assert owner.get(f"/sites/{site_id}/assets/{asset.hash}/300.jpg").status_code == 200


def test_the_same_picture_twice_is_one_asset(owner, app, site_id, asset_dir):
    data = jpeg_from_phone()
    upload(owner, site_id, data, "a.jpg")
    r = upload(owner, site_id, data, "again.jpeg", alt="가게 앞 모습")
    assert r.status_code == 303
    with app.app_context():
        [asset] = assets_in_db()
        assert asset.alt == "가게 앞 모습"  # the new alt text is kept
        assert asset.original_name == "a.jpg"
    upload(owner, site_id, data, "third.jpg")  # no alt given: the old one stays
    with app.app_context():
        [asset] = assets_in_db()
        assert asset.alt == "가게 앞 모습"
    # Another site of the same owner gets its own row; the files are shared by hash.
    other_site = make_site(owner, "두 번째 가게")
    before = files_under(asset_dir)
    upload(owner, other_site, data, "a.jpg")
    with app.app_context():
        rows = assets_in_db()
        assert [a.site_id for a in rows] == [site_id, other_site]
        assert rows[0].hash == rows[1].hash
    assert files_under(asset_dir) == before


def test_a_simultaneous_duplicate_upload_returns_the_stored_asset(owner, app, site_id, monkeypatch):
    """Two requests that both found no row: the unique constraint decides, no error shown."""
    data = encode(two_colour((300, 200)), "PNG")
    upload(owner, site_id, data, "a.png")
    real = ops._existing
    calls = []

    def racing(site, digest):
        calls.append(digest)
        return None if len(calls) == 1 else real(site, digest)

    monkeypatch.setattr(ops, "_existing", racing)
    r = upload(owner, site_id, data, "b.png", alt="동시에")
    assert r.status_code == 303
    assert len(calls) == 2
    with app.app_context():
        [asset] = assets_in_db()
        assert asset.alt == "동시에"


def test_alt_text_is_plain_trimmed_and_limited(owner, app, site_id):
    r = upload(
        owner,
        site_id,
        encode(two_colour((300, 200)), "PNG"),
        "a.png",
        alt="  <b>딸기</b>\n케이크 <script>alert(1)</script> & 커피  ",
    )
    assert r.status_code == 303
    with app.app_context():
        [asset] = assets_in_db()
        assert asset.alt == "딸기 케이크 & 커피"
    r = upload(owner, site_id, encode(two_colour((310, 200)), "PNG"), "b.png", alt="가" * 301)
    assert r.status_code == 422
    assert message(app, "Use at most %(n)d characters for the description.", n=300) in page_text(r)
    with app.app_context():
        assert len(assets_in_db()) == 1


# --- uploads that are refused ------------------------------------------------------------------


def test_a_text_file_named_like_a_photo_is_refused(owner, app, site_id, asset_dir):
    r = upload(owner, site_id, b"Hello, this is not a picture at all.\n" * 20, "photo.jpg")
    assert_refused(r, app, asset_dir, message(app, NOT_IMAGE_MSG))


def test_an_html_file_named_like_a_photo_is_refused_over_htmx(owner, app, site_id, asset_dir):
    payload = b"<html><script>alert(document.cookie)</script></html>"
    r = upload(owner, site_id, payload, "photo.png", htmx=True)
    assert_refused(r, app, asset_dir, message(app, NOT_IMAGE_MSG))
    assert "<html" not in text_of(r)  # the fragment, swapped in place


def test_a_png_named_gif_is_refused(owner, app, site_id, asset_dir):
    r = upload(owner, site_id, encode(two_colour((300, 200)), "PNG"), "funny.gif")
    assert_refused(r, app, asset_dir, message(app, WRONG_EXT_MSG, kind="PNG", right="png"))


def test_a_jpeg_named_png_and_a_file_without_extension_are_refused(owner, app, site_id, asset_dir):
    data = encode(two_colour((300, 200)), "JPEG")
    r = upload(owner, site_id, data, "photo.png")
    assert_refused(r, app, asset_dir, message(app, WRONG_EXT_MSG, kind="JPEG", right="jpg"))
    r = upload(owner, site_id, data, "photo")
    assert_refused(r, app, asset_dir, message(app, WRONG_EXT_MSG, kind="JPEG", right="jpg"))


def test_no_file_chosen_is_refused(owner, app, site_id, asset_dir):
    r = owner.post(f"/sites/{site_id}/assets", {"alt": "x"}, content_type="multipart/form-data")
    assert_refused(r, app, asset_dir, message(app, "Choose a picture to upload."))


def test_a_picture_over_10_mb_is_refused_for_its_size(owner, app, site_id, asset_dir):
    # A real, valid PNG of random pixels (3.6 megapixels, incompressible): only its size is
    # wrong. Under the 12 MB request cap, so it reaches the upload check.
    noise = Image.frombytes("RGB", (1900, 1900), os.urandom(1900 * 1900 * 3))
    data = encode(noise, "PNG", compress_level=0)
    assert 10 * 1024 * 1024 < len(data) < 11 * 1024 * 1024
    Image.open(io.BytesIO(data)).verify()
    r = upload(owner, site_id, data, "big.png")
    assert_refused(r, app, asset_dir, message(app, SIZE_MSG, mb=10))


def test_a_request_over_the_request_cap_is_413(owner, app, site_id, asset_dir):
    r = upload(owner, site_id, b"\x00" * (13 * 1024 * 1024), "huge.png")
    assert r.status_code == 413
    with app.app_context():
        assert assets_in_db() == []


def test_a_request_over_the_cap_says_why_inside_the_upload_form(owner, app, site_id, asset_dir):
    """The editor's picker is a dialog: the refusal comes back as the library fragment (with
    the size message next to the file field), not as an alert behind the dialog."""
    r = owner.post(f"/sites/{site_id}/assets?pick=p-b1-image",
                   {"file": (io.BytesIO(b"\x00" * (13 * 1024 * 1024)), "huge.png")},
                   htmx=True, content_type="multipart/form-data")
    assert r.status_code == 413 and "HX-Retarget" not in r.headers
    body = html.unescape(text_of(r))
    assert 'id="asset-library"' in body and "is-picker" in body
    assert message(app, SIZE_MSG, mb=10) in body


def test_a_decompression_bomb_is_refused_before_decoding(
    owner, app, site_id, asset_dir, monkeypatch
):
    bomb = png_bomb(20_000, 20_000)  # 400 megapixels
    assert len(bomb) < 200_000
    decoded = []
    real_load = ImageFile.ImageFile.load

    def spy(self):
        decoded.append(self.size)
        return real_load(self)

    monkeypatch.setattr(ImageFile.ImageFile, "load", spy)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    r = upload(owner, site_id, bomb, "bomb.png")
    grown_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert_refused(r, app, asset_dir, message(app, PIXELS_MSG, n=40))
    assert decoded == []
    assert grown_kb < 100 * 1024  # decoding would take ~400 MB


def test_more_than_40_megapixels_is_refused_even_below_pillows_own_limit(
    owner, app, site_id, asset_dir, monkeypatch
):
    bomb = png_bomb(8_000, 6_000)  # 48 MP: Pillow alone would decode it without a warning
    assert Image.MAX_IMAGE_PIXELS > 8_000 * 6_000
    decoded = []
    real_load = ImageFile.ImageFile.load
    monkeypatch.setattr(
        ImageFile.ImageFile, "load", lambda self: decoded.append(self.size) or real_load(self)
    )
    r = upload(owner, site_id, bomb, "wide.png")
    assert_refused(r, app, asset_dir, message(app, PIXELS_MSG, n=40))
    assert decoded == []


def test_a_truncated_jpeg_is_refused(owner, app, site_id, asset_dir):
    data = encode(Image.frombytes("RGB", (400, 300), os.urandom(400 * 300 * 3)), "JPEG")
    r = upload(owner, site_id, data[: len(data) * 2 // 3], "cut.jpg")
    assert_refused(r, app, asset_dir, message(app, UNREADABLE_MSG))


def test_a_png_with_a_broken_checksum_is_refused(owner, app, site_id, asset_dir):
    data = bytearray(encode(two_colour((300, 200)), "PNG"))
    idat = data.index(b"IDAT")
    data[idat + 10] ^= 0xFF  # flip bits inside the compressed pixels: the CRC no longer fits
    r = upload(owner, site_id, bytes(data), "broken.png")
    assert_refused(r, app, asset_dir, message(app, UNREADABLE_MSG))


def test_only_a_magic_number_is_refused(owner, app, site_id, asset_dir):
    r = upload(owner, site_id, b"\xff\xd8\xff\xe0" + b"\x00" * 100, "tiny.jpg")
    assert r.status_code == 422
    with app.app_context():
        assert assets_in_db() == []
    assert files_under(asset_dir) == []


# --- the library pages -------------------------------------------------------------------------


def test_library_full_page_and_htmx_fragment(owner, app, site_id):
    r = owner.get(f"/sites/{site_id}/assets")
    assert r.status_code == 200
    body = text_of(r)
    assert body.lstrip().lower().startswith("<!doctype html>")
    assert 'id="asset-library"' in body and 'id="asset-empty"' in body
    assert 'accept="image/jpeg,image/png,image/webp,image/gif"' in body
    assert 'enctype="multipart/form-data"' in body and 'name="alt"' in body
    assert 'name="csrf_token"' in body

    r = owner.get(f"/sites/{site_id}/assets", htmx=True)
    assert r.status_code == 200
    fragment = text_of(r)
    assert fragment.lstrip().startswith('<div id="asset-library"')
    assert "<html" not in fragment and "<!doctype" not in fragment.lower()
    assert "HX-Request" in r.headers.get("Vary", "")


def test_site_page_links_to_the_library(owner, app, site_id):
    body = text_of(owner.get(f"/sites/{site_id}"))
    assert f'href="/sites/{site_id}/assets"' in body
    assert message(app, "Image library") in body
    assert "사진 보관함" in body  # Korean is the UI default


def test_htmx_upload_returns_the_library_with_the_new_picture_first(owner, app, site_id):
    upload(owner, site_id, encode(two_colour((300, 200)), "PNG"), "first.png", alt="첫 번째")
    r = upload(
        owner,
        site_id,
        encode(two_colour((500, 400)), "JPEG"),
        "second.jpg",
        alt="두 번째",
        htmx=True,
    )
    assert r.status_code == 200
    body = page_text(r)
    assert body.lstrip().startswith('<div id="asset-library"')
    assert message(app, "The picture was added to the library.") in body
    with app.app_context():
        first, second = assets_in_db()
    assert body.index(f'id="asset-{second.id}"') < body.index(f'id="asset-{first.id}"')
    assert 'alt="두 번째"' in body and "500×400" in body
    # the thumbnail points at the smallest variant, WebP first with a fallback
    assert f"/sites/{site_id}/assets/{second.hash}/480.webp" in body
    assert f"/sites/{site_id}/assets/{second.hash}/480.jpg" in body
    assert f"/sites/{site_id}/assets/{first.hash}/300.webp" in body


def test_plain_upload_redirects_and_shows_a_message(owner, app, site_id):
    r = upload(owner, site_id, encode(two_colour((300, 200)), "PNG"), "a.png")
    assert r.status_code == 303
    page = page_text(owner.get(r.location))
    assert message(app, "The picture was added to the library.") in page
    assert "300×200" in page


def test_picker_mode_renders_pick_buttons(owner, app, site_id):
    upload(owner, site_id, encode(two_colour((300, 200)), "PNG"), "a.png", alt='케이크 "딸기"')
    with app.app_context():
        [asset] = assets_in_db()
    r = owner.get(f"/sites/{site_id}/assets?pick=node-3.image", htmx=True)
    assert r.status_code == 200
    body = text_of(r)
    button = re.search(r"<button [^>]*data-pick-asset=[^>]*>", body).group(0)
    assert f'data-pick-asset="{asset.hash}"' in button
    assert 'data-pick-alt="케이크 &#34;딸기&#34;"' in button
    assert 'data-pick-target="node-3.image"' in button
    assert 'type="button"' in button
    assert f"/assets/{asset.id}/alt" not in body  # no editing inside the picker
    assert 'name="pick" value="node-3.image"' in body  # uploads stay in picker mode
    # Uploading from the picker answers with the picker again, the new picture marked to be
    # chosen at once (it goes into the block: its description is required there).
    r = upload(owner, site_id, encode(two_colour((320, 200)), "PNG"), "b.png", htmx=True,
               pick="node-3.image")
    assert r.status_code == 422
    assert message(app, "Describe the picture in a few words for people who cannot see it.") \
        in html.unescape(text_of(r))
    with app.app_context():
        assert len(assets_in_db()) == 1  # nothing stored
    r = upload(owner, site_id, encode(two_colour((320, 200)), "PNG"), "b.png", alt="빵",
               htmx=True, pick="node-3.image")
    assert r.status_code == 200
    assert text_of(r).count('data-pick-target="node-3.image"') == 2
    assert text_of(r).count("data-uploaded-pick") == 1
    # A target that is not a plain name is refused.
    assert owner.get(f"/sites/{site_id}/assets?pick=%22%3E%3Cscript%3E").status_code == 400


def test_edit_alt_text(owner, app, site_id):
    upload(owner, site_id, encode(two_colour((300, 200)), "PNG"), "a.png")
    with app.app_context():
        [asset] = assets_in_db()
    url = f"/sites/{site_id}/assets/{asset.id}/alt"
    r = owner.post(url, {"alt": "<i>빵</i> 진열대"}, htmx=True)
    assert r.status_code == 200
    assert 'value="빵 진열대"' in text_of(r)
    assert message(app, "Description saved.") in page_text(r)
    r = owner.post(url, {"alt": "매장 입구"})
    assert r.status_code == 303 and r.location.endswith(f"/sites/{site_id}/assets")
    with app.app_context():
        assert db.session.get(Asset, asset.id).alt == "매장 입구"
    r = owner.post(url, {"alt": "x" * 301}, htmx=True)
    assert r.status_code == 422
    assert f'id="asset-alt-{asset.id}-error"' in text_of(r)
    with app.app_context():
        assert db.session.get(Asset, asset.id).alt == "매장 입구"


def test_delete_removes_the_row_and_keeps_the_shared_files(owner, app, site_id, asset_dir):
    data = encode(two_colour((300, 200)), "PNG")
    upload(owner, site_id, data, "a.png")
    other_site = make_site(owner, "두 번째 가게")
    upload(owner, other_site, data, "a.png")
    with app.app_context():
        mine, theirs = assets_in_db()
    files = files_under(asset_dir)
    r = owner.post(f"/sites/{site_id}/assets/{mine.id}/delete", htmx=True)
    assert r.status_code == 200
    assert message(app, "The picture was removed from the library.") in page_text(r)
    assert 'id="asset-empty"' in text_of(r)
    with app.app_context():
        assert [a.id for a in assets_in_db()] == [theirs.id]
    assert files_under(asset_dir) == files
    assert owner.get(f"/sites/{site_id}/assets/{mine.hash}/300.webp").status_code == 404
    assert owner.get(f"/sites/{other_site}/assets/{mine.hash}/300.webp").status_code == 200
    r = owner.post(f"/sites/{other_site}/assets/{theirs.id}/delete")
    assert r.status_code == 303


# --- isolation ---------------------------------------------------------------------------------


def test_another_tenant_gets_404_everywhere(owner, other_web, app, site_id):
    upload(owner, site_id, encode(two_colour((600, 400)), "PNG"), "a.png", alt="비밀")
    with app.app_context():
        [asset] = assets_in_db()
    other_web.signup(email="other@example.com")
    their_site = make_site(other_web, "남의 가게")
    mine = f"/sites/{site_id}/assets"
    assert other_web.get(mine).status_code == 404
    assert other_web.get(mine, htmx=True).status_code == 404
    assert other_web.get(f"{mine}/{asset.hash}/480.webp").status_code == 404
    assert other_web.post(f"{mine}/{asset.id}/alt", {"alt": "hacked"}).status_code == 404
    assert other_web.post(f"{mine}/{asset.id}/delete").status_code == 404
    r = upload(other_web, site_id, encode(two_colour((300, 200)), "PNG"), "x.png")
    assert r.status_code == 404
    # Their own site id with my asset id or hash: still 404.
    theirs = f"/sites/{their_site}/assets"
    assert other_web.get(f"{theirs}/{asset.hash}/480.webp").status_code == 404
    assert other_web.post(f"{theirs}/{asset.id}/alt", {"alt": "hacked"}).status_code == 404
    assert other_web.post(f"{theirs}/{asset.id}/delete").status_code == 404
    assert "비밀" not in text_of(other_web.get(theirs))
    with app.app_context():
        [still] = assets_in_db()
        assert (still.alt, still.site_id) == ("비밀", site_id)


def test_the_library_needs_a_login(web, app):
    assert web.get("/sites/1/assets").status_code in (302, 303)
    assert web.get(f"/sites/1/assets/{'a' * 64}/480.webp").status_code in (302, 303)


# --- operations --------------------------------------------------------------------------------


def test_asset_file_validates_every_part(app, asset_dir):
    digest = "ab" * 32
    with app.app_context():
        path = ops.asset_file(digest, 480, "webp")
        assert path == asset_dir.resolve() / "ab" / digest / "480.webp"
        for bad in [
            ("../" * 3 + "etc/passwd", 480, "webp"),
            ("AB" * 32, 480, "webp"),
            (digest + "0", 480, "webp"),
            (digest, "480", "webp"),
            (digest, True, "webp"),
            (digest, 0, "webp"),
            (digest, 480, "gif"),
            (digest, 480, "webp/../../x"),
        ]:
            with pytest.raises(ValueError):
                ops.asset_file(*bad)


def test_asset_index_and_order(owner, app, site_id):
    upload(owner, site_id, encode(two_colour((300, 200)), "PNG"), "a.png", alt="하나")
    transparent = two_colour((500, 250), "RGBA", right=(0, 0, 0, 0))
    upload(owner, site_id, encode(transparent, "PNG"), "b.png", alt="둘")
    with app.app_context():
        site = db.session.get(Site, site_id)
        first, second = assets_in_db()
        assert [a.id for a in ops.assets_of(site)] == [second.id, first.id]
        assert ops.asset_index(site) == {
            first.hash: {"width": 300, "height": 200, "alt": "하나", "fallback": "jpg"},
            second.hash: {"width": 500, "height": 250, "alt": "둘", "fallback": "png"},
        }
        assert db.session.scalar(select(func.count()).select_from(Asset)) == 2


def test_refusals_carry_the_file_field(app):
    with app.test_request_context(), force_locale("en"):
        site = Site(id=1, slug="x", name="x")
        from werkzeug.datastructures import FileStorage

        with pytest.raises(Refused) as exc:
            ops.store_upload(site, FileStorage(io.BytesIO(b"nope"), "a.jpg"), None)
        assert exc.value.field == "file"
        assert exc.value.message == NOT_IMAGE_MSG
