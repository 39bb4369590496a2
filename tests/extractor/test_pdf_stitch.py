"""The page stitcher on ruled tables drawn over two pages.

Pieces come from the ruled finder, placed on their pages as the reader places them. Every
expected grid is what the drawing puts on the page (checked by rendering with ``pdftoppm``).
"""

from __future__ import annotations

import io
from dataclasses import replace

from reportlab.pdfgen import canvas

from planingest.extractor.pdf_finders import FINDERS
from planingest.extractor.pdf_page import Piece
from planingest.extractor.pdf_stitch import stitch
from planingest.extractor.pdf_tuning import DEFAULT_TUNING, StitchTuning

from .test_pdf_drawn import PAGE_H, PAGE_W, Box, draw_table
from .test_pdf_finders import page_contents, rows

WIDTHS = [40, 200, 120]
HEADER = [Box(0, 0, ("Ref",)), Box(0, 1, ("Action",)), Box(0, 2, ("Lead",))]
FIRST = [
    *HEADER,
    Box(1, 0, ("1",)),
    Box(1, 1, ("Publish the workforce profile",)),
    Box(1, 2, ("HR team",)),
    Box(2, 0, ("2",)),
    Box(2, 1, ("Run a staff survey",)),
    Box(2, 2, ("Equality Team",)),
]
"""Page 1: the header and two actions, drawn from 740 points down to 800 (of 842)."""
SECOND = [
    *HEADER,
    Box(1, 0, ("3",)),
    Box(1, 1, ("Train all managers",)),
    Box(1, 2, ("City Learning",)),
]
"""Page 2: the header repeated and a third action, drawn from 60 points down."""
WHOLE = [
    ["Ref", "Action", "Lead"],
    ["1", "Publish the workforce profile", "HR team"],
    ["2", "Run a staff survey", "Equality Team"],
    ["3", "Train all managers", "City Learning"],
]


def two_pages(second_left: float = 60) -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(PAGE_W, PAGE_H))
    draw_table(c, FIRST, WIDTHS, [20, 20, 20], top=740)
    c.showPage()
    draw_table(c, SECOND, WIDTHS, [20, 20], left=second_left, top=60)
    c.showPage()
    c.save()
    return buf.getvalue()


def pieces(data: bytes) -> list[Piece]:
    """The ruled pieces of every page, placed on their page, in reading order."""
    return [
        content.placed(found.piece)
        for content in page_contents(data)
        for found in FINDERS["ruled"](content, DEFAULT_TUNING)
    ]


def apart(a: Piece, b: Piece) -> bool:
    return False


def test_a_table_continued_on_the_next_page_is_one_with_its_header_once() -> None:
    found = pieces(two_pages())
    assert [(p.page, p.n_rows) for p in found] == [(1, 3), (2, 2)]
    [table] = stitch(found, apart, DEFAULT_TUNING.stitch)
    assert table.pages == (1, 2) and (table.n_rows, table.n_cols) == (4, 3)
    assert rows(table) == WHOLE
    assert sorted((c.row, c.col) for c in table.cells if c.is_header) == [(0, 0), (0, 1), (0, 2)]
    assert table.warnings == []


def test_columns_must_line_up_within_the_column_tolerance() -> None:
    """Page 2's table drawn 4 points right of page 1's is the same table; 12 points right,
    another one."""
    assert len(stitch(pieces(two_pages(second_left=64)), apart, DEFAULT_TUNING.stitch)) == 1
    shifted = stitch(pieces(two_pages(second_left=72)), apart, DEFAULT_TUNING.stitch)
    assert [rows(t) for t in shifted] == [
        WHOLE[:3],
        [["Ref", "Action", "Lead"], ["3", "Train all managers", "City Learning"]],
    ]
    wider = replace(DEFAULT_TUNING.stitch, column_tolerance=12.0)
    assert len(stitch(pieces(two_pages(second_left=72)), apart, wider)) == 1


def test_text_the_writer_put_between_the_pieces_keeps_them_apart() -> None:
    found = pieces(two_pages())
    assert len(stitch(found, lambda a, b: True, DEFAULT_TUNING.stitch)) == 2


def test_a_piece_ends_near_its_page_end_and_its_continuation_starts_near_the_top() -> None:
    """Page 1's table ends at 800/842 (0.95) of its page, page 2's starts at 60/842 (0.07)."""
    found = pieces(two_pages())
    assert round(found[0].end, 2) == 0.95 and round(found[1].start, 2) == 0.07

    def count(tuning: StitchTuning) -> int:
        return len(stitch(found, apart, tuning))

    assert count(StitchTuning(ends_below=0.94)) == 1
    assert count(StitchTuning(ends_below=0.96)) == 2
    assert count(StitchTuning(starts_above=0.08)) == 1
    assert count(StitchTuning(starts_above=0.06)) == 2
