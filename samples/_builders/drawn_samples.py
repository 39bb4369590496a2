"""PDF variants drawn directly (reportlab), and rotated copies of the LibreOffice twins (PDFium).

Each variant is named ``<stem>.<variant>.pdf`` and is scored against ``<stem>.expected.json``, so
it draws the same content as the Word sample (taken from the same builder data) in another layout.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence
from pathlib import Path

import pypdfium2
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import cm

from . import invented, legend_colours, seed002, seed004, transposed_split, turning_pages
from .climate_borderless import draw_climate_borderless
from .drawn import BULLET, Cell, Row, Sheet, TableStyle, plain_row


def _cm_widths(widths: Sequence[float], total_pt: float) -> list[float]:
    """Word column widths (cm) in points, the last column taking up any rounding slack."""
    points = [w * cm for w in widths]
    points[-1] += total_pt - sum(points)
    return points


def _seed002_rows() -> list[Row]:
    rows: list[Row] = []
    for row in seed002.plan_rows("2019-04"):
        if isinstance(row, str):
            rows.append(Row([Cell(0, 8, [row], bold=True)]))
            continue
        rows.append(
            plain_row(
                [
                    [row.ref],
                    [row.outcome],
                    row.action,
                    [row.lead_service],
                    [row.lead_officer],
                    [row.supporting],
                    [row.measure],
                    row.october,
                    row.april,
                ]
            )
        )
    return rows


def _draw_seed002(path: Path, *, turned: bool) -> None:
    sheet = Sheet(path, landscape(A4), title=seed002.TITLE, turned=turned)
    sheet.paragraph(f"{seed002.TITLE} – April 2019", size=14, after=8)
    sheet.table(
        _cm_widths(seed002.WIDTHS, sheet.width),
        [plain_row([[h] for h in seed002.HEADERS], bold=True)],
        _seed002_rows(),
        TableStyle(size=8, leading=9.5),
    )
    sheet.save()


def draw_seed002(path: Path) -> None:
    """Landscape, 9 ruled columns, repeated header, band rows, rows cut at page ends."""
    _draw_seed002(path, turned=False)


def draw_seed002_turned(path: Path) -> None:
    """The same landscape table turned 90° on upright (portrait) pages, reading bottom to top."""
    _draw_seed002(path, turned=True)


def _seed004_row(row: seed004.Row) -> Row:
    """Both kinds of list item of the Word sample ("·" glyph paragraphs, Word bullets) become
    drawn "•" lines: a PDF has only the glyph either way."""
    action, deliverables, status = row
    items = [BULLET + d[2:] if d[:2] in ("· ", BULLET) else d for d in deliverables]
    return plain_row([[action], items, [status]])


def draw_seed004(path: Path) -> None:
    """The Appendix 2 table in two pieces, the second under an "APPENDIX 2 (Continued)" heading."""
    sheet = Sheet(path, A4, title="Equalities Action Plan 2018/21 Update")
    header = [plain_row([["Action"], ["Deliverable(s)"], ["Status"]], bold=True)]
    widths = _cm_widths(seed004.WIDTHS, sheet.width)
    style = TableStyle(size=10, leading=12)
    sheet.paragraph(seed004.TITLE, size=10, after=14)
    sheet.paragraph("APPENDIX 2", size=14, after=6)
    sheet.paragraph("Equalities Action Plan 2018/21 Update", size=12, after=4)
    sheet.table(widths, header, [_seed004_row(r) for r in seed004.PART_1], style)
    sheet.new_page()
    sheet.paragraph("APPENDIX 2 (Continued)", size=14, after=6)
    sheet.table(widths, header, [_seed004_row(r) for r in seed004.PART_2], style)
    sheet.save()


def draw_digital_borderless(path: Path) -> None:
    """No ruling lines: columns aligned by whitespace, a bold two-line header ("Progress" over
    Status and Comments), bold theme lines and wrapped multi-line cells."""
    sheet = Sheet(path, A4, title=invented.DIGITAL_TITLE)
    sheet.paragraph(invented.DIGITAL_TITLE, size=14, after=4)
    sheet.paragraph(invented.DIGITAL_EDITION, font="Helvetica", size=10, after=10)
    header = [
        Row([Cell(4, 5, ["Progress"], bold=True)]),
        plain_row([[h] for h in ("Ref", "Action", "Lead", "Due", "Status", "Comments")], bold=True),
    ]
    rows: list[Row] = []
    for row in invented.DIGITAL:
        if isinstance(row, str):
            rows.append(Row([Cell(0, 5, [row], bold=True)]))
            continue
        ref, action, lead, due, status, comments = row
        rows.append(plain_row([[ref], action, [lead], [due], [status], [comments]]))
    style = TableStyle(size=9, leading=11, pad=4, ruled=False, header_fill=None)
    sheet.table(_cm_widths([0.9, 5.9, 3.0, 2.2, 2.2, 3.8], sheet.width), header, rows, style)
    sheet.save()


_TRAILER_ID = re.compile(rb"/ID\s*\[\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*\]")


def rotate_copy(source: Path, path: Path) -> None:
    """Copy ``source`` with every page's /Rotate set to 90; the page content is not touched.

    PDFium writes a random second file identifier; it is replaced by one derived from the bytes
    (same length, so no offset moves) to make the copy reproducible."""
    pdf = pypdfium2.PdfDocument(source)
    try:
        for index in range(len(pdf)):
            pdf[index].set_rotation(90)
        save_reproducibly(pdf, path)
    finally:
        pdf.close()


def save_reproducibly(pdf: pypdfium2.PdfDocument, path: Path) -> None:
    """Save ``pdf`` to ``path`` with its random second file identifier replaced by one derived
    from the bytes."""
    with path.open("wb") as out:
        pdf.save(out)
    data = path.read_bytes()
    matches = list(_TRAILER_ID.finditer(data))
    if matches:
        last = matches[-1]
        first, second = last.group(1), last.group(2)
        fixed = hashlib.sha256(data[: last.start()] + first).hexdigest().upper()[: len(second)]
        data = data[: last.start(2)] + fixed.encode() + data[last.end(2) :]
        path.write_bytes(data)


def _rotated(stem: str) -> Callable[[Path], None]:
    def build(path: Path) -> None:
        rotate_copy(path.parent / f"{stem}.pdf", path)

    return build


DRAWN: dict[str, Callable[[Path], None]] = {
    "seed002_equality_progress_2019-04.drawn": draw_seed002,
    "seed002_equality_progress_2019-04.turned": draw_seed002_turned,
    "seed004_oxford_status.drawn": draw_seed004,
    "digital_inclusion_status.borderless": draw_digital_borderless,
    "climate_borderless_turned": draw_climate_borderless,
    "community_safety_transposed.drawn": transposed_split.draw,
    "homelessness_legend_colours.dots": legend_colours.draw_dots,
    "customer_access_turning_pages": turning_pages.draw,
    "seed001_fair_inclusive.rotated": _rotated("seed001_fair_inclusive"),
    "climate_action_plan.rotated": _rotated("climate_action_plan"),
}
"""Output name (without ``.pdf``) → builder writing that file."""
