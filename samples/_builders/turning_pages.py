"""An invented customer access plan whose pages turn two ways: one landscape table, stitched.

Odd pages are landscape sheets carrying ``/Rotate 90``; even pages are portrait sheets on which
the same table is drawn turned a quarter clockwise, so every page shows alike in a viewer. Files
put together from several sources (a scanner's rotation flag here, a print driver's turned
drawing there) look like this. The header row repeats on each page and a row is cut by a page
break, so the reader must stitch one table across pages whose frames differ.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import cm

from .drawn import Cell, Row, Sheet, TableStyle, plain_row

TITLE = "Brackenford City Council Customer Access Action Plan 2025/26"
EDITION = "Quarter 2 monitoring report – October 2025"
HEADERS = ("Ref", "Action", "Lead", "Deadline", "Status", "Success Measure", "Progress Update")
WIDTHS_CM = (1.2, 6.0, 4.0, 2.8, 2.6, 3.6, 6.5)

Action = tuple[str, str, str, str, str, str, str]
"""(ref, action, lead, deadline, status, success measure, progress update)"""

PLAN: list[str | Action] = [
    "1. Digital services",
    ("1.1", "Move council tax direct debit sign-up, moving home and single person discount "
     "online, with a resident account that saves progress", "Digital Services Manager",
     "September 2025", "Complete", "Share of council tax changes made online",
     "All three forms went live on 1 September. 2,410 residents have opened an account and "
     "phone calls about council tax fell by 22% in the first month."),
    ("1.2", "Redesign the bin collection pages with residents who rarely use the website",
     "Web Team", "Q3 2025/26", "On track", "Resident satisfaction with the bin pages",
     "Twelve residents tested the new pages in two workshops at Brackenford Central Library. "
     "The changes they asked for are being built and the pages will be published in November."),
    ("1.3", "Offer a web chat for housing repairs during office hours",
     "Lena Okafor, Repairs Service Manager", "December 2025", "At risk",
     "Repairs contacts handled by chat",
     "The chat software is installed, but only two of the five call handlers needed have been "
     "trained. Training for the others depends on cover being found for their phone shifts."),
    ("1.4", "Replace the parking permit system with one that renews permits automatically",
     "Parking Services / ICT", "March 2026", "Not started", "Permits renewed without a call",
     "The procurement was paused while the county council decides whether to join the "
     "contract. A decision is expected at its November cabinet."),
    "2. Face to face and telephone",
    ("2.1", "Open customer service points in the libraries at Eastholme and Fenby Cross",
     "Customer Services Manager", "Summer 2025", "Complete", "Visits to library service points",
     "Both points opened in July, staffed three days a week. 640 visits were recorded in the "
     "first quarter, most of them about benefits and housing."),
    ("2.2", "Answer 80% of calls to the contact centre within two minutes",
     "Contact Centre Team Leader", "Monthly", "Behind schedule",
     "Calls answered within two minutes",
     "57% of calls were answered within two minutes in September. Four vacancies have been "
     "advertised and a call-back option will be switched on in October to reduce queues."),
    ("2.3", "Run an appointment-only service for complex benefits claims",
     "Osman Prideaux", "Q4 2025/26", "On track", "Claims settled at the first appointment",
     "A pilot at the Civic Centre started in September with eight slots a day. The booking "
     "form and reminder texts are working and the slots are fully booked."),
    "3. Accessibility and inclusion",
    ("3.1", "Check every public web page against the accessibility regulations and fix what "
     "fails", "Web Team", "2025/26", "Ongoing", "Pages passing the accessibility check",
     "1,150 of 1,900 pages checked. The most common failures, missing alternative text and "
     "unlabelled form fields, are fixed as each page is checked."),
    ("3.2", "Provide British Sign Language video calls at every customer service point",
     "Equality and Inclusion Officer", "January 2026", "Deferred",
     "Customer service points offering BSL",
     "Deferred to 2026/27 because the video relay contract could not be funded this year. A "
     "bid will go into next year's budget."),
    ("3.3", "Train front-line staff in dementia awareness and plain English",
     "Learning and Development Team", "March 2026", "On track", "Front-line staff trained",
     "Eighty of the 140 front-line staff have completed both courses. The remaining sessions "
     "are booked for January and February."),
    ("3.4", "Publish the council's customer promise in the six most spoken community languages",
     "Communications Team", "November 2025", "Complete", "Languages published",
     "Translations into Polish, Urdu, Romanian, Punjabi, Arabic and Portuguese are on the "
     "website and printed copies are at every customer service point."),
    ("3.5", "Set up a panel of disabled residents to test new services before they launch",
     "Equality and Inclusion Officer", "Autumn 2025", "At risk", "Panel members recruited",
     "Nine residents have joined, short of the fifteen planned. The first meeting has moved to "
     "December while disability groups help to recruit more members."),
]  # fmt: skip


@dataclass
class _TurningSheet(Sheet):
    """Odd pages: landscape paper with ``/Rotate 90``; even pages: portrait paper, drawn turned."""

    pages: int = field(init=False, default=0)

    def _start_page(self) -> None:
        w, h = self.pagesize
        c = self.canvas
        if self.pages % 2 == 0:  # reportlab swaps the sides of a page it turns
            c.setPageSize((h, w))
            c.setPageRotation(90)
        else:  # the content's x runs down the paper, its y from left to right
            c.setPageSize((h, w))
            c.setPageRotation(0)
            c.translate(0, w)
            c.rotate(-90)
        self.pages += 1
        self.y = h - self.margin


def draw(path: Path) -> None:
    sheet = _TurningSheet(path, landscape(A4), title=TITLE)
    sheet.paragraph(TITLE, size=14, after=4)
    sheet.paragraph(EDITION, font="Helvetica", size=10, after=10)
    rows: list[Row] = []
    for item in PLAN:
        if isinstance(item, str):
            rows.append(Row([Cell(0, 6, [item], bold=True)]))
        else:
            rows.append(plain_row([[text] for text in item]))
    widths = [w * cm for w in WIDTHS_CM]
    widths[-1] += sheet.width - sum(widths)
    header = [plain_row([[h] for h in HEADERS], bold=True)]
    sheet.table(widths, header, rows, TableStyle(size=12, leading=15, pad=5))
    sheet.save()
