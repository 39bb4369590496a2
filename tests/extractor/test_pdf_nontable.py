"""Borderless readings that are not tables (:mod:`pdf_nontable`), on pages drawn here.

Each page holds text that lines up like a table without being one: columns of running text, a
list whose bullets OCR read as letters, a chart's caption and axis labels. The stream reader,
tuned loose where it would already refuse the page, finds a "table" in each; the judge names
why it is none, and the finder step leaves it out. On a scanned page a reading of words OCR was
unsure of is a picture: its words are taken, no table made.
"""

from __future__ import annotations

import io
from dataclasses import asdict, replace
from pathlib import Path

from reportlab.pdfgen import canvas

from planingest.extractor.ocr_glyph import OcrGlyph
from planingest.extractor.ocr_page import Scanner
from planingest.extractor.pdf import assemble_document
from planingest.extractor.pdf_choose import choose
from planingest.extractor.pdf_finders import FINDERS, find_tables, run_step
from planingest.extractor.pdf_nontable import not_a_table
from planingest.extractor.pdf_text import Glyph
from planingest.extractor.pdf_tuning import DEFAULT_TUNING, PdfTuning
from planingest.extractor.source import SourceFile, sha256_hex

from .test_pdf_choose import prose_page
from .test_pdf_drawn import ALIGNED_ROWS, PAGE_H, PAGE_W
from .test_pdf_finders import aligned_page, page_contents, rows

LAX = PdfTuning(stream=replace(DEFAULT_TUNING.stream, max_mean_chunk=1000))
"""The stream reader with its own prose test off, so that the judge is what refuses."""
JUDGE = DEFAULT_TUNING.nontable


def drawn(lines: list[tuple[float, float, str]], size: float = 9) -> bytes:
    """A page with each text drawn at (x, y below the top)."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(PAGE_W, PAGE_H))
    c.setFont("Helvetica", size)
    for x, y, text in lines:
        c.drawString(x, PAGE_H - y, text)
    c.showPage()
    c.save()
    return buf.getvalue()


def test_two_columns_of_running_text_are_prose() -> None:
    [content] = page_contents(prose_page())
    [found] = FINDERS["stream"](content, LAX)
    assert not_a_table(found.piece, JUDGE) == "prose"
    assert run_step("stream", content, LAX) == []


def test_a_list_whose_bullets_read_as_letters_is_a_list() -> None:
    items = [
        "Publish the workforce profile",
        "Report the pay gap each spring",
        "Train every manager in recruitment",
        "Review the plan with the unions",
    ]
    page = drawn([(x, 100 + 14 * i, t) for i, item in enumerate(items) for x, t in
                  ((60, "e"), (80, item))])  # fmt: skip
    [content] = page_contents(page)
    [found] = FINDERS["stream"](content, DEFAULT_TUNING)
    assert [r[0] for r in rows(found.piece)] == ["e"] * 4
    assert not_a_table(found.piece, JUDGE) == "list"
    assert run_step("stream", content, DEFAULT_TUNING) == []


def test_a_chart_under_its_caption_is_a_figure() -> None:
    """A caption over a y axis and a legend: the labels line up in rows and columns."""
    labels = [(60, 100, "Figure 2. Complaints by year"), (360, 100, "Received")]
    labels += [(60, 100 + 16 * i, v) for i, v in enumerate(["400", "300", "200", "100"], 1)]
    labels += [(360, 116, "Upheld"), (360, 132, "Withdrawn")]
    [content] = page_contents(drawn(labels))
    [found] = FINDERS["stream"](content, DEFAULT_TUNING)
    assert rows(found.piece)[0] == ["Figure 2. Complaints by year", "Received"]
    assert not_a_table(found.piece, JUDGE) == "figure"


def test_labels_scattered_over_a_chart_are_sparse() -> None:
    """Axis values down the left, series names each on its own line far to the right."""
    labels = [(60, 100 + 16 * i, v) for i, v in enumerate(["400", "300", "200", "100"])]
    labels += [(200, 100, "Received"), (280, 116, "Upheld"), (360, 132, "Withdrawn")]
    labels += [(440, 148, "Closed"), (520, 148, "Open")]
    [content] = page_contents(drawn(labels))
    [found] = FINDERS["stream"](content, DEFAULT_TUNING)
    assert (found.piece.n_rows, found.piece.n_cols) == (4, 6)  # 9 cells of 24 hold text
    assert not_a_table(found.piece, JUDGE) == "sparse"


def test_prose_cut_where_its_word_gaps_line_up_is_spanned() -> None:
    """Justified lines whose word gaps (over an em, as in stretched monospaced text) fall in
    the same places on three lines: the other lines run across those columns."""
    stretched = ["be", "careful", "in", "analyzing", "data", "from"]
    prose = "exact expressions for sampling errors are often not available and they"
    page: list[tuple[float, float, str]] = []
    for i in range(7):  # a stretched line, then two of plain prose, and again
        if i % 3 == 0:
            page += [(60 + 60 * k, 100 + 12 * i, w) for k, w in enumerate(stretched)]
        else:
            page.append((60, 100 + 12 * i, prose))
    [content] = page_contents(drawn(page, size=10))
    [found] = FINDERS["stream"](content, DEFAULT_TUNING)
    assert not_a_table(found.piece, JUDGE) == "spanned"


def test_a_table_is_left_as_it_is() -> None:
    [content] = page_contents(aligned_page())
    [found] = FINDERS["stream"](content, DEFAULT_TUNING)
    assert rows(found.piece) == ALIGNED_ROWS
    assert not_a_table(found.piece, JUDGE) is None


def test_a_plan_of_two_columns_of_wrapped_cells_stays_a_table() -> None:
    """Under its headings, each cell of this plan runs to two lines of prose-length text: the
    headings say it is a table, not two columns of body text."""
    cells = [
        ("Publish the workforce profile each year and", "A pay gap report reaches the scrutiny"),
        ("report the pay gap to the scrutiny committee.", "committee every spring from next year."),
        ("Train every manager in fair recruitment and", "Every interview panel has a member with"),
        ("refresh the training every two years in full.", "training from the last two years."),
        ("Survey all staff on flexible working options", "Requests for flexible working answered"),
        ("and publish what the survey found each autumn.", "within four weeks in most cases."),
    ]
    page = [(60, 90, "Action"), (330, 90, "Expected outcome")]
    for i, (left, right) in enumerate(cells):
        top = 110 + 12 * i + 8 * (i // 2)  # two lines a row, rows set apart
        page += [(60, top, left), (330, top, right)]
    [content] = page_contents(drawn(page))
    [found] = FINDERS["stream"](content, LAX)
    assert rows(found.piece)[0] == ["Action", "Expected outcome"]
    assert rows(found.piece)[1][1] == " ".join(c[1] for c in cells[:2])
    assert not_a_table(found.piece, JUDGE) is None
    assert [f.piece for f in run_step("stream", content, LAX)] == [found.piece]


def test_on_a_scan_words_ocr_is_unsure_of_are_a_picture_not_a_table() -> None:
    """The drawn table's glyphs as OCR words: read well, a table; read at 30 % confidence (a
    chart's curves read as letters), no table, its words gone from the page's text (the
    sentence below it, read well, stays)."""
    data = aligned_page()
    [content] = page_contents(data)
    source = SourceFile(Path("scan.pdf"), "pdf", sha256_hex(data), len(data), data)
    for sure, tables in ((0.95, 1), (0.3, 0)):
        words = tuple(OcrGlyph(**asdict(g), confidence=sure) for g in content.free_glyphs)
        scan = replace(content, free_glyphs=words, scanned=True)
        after = find_tables(scan, ("stream",), DEFAULT_TUNING)
        assert len(after.pieces) == tables
        left = "".join(g.text for g in after.free_glyphs if not g.text.isspace())
        assert left == "ProgressisreportedtoCabineteachquarter."
        document = assemble_document(source, [scan], Scanner(data), ("stream",))
        said = [w for w in document.warnings if "taken as pictures" in w]
        assert said == ([] if tables else [PICTURE_WARNING])


PICTURE_WARNING = (
    "page 1: 1 region(s) whose words OCR read with under 50% confidence taken as pictures; "
    "no table or text read from them"
)


def test_the_chooser_measures_prose_in_letters_also_when_a_glyph_is_a_word() -> None:
    """OCR gives one glyph per word: columns of running text so read are still prose."""
    [content] = page_contents(prose_page())
    words: list[Glyph] = []
    for g in content.free_glyphs:
        if g.text.isspace():
            continue
        last = words[-1] if words else None
        if last is not None and last.top == g.top and g.x0 - last.x1 < 0.2 * g.size:
            words[-1] = replace(last, text=last.text + g.text, x1=g.x1)
        else:
            words.append(g)
    scan = replace(content, free_glyphs=tuple(words), scanned=True)
    [found] = FINDERS["stream"](scan, LAX)
    assert choose(scan.free_glyphs, [found], [], DEFAULT_TUNING.stream.max_mean_chunk) == []
