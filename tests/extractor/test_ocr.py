"""Scanned twins of sample plans read by OCR into the objects the PDF reader builds its tables
from: the same words, the skew and the turn, grey scans without colour, coloured dots.
(Through the whole reader and pipeline: ``test_ocr_pdf.py``.)

The twins are made at test time by ``benchmarks/scan.py`` from ``samples/climate_action_plan.pdf``
(one landscape page, a ruled 6-column table whose RAG cells are shaded red, amber, green and blue;
checked by rendering both with ``pdftoppm``). Each twin is read once per module (OCR costs a few
seconds a page).
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
import pytest

from planingest.extractor.ocr import ScannedPage, read_scan, render_page
from planingest.extractor.ocr_glyph import OcrGlyph

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

from scan import Copier, scan_pdf  # noqa: E402

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "climate_action_plan.pdf"
WORD_FLOOR = 0.95
"""Share of the digital page's words OCR must find again. Measured: 0.99 on the colour twin
skewed 1.5°, 0.98 on the grey twin turned 90° (benchmarks/scan_engines.py: 0.99 over five
sample pages scanned grey at 150 dpi)."""


def words(text: str) -> Counter[str]:
    return Counter(w for w in (re.sub(r"^\W+|\W+$", "", t) for t in text.split()) if w)


def word_accuracy(page: ScannedPage) -> float:
    with pdfplumber.open(SAMPLE) as doc:
        truth = words(" ".join(w["text"] for w in doc.pages[0].extract_words()))
    found = words(" ".join(g.text for g in page.objects.glyphs))
    return sum((found & truth).values()) / sum(truth.values())


def read_twin(copier: Copier) -> ScannedPage:
    scanned = scan_pdf(SAMPLE, copier)
    with pdfplumber.open(SAMPLE) as doc:
        width, height = float(doc.pages[0].width), float(doc.pages[0].height)
    if copier.turn in (90, 270):
        width, height = height, width
    return read_scan(render_page(pdfium.PdfDocument(scanned), 0), width, height)


@pytest.fixture(scope="module")
def skewed() -> ScannedPage:
    return read_twin(Copier(colour=True, skew=1.5, seed=1))


@pytest.fixture(scope="module")
def turned() -> ScannedPage:
    return read_twin(Copier(colour=False, turn=90, seed=2))


def test_the_twin_is_an_image_only_pdf_made_the_same_from_a_seed() -> None:
    first = scan_pdf(SAMPLE, Copier(seed=7))
    assert scan_pdf(SAMPLE, Copier(seed=7)) == first
    assert scan_pdf(SAMPLE, Copier(seed=8)) != first
    with (
        pdfplumber.open(SAMPLE) as original,
        pdfplumber.open(__import__("io").BytesIO(first)) as twin,
    ):
        assert not twin.pages[0].chars and len(twin.pages[0].images) == 1
        assert abs(float(twin.pages[0].width) - float(original.pages[0].width)) < 0.5


@pytest.mark.slow
def test_a_skewed_colour_scan_is_straightened_and_reads_the_words(skewed: ScannedPage) -> None:
    assert skewed.skew == pytest.approx(1.5, abs=0.2)
    assert skewed.turn == 0 and skewed.colour and not skewed.warnings
    assert word_accuracy(skewed) >= WORD_FLOOR
    glyphs = [g for g in skewed.objects.glyphs if isinstance(g, OcrGlyph)]
    assert glyphs and all(0 <= g.confidence <= 1 for g in glyphs)
    # Boxes are PDF points of the page (top-left origin): the title is near the top left.
    title = next(g for g in glyphs if g.text == "Northbrook")
    assert 20 < title.x0 < 80 and 20 < title.top < 70


@pytest.mark.slow
def test_a_grey_scan_turned_sideways_is_turned_back_and_gives_no_colour(
    turned: ScannedPage,
) -> None:
    assert turned.turn in (90, 270)
    assert (turned.width, turned.height) == pytest.approx((841.9, 595.3), abs=1)
    assert word_accuracy(turned) >= WORD_FLOOR
    assert not turned.colour
    assert any("grey scan" in w for w in turned.warnings)
    assert all(g.colour is None for g in turned.objects.glyphs)
    fills = [r["non_stroking_color"] for r in turned.objects.rects]
    assert fills and all(max(c) - min(c) < 0.05 for c in fills)  # grey levels, never a hue


@pytest.mark.slow
def test_coloured_dots_are_glyphs_with_their_colours() -> None:
    """seed003's first page (checked by rendering): a legend of red, amber and green dots, then
    two Progress cells each holding one amber dot."""
    from planingest.normalise.status import colour_class  # here: see test_ocr_pdf's docstring

    dots_pdf = SAMPLE.with_name("seed003_bme_traffic_light.pdf")
    scanned = scan_pdf(dots_pdf, Copier(colour=True, seed=5), pages=[0])
    page = read_scan(render_page(pdfium.PdfDocument(scanned), 0), 841.89, 595.3)
    dots = sorted((g.top, g.x0, g.colour) for g in page.objects.glyphs if g.text == "●")
    assert [colour_class(c or "") for _, _, c in dots] == [
        "red",
        "amber",
        "green",
        "amber",
        "amber",
    ]
    assert all(x < 60 for _, x, _ in dots[:3]) and all(400 < x < 460 for _, x, _ in dots[3:])
