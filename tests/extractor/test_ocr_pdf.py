"""Scanned pages through the whole PDF reader and pipeline: an image-only plan gives its records,
a mixed PDF gives the tables of both kinds of page, ``ocr=False`` (``--no-ocr``) brings back the
``needs_ocr`` failure, and a text layer is used when it reads as words, OCR'd when it does not.

Twins are made at test time by ``benchmarks/scan.py``. ``samples/climate_action_plan.pdf`` is one
landscape page: a ruled 6-column table of 10 actions under two theme rows, RAG cells shaded red,
amber, green and blue (checked by rendering it with ``pdftoppm``).
``samples/digital_inclusion_status.pdf`` is one portrait page: a ruled table of 7 actions.

The pipeline, the CLI and the normaliser are imported inside the tests: importing the
``planingest.normalise`` package while test modules are collected makes a later module's
``from planingest import normalise`` give the package instead of the function.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageDraw, ImageFont
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from typer.testing import CliRunner

from planingest.errors import NeedsOCR
from planingest.extractor.model import ExtractedDocument, Table
from planingest.extractor.ocr_page import layer_tokens, plausible, reads_as_words
from planingest.extractor.pdf import read_pdf
from planingest.extractor.pdf_text import Glyph
from planingest.extractor.source import read_source
from planingest.settings import Settings

if TYPE_CHECKING:
    from planingest.normalise.records import PlanDocument

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

from scan import Copier, scan_pdf  # noqa: E402

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
CLIMATE = SAMPLES / "climate_action_plan.pdf"
INCLUSION = SAMPLES / "digital_inclusion_status.pdf"


@pytest.fixture(scope="module")
def twin(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The climate plan printed and copied in colour, 1.5° askew: an image-only PDF."""
    path = tmp_path_factory.mktemp("scan") / "climate.scan.pdf"
    path.write_bytes(scan_pdf(CLIMATE, Copier(colour=True, skew=1.5, seed=1)))
    return path


@pytest.fixture(scope="module")
def read_twin(twin: Path) -> tuple[ExtractedDocument, PlanDocument]:
    from planingest.pipeline import extract_and_normalise

    return extract_and_normalise(twin, Settings(lexicon=None))


@pytest.mark.slow
def test_an_image_only_plan_gives_the_records_of_its_golden(
    read_twin: tuple[ExtractedDocument, PlanDocument],
) -> None:
    extracted, plan = read_twin
    from planingest.ops.evaluate import load_golden, score_document

    assert [t.engine for t in extracted.tables] == ["pdf-ocr"]
    assert extracted.warnings[0] == "page 1: read by OCR (an image with no text layer)"
    golden = load_golden(CLIMATE.with_suffix(".expected.json"))
    score = score_document("twin", golden, plan)
    assert score.f1 >= 0.9 and score.mean_field_accuracy >= 0.85, (
        score.f1,
        score.mean_field_accuracy,
    )
    # The RAG shading read off the pixels, in the golden's order (blue is complete, no RAG).
    assert [r.rag for r in plan.records] == [g.get("rag") for g in golden["records"]]


@pytest.mark.slow
def test_cells_carry_ocr_confidence_into_the_records(
    read_twin: tuple[ExtractedDocument, PlanDocument],
) -> None:
    extracted, plan = read_twin
    cells = [c for c in extracted.tables[0].cells if c.text]
    assert cells and all(c.confidence is not None and 0 < c.confidence <= 1 for c in cells)
    assert sum(c.confidence or 0 for c in cells) / len(cells) > 0.8
    by_place = {(c.row, c.col): c for c in extracted.tables[0].cells}
    for record in plan.records:
        action = record.provenance["action"]
        assert action.engine == "ocr"
        assert action.row is not None and action.col is not None
        cell = by_place[(action.row, action.col)]
        assert record.confidence["action"] == cell.confidence
        assert record.confidence["status"] <= 1


def layout(table: Table) -> list[tuple[int, int, int, int]]:
    return sorted((c.row, c.col, c.rowspan, c.colspan) for c in table.cells)


def words(text: str) -> Counter[str]:
    return Counter(w for w in (re.sub(r"^\W+|\W+$", "", t) for t in text.split()) if w)


@pytest.mark.slow
def test_the_ruled_grid_finder_gives_the_digital_table(
    read_twin: tuple[ExtractedDocument, PlanDocument],
) -> None:
    digital = read_pdf(read_source(CLIMATE)).tables
    scanned = read_twin[0].tables
    assert len(scanned) == len(digital) == 1
    assert (scanned[0].n_rows, scanned[0].n_cols) == (digital[0].n_rows, digital[0].n_cols)
    assert layout(scanned[0]) == layout(digital[0])
    by_anchor = {(c.row, c.col): c for c in scanned[0].cells}
    same = sum(
        words(c.text) == words(by_anchor[(c.row, c.col)].text) for c in digital[0].cells if c.text
    )
    assert same >= 0.8 * sum(1 for c in digital[0].cells if c.text)


@pytest.mark.slow
def test_traffic_light_fills_are_sampled_from_the_pixels(
    read_twin: tuple[ExtractedDocument, PlanDocument],
) -> None:
    from planingest.normalise.status import colour_class

    digital = read_pdf(read_source(CLIMATE)).tables[0]
    scanned = read_twin[0].tables[0]
    rag = {c.row: c for c in scanned.cells if c.col == 4}
    expected = {c.row: colour_class(c.fill_colour) for c in digital.cells if c.fill_colour}
    assert sorted(set(expected.values())) == ["amber", "blue", "green", "red"]
    got = {row: colour_class(rag[row].fill_colour or "#ffffff") for row in expected}
    assert got == expected


def test_ocr_off_an_image_only_pdf_still_needs_ocr(twin: Path) -> None:
    with pytest.raises(NeedsOCR, match="OCR is off"):
        read_pdf(read_source(twin), ocr=False)


@pytest.mark.slow
def test_an_image_only_plan_imports_and_no_ocr_fails_it(tmp_path: Path, twin: Path) -> None:
    from planingest.cli import app

    db = f"sqlite:///{tmp_path / 'plans.db'}"
    result = CliRunner().invoke(app, ["import", str(twin), "--db", db, "--json"])
    summary = json.loads(result.stdout)
    assert (summary["imported"], summary["records"], summary["failures"]) == (1, 10, [])

    db = f"sqlite:///{tmp_path / 'again.db'}"
    result = CliRunner().invoke(app, ["import", str(twin), "--db", db, "--json", "--no-ocr"])
    summary = json.loads(result.stdout)
    assert summary["imported"] == 0
    assert [f["code"] for f in summary["failures"]] == ["needs_ocr"]


def test_the_ocr_setting_off_gives_needs_ocr_through_import_and_extract(
    tmp_path: Path, twin: Path
) -> None:
    """``PLANINGEST_OCR=false`` (the setting, workers inherit it) and ``extract --no-ocr``."""
    from planingest.cli import app

    db = f"sqlite:///{tmp_path / 'plans.db'}"
    env = {"PLANINGEST_OCR": "false"}
    result = CliRunner().invoke(app, ["import", str(twin), "--db", db, "--json"], env=env)
    summary = json.loads(result.stdout)
    assert summary["imported"] == 0
    assert [f["code"] for f in summary["failures"]] == ["needs_ocr"]

    result = CliRunner().invoke(app, ["extract", str(twin), "--no-ocr"])
    assert result.exit_code == 2
    assert "images with no text layer; OCR is off" in result.stderr


@pytest.mark.slow
def test_a_mixed_pdf_gives_the_tables_of_its_digital_and_scanned_pages(
    tmp_path: Path, twin: Path
) -> None:
    """Page 1 the digital inclusion plan as drawn, page 2 the scanned climate plan: with OCR the
    actions of both, without it page 1's alone."""
    mixed = pdfium.PdfDocument.new()
    for path in (INCLUSION, twin):
        mixed.import_pages(pdfium.PdfDocument(path), [0])
    target = tmp_path / "mixed.pdf"
    mixed.save(target)
    from planingest.pipeline import extract_and_normalise

    extracted, plan = extract_and_normalise(target, Settings(lexicon=None))
    assert [(t.pages, t.engine) for t in extracted.tables] == [
        ((1,), "pdf-ruled"),
        ((2,), "pdf-ocr"),
    ]
    assert all(c.confidence is None for c in extracted.tables[0].cells)
    assert extracted.tables[1].n_cols == 6
    assert len(plan.records) == 17  # 7 digital + 10 scanned
    _, digital = extract_and_normalise(target, Settings(lexicon=None, ocr=False))
    assert len(digital.records) == 7


def glyphs_of(text: str) -> list[Glyph]:
    """One line of glyphs, a letter every 5 points, words a space apart."""
    out, x = [], 0.0
    for ch in text:
        out.append(Glyph(ch, x, 0, x + 4, 10, 10, 0, None, False))
        x += 5 if ch != " " else 8
    return out


def test_a_text_layer_is_used_when_it_reads_as_words() -> None:
    def sound(text: str) -> bool:
        return reads_as_words(layer_tokens(glyphs_of(text)))

    assert sound("Complete heat decarbonisation plans for the six sites by 2024.")
    assert sound("Ref 1.1 Q3 2023/24 £4,500 20% CCTV upgrade (Estates Team)")
    assert not sound("Tl1e qu1ck ~ro\\vn f0x jnmps ovcr tl1c 1azy d0g")
    assert not sound("ÿþ ¤¦ §¨ ©ª «¬ ®¯ °± ²³")
    assert layer_tokens(glyphs_of("Page 3, of 12")) == ["Page", "3,", "of", "12"]
    assert plausible("decarbonisation") and plausible("Marsh-Oduya") and plausible("1st")
    assert not plausible("bcdfgh") and not plausible("w0rd") and not plausible("rN")


def page_image(text: str) -> Image.Image:
    image = Image.new("L", (1240, 600), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=40)
    for i, line in enumerate(text.split("\n")):
        draw.text((80, 80 + 60 * i), line, fill=0, font=font)
    return image


def scan_with_layer(path: Path, layer: str) -> Path:
    """A page image (150 dpi) with an invisible text layer over it, as a scanner writes one."""
    canvas = Canvas(str(path), pagesize=(595, 288), invariant=True)
    canvas.drawImage(ImageReader(page_image(PRINTED)), 0, 0, 595, 288)
    text = canvas.beginText(40, 240)
    text.setTextRenderMode(3)  # invisible
    text.setFont("Helvetica", 19)
    for line in layer.split("\n"):
        text.textLine(line)
    canvas.drawText(text)
    canvas.showPage()
    canvas.save()
    return path


PRINTED = "Progress report for the quarter\nAll surveys complete on time\nBudget agreed"


@pytest.mark.slow
def test_a_garbage_text_layer_is_replaced_by_ocr_and_a_sound_one_kept(tmp_path: Path) -> None:
    sound = "Progress report for the quarter\nAll surveys complete on tirne\nBudget agreed"
    kept = read_pdf(read_source(scan_with_layer(tmp_path / "sound.pdf", sound)))
    assert "tirne" in " ".join(b.text for b in kept.texts)  # the layer, not a new reading
    assert not any("OCR" in w for w in kept.warnings)

    garbage = "Pr0gr~ss rcp0rt f0r tl1e qu^rtcr\nA11 snrv~ys c0mp1ctc 0n tirnc\nBndg~t ^grccd"
    read = read_pdf(read_source(scan_with_layer(tmp_path / "garbage.pdf", garbage)))
    assert read.warnings[0] == "page 1: read by OCR (its text layer does not read as words)"
    text = " ".join(b.text for b in read.texts)
    assert "surveys complete on time" in text and "0" not in text

    stamped = read_pdf(read_source(scan_with_layer(tmp_path / "stamped.pdf", "Page 3")))
    assert stamped.warnings[0].startswith("page 1: read by OCR (only a few words")
    assert "Budget agreed" in " ".join(b.text for b in stamped.texts)
