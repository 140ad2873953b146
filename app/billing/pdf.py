"""Printable invoices: one HTML document for the browser and for WeasyPrint (A4, PDF/A-3u).

The PDF embeds the bundled Korean font (Pretendard, from the npm package that scripts/setup
copies into static/vendor/fonts) by path: never whatever fonts the host happens to have. The
URL fetcher serves only the app's own static files, so a document can never read other local
files or reach the network. Fonts and stylesheets are parsed once per process (warm renders).
"""

from __future__ import annotations

import atexit
import gc
import threading
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

from babel.dates import format_date
from flask import current_app, render_template
from flask_babel import force_locale, gettext as _

from app.models import CreditNote, Invoice

from . import dates
from .invoices import status_labels
from .payments import provider

# A name that can never resolve: every URL in a document is answered by _StaticOnlyFetcher.
BASE_URL = "https://windwalker-app.invalid/"
STATIC_PREFIX = BASE_URL + "static/"
FONT_FAMILY = "WW Invoice"
FONT_FILES = {"normal": "Pretendard-Regular.ttf", "bold": "Pretendard-Bold.ttf"}
_MIME = {".css": "text/css", ".ttf": "font/ttf", ".svg": "image/svg+xml", ".png": "image/png"}

_lock = threading.Lock()
_cache: dict[str, object] = {}
_gc_lock = threading.Lock()
_gc_hold = {"renders": 0, "was_enabled": False}


def weasyprint():
    """The weasyprint module, imported without its side effect on uploads.

    Importing WeasyPrint sets Pillow's process-wide ``ImageFile.LOAD_TRUNCATED_IMAGES = True``,
    which would make picture uploads in the same process accept truncated files. Every use here
    goes through this function, which puts the flag back."""
    from PIL import ImageFile

    before = ImageFile.LOAD_TRUNCATED_IMAGES
    import weasyprint as module
    import weasyprint.text.fonts
    import weasyprint.urls  # noqa: F401 - loaded here, under the guard

    ImageFile.LOAD_TRUNCATED_IMAGES = before
    return module


def static_root() -> Path:
    return Path(current_app.static_folder).resolve()


def font_paths() -> list[Path]:
    return [static_root() / "vendor" / "fonts" / name for name in FONT_FILES.values()]


def _fetcher_class():
    urls = weasyprint().urls
    URLFetcher, URLFetcherResponse = urls.URLFetcher, urls.URLFetcherResponse  # noqa: N806

    class StaticOnlyFetcher(URLFetcher):
        """Serves files under the app's static folder and refuses everything else."""

        def __init__(self, root: Path) -> None:
            super().__init__(fail_on_errors=True)
            self.root = root

        def fetch(self, url, headers=None):
            if not url.startswith(STATIC_PREFIX):
                raise ValueError(f"only the app's own files are served, not {url!r}")
            relative = url[len(STATIC_PREFIX):].split("?", 1)[0].split("#", 1)[0]
            path = (self.root / relative).resolve()
            # Resolved path must stay inside static/ (no ../, no symlink escapes).
            if not path.is_relative_to(self.root) or not path.is_file() \
                    or path.suffix not in _MIME:
                raise ValueError(f"not an app file: {url!r}")
            return URLFetcherResponse(url, body=path.read_bytes(),
                                      headers={"Content-Type": _MIME[path.suffix]})

    return StaticOnlyFetcher


def fetcher():
    return _fetcher_class()(static_root())


def _warm():
    """The font configuration and stylesheets, built once per process and reused."""
    with _lock:
        if "css" not in _cache:
            wp = weasyprint()
            CSS, FontConfiguration = wp.CSS, wp.text.fonts.FontConfiguration  # noqa: N806
            missing = [str(p.name) for p in font_paths() if not p.is_file()]
            if missing:
                raise RuntimeError(f"invoice font missing ({', '.join(missing)}): run "
                                   "scripts/setup")
            fonts = FontConfiguration()
            faces = "".join(
                f'@font-face {{ font-family: "{FONT_FAMILY}"; font-weight: {weight}; '
                f'src: url("{STATIC_PREFIX}vendor/fonts/{name}") format("truetype"); }}'
                for weight, name in FONT_FILES.items())
            url_fetcher = fetcher()
            _cache["fonts"] = fonts
            # Freed before interpreter shutdown (its finaliser needs the FFI still loaded).
            atexit.register(_cache.clear)
            _cache["css"] = [
                CSS(string=faces, base_url=BASE_URL, url_fetcher=url_fetcher, font_config=fonts),
                CSS(url=STATIC_PREFIX + "css/invoice.css", url_fetcher=url_fetcher,
                    font_config=fonts),
            ]
        return _cache["fonts"], _cache["css"]


def _credit_url(note_id: int) -> str | None:
    from flask import has_request_context, url_for

    return url_for("billing.credit_note", note_id=note_id) if has_request_context() else None


def won(amount: int, locale: str) -> str:
    return f"{amount:,}원" if locale == "ko" else f"KRW {amount:,}"


def document(invoice: Invoice) -> dict:
    """Everything the printed document shows, as plain values (templates get no ORM objects).
    Call inside ``force_locale(invoice.locale)``."""
    loc = invoice.locale

    def day(value):
        return format_date(value, "long" if loc == "ko" else "medium", locale=loc) if value \
            else ""

    method = provider(invoice.payment_method)
    seller = invoice.seller or {}
    return {
        "kind": "invoice",
        "invoice_number": invoice.number,
        "resolution": "",
        "number": invoice.number or _("Draft"),
        "locale": loc,
        "status": invoice.status,
        "status_label": status_labels()[invoice.status],
        "issued_on": day(invoice.issued_on),
        "due_on": day(invoice.due_on),
        "paid_on": day(invoice.paid_at.date()) if invoice.paid_at else "",
        "period": (f"{day(invoice.period_start)} – {day(invoice.period_end - timedelta(days=1))}"
                   if invoice.period_start and invoice.period_end else ""),
        "seller": seller,
        "buyer": {"name": invoice.buyer_name, "business_number": invoice.buyer_business_number,
                  "address": invoice.buyer_address, "email": invoice.buyer_email},
        "lines": [{"description": line.description, "quantity": line.quantity,
                   "unit_price": won(line.unit_price_krw, loc),
                   "amount": won(line.amount_krw, loc)} for line in invoice.lines],
        "supply": won(invoice.supply_krw, loc),
        "vat": won(invoice.vat_krw, loc),
        "total": won(invoice.total_krw, loc),
        "method": str(method.label),
        "payment_reference": invoice.payment_reference,
        "instructions": method.instructions() if invoice.status == "issued" else {},
        "credit_notes": [{"number": n.number, "total": won(n.total_krw, loc), "reason": n.reason,
                          "url": _credit_url(n.id),
                          "issued_on": day(n.issued_at.date())} for n in invoice.credit_notes],
    }


def credit_document(note: CreditNote) -> dict:
    """The printed credit note: the receipt's parties, what is credited and where it goes.
    Call inside ``force_locale(note.invoice.locale)``."""
    doc = document(note.invoice)
    loc = doc["locale"]
    resolutions = {"refund": _("Refunded to the customer"),
                   "credit": _("Credit on the next receipts"),
                   "out_of_band": _("Settled another way")}
    return doc | {
        "kind": "credit_note",
        "number": note.number,
        "invoice_number": note.invoice.number,
        "issued_on": format_date(dates.local_day(note.issued_at),
                                 "long" if loc == "ko" else "medium", locale=loc),
        "lines": [{"description": note.reason, "quantity": 1,
                   "unit_price": won(note.total_krw, loc), "amount": won(note.total_krw, loc)}],
        "supply": won(note.supply_krw, loc), "vat": won(note.vat_krw, loc),
        "total": won(note.total_krw, loc),
        "resolution": resolutions[note.resolution],
        "instructions": {}, "credit_notes": [],
    }


def render_credit_html(note: CreditNote, for_pdf: bool = False, **extra) -> str:
    with force_locale(note.invoice.locale):
        return render_template("billing/invoice_document.html", doc=credit_document(note),
                               for_pdf=for_pdf, **extra)


def render_credit_note(note: CreditNote) -> bytes:
    """The credit note as an A4 PDF/A-3u, like a receipt."""
    with _collection_after_render():
        return _pdf(render_credit_html(note, for_pdf=True), note.number)


def render_html(invoice: Invoice, for_pdf: bool = False, **extra) -> str:
    with force_locale(invoice.locale):
        return render_template("billing/invoice_document.html", doc=document(invoice),
                               for_pdf=for_pdf, **extra)


def render_invoice(invoice: Invoice) -> bytes:
    """The invoice as an A4 PDF/A-3u (in-process; call from a job, never per request)."""
    with _collection_after_render():
        return _pdf(render_html(invoice, for_pdf=True), invoice.number or "draft")


def warm_up() -> None:
    """Loads WeasyPrint, the font and the stylesheets and lays out a small Korean document
    once, so the next render is warm. The RQ worker calls it before it forks a work horse per
    job: each fork starts with all of this loaded instead of paying ~0.5-1 s for it."""
    with _collection_after_render():
        _pdf('<html lang="ko"><body><h1>거래명세서 Receipt</h1><table><tr><td>WW-2026-000001'
             '</td><td>공급가액 9,000원 부가세 900원 합계 9,900원</td></tr></table>'
             '</body></html>', "warm-up")


def _pdf(html: str, identifier: str) -> bytes:
    fonts, stylesheets = _warm()
    return weasyprint().HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher()).write_pdf(
        stylesheets=stylesheets, font_config=fonts, pdf_variant="pdf/a-3u",
        pdf_identifier=identifier.encode(), uncompressed_pdf=False)


@contextmanager
def _collection_after_render():
    """Holds automatic garbage collection off while a document renders, then frees the
    render's objects with one young-generation collection.

    A render makes some 100,000 short-lived objects that point at each other (boxes and their
    parents, styles, layout state). With automatic collection on, the ones still in use
    mid-render are promoted to the oldest generation, and every few renders Python then runs a
    full collection over the whole process heap (the app, SQLAlchemy, fonts) in the middle of
    a render: 60-150 ms, more than the render itself. Collected after the render they are all
    still young, so the oldest generation is not walked at all. Nested or concurrent renders
    share the hold; collection is switched back on only if it was on before the first."""
    with _gc_lock:
        if _gc_hold["renders"] == 0:
            _gc_hold["was_enabled"] = gc.isenabled()
            gc.disable()
        _gc_hold["renders"] += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_hold["renders"] -= 1
            if _gc_hold["renders"] == 0 and _gc_hold["was_enabled"]:
                gc.enable()
        gc.collect(0)
