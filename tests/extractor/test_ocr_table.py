"""A ruled table drawn at test time, copied like a photocopier does, read by OCR: the pieces of
the OCR page builder that a table scan needs, checked against what was drawn.

The table (reportlab, on a 420 × 300 pt page) has faint grey hairline rules, a shaded header row
whose words nearly fill their cells, header words with descenders ("kg/year") set just above the
rule below them, and body cells holding only ``1`` or ``-``: the cells Tesseract's page layout
drops or stacks into one tall word. It is copied grey at 150 dpi, 0.7° askew, blurred, grained
and saved as JPEG 70 by ``benchmarks/scan.py``, as the ICDAR twins are.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from reportlab.pdfgen.canvas import Canvas

from planingest.extractor.ocr import ScannedPage, read_scan, render_page
from planingest.extractor.pdf import read_pdf
from planingest.extractor.source import SourceFile, sha256_hex

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

from scan import Copier, scan_pdf  # noqa: E402

WIDTH, HEIGHT = 420.0, 300.0
XS = (40.0, 160.0, 250.0, 340.0)
"""Column edges in points from the left."""
HEADER = (40.0, 64.0)
"""Top and bottom of the shaded header row, points from the top."""
ROW = 18.0
BODY = (("Arsenic", "1", "-"), ("Cadmium", "-", "1"), ("Lead", "1", "1"), ("Zinc", "-", "-"))


def drawn_table() -> bytes:
    buffer = io.BytesIO()
    pdf = Canvas(buffer, pagesize=(WIDTH, HEIGHT), invariant=True)
    top, bottom = HEADER
    pdf.setFillGray(0.8)
    pdf.rect(XS[0], HEIGHT - bottom, XS[-1] - XS[0], bottom - top, stroke=0, fill=1)
    pdf.setFillGray(0)
    pdf.setFont("Helvetica-Bold", 10)
    for x, text in zip(XS, ("Pollutant", "to air", "to water"), strict=False):
        pdf.drawString(x + 4, HEIGHT - top - 10, text)
    pdf.setFont("Helvetica", 10)
    for x in XS[1:3]:
        pdf.drawString(x + 4, HEIGHT - bottom + 2.5, "kg/year")  # descenders touch the rule
    for r, row in enumerate(BODY):
        y = bottom + (r + 1) * ROW - 5
        for k, text in enumerate(row):
            x = XS[k] + 4 if k == 0 else (XS[k] + XS[k + 1]) / 2 - 3
            pdf.drawString(x, HEIGHT - y, text)
    pdf.setStrokeGray(0.65)  # faint: a light hairline, thinner than a copier's pixel
    pdf.setLineWidth(0.4)
    last = bottom + len(BODY) * ROW
    for y in (top, bottom, *(bottom + (r + 1) * ROW for r in range(len(BODY)))):
        pdf.line(XS[0], HEIGHT - y, XS[-1], HEIGHT - y)
    for x in XS:
        pdf.line(x, HEIGHT - top, x, HEIGHT - last)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


@pytest.fixture(scope="module")
def twin() -> bytes:
    return scan_pdf(drawn_table(), Copier(dpi=150, colour=False, skew=0.7, seed=4))


@pytest.fixture(scope="module")
def page(twin: bytes) -> ScannedPage:
    return read_scan(render_page(pdfium.PdfDocument(twin), 0), WIDTH, HEIGHT)


@pytest.mark.slow
def test_the_scanned_table_reads_as_drawn(twin: bytes) -> None:
    doc = read_pdf(SourceFile(Path("table.scan.pdf"), "pdf", sha256_hex(twin), len(twin), twin))
    assert len(doc.tables) == 1
    rows = doc.tables[0].text_rows()
    assert [r[0] for r in rows] == ["Pollutant", *(b[0] for b in BODY)]
    assert rows[1:] == [list(b) for b in BODY]  # every lone "1" and "-" where it was drawn
    air, water = rows[0][1].split("\n"), rows[0][2].split("\n")
    assert air[0] == "to air" and water[0] == "to water"
    # The descenders touch the rule under them: painting it out must not cut them off
    # ("kg/year" read as "ka/vear").
    assert all(w[1].startswith("kg/") and w[1].endswith("year") for w in (air, water))


@pytest.mark.slow
def test_the_faint_grid_is_found_where_it_was_drawn(page: ScannedPage) -> None:
    lines = page.objects.lines
    rows = sorted(ln["top"] for ln in lines if ln["top"] == ln["bottom"])
    cols = sorted(ln["x0"] for ln in lines if ln["x0"] == ln["x1"])
    drawn_rows = [HEADER[0], *(HEADER[1] + r * ROW for r in range(len(BODY) + 1))]
    assert len(rows) == len(drawn_rows) and len(cols) == len(XS)
    assert all(abs(a - b) < 2 for a, b in zip(rows, drawn_rows, strict=True))
    assert all(abs(a - b) < 2 for a, b in zip(cols, XS, strict=True))


@pytest.mark.slow
def test_the_shaded_header_is_one_fill_grown_over_its_words(page: ScannedPage) -> None:
    header = [f for f in page.objects.rects if f["top"] < HEADER[1] and f["bottom"] > HEADER[0]]
    assert len(header) == 1, header
    fill = header[0]
    assert fill["x0"] < XS[0] + 3 and fill["x1"] > XS[-1] - 3
    assert fill["top"] < HEADER[0] + 3 and fill["bottom"] > HEADER[1] - 3
    # No edge of a fill cut short by its words, no end of a rule, read as a word.
    assert not [g.text for g in page.objects.glyphs if set(g.text) <= set("|Il!i[]_")]
