"""Seed 004: Oxford City Council Equalities Action Plan 2018/21 update (Appendix 2).

Action | Deliverable(s) | Status, with bullet lists inside Deliverable cells: "·" glyph
paragraphs as in the original, and one list of real Word bullets (numbering). The logical table
is split in two by an "APPENDIX 2 (Continued)" heading; the second piece repeats the header row
and marks it ``w:tblHeader`` so it repeats again when that piece breaks over a page.
"""

from __future__ import annotations

from pathlib import Path

from docx.document import Document as DocumentObject

from . import ooxml

TITLE = (
    "Oxford City Council Audit and Governance Committee 9 January 2020 - Progress with the "
    "Recruitment and Retention Action Plan"
)
WIDTHS = [4.5, 8.5, 5.0]

Row = tuple[str, list[str], str]
"""Action, deliverable paragraphs ("• " marks a real Word bullet), status ("\\n" = line break)."""

PART_1: list[Row] = [
    (
        "Mandatory all staff and management training",
        [
            "E learning diversity awareness programme for all staff",
            "Deliver a modular programme for managers covering :",
            "· Creating an inclusive work environment",
            "· Being a role model for diversity",
            "· Understanding unconscious bias",
        ],
        "Complete",
    ),
    (
        "Recruitment refresher training for recruiting managers",
        [
            "‘Just in time’ recruitment refresher training and on-line briefing material and "
            "guidance for recruiting managers.  To be continually updated as we refresh procedures "
            "and equalities training."
        ],
        "Complete",
    ),
    (
        "Recruitment roadshows",
        [
            "Series of roadshows/ open days/ taster sessions understanding of the careers and job "
            "roles that the Council has to offer.  Also giving access to ongoing support and "
            "coaching for future vacancies.",
            "Particularly applicable for entry level jobs in large teams:",
            "· Revenues and Benefits",
            "· Customer Service",
            "· Youth Ambition",
        ],
        "Roadshows delivered in 2018/19 and 2019/20, with future events planned",
    ),
    (
        "Stratified sampling of recruitment schemes across service areas",
        [
            "Understanding of stages and potential reasons why members of BAME groups do not "
            "progress through recruitment process"
        ],
        "Intitial sampling completed. Survey process continues",
    ),
    (
        "Improve equalities reporting on iTrent",
        [
            "Reduction in proportion of staff with ‘not specified’ or ‘not declared’ records on "
            "iTrent in conjunction with Unions.",
            "Promote data reporting during the on-boarding prcoess",
        ],
        "Initial campaign completed. Work continues on updating materials/\nprocesses",
    ),
    (
        "Review of recruitment methods and placement",
        [
            "Improved recruitment process (including JD content and language) and advertising "
            "‘streams’ (including social media and local community publications)",
            "To include meeting with Community leaders to review and improve our procedures and "
            "methods",
        ],
        "Initial rveiw of recruitment materials and processes completed.\n"
        "Work continues on updating materials/\nprocesses",
    ),
]

PART_2: list[Row] = [
    (
        "Staff reference group",
        [
            "Establish a group of officers representing the breadth of protected characteristics "
            "which can act as a guide on anything from recruitment processes and staff retention "
            "to workplace culture"
        ],
        "Complete",
    ),
    (
        "Survey of job applicants",
        ["Greater insight into where job applicants look for jobs"],
        "Intitial sampling completed.Survey process continues",
    ),
    (
        "Survey of unsuccessful job applicants",
        [
            "Greater insight into why job applicants withhold information on ethnicity, "
            "disability, sexual orientation and religious belief"
        ],
        "Intitial sampling completed.Survey process continues",
    ),
    (
        "Exit feedback",
        [
            "Manager to encourage staff member to complete online exit feedback form prior to "
            "leaving.",
            "Greater insight into reason(s) for staff leaving and areas for action/improvement the "
            "Council could consider.",
        ],
        "New process in place.\nSurvey process continues",
    ),
    (
        "Draft campaign",
        ["Employer of Choice “Silver” campaign and internal communications plan"],
        "Complete",
    ),
    (
        "Development of ‘employer brand’",
        [
            "Improved information for job applicants about the council, career and development "
            "opportunities.  Further promotion of the City Council welcoming applications from "
            "BAME candidates."
        ],
        "Initial review of material complete.\nWork continues on updating materials/\nprocesses",
    ),
    (
        "Publication of workforce equalities report",
        ["WER 2015 to 2018 published on Council web site"],
        "Complete",
    ),
    (
        "Equalities Week",
        [
            "Development and implementation of an Equalities Week programme to include:",
            "• Launch of training programme",
            "• Recruitment of Equality Reference group",
            "• Cultural awareness events",
            "• Demographics of City Communities comms",
        ],
        "Complete",
    ),
    (
        "Internal positive action",
        [
            "Through the HRBP’s encourage managers to have career coaching discussions with BAME "
            "staff in relation to:",
            "· Internal management training",
            "· Coaching via the OD team",
            "· Using the apprenticeship levy for career development qualifications",
            "· Shadowing with managers",
        ],
        "Work continues with line managers",
    ),
    (
        "Job application support",
        [
            "Ongoing support in applying for current vacancies in terms of CV writing and "
            "interview advice using HR professionals and focused on for BAME candidates",
            "Identify process to include this in recruitment campaigns.",
            "Incorporate Equality reference group in process and train",
        ],
        "Work continues with applicants as required",
    ),
    (
        "Talent pool of  BAME candidates",
        [
            "To develop a process to keep unsuccessful candidates and applications from roadshows "
            "informed of new vacancies as they arise"
        ],
        "Not complete",
    ),
    (
        "Work experience/work placement programme*",
        [
            "Co-ordinated programme of work experience/work placement using schools within the "
            "City and supported by Service Heads"
        ],
        "Initial pilot schemes complete.\nWork continues on future programme",
    ),
    (
        "Legal apprenticeship *",
        ["To improve the pipeline of Legal professionals"],
        "Trainee Solicitor appointed",
    ),
]


def _table(doc: DocumentObject, rows: list[Row]) -> None:
    table = ooxml.make_table(doc, 1 + len(rows), WIDTHS)
    for col, header in enumerate(("Action", "Deliverable(s)", "Status")):
        ooxml.set_paragraphs(table.cell(0, col), [header], bold=True)
        ooxml.shade(table.cell(0, col), "D9D9D9")
    ooxml.repeat_as_header(table)
    for r, (action, deliverables, status) in enumerate(rows, start=1):
        cells = table.rows[r].cells
        ooxml.set_paragraphs(cells[0], [action])
        ooxml.set_paragraphs(cells[1], [d.removeprefix("• ") for d in deliverables])
        for paragraph, text in zip(cells[1].paragraphs, deliverables, strict=True):
            if text.startswith("• "):
                ooxml.bullet(paragraph)
        ooxml.set_paragraphs(cells[2], [status])


def build(path: Path) -> None:
    doc = ooxml.new_document(landscape=False, font_pt=11)
    doc.add_paragraph().add_run(TITLE).bold = True
    doc.add_heading("APPENDIX 2", level=1)
    doc.add_heading("Equalities Action Plan 2018/21 Update", level=2)
    _table(doc, PART_1)
    ooxml.page_break(doc)
    doc.add_heading("APPENDIX 2 (Continued)", level=1)
    _table(doc, PART_2)
    ooxml.save_reproducibly(doc, path)
