"""The printed receipt: rendered once by a job with the bundled Korean font, embedded and
subset; every download is the same bytes; the renderer reads only the app's own files."""

from __future__ import annotations

import hashlib
import re
import subprocess
from datetime import date

import pytest

from app.billing import invoices, subscriptions
from app.billing.jobs import render_invoice_pdf
from app.billing.pdf import BASE_URL, fetcher, render_invoice, weasyprint
from app.db import db
from app.models import Invoice, User


def _pdf_tool(name: str, *args: str) -> str:
    return subprocess.run([name, *args], capture_output=True, text=True, check=True).stdout


def _issue(app, uid: int, *, with_details: bool = True, lines: int = 1) -> int:
    with app.app_context():
        user = db.session.get(User, uid)
        if with_details:
            subscriptions.save_billing_details(user, {
                "buyer_name": "바람길 카페", "buyer_business_number": "2208162517",
                "buyer_address": "서울특별시 마포구 와우산로 94", "buyer_email": ""})
        rows = [("WindWalker 프로 요금제, 2026-11-26 – 2026-12-25", 29_000)]
        rows += [(f"추가 사이트 {n} (프로), 2026-11-26 – 2026-12-25", 9_900)
                 for n in range(2, lines + 1)]
        draft = invoices.create_draft(user, rows, subscription=None,
                                      period=(date(2026, 11, 26), date(2026, 12, 26)))
        invoice = invoices.issue(draft, date(2026, 11, 26))
        db.session.commit()
        return invoice.id


def test_the_job_renders_a_korean_receipt_once_and_downloads_are_identical(
        app, make_user, owner, tmp_path):
    uid = make_user()
    invoice_id = _issue(app, uid)
    with app.app_context():
        digest = render_invoice_pdf(invoice_id)
        assert render_invoice_pdf(invoice_id) == digest  # a second run changes nothing
        invoice = db.session.get(Invoice, invoice_id)
        pdf = invoice.pdf
    assert hashlib.sha256(pdf).hexdigest() == digest
    assert pdf.startswith(b"%PDF-") and len(pdf) <= 100 * 1024
    path = tmp_path / "receipt.pdf"
    path.write_bytes(pdf)

    words = _pdf_tool("pdftotext", "-raw", str(path), "-")
    for label in ("거래명세서", "세금계산서가 아닙니다", "공급가액", "부가세", "합계", "상호",
                  "대표자", "사업자등록번호", "통신판매업 신고번호", "계좌번호",
                  "WW-2026-000001", "29,000원", "26,364원", "2,636원", "바람길 카페",
                  "220-81-62517", "000-000000-00-000", "1 / 1"):
        assert label in words, label

    fonts = _pdf_tool("pdffonts", str(path)).splitlines()[2:]
    assert fonts, "no fonts in the PDF"
    for row in fonts:
        name, *_rest = row.split()
        assert name.split("+", 1)[1].startswith("WW-Invoice"), row  # only the bundled font
        assert row.split()[-5:-2] == ["yes", "yes", "yes"], row  # embedded, subset, unicode
    info = _pdf_tool("pdfinfo", str(path))
    assert "(A4)" in info and re.search(r"^Pages:\s+1$", info, re.M), info
    xmp = _pdf_tool("pdfinfo", "-meta", str(path))  # PDF/A-3u identification
    assert re.search(r"pdfaid:part[^0-9]*3", xmp) and re.search(r"pdfaid:conformance[^A-Z]*U", xmp)


def test_a_long_receipt_numbers_its_pages_and_repeats_the_line_header(app, make_user, tmp_path):
    uid = make_user()
    invoice_id = _issue(app, uid, lines=18)
    with app.app_context():
        pdf = render_invoice(db.session.get(Invoice, invoice_id))
    path = tmp_path / "long.pdf"
    path.write_bytes(pdf)
    assert re.search(r"^Pages:\s+2$", _pdf_tool("pdfinfo", str(path)), re.M)
    first, second = (" ".join(_pdf_tool("pdftotext", "-raw", "-f", str(n), "-l", str(n),
                                        str(path), "-").split()) for n in (1, 2))
    assert "1 / 2" in first and "2 / 2" in second
    for page in (first, second):
        assert "품목" in page and "단가" in page  # the lines' header on each page
    assert "추가 사이트 18 (프로)" in second and "197,300원" in second  # 29,000 + 17 × 9,900
    assert "합계" not in first and "계좌번호" in second


def test_english_buyers_get_an_english_receipt(app, make_user):
    uid = make_user("en@example.com", name="Jane Kim", locale="en")
    invoice_id = _issue(app, uid, with_details=False)
    with app.app_context():
        pdf = render_invoice(db.session.get(Invoice, invoice_id))
    text = subprocess.run(["pdftotext", "-raw", "-", "-"], input=pdf, capture_output=True,
                          check=True).stdout.decode()
    text = " ".join(text.split())
    assert "Statement of transaction" in text and "not a tax invoice" in text
    assert "KRW 29,000" in text and "Jane Kim" in text


def test_the_renderer_serves_only_the_apps_own_static_files(app):
    with app.app_context():
        fetch = fetcher()
        assert fetch.fetch(BASE_URL + "static/css/invoice.css").read().startswith(b"/*")
        for url in ("file:///etc/passwd", BASE_URL + "static/../../../etc/passwd",
                    BASE_URL + "static/%2e%2e/config.py", "http://127.0.0.1:1/x",
                    "https://example.com/static/css/invoice.css",
                    BASE_URL + "static/js/app.js"):
            with pytest.raises(ValueError):
                fetch.fetch(url)


def test_a_document_pointing_elsewhere_cannot_read_local_files(app):
    wp = weasyprint()
    html = '<html><body><img src="file:///etc/hostname"><p>x</p></body></html>'
    with app.app_context(), pytest.raises(wp.urls.FatalURLFetchingError):
        wp.HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher()).write_pdf()


def test_rendering_leaves_picture_uploads_strict(app, make_user):
    """WeasyPrint's import makes Pillow accept truncated images process-wide; we undo that."""
    from PIL import ImageFile

    uid = make_user()
    invoice_id = _issue(app, uid, with_details=False)
    with app.app_context():
        render_invoice(db.session.get(Invoice, invoice_id))
    assert ImageFile.LOAD_TRUNCATED_IMAGES is False


def test_a_credit_note_prints_as_its_own_document_referring_to_the_receipt(app, make_user,
                                                                           tmp_path):
    from app.billing.jobs import render_credit_note_pdf
    from app.models import CreditNote

    uid = make_user()
    admin_id = make_user("admin@example.com", roles=("admin",))
    invoice_id = _issue(app, uid)
    with app.app_context():
        note = invoices.credit(db.session.get(Invoice, invoice_id), 11_000, "서비스 장애 보상",
                               "refund", db.session.get(User, admin_id))
        db.session.commit()
        digest = render_credit_note_pdf(note.id)
        assert render_credit_note_pdf(note.id) == digest
        note = db.session.get(CreditNote, note.id)
        pdf, number = note.pdf, note.number
    assert hashlib.sha256(pdf).hexdigest() == digest and len(pdf) <= 100 * 1024
    path = tmp_path / "credit.pdf"
    path.write_bytes(pdf)
    words = " ".join(_pdf_tool("pdftotext", "-raw", str(path), "-").split())
    for label in ("공제 명세서", number, "WW-2026-000001", "서비스 장애 보상", "11,000원",
                  "10,000원", "1,000원", "고객에게 환불", "세금계산서가 아닙니다", "바람길 카페"):
        assert label in words, label
    for row in _pdf_tool("pdffonts", str(path)).splitlines()[2:]:
        assert row.split()[0].split("+", 1)[1].startswith("WW-Invoice"), row


def test_rendering_puts_garbage_collection_back_as_it_was(app, make_user, monkeypatch):
    """Automatic collection is held off during a render (see pdf._collection_after_render):
    afterwards it is on again, also when the render failed, and stays off if it was off."""
    import gc

    from app.billing import pdf as pdf_module

    uid = make_user()
    invoice_id = _issue(app, uid, with_details=False)
    assert gc.isenabled()
    with app.app_context():
        invoice = db.session.get(Invoice, invoice_id)
        seen = []
        render = pdf_module._pdf
        monkeypatch.setattr(pdf_module, "_pdf", lambda *a: seen.append(gc.isenabled())
                            or render(*a))
        assert render_invoice(invoice).startswith(b"%PDF-")
        assert seen == [False] and gc.isenabled()

        gc.disable()
        try:
            render_invoice(invoice)
            assert not gc.isenabled()
        finally:
            gc.enable()

        def fails(*_args):
            raise RuntimeError("layout failed")

        monkeypatch.setattr(pdf_module, "_pdf", fails)
        with pytest.raises(RuntimeError):
            render_invoice(invoice)
        assert gc.isenabled()


def test_the_worker_warms_the_renderer_before_forking_its_work_horses(app, monkeypatch):
    """worker.prepare loads WeasyPrint, the font and the stylesheets in the parent (every job
    runs in a fork of it) and freezes the warmed heap."""
    import gc

    import worker
    from app.billing import pdf

    monkeypatch.setattr(pdf, "_cache", {})
    gc.unfreeze()
    try:
        worker.prepare(app)
        assert "css" in pdf._cache and "fonts" in pdf._cache
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
