"""An invented climate plan drawn without any ruling: column titles turned 90° (reading bottom to
top) repeated at the top of each page, numbered theme bands, a RAG column of fills with no text,
an officer and a target date set closer than an em, and the table running on to a second page.

Layout tools that print plans this way leave only white space between columns, so the reader
has to find the columns, the header row and the status colours from the drawing alone.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.colors import HexColor, black
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

TITLE = "Hollinford District Council Climate Action Plan 2024/27"
EDITION = "Progress update – October 2025"
TITLES = ("Ref", "Action", "Lead Officer", "Target Date", "RAG", "Progress Update")
GREEN, AMBER, RED = "00B050", "FFC000", "FF0000"

Action = tuple[str, str, str, str, str, str]
"""(ref, action, lead, target date, RAG fill, progress)"""

PLAN: list[str | Action] = [
    "1. Buildings and Energy",
    ("1.1", "Fit solar panels on the roofs of the civic centre and the two main depots",
     "Energy Manager", "March 2026", GREEN,
     "Panels fitted on the civic centre in July; the depot roofs were surveyed and the work is "
     "booked for the winter."),
    ("1.2", "Replace the gas boilers in four community halls with heat pumps",
     "Orla Fenwick", "Q4 2025/26", AMBER,
     "Two halls done. The supplier has delayed the other two heat pumps until the new year."),
    ("1.3", "Publish an energy report for every council building each year",
     "Property Services", "2025/26", GREEN,
     "The first reports were published on the council website in September."),
    ("1.4", "Move the council's electricity contract to a renewable tariff",
     "Procurement Manager", "April 2025", RED,
     "The framework contract could not be varied; a new tender is being drafted."),
    "2. Transport",
    ("2.1", "Install 40 public charging points in council car parks",
     "Transport Planner", "December 2026", AMBER,
     "Twelve points are live. Grid connections for the rest are waiting on the network "
     "operator, who has given no date yet."),
    ("2.2", "Replace pool cars with electric vehicles as their leases end",
     "Fleet Services", "Summer 2026", GREEN,
     "Nine of the fifteen pool cars are now electric and staff bookings have risen."),
    ("2.3", "Open a cycle route between the station and the business park",
     "Idris Marchetti", "2027", AMBER,
     "Design agreed with residents; the land purchase along the canal is still under "
     "negotiation with the owner."),
    "3. Waste and Recycling",
    ("3.1", "Start weekly food waste collections across the district",
     "Waste Services", "October 2025", GREEN,
     "Collections started in all wards on 6 October as planned."),
    ("3.2", "Halve single-use plastics in council offices and canteens",
     "Facilities Manager", "March 2026", RED,
     "No supplier for compostable cups has been found; the canteen contract is under review."),
    ("3.3", "Run repair cafés in three libraries every month",
     "Nadia Kowalczyk", "Monthly", GREEN,
     "Cafés running in all three libraries; 310 items repaired since the spring."),
    "4. Nature and Green Spaces",
    ("4.1", "Plant 5,000 trees on council land with schools and volunteers",
     "Parks Manager", "November 2025", AMBER,
     "1,800 trees planted last season. Planting resumes in November once the ground is wet "
     "enough; two schools have signed up so far."),
    ("4.2", "Stop using peat in council nurseries and planting schemes",
     "Grounds Team", "2025", GREEN,
     "Peat-free compost is used in every nursery and bed this year."),
    ("4.3", "Restore the wetland at Marrow Brook as a flood store",
     "Environment Team", "March 2027", RED,
     "The funding bid was turned down in June. Officers are looking for other grants and "
     "will report to the committee in the new year."),
]  # fmt: skip

SIZE, LEADING, PAD, MARGIN, TITLE_HEIGHT = 9.0, 11.0, 4.0, 42.0, 62.0
WIDTHS = (26.0, 170.0, 0.0, 62.0, 40.0, 0.0)
"""Column widths in points; the officer's width is set by its longest name (so the dates start
under an em after it) and the progress column takes the rest of the page."""


def _xs(width: float) -> list[float]:
    lead = max(stringWidth(a[2], "Helvetica", SIZE) for a in PLAN if isinstance(a, tuple))
    widths = list(WIDTHS)
    widths[2] = lead + 2 * PAD + 0.5  # the longest name ends 8.5 points before a date
    widths[5] = width - sum(widths)
    xs = [MARGIN]
    for w in widths:
        xs.append(xs[-1] + w)
    return xs


def draw_climate_borderless(path: Path) -> None:
    width, height = A4
    c = Canvas(str(path), pagesize=A4, invariant=1)
    c.setAuthor("planingest samples")
    c.setTitle(TITLE)
    xs = _xs(width - 2 * MARGIN)
    c.setFont("Helvetica-Bold", 13)
    c.drawString(MARGIN, height - MARGIN - 13, TITLE)
    c.setFont("Helvetica", 10)
    c.drawString(MARGIN, height - MARGIN - 30, EDITION)
    y = _header(c, xs, height - MARGIN - 40)
    for item in PLAN:
        if isinstance(item, str):
            lines = [[item]]
            bold = True
        else:
            lines = [
                simpleSplit(text, "Helvetica", SIZE, xs[i + 1] - xs[i] - 2 * PAD) if text else []
                for i, text in enumerate(item)
            ]
            lines[4] = []
            bold = False
        need = max(len(cell) for cell in lines) * LEADING + 2 * PAD
        if y - need < MARGIN:
            c.showPage()
            y = _header(c, xs, height - MARGIN)
        if not bold:
            c.setFillColor(HexColor(f"#{item[4]}"))
            c.rect(xs[4] + PAD, y - need + 1, xs[5] - xs[4] - 2 * PAD, need - 2, stroke=0, fill=1)
            c.setFillColor(black)
        c.setFont("Helvetica-Bold" if bold else "Helvetica", SIZE)
        for x, cell in zip(xs, lines, strict=False):
            for k, line in enumerate(cell):
                c.drawString(x + PAD, y - PAD - SIZE - k * LEADING, line)
        y -= need
    c.showPage()
    c.save()


def _header(c: Canvas, xs: list[float], top: float) -> float:
    """The turned column titles, their feet on one line; returns the y under the header."""
    foot = top - TITLE_HEIGHT
    c.setFont("Helvetica-Bold", SIZE)
    for x, title in zip(xs, TITLES, strict=False):
        c.saveState()
        c.translate(x + PAD + SIZE, foot)
        c.rotate(90)
        c.drawString(0, 0, title)
        c.restoreState()
    return foot - PAD
