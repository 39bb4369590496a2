"""Seed 003's later appendix sections, with the section titles as a rotated band column.

Instead of a heading before each table, each section title sits in a leftmost column cell merged
down its rows (``w:vMerge``) with rotated text (``btLr``); the header cell above that column is
blank. The traffic-light legend uses other colours than ``seed003`` (dark red, orange, dark
green), so a reader must go through the legend, not a fixed palette. Two rows are cut at a page
break: the next table repeats the header and the band, and its first row has only the rest of
the cut cell (a Time scale, a Detail) with empty leading cells. The running header ("Progress of
the Quick Wins and Longer Term actions" and the legend) is body text at the top of pages 2 and 3,
as in the seed, not a Word page header.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from docx.document import Document as DocumentObject
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import _Row
from docx.text.paragraph import Paragraph

from . import ooxml

STEM = "seed003_appendix_2b"
TITLE = "Appendix 2 – Helping Black Minority Ethnic (BME) staff progress within their area of work"
RUNNING_HEADER = "Progress of the Quick Wins and Longer Term actions"
DARK_RED = "C00000"
ORANGE = "ED7D31"
DARK_GREEN = "375623"
LEGEND = [("No Progress", DARK_RED), ("Progressing", ORANGE), ("Achieved", DARK_GREEN)]
HEADERS = ["", "Outcome", "Detail", "Progress", "BWG Recommendation", "Lead", "Time scale"]
WIDTHS = [2.0, 4.6, 6.3, 1.8, 5.2, 3.2, 3.6]

PIS = "Appendix 2a Performance Indicators and Staff Perceptions"
ALL_STAFF = "Appendix 2b Training and development opportunities for ALL staff"
AWARENESS = "Appendix 2c Raising awareness of Workforce Representation Issues and One Leicester"
SUPPORT = "Appendix 2f Supporting Staff"
OUTREACH = "3a Community outreach"
BAND_HEIGHT_CM = {PIS: 3.0, ALL_STAFF: 3.3, AWARENESS: 3.8}
"""Least height of a band's rows together, so LibreOffice does not clip the rotated title (it
does not grow a row for rotated text): a torn title would be lost from the PDF twin."""


@dataclass(frozen=True)
class Row:
    """One row; each list is the cell's paragraphs ("• " makes a Word bullet), ``dots`` colours."""

    outcome: list[str] = field(default_factory=list)
    detail: list[str] = field(default_factory=list)
    dots: list[str] = field(default_factory=list)
    recommendation: list[str] = field(default_factory=list)
    lead: list[str] = field(default_factory=list)
    time_scale: list[str] = field(default_factory=list)


Band = tuple[str, list[Row]]

PAGE_1: list[Band] = [
    (
        PIS,
        [
            Row(
                ["Annual Questionnaire to BME staff on Organisational Issues and Barriers"],
                [
                    "The annual questionnaire was produced by representatives from the Black "
                    "Workers Groups and cascaded to BME staff by the Employment Services Team. "
                    "This questionnaire did not extend to schools (Please see case study 4 in "
                    "Appendix 3 for further details)"
                ],
                [ORANGE],
                [
                    "A separate questionnaire to be sent out to schools as recommended in this "
                    "report. That the BWG work with Learning Services to ensure Head teachers to "
                    "understand and support the need for a representative work force therein "
                    "supporting and encouraging staff to take part in the questionnaire."
                ],
                ["WRWG, BWGs, ESC & SSP for Investing In Our Children"],
                ["Update to Cabinet May 2010"],
            ),
        ],
    ),
    (
        ALL_STAFF,
        [
            Row(
                ["Improved access to all training programmes. For ALL STAFF across the council"],
                [
                    "Please see page 22 and the action relating to producing action plans to "
                    "progress workforce representation"
                ],
                [],
                [
                    "Please see page 22 and the action relating to producing action plans to "
                    "progress workforce representation"
                ],
                ["City Learning"],
                ["Update to cabinet May 2010"],
            ),
            Row(
                [
                    "Lunch time career talks & help in applying for jobs. Provide opportunities "
                    "for ALL staff to hear about the personal stories of others who have achieved "
                    "success in their careers. Provide informal help and support to ALL staff in "
                    "applying for jobs."
                ],
                [
                    "Whilst the A&H and CYPS BWG continue to provide development and learning "
                    "opportunities at their monthly meetings these (as referred to in the May 2009 "
                    "update) do not address this action which is one pertaining to Recruitment & "
                    "Selection for all BME staff."
                ],
                [DARK_RED],
                ["That the approach to this be considered by City Learning and BWGs."],
                ["City Learning & BWGs"],
                ["Update to cabinet May 2010"],
            ),
            Row(
                [
                    "Developing Staff and Increasing Skill Sets.",
                    "Provide more flexible and shorter 'acting up' opportunities.",
                ],
                ["See page 12 for further details", "No progress has been identified"],
                [DARK_RED, ORANGE],
                [
                    "The IPM group considers this option along with other options for talent "
                    "management"
                ],
                ["City Learning"],
                ["Jan 2010"],
            ),
        ],
    ),
]

PAGE_2: list[Band] = [
    (
        ALL_STAFF,
        [
            Row(time_scale=["Implemented by May 2010"]),
            Row(
                ["Development of corporate mentoring/coaching programme for staff."],
                [
                    "There is an example of work undertaken in the former R&C for women but no "
                    "other identified progress or development in this area."
                ],
                [ORANGE],
                [
                    "The example of good practice identified in the council should be used to "
                    "address this action."
                ],
                ["Equality Forums with support from City Learning"],
                ["Update to cabinet May 2010"],
            ),
        ],
    ),
    (
        AWARENESS,
        [
            Row(
                [
                    "Raise awareness for ALL employees about Workforce Representation and the "
                    "links with One Leicester priorities."
                ],
                [
                    "The WRWG has an Insite page where the minutes of the meetings are available. "
                    "There has been both internal and external communication of the Reach higher "
                    "scheme. It has been identified as good"
                ],
                [ORANGE, DARK_GREEN],
                [
                    "A communication plan requires developing to inform staff on the work which "
                    "the Council is progressing on workforce representation."
                ],
                ["IPM & Talking Up Leicester priority board & BWGs"],
                ["March 2010"],
            ),
        ],
    ),
]

PAGE_3: list[Band] = [
    (
        AWARENESS,
        [Row(detail=["practice by the IDEA and others. Please see case study 1 in Appendix 3"])],
    ),
    (
        SUPPORT,
        [
            Row(
                [
                    "Establishment of a Full Time “Staff Support/Complaints Officer” who would "
                    "look into minor disputes to avoid grievances, and:",
                    "• Act as a support for staff who have issues with their managers or other "
                    "staff",
                    "• Act as a support to enable career progression for staff.",
                    "• Conduct Exit Interviews;",
                    "Assist in Recruitment Interviews as an Independent Person",
                ],
                ["No progress identified"],
                [DARK_RED],
                ["IPM Group to consider funding options for this post."],
                ["IPM"],
                ["Update to cabinet in May 2010"],
            ),
        ],
    ),
    (
        OUTREACH,
        [
            Row(
                [
                    "Help local people from Leicester's BME Communities to apply for Council jobs. "
                    "(Experience has shown that the quality of applications submitted from "
                    "applicants in BME communities is very poor)"
                ],
                [
                    "HR Recruitment Team have been running community based recruitment workshops "
                    "to assist people in applying for jobs with the Council"
                ],
                [DARK_GREEN],
                [
                    "HR recruitment Team to continue to run community based recruitment workshops "
                    "and target community events such as Caribbean Carnival, Belgrave Mehla etc... "
                    "The HR Recruitment team to facilitate workshops on the council's recruitment "
                    "and selection process and these should be promoted widely to under "
                    "represented groups."
                ],
                ["ESC"],
                [
                    "Summer 2010. These events are seasonal, the events team should be able to "
                    "provide details of dates for 2010. By Oct 2010"
                ],
            ),
        ],
    ),
]


def _legend(doc: DocumentObject) -> None:
    """The traffic-light key: a coloured dot then its meaning, one paragraph per colour."""
    for label, colour in LEGEND:
        paragraph = doc.add_paragraph()
        ooxml.coloured_run(paragraph, "●", colour)
        paragraph.add_run(f" {label}")


def _bullets(paragraphs: Sequence[Paragraph], texts: list[str]) -> None:
    """Turn the paragraphs written from "• " texts into real Word bullets."""
    for paragraph, text in zip(paragraphs, texts or [""], strict=True):
        if text.startswith("• "):
            ooxml.bullet(paragraph)


def _least_height(row: _Row, cm: float) -> None:
    height = OxmlElement("w:trHeight")
    height.set(qn("w:val"), str(int(Cm(cm).twips)))
    height.set(qn("w:hRule"), "atLeast")
    row._tr.get_or_add_trPr().append(height)


def _table(doc: DocumentObject, bands: list[Band]) -> None:
    n_rows = sum(len(rows) for _, rows in bands)
    table = ooxml.make_table(doc, 1 + n_rows, WIDTHS)
    for col, header in enumerate(HEADERS):
        ooxml.set_paragraphs(table.cell(0, col), [header] if header else [], bold=True)
    r = 1
    for theme, rows in bands:
        band = table.cell(r, 0).merge(table.cell(r + len(rows) - 1, 0))
        ooxml.set_paragraphs(band, [theme], bold=True)
        band.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        band.paragraphs[0].runs[0].font.size = Pt(8)
        ooxml.text_direction(band, "btLr")
        if theme in BAND_HEIGHT_CM:
            for row_index in range(r, r + len(rows)):
                _least_height(table.rows[row_index], BAND_HEIGHT_CM[theme] / len(rows))
        for row in rows:
            cells = table.rows[r].cells
            values = [row.outcome, row.detail, [], row.recommendation, row.lead, row.time_scale]
            for cell, texts in zip(cells[1:], values, strict=True):
                ooxml.set_paragraphs(cell, [t.removeprefix("• ") for t in texts])
                _bullets(cell.paragraphs, texts)
            progress = cells[3]
            for i, colour in enumerate(row.dots):
                paragraph = progress.paragraphs[0] if i == 0 else progress.add_paragraph()
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
                ooxml.coloured_run(paragraph, "●", colour, size_pt=16)
            r += 1


def build(out_dir: Path) -> list[Path]:
    doc = ooxml.new_document(landscape=True, font_pt=9)
    _legend(doc)
    doc.add_heading(TITLE, level=1)
    _table(doc, PAGE_1)
    for page in (PAGE_2, PAGE_3):
        ooxml.page_break(doc)
        doc.add_paragraph().add_run(RUNNING_HEADER).bold = True
        _legend(doc)
        _table(doc, page)
    path = out_dir / f"{STEM}.docx"
    ooxml.save_reproducibly(doc, path)
    return [path]
