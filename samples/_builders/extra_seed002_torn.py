"""Seed 002 again, laid out as the original's torn pages rather than as a clean table.

The header is TWO real table rows whose words are split between them ("Re" / "f", "Desired" /
"Outcome", "October 2018" / "Update"), so a reader must join the rows to name the columns. The
Lead Officer column is narrow enough that names wrap inside the cell ("George Ballentyn" / "e").
The Priority 1 band is not in the seed, so the first rows have no theme. Row 4a is cut at a page
break: the rest of its cells sit in the first row of a second table that repeats no header and
whose leading cells (Ref, Action, the three lead columns) are empty.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from docx.document import Document as DocumentObject

from . import ooxml

STEM = "seed002_torn_header"
TITLE = "Progress update on Equality Action Plan 2018/19"

HEADER_TOP = [
    "Re", "Desired", "Action", "Lead Service", "Lead", "Supporting", "How will we measure",
    "October 2018", "April 2019 Update",
]  # fmt: skip
HEADER_BOTTOM = ["f", "Outcome", "", "Area", "Officer", "Services", "success?", "Update", ""]
WIDTHS = [0.8, 3.2, 3.8, 2.6, 1.5, 2.6, 3.6, 4.2, 4.4]

PRIORITY_4 = (
    "Priority 4: Provide a working environment where employees are treated with fairness, "
    "dignity and respect"
)


@dataclass(frozen=True)
class Row:
    """One table row, a list of paragraphs per cell, in header order."""

    cells: tuple[list[str], ...]


def _row(*cells: str | list[str]) -> Row:
    return Row(tuple([c] if isinstance(c, str) else c for c in cells))


ROWS_1: list[Row | str] = [
    _row(
        "1c",
        "Staff are able to signpost new arrivals and other Leicester residents who do not speak "
        "English to where they are able to learn English in a variety of different ways e.g. "
        "conversation cafes, online",
        "Information gathering exercise to establish what is available in the city (including "
        "third sector offer). Raise awareness with staff about the support available.",
        "Equality - Internal offer, Voluntary and Community Sector Engagement - External offer",
        ["Hannah Watkins (internal)", "George Ballentyne (external)"],
        "Communications, Community Languages",
        "We know what language support is available across the city and we have promoted this "
        "to staff in order that they are able to signpost effectively.",
        "A brief list of private providers has been compiled inc. how they deliver and typical "
        "prices. Currently mapping school and college-based provision and the more informal type "
        '(e.g. "conversation cafes").',
        [],
    ),
    _row(
        "1d",
        "Managers can confidently and robustly assess the equalities impacts of service change, "
        "are able to identify mitigating actions where needed and are able to implement "
        "mitigating actions effectively",
        "Introduce an improved equality toolkit which covers general equality and diversity "
        "awareness, demographics of Leicester, Equality Monitoring, Equality Impact Assessment, "
        "Equality in Procurement. Work with OD to identify training needs - e.g. deliver Equality "
        "Impact Assessment Workshops",
        "Equality Team",
        "Surinder Singh",
        "Organisational Development",
        "Feedback from managers about the usefulness of the toolkit. Feedback from managers about "
        "effectiveness of training/ workshops. Annual assessment of implementation and "
        "effectiveness of mitigating actions identified in Equality Impact Assessments reported "
        "to CMT.",
        "A review of EIAs and their mitigating actions and report comments has been undertaken "
        "and report presented to CMT in September 2018 with a number of recommendations for "
        "improving the organisation's approach to Equality Impact Assessment. A survey has been "
        "drafted to gain feedback from those who have undertaken EIAs in the past 12 - 18 months "
        "re. their experience and suggestions for improvement in the support offered. We have "
        "also committed to briefing CMT on their responsibilities in relation to EIAs.",
        "EIA survey was undertaken, and findings analysed. Findings have been used to inform our "
        "work on the toolkit and other support. Practical EIA workshops have been developed and "
        "pilot sessions are due to commence in April 2019. Update 23.04.19 - Pilot EIA workshop "
        "has been run and amendments to the session made in line with feedback, three more "
        "sessions scheduled in before Mid-June and have been advertised in face. 14.06.19 - "
        "Additional sessions for July - Nov have been scheduled.",
    ),
    _row(
        "1e",
        "There is good quality and consistent equality monitoring information available to use "
        "for service improvement and in assessing the impacts of service change",
        "Develop and implement a best practise approach to Equality Monitoring, including an "
        "updated Equality monitoring template and guidance.",
        "Equality Team",
        "Hannah Watkins",
        "HR Policy and Projects, Communications",
        "Managers are aware of the changes. Equality monitoring is updated as appropriate. "
        "Feedback from services who have implemented the best practise approach.",
        "CMT paper making recommendations for improving the consistency with which the "
        "organisation equality monitors. Equality monitoring guidance has been developed and "
        "implemented. Best practise equality monitoring templates have been developed and "
        "implemented.",
        "The new guidance and templates have been used by several services to update their "
        "approach, including online registration form for environmental services, transport "
        "development online forms. The guidance and forms have also been linked to from the new "
        "corporate volunteering guidance.",
    ),
    _row(
        "1f",
        "Relevant services (e.g. leisure centres, school admissions) are equipped to meet the "
        "need of transgender service users/ pupils",
        "Engage with relevant service areas and HR Policy and Projects to develop a policy and "
        "guidance.",
        "Equality Team",
        "Sukhi Biring",
        "HR Policy and Projects",
        "Policy and guidance implemented in relevant service areas by April 2019",
        "Organisational policy and guidance on supporting trans staff has been implemented. "
        "Including a transitioning support plan template. A trans inclusion toolkit has been "
        "developed in Childrens to provide guidance on supporting pupils. Currently working on a "
        "version of the supporting trans staff policy and guidance for staff in schools.",
        "Policy and guidance on supporting trans staff in schools has been drafted and is due to "
        "be implemented.",
    ),
    PRIORITY_4,
    _row(
        "4a",
        "The Dignity at Work Policy has been embedded, managers are",
        "Conduct a Dignity at Work staff survey and identify SMART actions to respond to the "
        "evidence.",
        "HR Policy and Projects",
        "Mandeep Judge",
        "Equality Team, Employee Groups",
        "A staff survey has been conducted and we have a greater understanding of where issues "
        "lie and",
        "Dignity at work survey questionnaire in final stages of development –",
        "We will assess existing employee data we hold around dignity at work. If any gaps in "
        "understanding are",
    ),
]

ROWS_2: list[Row | str] = [
    _row(
        "",
        "confident to respond to bullying and harrassment and the policy is used consistently. "
        "We have an understanding of bullying and harrassment within the organisation and "
        "respond to it effectively.",
        [],
        [],
        [],
        [],
        "that actions that can be taken to make improvements. SMART actions for further work "
        "have been identified.",
        "aiming to issue in September.",
        "identified as part of this analysis, these will be addressed.",
    ),
    _row(
        "4c",
        "Staff are aware of the support that is available to them",
        "Clarify and promote the Time off for Dependents Policy. Promote the Health and "
        "Wellbeing and Carer's Passports and other initiatives more widely via face, face for "
        "noticeboards, employee groups. Use case studies to illustrate and promote how passports "
        "can be used to achieve positive outcomes. Promote Employee Groups.",
        "Equality Team",
        "Sonya King",
        "Communications, HR Policy and Projects and Employee groups",
        "Communications have gone out to staff about the Time off for Dependents Policy and "
        "about the Passports (inc case studies). There is staff feedback, employee group "
        "feedback which suggests that staff are more aware of the support that is available to "
        "them. Employee Groups have a brochure to make available to staff without PC or who need "
        "a paper version and the groups have been promoted electronically.",
        "A report was taken to CMT on behalf of the carers support group with a number of "
        "recommendations including clarification of the time off for dependents policy. HR "
        "policy and projects were asked to take this forwards. We also put on an employee group "
        "event in May to promote the employee groups. All staff were invited to attend - the new "
        "Equality Action Plan was promoted at same event.",
        "Introductory session to the carers passport was delivered at the Carers Awareness Event "
        "and a more detailed session on support mechanisms with HR manager - this included case "
        "studies where attendees were asked to practise using the passport and identify other "
        "potential sources of support based on the case study, then there was a feedback "
        "session. Completed a similar session at the Mental Health and Wellbeing Time to Talk "
        "Event. There has been positive feedback on the sessions for both events. Employee "
        "groups have been invited to attend a corporate induction session about staff benefits "
        "on 23rd April and 19th June, promotional materials have also been provided for use at "
        "these events.",
    ),
]


def _table(doc: DocumentObject, rows: list[Row | str], *, header: bool) -> None:
    """One table piece; only the first repeats (and has) the two-row header."""
    offset = 2 if header else 0
    table = ooxml.make_table(doc, offset + len(rows), WIDTHS)
    if header:
        for r, words in enumerate((HEADER_TOP, HEADER_BOTTOM)):
            for col, word in enumerate(words):
                ooxml.set_paragraphs(table.cell(r, col), [word] if word else [], bold=True)
                ooxml.shade(table.cell(r, col), "D9D9D9")
        ooxml.repeat_as_header(table, rows=2)
    for r, row in enumerate(rows, start=offset):
        cells = table.rows[r].cells
        if isinstance(row, str):
            ooxml.set_paragraphs(ooxml.merge_across(cells), [row], bold=True)
            continue
        for cell, paragraphs in zip(cells, row.cells, strict=True):
            ooxml.set_paragraphs(cell, paragraphs)


def build(out_dir: Path) -> list[Path]:
    doc = ooxml.new_document(landscape=True, font_pt=8)
    doc.add_heading(TITLE, level=1)
    _table(doc, ROWS_1, header=True)
    ooxml.page_break(doc)
    _table(doc, ROWS_2, header=False)
    path = out_dir / f"{STEM}.docx"
    ooxml.save_reproducibly(doc, path)
    return [path]
