"""Unruled plan tables drawn here: column titles turned 90° over columns kept apart by white
space alone, a numbered theme band under the titles, a status column of fills without text, and
two columns (an officer and a date) set closer than an em. Every expected grid is what the
drawing puts on the page (checked by rendering with ``pdftoppm``)."""

from __future__ import annotations

import io

from reportlab.lib.colors import HexColor, black
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

from planingest.extractor.pdf_finders import FINDERS
from planingest.extractor.pdf_tuning import DEFAULT_TUNING

from .test_pdf_drawn import PAGE_H, PAGE_W, read
from .test_pdf_finders import page_contents, rows

TITLES = ("Ref", "Action", "Lead Officer", "Target Date", "RAG", "Progress")
BODY = [
    ("2.1", ("Expand the cycle hire scheme",), "Transport Planner", "March 2025", "00B050",
     "On track"),
    ("2.2", ("Review the bus lanes and the junctions on the", "ring road"), "Highways Team",
     "June 2025", "FFC000", "Survey done"),
    ("2.3", ("Fit charging points at depots",), "Fleet Manager", "2026", "FF0000", "Delayed"),
]  # fmt: skip
SIZE, LEADING = 8.0, 10.0


def _xs() -> list[float]:
    """Column starts: the date column 5 points after the longest officer name (under an em)."""
    lead = 250.0
    date = lead + max(stringWidth(r[2], "Helvetica", SIZE) for r in BODY) + 5
    return [40.0, 70.0, lead, date, date + 60, date + 110]


def plan_page(turned: bool = True) -> bytes:
    """The plan table: titles (turned 90°, reading bottom to top, or upright), the band
    "2. Transport", three actions with a fill-only RAG cell each."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(PAGE_W, PAGE_H))
    xs = _xs()
    c.setFont("Helvetica-Bold", 12)
    c.drawString(40, PAGE_H - 50, "Climate Action Plan")
    foot = PAGE_H - 140
    c.setFont("Helvetica-Bold", SIZE)
    for x, title in zip(xs, TITLES, strict=True):
        if turned:
            c.saveState()
            c.translate(x + SIZE, foot)
            c.rotate(90)
            c.drawString(0, 0, title)
            c.restoreState()
        else:
            c.drawString(x, foot, title)
    y = foot - 16
    c.drawString(40, y, "2. Transport")
    y -= 16
    c.setFont("Helvetica", SIZE)
    for ref, action, lead, date, rag, progress in BODY:
        height = LEADING * len(action) + 6
        c.setFillColor(HexColor(f"#{rag}"))
        c.rect(xs[4], y - height + SIZE + 3, 40, height, stroke=0, fill=1)
        c.setFillColor(black)
        for x, text in zip(xs, (ref, action[0], lead, date, "", progress), strict=True):
            c.drawString(x, y, text)
        for k, more in enumerate(action[1:], start=1):
            c.drawString(xs[1], y - k * LEADING, more)
        y -= height
    c.showPage()
    c.save()
    return buf.getvalue()


EXPECTED = [
    list(TITLES),
    ["2. Transport", "", "", "", "", ""],
    ["2.1", "Expand the cycle hire scheme", "Transport Planner", "March 2025", "", "On track"],
    ["2.2", "Review the bus lanes and the junctions on the ring road", "Highways Team",
     "June 2025", "", "Survey done"],
    ["2.3", "Fit charging points at depots", "Fleet Manager", "2026", "", "Delayed"],
]  # fmt: skip


def test_turned_titles_are_the_header_row_over_band_fills_and_close_columns() -> None:
    [content] = page_contents(plan_page())
    [found] = FINDERS["stream"](content, DEFAULT_TUNING)
    assert rows(found.piece) == EXPECTED
    header = [c for c in found.piece.cells if c.row == 0]
    assert all((c.rotation, c.direction) == (270, "bt-lr") for c in header)  # reads upwards
    # The RAG column holds no text: its cells are its fills, the title and the band have none.
    fills = {c.row: c.fill_colour for c in found.piece.cells if c.fill_colour}
    assert fills == {2: "#00b050", 3: "#ffc000", 4: "#ff0000"}


def test_the_chooser_keeps_the_reading_with_the_turned_header() -> None:
    """camelot takes the turned titles into its box but reads none of them: the alignment
    reading with the header row wins (read through the whole document, network first)."""
    doc = read(plan_page())
    [table] = doc.tables
    assert table.text_rows() == EXPECTED
    assert [c.fill_colour for c in table.cells if c.col == 4 and c.row >= 2] == [
        "#00b050",
        "#ffc000",
        "#ff0000",
    ]


def test_two_columns_closer_than_an_em_stay_apart() -> None:
    """Upright titles this time: the officer and the date columns keep their gutter, however
    close, because every date starts flush at it."""
    [content] = page_contents(plan_page(turned=False))
    [found] = FINDERS["stream"](content, DEFAULT_TUNING)
    grid = rows(found.piece)
    assert found.piece.n_cols == 6
    assert [r[2:4] for r in grid[2:]] == [
        ["Transport Planner", "March 2025"],
        ["Highways Team", "June 2025"],
        ["Fleet Manager", "2026"],
    ]


def test_without_turned_titles_nothing_is_taken_above_the_table() -> None:
    """The band and title lines above an upright table stay as they were read before: the
    heading above is no row of the table."""
    [content] = page_contents(plan_page(turned=False))
    [found] = FINDERS["stream"](content, DEFAULT_TUNING)
    assert rows(found.piece)[0] == list(TITLES)


NOTE = (
    "Draft written and shared with the board; the final report is due in the summer once the "
    "audit of the fleet has ended."
)
WRAPPED = [
    ("Expand the cycle parking scheme at the depot with", "Energy Team", "March 2025",
     ("Racks fitted.",)),
    ("the support of the voluntary sector", "", "", ()),
    ("Publish the fleet report", "Fleet Services", "June 2025",
     tuple(simpleSplit(NOTE, "Helvetica", SIZE, 110))),
    ("Train staff on the new travel plan", "Transport Planner", "2026", ("Not started.",)),
]  # fmt: skip
"""(action line, lead, date, progress lines) per drawn text line: the first action wraps onto a
second line starting in lower case; the second action's progress runs four lines."""


def wrapped_page() -> bytes:
    """An unruled plan whose action cells wrap and whose progress notes run longer than the rest
    of their row, rows set 6 points apart (paragraph spacing) and lines 10 points apart."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(PAGE_W, PAGE_H))
    xs = (40.0, 236.0, 316.0, 376.0)  # "the" would not fit after "with" before the lead
    c.setFont("Helvetica-Bold", SIZE)
    y = PAGE_H - 100
    for x, title in zip(xs, ("Action", "Lead", "Due", "Progress"), strict=True):
        c.drawString(x, y, title)
    c.setFont("Helvetica", SIZE)
    y -= 16
    for action, lead, due, progress in WRAPPED:
        if action.startswith("the "):  # the first action's second line
            y -= LEADING
        elif y < PAGE_H - 116:
            y -= 6 + LEADING
        for x, text in zip(xs[:3], (action, lead, due), strict=True):
            c.drawString(x, y, text)
        for k, line in enumerate(progress):
            c.drawString(xs[3], y - k * LEADING, line)
        y -= LEADING * (max(len(progress), 1) - 1)
    c.showPage()
    c.save()
    return buf.getvalue()


WRAPPED_ROWS = [
    ["Action", "Lead", "Due", "Progress"],
    ["Expand the cycle parking scheme at the depot with the support of the voluntary sector",
     "Energy Team", "March 2025", "Racks fitted."],
    ["Publish the fleet report", "Fleet Services", "June 2025",
     NOTE],
    ["Train staff on the new travel plan", "Transport Planner", "2026", "Not started."],
]  # fmt: skip


def test_rows_start_where_the_first_column_starts_a_cell_not_on_every_line() -> None:
    """A wrapped first-column line (lower case, its first word too long for the line above) is
    no new row, in both readers; a progress note longer than its row does not end the table."""
    [content] = page_contents(wrapped_page())
    [stream] = FINDERS["stream"](content, DEFAULT_TUNING)
    assert rows(stream.piece) == WRAPPED_ROWS
    doc = read(wrapped_page())
    [table] = doc.tables
    assert table.text_rows() == WRAPPED_ROWS
