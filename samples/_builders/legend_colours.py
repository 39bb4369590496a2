"""An invented homelessness plan whose status colours are not red, amber and green.

A key table above the plan says what each colour means: blue is complete, orange in progress,
purple not started and grey deferred. The Status cells carry only the colour (a cell fill in the
Word file, a "●" dot in the drawn PDF whose key is a sentence in the page footer), once with a
word that disagrees with its fill. Only the plan's own key can say what blue or purple means.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics

from . import ooxml
from .drawn import DOT, Cell, Row, Sheet, TableStyle, draw_dot, plain_row

TITLE = "Calderwick City Council Homelessness Prevention Action Plan 2025-2028"
EDITION = "Update for the Housing Scrutiny Panel, June 2026"
BLUE, ORANGE, PURPLE, GREY = "0070C0", "ED7D31", "7030A0", "A6A6A6"
KEY = ((BLUE, "Complete"), (ORANGE, "In progress"), (PURPLE, "Not started"), (GREY, "Deferred"))
HEADERS = ("Ref", "Action", "Lead", "Target Date", "Status", "Comments")
WIDTHS_CM = (1.2, 8.4, 4.6, 2.6, 1.8, 8.1)

Action = tuple[str, str, str, str, str, str, str]
"""(ref, action, lead, target date, status colour, word in the status cell, comments)"""

PLAN: list[str | Action] = [
    "1. Early help and prevention",
    ("1.1", "Open a single front door for housing advice at the Civic Hub and online",
     "Housing Options Manager", "October 2025", BLUE, "",
     "Front door opened on 6 October 2025; 1,930 contacts in the first six months."),
    ("1.2", "Agree a protocol with the two hospital trusts for patients discharged with nowhere "
     "to live", "Ruth Abernathy", "Q4 2025/26", ORANGE, "",
     "Protocol agreed with Calderwick General Hospital; the mental health trust is still "
     "reviewing the draft."),
    ("1.3", "Fund a tenancy sustainment officer in each of the three largest housing "
     "associations", "Partnerships Team", "April 2026", PURPLE, "",
     "Depends on the prevention grant for 2026/27, which has not yet been confirmed."),
    ("1.4", "Visit every household served a notice by a private landlord within ten working days",
     "Private Sector Housing Team", "Ongoing", ORANGE, "",
     "88% of households visited within ten working days so far this year."),
    "2. Accommodation and support",
    ("2.1", "Replace bed and breakfast use for families with council-leased homes",
     "Head of Housing Needs", "March 2026", ORANGE, "Complete",
     "No family has been placed in bed and breakfast since February 2026; 24 leased homes "
     "are in use."),
    ("2.2", "Open a 12-bed supported scheme for young people leaving care",
     "Dominic Varga / Children's Services", "Summer 2026", PURPLE, "",
     "A site is still being sought with the county council."),
    ("2.3", "Commission a winter night shelter with health drop-ins",
     "Rough Sleeping Coordinator", "November 2025", BLUE, "",
     "The shelter opened on 3 November 2025 and ran until March with 31 guests."),
    ("2.4", "Review the allocations policy to give more priority to people leaving refuges",
     "Housing Policy Officer", "2026/27", GREY, "",
     "Held back until the national allocations guidance is published."),
]  # fmt: skip


def build(path: Path) -> None:
    """Word: the key as a small table of shaded swatches, the statuses as shaded cells."""
    doc = ooxml.new_document(landscape=True)
    doc.add_heading(TITLE, level=1)
    doc.add_paragraph(EDITION)
    doc.add_paragraph().add_run("Key").bold = True
    key = ooxml.make_table(doc, len(KEY), [1.2, 3.0])
    for row, (fill, meaning) in zip(key.rows, KEY, strict=True):
        ooxml.shade(row.cells[0], fill)
        ooxml.set_paragraphs(row.cells[1], [meaning])
    doc.add_paragraph()
    table = ooxml.make_table(doc, 1 + len(PLAN), WIDTHS_CM)
    for col, header in enumerate(HEADERS):
        ooxml.set_paragraphs(table.cell(0, col), [header], bold=True)
    ooxml.repeat_as_header(table)
    for r, item in enumerate(PLAN, start=1):
        cells = table.rows[r].cells
        if isinstance(item, str):
            ooxml.set_paragraphs(ooxml.merge_across(cells), [item], bold=True)
            continue
        ref, action, lead, due, fill, word, comments = item
        for cell, text in zip(cells, (ref, action, lead, due, word, comments), strict=True):
            ooxml.set_paragraphs(cell, [text] if text else [])
        ooxml.shade(cells[4], fill)
    ooxml.save_reproducibly(doc, path)


class _DotSheet(Sheet):
    """A sheet whose every page ends with the colour key as a sentence of coloured dots."""

    def _start_page(self) -> None:
        super()._start_page()
        c = self.canvas
        x, y = self.margin, self.margin - 18
        c.setFont("Helvetica", 9)
        c.drawString(x, y, "Status key:")
        x += 52
        for fill, meaning in KEY:
            x = draw_dot(c, x, y, 9, f"#{fill}")
            c.setFont("Helvetica", 9)
            c.drawString(x, y, meaning)
            x += 12 + pdfmetrics.stringWidth(meaning, "Helvetica", 9)


def draw_dots(path: Path) -> None:
    """PDF drawn directly: the statuses as coloured "●" dots, the key a sentence in the footer."""
    sheet = _DotSheet(path, landscape(A4), title=TITLE)
    sheet.paragraph(TITLE, size=14, after=4)
    sheet.paragraph(EDITION, font="Helvetica", size=10, after=10)
    rows: list[Row] = []
    for item in PLAN:
        if isinstance(item, str):
            rows.append(Row([Cell(0, 5, [item], bold=True)]))
            continue
        ref, action, lead, due, fill, word, comments = item
        status = Cell(4, 4, [f"{DOT} {word}".strip()], dot=f"#{fill}")
        rows.append(Row([*plain_row([[ref], [action], [lead], [due]]).cells, status,
                         Cell(5, 5, [comments])]))  # fmt: skip
    widths = [w * cm for w in WIDTHS_CM]
    widths[-1] += sheet.width - sum(widths)
    sheet.table(widths, [plain_row([[h] for h in HEADERS], bold=True)], rows, TableStyle(9, 11))
    sheet.save()
