"""Seed 003: BME workforce progress appendix with traffic-light dots.

The status of each row lives only in the colour of the "●" runs of its Progress cell, explained
by a legend (No Progress red, Progressing amber, Achieved green). One row has three
recommendations with three leads and three time scales, aligned one to one. A recommendation
breaks over a page into a following table whose row has empty leading cells. The running header
("Progress of the Quick Wins and Longer Term actions" and the legend) is a real page header.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from docx.document import Document as DocumentObject
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.text.paragraph import Paragraph

from . import ooxml

TITLE = "Appendix 2 – Helping Black Minority Ethnic (BME) staff progress within their area of work"
RUNNING_HEADER = "Progress of the Quick Wins and Longer Term actions"
LEGEND = [("No Progress", ooxml.RED), ("Progressing", ooxml.AMBER), ("Achieved", ooxml.GREEN)]
WIDTHS = [5.0, 8.0, 1.8, 5.2, 3.2, 3.5]


@dataclass(frozen=True)
class Row:
    """One table row; every list is the cell's paragraphs, ``dots`` the Progress dot colours."""

    outcome: list[str]
    detail: list[str]
    dots: list[str]
    recommendation: list[str]
    lead: list[str]
    time_scale: list[str]


TRAINING_BME = [
    Row(
        [
            "Development of A&H and CYPS BWG 'Climbing the ladder' programme of workshops for BME "
            "staff.",
            "Six half day workshops for minimum of 300 BME staff from ALL Council departments.",
            "Target groups – all levels",
        ],
        [
            "Work has been progressed and 6 workshops have been developed and are proposed to be "
            "run from March 2010 over the course of the year. (Please see Case study 3 in "
            "Appendix 3)",
            "In 2010 it is expected that 150 BME staff will have benefitted from this programme of "
            "workshops followed by a further 150 in 2011.",
        ],
        [ooxml.AMBER],
        ["That all managers encourage and facilitate the attendance of staff on the programme."],
        ["City Learning", "WRWG", "BWGs"],
        ["Communication to staff Jan-Feb 2010 Rollout March 2010"],
    ),
    Row(
        [
            "Continue to develop a peer support network/mechanism that contributes to raising "
            "staff aspiration and confidence."
        ],
        [
            "The Reach Higher programme includes details of a peer support network that will be "
            "developed with past and current voluntary directors. This approach needs to be "
            "replicated for other BME staff who have demonstrated a commitment to their career "
            "progression."
        ],
        [ooxml.AMBER],
        [
            "City Learning colleagues, Voluntary Directors and BWGs to work together to develop a "
            "peer support network that is open to all BME staff."
        ],
        ["City Learning, BWGs & Voluntary Directors, Network for Black Professionals & WRWG"],
        ["Implemented by Oct 2010"],
    ),
]

TRAINING_BME_PAGE_2 = [
    Row(
        ["Release BME staff for development at monthly A&H and CYPS BWG meetings."],
        [
            "Alistair Reid (former Interim Director of A&H) and Andrew Bunyan (former Interim "
            "Director of CYPS) agreed to an email encouraging the release of BME staff to attend "
            "the monthly bwg meetings where the service could reasonably allow. This was cascaded "
            "by the directors to all managers within their areas. BME staff from certain "
            "divisions felt enabled to attend the monthly meetings and were able to gain a "
            "development opportunity and receive guidance and support where required. However, "
            "there continues to be and still are, barriers for many BME staff.",
            "Mark Noble did a similar exercise on behalf of the Res & CEO BWG. However, there "
            "still remain barriers to BME from these divisions to attending meetings.",
            "This issue of attendance was also raised at the BWG Conference held in December 2008.",
        ],
        [ooxml.AMBER, ooxml.GREEN],
        [
            "A regular communication to be sent from divisional directors to their managers "
            "asking them to encourage and facilitate their BME staff to attend the regular BWG "
            "meetings.",
            "Use of internal media including FACE, to regularly provide details of meeting dates "
            "and development opportunities available",
            "Staff Induction pack to include details of meeting dates and contact details of BWGs",
        ],
        ["Divisional Directors", "BWGs & Head of Communications", "City Learning & BWG"],
        [
            "Monthly, Bi-Monthly",
            "Each edition of FACE (monthly, bi-monthly)",
            "Each induction – implemented by March 2010",
        ],
    ),
    Row(
        ["Increase opportunities for staff to obtain vocational degree qualifications"],
        [
            "Those BME staff appointed to the Volunteer Director Programme will receive vocational "
            "degree training where the need is identified through the career coaching exercise.",
            "However, no further progression for staff other than the Voluntary Directors has "
            "been identified.",
        ],
        [ooxml.RED],
        ["City Learning to promote these opportunities to BME staff through the BWGs."],
        ["City Learning & BWGs"],
        ["April 2010"],
    ),
]

INDICATORS = [
    Row(
        ["Establishment of Performance Indicators."],
        [
            "Recently agreed indicators to measure equality:",
            "1. Equality Framework for Local Government (EFLG): Excellence by 2011",
            "2. Integration of Equalities into Service Planning",
            "3. Employment Equality Monitoring",
        ],
        [ooxml.GREEN],
        ["Monitor, review and act on the information regularly received on performance"],
        ["Equality Forums & CESG"],
        ["Mar 2010"],
    ),
    Row(
        [
            "Measure the number of BME staff receiving development opportunities and gaining "
            "promotion.",
            "To encourage Managers to consider work force representation at every stage of the "
            "journey of employment",
        ],
        [
            "The Performance monitoring framework that is being developed in the WRWG by Daxa "
            "Patel will enable the monitoring of BME staff (and all other staff by equality "
            "grouping) receiving development opportunities and gaining promotion, acting up or "
            "secondment opportunities. This will enable the council to view and compare what is "
            "happening for BME staff and their peers.",
            "The performance management framework has been shared with equality forums to aid in "
            "its development. It is recognised that managers will need to be briefed on this once "
            "fully developed to ensure they understand the relevance of capturing the data of "
            "their staff and how the data can be used in considering workforce representation in "
            "their areas.",
        ],
        [ooxml.RED, ooxml.AMBER],
        [
            "That the performance monitoring framework is progressed, endorsed and implemented "
            "WRWG to request (quarterly reports) monitor and regularly update CESG, Equality "
            "Forums and SMB on findings, progress and recommended action required to address any "
            "issues which become apparent and where there are significant gaps and potential "
            "risks to meeting set targets on achievement of a representative (Please read in "
            "conjunction with Appendix 1d Performance Management)"
        ],
        ["Equality Forums, WRWG & CESG"],
        ["To begin as soon as implemented"],
    ),
]

TRAINING_ALL = [
    Row(
        ["Promoting managerial responsibility for Staff Career development."],
        ["No progress Identified"],
        [],
        ["IPM Group to consider an approach to promoting career development to staff."],
        ["IPM"],
        ["Update to Cabinet May 2010"],
    ),
    Row(
        ["Make Secondment (or Acting Up) Opportunities more widely available."],
        [
            "There have been more visible secondment opportunities available which are "
            "communicated to all staff via email.",
            "The WRWG Action Plan contains detailed action linked to this.",
        ],
        [ooxml.AMBER],
        [
            "Whilst there has been progress on the number of secondments that have been made "
            "available to staff action needs to be taken to ensure these are made widely "
            "available and that these opportunities are monitored to ensure equality of "
            "opportunity."
        ],
        ["Director of HR"],
        ["March 2010"],
    ),
    Row(
        [
            "Use short/long term 'job swaps' enabling ANY staff to experience working in other "
            "sections of the Council."
        ],
        ["No progression on this area has been identified"],
        [],
        ["The IPM group considers this option along with other options for talent management"],
        ["IPM"],
        ["April 2010"],
    ),
]

RECRUITMENT = [
    Row(
        ["Improved feedback within the recruitment process for unsuccessful candidates"],
        ["No progress identified"],
        [ooxml.RED],
        [
            "City Learning to provide a briefing for all authorised recruiters on the standards "
            "for giving feedback to"
        ],
        ["City Learning"],
        ["By May 2010"],
    ),
]

RECRUITMENT_CONTINUED = [Row([], [], [], ["unsuccessful candidates"], [], [])]


def _legend(add_paragraph: Callable[[], Paragraph]) -> None:
    """The traffic-light key: a coloured dot then its meaning, one paragraph per colour."""
    for label, colour in LEGEND:
        paragraph = add_paragraph()
        ooxml.coloured_run(paragraph, "●", colour)
        paragraph.add_run(f" {label}")


def _table(doc: DocumentObject, rows: list[Row], time_header: str = "Time scale") -> None:
    headers = ["Outcome", "Detail", "Progress", "BWG Recommendation", "Lead", time_header]
    table = ooxml.make_table(doc, 1 + len(rows), WIDTHS)
    for col, header in enumerate(headers):
        ooxml.set_paragraphs(table.cell(0, col), [header], bold=True)
    for r, row in enumerate(rows, start=1):
        cells = table.rows[r].cells
        for cell, paragraphs in zip(
            cells,
            [row.outcome, row.detail, [], row.recommendation, row.lead, row.time_scale],
            strict=True,
        ):
            ooxml.set_paragraphs(cell, paragraphs)
        progress = cells[2]
        for i, colour in enumerate(row.dots):
            paragraph = progress.paragraphs[0] if i == 0 else progress.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            ooxml.coloured_run(paragraph, "●", colour, size_pt=16)


def build(path: Path) -> None:
    doc = ooxml.new_document(landscape=True, font_pt=9)
    section = doc.sections[0]
    section.different_first_page_header_footer = True
    header = section.header
    header.paragraphs[0].add_run(RUNNING_HEADER).bold = True
    _legend(header.add_paragraph)
    _legend(doc.add_paragraph)
    doc.add_heading(TITLE, level=1)
    doc.add_heading("Appendix 2a Training and development opportunities for BME", level=2)
    _table(doc, TRAINING_BME)
    ooxml.page_break(doc)
    _table(doc, TRAINING_BME_PAGE_2)
    doc.add_heading("Appendix 2a Performance Indicators and Staff Perceptions", level=2)
    _table(doc, INDICATORS, time_header="Timescale")
    ooxml.page_break(doc)
    doc.add_heading("Appendix 2b Training and development opportunities for ALL staff", level=2)
    _table(doc, TRAINING_ALL)
    doc.add_heading("Appendix 2d. Recruitment processes", level=2)
    _table(doc, RECRUITMENT)
    ooxml.page_break(doc)
    _table(doc, RECRUITMENT_CONTINUED)
    ooxml.save_reproducibly(doc, path)
