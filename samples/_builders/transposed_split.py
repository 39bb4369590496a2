"""An invented community safety plan, transposed (one action per column) and split in two tables.

The first table holds each action's ref, key action, outcome and progress; the page ends there
and a second table carries on with the field-name column and the "Key Action" row repeated, then
the lead officers, deadlines and statuses. Transposed plans too wide in rows for one page are
printed this way, so the reader has to join the second table's fields to the first's actions.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from docx.document import Document as DocumentObject
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import cm

from . import ooxml
from .drawn import Cell, Row, Sheet, TableStyle

TITLE = "Haverleigh Borough Council Community Safety Action Plan 2024/25"
EDITION = "Progress at 31 March 2025"

KEY_ACTIONS = (
    "Run a summer diversionary programme for young people in the three wards with the most "
    "anti-social behaviour reports",
    "Install new CCTV cameras at the bus station and along Canal Walk",
    "Train licensed premises staff to spot and report vulnerability at night",
    "Set up a multi-agency panel for repeat victims of hate crime",
    "Publish a domestic abuse safe accommodation strategy",
    "Hold community safety ward walks with residents and councillors",
)

FIRST: list[tuple[str, Sequence[str]]] = [
    ("Ref", ("CS1", "CS2", "CS3", "CS4", "CS5", "CS6")),
    ("Key Action", KEY_ACTIONS),
    (
        "Outcome",
        (
            "Fewer anti-social behaviour reports in Eastgate, Millbrook and Sandford over the "
            "school holidays",
            "Safer routes for people walking home at night",
            "Staff in bars and clubs act on vulnerability before harm happens",
            "Repeat victims get one joined-up plan of support",
            "Enough safe accommodation for survivors and their children",
            "Residents see problems dealt with and trust in the partnership grows",
        ),
    ),
    (
        "Measures of Success",
        (
            "Anti-social behaviour reports in July and August",
            "Cameras live and monitored",
            "Staff trained; referrals made by premises",
            "Repeat victims with a support plan",
            "Strategy adopted by Cabinet",
            "Issues raised on walks and resolved",
        ),
    ),
    (
        "Risks",
        (
            "Young people may not travel to venues outside their own ward",
            "The power supply for Canal Walk depends on the network operator",
            "High staff turnover in the night-time economy",
            "Partners may not release staff for the panel",
            "The needs assessment may not be funded",
            "Low turnout outside the town centre wards",
        ),
    ),
    (
        "Resources",
        (
            "£18,000 from the community safety fund",
            "£42,000 capital; monitoring within the existing CCTV contract",
            "Officer time; training room at the Civic Centre",
            "Officer time from each partner",
            "£9,500 for the needs assessment",
            "Officer time; councillors' ward budgets for small fixes",
        ),
    ),
    (
        "Progress Update",
        (
            "Programme ran for six weeks with 214 young people taking part. Reports in the three "
            "wards fell by 18% against last summer.",
            "Cameras at the bus station are live. Canal Walk needs a power supply from the "
            "network operator, now expected in May.",
            "Four sessions held; 63 staff from 22 premises trained. Two more sessions are booked "
            "for April.",
            "Terms of reference drafted; waiting for the police and the housing service to name "
            "their members.",
            "The needs assessment will be commissioned in the new financial year.",
            "Walks held in eight wards this year; 41 issues logged and 35 resolved.",
        ),
    ),
]

SECOND: list[tuple[str, Sequence[str]]] = [
    ("Key Action", KEY_ACTIONS),
    (
        "Lead Officer",
        (
            "Youth Services Manager",
            "Priya Desmond, Community Safety Officer",
            "Licensing Team",
            "Tomasz Ellery",
            "Housing Options / Safer Communities Team",
            "Cllr Imogen Stroud",
        ),
    ),
    (
        "Deadline",
        ("September 2024", "Q1 2025/26", "March 2025", "Summer 2025", "2025/26", "Quarterly"),
    ),
    (
        "Status",
        ("Complete", "Behind schedule", "On track", "At risk", "Not started", "Ongoing"),
    ),
]

FIELD_WIDTH = 3.2
PAGE_WIDTH = 29.7 - 2 * 1.5


def _table(doc: DocumentObject, rows: list[tuple[str, Sequence[str]]]) -> None:
    n_actions = len(KEY_ACTIONS)
    widths = [FIELD_WIDTH] + [(PAGE_WIDTH - FIELD_WIDTH) / n_actions] * n_actions
    table = ooxml.make_table(doc, len(rows), widths)
    for r, (name, values) in enumerate(rows):
        ooxml.set_paragraphs(table.cell(r, 0), [name], bold=True)
        for c, value in enumerate(values):
            ooxml.set_paragraphs(table.cell(r, 1 + c), [value])


def build(path: Path) -> None:
    """Word: two tables on two pages, the second repeating the field names and key actions."""
    doc = ooxml.new_document(landscape=True)
    doc.add_heading(TITLE, level=1)
    doc.add_paragraph(EDITION)
    _table(doc, FIRST)
    ooxml.page_break(doc)
    _table(doc, SECOND)
    ooxml.save_reproducibly(doc, path)


def draw(path: Path) -> None:
    """PDF drawn directly: one ruled table on portrait pages, the Ref and Key Action rows drawn
    again at the top of the next page over the field-name column, as a repeated header."""
    sheet = Sheet(path, A4, margin=30, title=TITLE)
    sheet.paragraph(TITLE, size=13, after=4)
    sheet.paragraph(EDITION, font="Helvetica", size=10, after=10)
    ref, key, *rest = FIRST + SECOND[1:]
    widths = [2.4 * cm] + [(sheet.width - 2.4 * cm) / len(KEY_ACTIONS)] * len(KEY_ACTIONS)
    header = [_drawn_row(ref), _drawn_row(key)]
    sheet.table(widths, header, [_drawn_row(row) for row in rest], TableStyle(10, 15, pad=3))
    sheet.save()


def _drawn_row(row: tuple[str, Sequence[str]]) -> Row:
    name, values = row
    return Row([Cell(0, 0, [name], bold=True), *(Cell(i, i, [v]) for i, v in enumerate(values, 1))])
