"""A borderless table whose first column holds themes turned 90°, each merged over its rows
(a Word ``btLr`` merged cell printed without borders): rows are told apart by the next column,
each theme is one cell spanning its rows, and every record under it carries it. Drawn here with
reportlab (checked by rendering with ``pdftoppm``)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from reportlab.pdfgen import canvas

from planingest.extractor.pdf_finders import FINDERS
from planingest.extractor.pdf_tuning import DEFAULT_TUNING
from planingest.pipeline import process

from .test_pdf_finders import page_contents, rows

W, H = 842.0, 595.0
XS = (40, 90, 130, 330, 470)
HEADER = ("Theme", "Ref", "Action", "Lead officer", "Deadline")
BODY = [
    ("1.1", "Install LED street lighting", "Fleet Services", "March 2025"),
    ("1.2", "Pilot a cycle parking scheme", "Waste Services", "June 2025"),
    ("1.3", "Review the fleet replacement programme", "Parks Service", "May 2025"),
    ("2.1", "Publish the housing allocations policy", "Housing Team", "July 2025"),
    ("2.2", "Expand the tenant energy advice service", "Public Health Team", "Spring 2026"),
    ("2.3", "Commission heat pumps in two leisure centres", "Property Team", "2025/26"),
]
THEMES = ((3, "1. Transport"), (6, "2. Homes"))
"""(the row after the theme's last, its text)"""
PITCH = 22.0
TOP = 80.0


def turned_side_page(turned_titles: bool = False) -> bytes:
    """The header (upright, or its titles turned 90° standing on the table), six rows, and each
    theme turned bottom to top at the foot of its rows."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(W, H))
    c.setFont("Helvetica-Bold", 8)
    for x, title in zip(XS, HEADER, strict=True):
        if turned_titles:
            c.saveState()
            c.translate(x + 8, H - TOP - 4)
            c.rotate(90)
            c.drawString(0, 0, title)
            c.restoreState()
        else:
            c.drawString(x, H - TOP, title)
    c.setFont("Helvetica", 8)
    for r, values in enumerate(BODY):
        for x, value in zip(XS[1:], values, strict=True):
            c.drawString(x, H - TOP - PITCH * (r + 1), value)
    for end, theme in THEMES:
        c.saveState()
        foot = H - TOP - PITCH * end + 4
        c.translate(XS[0] + 8, foot)
        c.rotate(90)
        c.setFont("Helvetica-Bold", 8)
        c.drawString(0, 0, theme)
        c.restoreState()
    c.showPage()
    c.save()
    return buf.getvalue()


@pytest.mark.parametrize("turned_titles", [False, True])
def test_turned_side_column_is_merged_cells_and_rows_start_in_the_next_column(
    turned_titles: bool,
) -> None:
    """With turned titles, the upright text starts 50 pt (over 6 ems) right of the themes."""
    [content] = page_contents(turned_side_page(turned_titles))
    [found] = FINDERS["stream"](content, DEFAULT_TUNING)
    grid = rows(found.piece)
    assert len(grid) == 7
    assert grid[0] == list(HEADER)
    assert [row[1:] for row in grid[1:]] == [list(values) for values in BODY]
    side = sorted((c.row, c.rowspan, c.text, c.rotation) for c in found.piece.cells if c.col == 0)
    title = (0, 1, "Theme", 270 if turned_titles else 0)
    assert side == [title, (1, 3, "1. Transport", 270), (4, 3, "2. Homes", 270)]
    assert not [g for g in content.taking([found]).free_glyphs if not g.text.isspace()]


def test_each_record_takes_the_theme_of_its_theme_column(tmp_path: Path) -> None:
    path = tmp_path / "turned-side.pdf"
    path.write_bytes(turned_side_page())
    plan = process(path).plan
    assert plan is not None
    got = [(r.ref, r.theme) for r in plan.records]
    assert got == [(values[0], "1. Transport" if r < 3 else "2. Homes")
                   for r, values in enumerate(BODY)]  # fmt: skip
