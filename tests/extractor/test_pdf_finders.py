"""Each table finder on its own, on pages drawn here (the drawings of :mod:`test_pdf_drawn`).

A finder reads a :class:`PageContent` and returns what it found with the free glyphs it takes;
the page itself is left as it was. Every expected grid is what the drawing puts on the page
(checked by rendering with ``pdftoppm``).
"""

from __future__ import annotations

import io
from dataclasses import replace
from typing import Any

import playa
from reportlab.pdfgen import canvas

from planingest.extractor.pdf import read_pdf
from planingest.extractor.pdf_finders import FINDERS, RULED, find_tables
from planingest.extractor.pdf_layout import page_layout
from planingest.extractor.pdf_network import network_tables
from planingest.extractor.pdf_page import PageContent, Piece, read_page
from planingest.extractor.pdf_stitch import Stitched
from planingest.extractor.pdf_tuning import DEFAULT_TUNING, PdfTuning

from .test_pdf_drawn import (
    ALIGNED,
    ALIGNED_ROWS,
    MERGED,
    MERGED_ROWS,
    PAGE_H,
    PAGE_W,
    draw_aligned,
    draw_table,
    pdf_source,
)


def page_contents(data: bytes) -> list[PageContent]:
    """Every page of a PDF as the finders first see it: all glyphs free, no piece found."""
    with playa.parse(data, space="page") as pdf:
        return [read_page(p, n, DEFAULT_TUNING.grid) for n, p in enumerate(pdf.pages, start=1)]


def camelot_tables(data: bytes) -> tuple[Any, ...]:
    """camelot's ``network`` tables of page 1, found in the one reading of the page."""
    limits = DEFAULT_TUNING.limits
    with playa.parse(data, space="page") as pdf:
        page = pdf.pages[0]
        return tuple(network_tables(page_layout(page, limits).objects, page, limits))


def rows(piece: Piece | Stitched) -> list[list[str]]:
    """The piece's (or stitched table's) text as a grid, a merged cell's text at its anchor."""
    grid = [[""] * piece.n_cols for _ in range(piece.n_rows)]
    for cell in piece.cells:
        grid[cell.row][cell.col] = cell.text
    return grid


def text(content: PageContent) -> str:
    return "".join(g.text for g in content.free_glyphs if not g.text.isspace())


def ruled_page() -> bytes:
    """A heading, then the merged-cell table of :data:`MERGED` ruled under it."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(PAGE_W, PAGE_H))
    c.setFont("Helvetica-Bold", 14)
    c.drawString(60, PAGE_H - 70, "Workforce plan")
    draw_table(c, MERGED, [110, 180, 120], [20, 20, 20, 20])
    c.showPage()
    c.save()
    return buf.getvalue()


def aligned_page() -> bytes:
    """The borderless table of :data:`ALIGNED`, then a sentence well below it."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(PAGE_W, PAGE_H))
    bottom = draw_aligned(c, ALIGNED, (60, 120, 330))
    c.drawString(60, PAGE_H - bottom - 40, "Progress is reported to Cabinet each quarter.")
    c.showPage()
    c.save()
    return buf.getvalue()


def test_ruled_finder_reads_the_grid_with_its_spans_and_takes_only_its_glyphs() -> None:
    [content] = page_contents(ruled_page())
    assert content.pieces == ()
    [found] = FINDERS["ruled"](content, DEFAULT_TUNING)
    piece = found.piece
    assert (piece.engine, piece.n_rows, piece.n_cols) == ("pdf-ruled", 4, 3)
    assert rows(piece) == MERGED_ROWS
    spans = {
        (c.row, c.col): (c.rowspan, c.colspan) for c in piece.cells if c.rowspan * c.colspan > 1
    }
    assert spans == {(1, 0): (2, 1), (3, 0): (1, 3)}
    assert [round(x) for x in piece.col_edges] == [60, 170, 350, 470]
    left = content.taking([found])
    assert text(left) == "Workforceplan"
    assert left.pieces == (piece,) and content.pieces == ()  # the page read is unchanged


def gapped_rules_page() -> bytes:
    """One row of two cells whose side rules stop 2 points short of the top and bottom rules
    (as some writers leave a hairline gap at every joint)."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(PAGE_W, PAGE_H))
    xs, top, bottom = (60.0, 200.0, 340.0), 100.0, 130.0
    for y in (top, bottom):
        c.line(xs[0], PAGE_H - y, xs[-1], PAGE_H - y)
    for x in xs:
        c.line(x, PAGE_H - top - 2, x, PAGE_H - bottom + 2)
    c.setFont("Helvetica", 9)
    c.drawString(64, PAGE_H - 118, "Estates team")
    c.drawString(204, PAGE_H - 118, "March 2025")
    c.showPage()
    c.save()
    return buf.getvalue()


def test_ruled_finder_joins_rules_across_a_gap_up_to_the_intersection_tolerance() -> None:
    [content] = page_contents(gapped_rules_page())
    [found] = FINDERS["ruled"](content, DEFAULT_TUNING)
    assert rows(found.piece) == [["Estates team", "March 2025"]]
    strict = PdfTuning(grid=replace(DEFAULT_TUNING.grid, intersection_tolerance=1.0))
    assert FINDERS["ruled"](content, strict) == []


def test_stream_finder_reads_the_aligned_table_and_leaves_the_sentence_below() -> None:
    [content] = page_contents(aligned_page())
    [found] = FINDERS["stream"](content, DEFAULT_TUNING)
    assert found.piece.engine == "pdf-stream"
    assert rows(found.piece) == ALIGNED_ROWS
    assert text(content.taking([found])) == "ProgressisreportedtoCabineteachquarter."


def test_stream_finder_needs_min_rows_aligned_lines() -> None:
    [content] = page_contents(aligned_page())
    fewer = PdfTuning(stream=replace(DEFAULT_TUNING.stream, min_rows=5))
    assert FINDERS["stream"](content, fewer) == []


def test_network_finder_reads_camelots_table_with_our_glyphs() -> None:
    data = aligned_page()
    [content] = page_contents(data)
    assert FINDERS["network"](content, DEFAULT_TUNING) == []  # camelot not asked: nothing
    fed = replace(content, camelot=camelot_tables(data))
    [found] = FINDERS["network"](fed, DEFAULT_TUNING)
    assert found.piece.engine == "pdf-network"
    assert rows(found.piece) == ALIGNED_ROWS
    assert text(fed.taking([found])) == "ProgressisreportedtoCabineteachquarter."


def test_network_finder_leaves_a_table_the_ruled_finder_found() -> None:
    """camelot's table over a ruled table's box is that table, not a second one."""
    data = aligned_page()
    [content] = page_contents(data)
    fed = replace(content, camelot=camelot_tables(data))
    [found] = FINDERS["network"](fed, DEFAULT_TUNING)
    assert FINDERS["network"](replace(fed, pieces=(found.piece,)), DEFAULT_TUNING) == []


def test_steps_run_in_turn_each_on_what_the_one_before_left() -> None:
    """A ruled table and an aligned one on one page: the ruled finder takes its grid, the
    stream finder then sees only the rest, and reads the aligned table alone."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(PAGE_W, PAGE_H))
    draw_table(c, MERGED, [110, 180, 120], [20, 20, 20, 20])
    draw_aligned(c, ALIGNED, (60, 120, 330), top=300)
    c.showPage()
    c.save()
    [content] = page_contents(buf.getvalue())
    ruled = find_tables(content, RULED, DEFAULT_TUNING)
    both = find_tables(ruled, ("stream",), DEFAULT_TUNING)
    assert [p.engine for p in both.pieces] == ["pdf-ruled", "pdf-stream"]
    assert [rows(p) for p in both.pieces] == [MERGED_ROWS, ALIGNED_ROWS]
    assert text(both) == ""  # spaces between words are no table's
    doc = read_pdf(pdf_source(buf.getvalue()), borderless="stream")
    assert [t.text_rows() for t in doc.tables] == [MERGED_ROWS, ALIGNED_ROWS]


def test_read_pdf_passes_its_tuning_down() -> None:
    data = aligned_page()
    assert len(read_pdf(pdf_source(data), borderless="stream").tables) == 1
    fewer = PdfTuning(stream=replace(DEFAULT_TUNING.stream, min_rows=5))
    doc = read_pdf(pdf_source(data), borderless="stream", tuning=fewer)
    assert doc.tables == () and len(doc.texts) > 1


def titled_page() -> bytes:
    """A title and a dated line close over the borderless table of :data:`ALIGNED`, both
    starting where its first column does."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(PAGE_W, PAGE_H))
    c.setFont("Helvetica-Bold", 14)
    c.drawString(60, PAGE_H - 62, "Kestbridge City Council Housing Delivery Plan 2023-2026")
    c.setFont("Helvetica", 9)
    c.drawString(60, PAGE_H - 84, "Progress update - November 2024")
    draw_aligned(c, ALIGNED, (60, 120, 330))
    c.showPage()
    c.save()
    return buf.getvalue()


def test_network_finder_leaves_the_lines_over_the_header_outside() -> None:
    data = titled_page()
    [content] = page_contents(data)
    fed = replace(content, camelot=camelot_tables(data))
    [found] = FINDERS["network"](fed, DEFAULT_TUNING)
    assert rows(found.piece) == ALIGNED_ROWS
    assert text(fed.taking([found])) == (
        "KestbridgeCityCouncilHousingDeliveryPlan2023-2026Progressupdate-November2024"
    )
