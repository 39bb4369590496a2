"""An unruled table drawn at test time, copied like a photocopier does, read by OCR: camelot's
``network`` parser is fed the OCR words (:mod:`ocr_network`) and its reading is the one the
chooser keeps, as on a digital page.

The table (reportlab, on a 420 × 300 pt page) has no rule or shading at all: a title line
above, a header row and five body rows in four left-aligned columns. It is copied grey at 150
dpi, 0.5° askew, blurred, grained and saved as JPEG 70 by ``benchmarks/scan.py``, as the ICDAR
twins are.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
from reportlab.pdfgen.canvas import Canvas

from planingest.extractor.ocr_network import scan_layout, with_network
from planingest.extractor.ocr_page import Scanner
from planingest.extractor.pdf import read_pdf
from planingest.extractor.pdf_finders import PLANS, RULED, find_tables
from planingest.extractor.pdf_page import PageContent
from planingest.extractor.pdf_text import Glyph
from planingest.extractor.pdf_tuning import DEFAULT_TUNING
from planingest.extractor.source import SourceFile, sha256_hex

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

from scan import Copier, scan_pdf  # noqa: E402

WIDTH, HEIGHT = 420.0, 300.0
XS = (40.0, 170.0, 250.0, 320.0)
"""Left edges of the columns, points from the left."""
ROWS = (
    ("Action", "Owner", "Due", "Status"),
    ("Repair roof", "Estates", "2024", "Open"),
    ("Audit boilers", "Facilities", "2025", "Closed"),
    ("Replace windows", "Estates", "2026", "Open"),
    ("Survey car park", "Planning", "2024", "Late"),
    ("Fit solar panels", "Energy", "2027", "Open"),
)


def drawn_table() -> bytes:
    buffer = io.BytesIO()
    pdf = Canvas(buffer, pagesize=(WIDTH, HEIGHT), invariant=True)
    pdf.setFont("Helvetica-Bold", 12)
    pdf.drawString(XS[0], HEIGHT - 50, "Site works programme")
    for r, row in enumerate(ROWS):
        pdf.setFont("Helvetica-Bold" if r == 0 else "Helvetica", 10)
        for x, text in zip(XS, row, strict=True):
            pdf.drawString(x, HEIGHT - 90 - r * 20, text)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


@pytest.fixture(scope="module")
def twin() -> bytes:
    return scan_pdf(drawn_table(), Copier(dpi=150, colour=False, skew=0.5, seed=7))


@pytest.fixture(scope="module")
def scanned(twin: bytes) -> tuple[PageContent, tuple[Glyph, ...]]:
    """The scanned page after the ruled finder (which finds nothing), and its OCR words."""
    scanner = Scanner(twin)
    try:
        content = scanner.read(1, "a test scan", DEFAULT_TUNING.grid)
    finally:
        scanner.close()
    return find_tables(content, RULED, DEFAULT_TUNING), scanner.glyphs[1]


def test_ocr_words_become_pdfminer_characters_in_page_space() -> None:
    word = Glyph("Owner", 170.0, 80.0, 200.0, 88.0, 10.0, 0, None, False)
    turned = Glyph("Late", 10.0, 10.0, 18.0, 30.0, 10.0, 90, None, False)
    page = scan_layout([word, turned], WIDTH, HEIGHT, 1)
    chars = list(page)
    assert "".join(c.get_text() for c in chars) == "Owner"  # the turned word is left out
    assert chars[0].x0 < 170.0 < chars[0].x1 and chars[-1].x0 < 200.0 < chars[-1].x1
    assert all(c.y0 == pytest.approx(HEIGHT - 89.0) for c in chars)  # bottom-left origin
    assert all(c.y1 == pytest.approx(HEIGHT - 79.0) for c in chars)


@pytest.mark.slow
def test_camelot_finds_the_scanned_unruled_table(
    scanned: tuple[PageContent, tuple[Glyph, ...]],
) -> None:
    content, words = scanned
    assert not content.pieces and not content.camelot  # no rules; camelot not run yet
    found = with_network(content, words).camelot
    assert len(found) == 1
    # The title starts where the first column does: camelot takes it as a row too (the
    # network finder drops it as a caption).
    assert found[0].shape == (len(ROWS) + 1, len(XS))


@pytest.mark.slow
def test_the_chooser_keeps_the_network_reading_of_the_scan(
    scanned: tuple[PageContent, tuple[Glyph, ...]],
) -> None:
    content, words = scanned
    read = find_tables(with_network(content, words), PLANS["network"], DEFAULT_TUNING)
    assert [p.engine for p in read.pieces] == ["pdf-network"]
    piece = read.pieces[0]
    rows: dict[int, dict[int, str]] = {}
    for cell in piece.cells:
        rows.setdefault(cell.row, {})[cell.col] = cell.text
    assert [[row[c] for c in sorted(row)] for _, row in sorted(rows.items())] == [
        list(r) for r in ROWS
    ]


@pytest.mark.slow
def test_the_scanned_unruled_table_reads_as_drawn(twin: bytes) -> None:
    doc = read_pdf(SourceFile(Path("works.scan.pdf"), "pdf", sha256_hex(twin), len(twin), twin))
    assert [t.engine for t in doc.tables] == ["pdf-ocr"]
    assert doc.tables[0].text_rows() == [list(r) for r in ROWS]
