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


# -- pages that turn --------------------------------------------------------------------------

LAND_W, LAND_H = PAGE_H, PAGE_W
"""A landscape frame: the table's upright page, 842 points wide and 595 high."""
TURNED_WIDTHS = [60, 400, 200]


def turned_rows(first: int) -> list[Box]:
    """The header and two actions numbered from ``first``, each action row 250 points high."""
    return [
        *HEADER,
        *(
            box
            for k in (0, 1)
            for box in (
                Box(1 + k, 0, (str(first + k),)),
                Box(1 + k, 1, (f"Action number {first + k}",)),
                Box(1 + k, 2, (f"Team {first + k}",)),
            )
        ),
    ]


def turning_pages(kinds: list[str], lefts: list[float] | None = None) -> bytes:
    """One page per kind, each with the landscape table drawn from 40 points down to 560 (of
    595) in its frame: ``rotate``, a landscape page shown turned by ``/Rotate 90``; ``turned``,
    an upright portrait page with the table drawn turned clockwise on it (as its ``/Rotate``
    neighbours show theirs); ``upright``, the table upright on a landscape page. ``lefts``: where
    each page's table starts across its frame (60 points)."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(LAND_W, LAND_H))
    for k, kind in enumerate(kinds):
        # reportlab takes the size as shown: a /Rotate 90 page shown portrait is stored landscape.
        c.setPageSize((LAND_W, LAND_H) if kind == "upright" else (PAGE_W, PAGE_H))
        c.setPageRotation(90 if kind == "rotate" else 0)
        if kind == "turned":
            c.translate(0, PAGE_H)
            c.rotate(-90)
        draw_table(
            c, turned_rows(1 + 2 * k), TURNED_WIDTHS, [20, 250, 250], left=(lefts or [60] * 9)[k],
            top=40,
            page_h=LAND_H,
        )  # fmt: skip
        c.showPage()
    c.save()
    return buf.getvalue()


def turned_whole(pages: int) -> list[list[str]]:
    body = [[str(n), f"Action number {n}", f"Team {n}"] for n in range(1, 2 * pages + 1)]
    return [["Ref", "Action", "Lead"], *body]


def test_a_table_over_rotate_and_turned_pages_is_one_table() -> None:
    """Odd pages carry /Rotate 90, the even page draws the table turned: each piece is read
    upright, placed on its page as shown, and the three are one table, its header once."""
    found = pieces(turning_pages(["rotate", "turned", "rotate"]))
    assert [(p.page, p.n_rows) for p in found] == [(1, 3), (2, 3), (3, 3)]
    # Shares of the page as shown, in the table's frame: from 40/595 down to 560/595.
    assert [(round(p.start, 2), round(p.end, 2)) for p in found] == [(0.07, 0.94)] * 3
    [table] = stitch(found, apart, DEFAULT_TUNING.stitch)
    assert table.pages == (1, 2, 3)
    assert rows(table) == turned_whole(3)


def test_pieces_read_in_different_frames_are_compared_by_their_column_widths() -> None:
    """Page 1 shows the table upright, page 2 turned: in page 2's upright frame the table
    stands 100 points further right than page 1's, but its columns are as wide. The same
    shift between two pieces read in the same frame is another table."""
    found = pieces(turning_pages(["upright", "rotate"], lefts=[60, 160]))
    assert [p.angle for p in found] == [0, 90]
    assert round(found[1].col_edges[0] - found[0].col_edges[0]) == 100
    [table] = stitch(found, apart, DEFAULT_TUNING.stitch)
    assert rows(table) == turned_whole(2)
    same_frame = pieces(turning_pages(["upright", "upright"], lefts=[60, 160]))
    assert len(stitch(same_frame, apart, DEFAULT_TUNING.stitch)) == 2


# -- transposed plans broken across pages ------------------------------------------------------

T_WIDTHS = [110, 200, 200]
BAND = Box(0, 0, ("1. Transport",), colspan=3)
KEY = ("Commission a cycle route audit", "Publish a bus shelter survey")


def line(row: int, label: str, values: tuple[str, ...]) -> list[Box]:
    return [Box(row, 0, (label,)), *(Box(row, 1 + k, (v,)) for k, v in enumerate(values))]


def transposed_pages(repeat: tuple[str, ...] | None, second_band: bool = False) -> bytes:
    """Page 1: a band and two field lines (action, outcome), drawn from 100 points down to 160,
    well above the page end; page 2 from 60 points down: the action line repeated under the
    label "Key Action (repeat)" with ``repeat`` (nothing when ``None``), then lead and deadline
    lines; a band opening page 2 first when ``second_band``."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(PAGE_W, PAGE_H))
    first = [
        BAND,
        *line(1, "Key Action", KEY),
        *line(2, "Outcome", ("Safer cycling", "Better shelters")),
    ]
    draw_table(c, first, T_WIDTHS, [20, 20, 20], top=100)
    c.showPage()
    second: list[Box] = [Box(0, 0, ("2. Housing",), colspan=3)] if second_band else []
    n = 1 if second_band else 0
    if repeat is not None:
        second += line(n, "Key Action (repeat)", repeat)
        n += 1
    second += line(n, "Lead Officer", ("Dana Ferris", "Olu Grant"))
    second += line(n + 1, "Deadline", ("March 2025", "June 2025"))
    draw_table(c, second, T_WIDTHS, [20] * (n + 2), top=60)
    c.showPage()
    c.save()
    return buf.getvalue()


TRANSPOSED = [
    ["1. Transport", "", ""],
    ["Key Action", *KEY],
    ["Outcome", "Safer cycling", "Better shelters"],
    ["Lead Officer", "Dana Ferris", "Olu Grant"],
    ["Deadline", "March 2025", "June 2025"],
]


def test_a_transposed_table_continued_with_its_action_line_repeated_is_one_table() -> None:
    """Page 1's piece ends at 160/842 of its page, far above its end: the repeated action line
    (values and all, under another label) says the next page carries on the same actions."""
    found = pieces(transposed_pages(repeat=KEY))
    assert found[0].end < DEFAULT_TUNING.stitch.ends_below
    [table] = stitch(found, apart, DEFAULT_TUNING.stitch)
    assert table.pages == (1, 2) and rows(table) == TRANSPOSED


def test_a_transposed_continuation_naming_only_new_fields_is_joined() -> None:
    [table] = stitch(pieces(transposed_pages(repeat=None)), apart, DEFAULT_TUNING.stitch)
    assert rows(table) == TRANSPOSED


def test_other_actions_or_a_new_band_make_another_transposed_table() -> None:
    other = ("Fit solar panels on depots", "Plant street trees")
    assert len(stitch(pieces(transposed_pages(repeat=other)), apart, DEFAULT_TUNING.stitch)) == 2
    banded = pieces(transposed_pages(repeat=KEY, second_band=True))
    assert len(stitch(banded, apart, DEFAULT_TUNING.stitch)) == 2


def test_a_row_table_ending_mid_page_is_not_taken_for_a_transposed_one() -> None:
    """The header-and-actions table of page 1, drawn from 100 points down, ends mid-page; page
    2's row starts with a reference, not a field name: two tables, as before."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(PAGE_W, PAGE_H))
    draw_table(c, FIRST, WIDTHS, [20, 20, 20], top=100)
    c.showPage()
    draw_table(c, [replace(b, row=0) for b in SECOND[3:]], WIDTHS, [20], top=60)
    c.showPage()
    c.save()
    assert len(stitch(pieces(buf.getvalue()), apart, DEFAULT_TUNING.stitch)) == 2
