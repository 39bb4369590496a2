"""Seed 001: Fair & Inclusive Action Plan.

An overview table (Theme | Key Outputs | Measures) whose Theme and Measures cells are merged down
over each theme's outputs (``w:vMerge``), theme names in italics; then one heading and one
Key Outputs | Activities table per theme, several activities as paragraphs of one cell.
"""

from __future__ import annotations

from pathlib import Path

from docx.shared import Pt

from . import ooxml

TITLE = "FAIR & INCLUSIVE ACTION PLAN OVERVIEW"

OVERVIEW: list[tuple[str, list[str], list[str]]] = [
    (
        "Accountability & Consequences",
        [
            "Staff understand expectations and consequences of behaviour, are confident to speak "
            "up and know where to access support",
            "Early intervention & mediation to prevent formal processes",
            "Working with our Trade Unions",
            "Accountability of leaders ensured via a sound performance management framework",
            "Fair and more consistent application of formal employment procedures",
        ],
        [
            "Staff survey",
            "Number of mediation cases",
            "Number of HRAS cases",
            "Timely resolution of casework",
            "Exit interview data",
            "Feedback from forums",
            "Leadership appraisal process",
        ],
    ),
    (
        "Learning & Development",
        [
            "An effective and comprehensive equality & diversity training offer",
            "Mandatory induction with clear expectations of behaviour",
            "Positive action initiatives to develop and retain under-represented groups",
        ],
        ["Staff survey", "L&D data - compliance, evaluation", "PDPs", "Workforce profile"],
    ),
    (
        "Recruitment, retention & progression",
        [
            "Robust and inclusive recruitment processes that are reviewed regularly for "
            "effectiveness",
            "Fair and more consistent application of secondment and redeployment procedures "
            "including positive action initiatives where applicable",
            "Inclusive workforce & outreach strategy to raise employer brand and engage applicants "
            "from diverse communities across the city",
            "Wider use of behaviour-based interviews",
        ],
        ["Recruitment data", "Workforce profile", "Staff survey", "Exit data"],
    ),
    (
        "Communities",
        [
            "Services across the council understand and respond effectively to communities they "
            "work with and the changing demographic of the city",
            "The council has a reputation as a leader for equality and inclusion and community "
            "cohesion in the city, engaging in a joined up way with cultural events across the "
            "city",
            "Council staff are aware of and engaging with volunteering opportunities available to "
            "enable them to work with different communities across the city",
            "The council has a reputation in Schools, College, and HE as a leader for equality and "
            "inclusion and an employer of choice in the city for young people",
        ],
        [
            "Staff survey",
            "Workforce profile",
            "Recruitment data",
            "Number of community engagements",
            "City Tracker",
        ],
    ),
]

THEMES: list[tuple[str, list[tuple[str, list[str]]]]] = [
    (
        "1. ACCOUNTABILITY AND CONSEQUENCES",
        [
            (
                "1.1 Staff understand expectations and consequences of behaviour, are confident "
                "to speak up and know where to access support",
                [
                    "Refresh the Behaviour Framework",
                    "Design and launch a zero tolerance campaign including creation of a safe "
                    "space for issues to be raised",
                    "Provide development to the Leadership Network to ensure they understand their "
                    "role in leading the equality agenda",
                ],
            ),
            (
                "1.2 Early intervention and mediation to resolve issues where appropriate",
                [
                    "Provide specialist equalities training for HR advisers, mediators and "
                    "investigators",
                    "Re-launch and embed the mediation process",
                ],
            ),
            ("1.3 Working with our Trade Unions", ["Actions to be developed"]),
            (
                "1.4 Accountability of leaders ensured via a sound performance management "
                "framework",
                [
                    "Incorporate an equalities measure into the rated appraisal process for "
                    "leadership roles",
                    "Incorporate equalities measures into the service performance management "
                    "framework",
                ],
            ),
            (
                "1.5 Fair and more consistent application of formal employment procedures",
                [
                    "Identify members who will sit as part of appeal hearings, and provide "
                    "comprehensive equalities training",
                    "Define the role of member equality 'champions' and provide a clear terms of "
                    "reference to the member advisory group",
                ],
            ),
        ],
    ),
    (
        "2. LEARNING AND DEVELOPMENT",
        [
            (
                "2.1 An effective and comprehensive equality & diversity training offer",
                [
                    "Develop golden thread of E&D through all training from recruitment onwards",
                    "Use the staff survey results to identify teams that may require bespoke "
                    "Learning and Development interventions to address issues identified by the "
                    "survey",
                    "Use PDP/annual review to identify individual learning needs in relation to "
                    "equality and diversity and provide bespoke training as needed",
                ],
            ),
            (
                "2.2 Mandatory induction with clear expectations of behaviour",
                [
                    "Communicate values and behavioural expectations explicitly as part of the "
                    "recruitment process and during induction",
                    "Use probationary review to monitor compliance and allow new starter to feed "
                    "back confidentially. Align training completion with review dates",
                ],
            ),
            (
                "2.3 Positive action initiatives to develop and retain under-represented groups",
                [
                    "Identify and offer targeted job shadowing / mentoring / acting ups / "
                    "secondment opportunities with clear development objectives - internally and "
                    "externally, e.g. with Equip partners",
                    "Make secondments fairer, accessible and communicated more widely and "
                    "consistently",
                    "Use data analysis to ensure positive action is applied and communicated "
                    "transparently to the whole organisation",
                ],
            ),
        ],
    ),
    (
        "3. RECRUITMENT, RETENTION AND PROGRESSION",
        [
            (
                "3.1 Robust and inclusive recruitment processes that are reviewed regularly for "
                "effectiveness",
                [
                    "Mandatory training for everyone on interview panels with enforced compliance "
                    "monitoring, including revised unconscious bias training",
                    "Develop and offer brief recruitment training refresher sessions",
                    "Review Job Descriptions and Person Specifications at recruitment planning "
                    "stage to ensure accessibility to all",
                    "Provide targetted support and data driven interventions during recruitment to "
                    "key service areas where there is under-representation",
                ],
            ),
            (
                "3.2 Fair and more consistent application of secondment and redeployment "
                "procedures including positive action initiatives where applicable",
                [
                    "Targeted support for underrepresented groups identifying development "
                    "needs/aspirations via PDPs",
                    "Consider how redeployment options could be used to promote diversity and what "
                    "impact the process has on achieving our aims for a diverse workforce",
                ],
            ),
            (
                "3.3 Inclusive workforce & outreach strategy to raise employer brand and engage "
                "applicants from diverse communities across the city",
                [
                    "Identify technical and managerial pathways for under-represented groups "
                    "notably young people & with schools",
                    "Provide support for under-represented groups to boost confidence in "
                    "application and interview skills",
                    "Hold service/team open days with active team members and HR support to "
                    "attract recruits engaging with potential applicants",
                    "Engage with Comms team, forums and communities to design and develop diverse "
                    "recruitment campaigns with corporate approach",
                    "Collaborate with Equip partners to hold targetted citywide recruitment events",
                ],
            ),
            (
                "3.4 Wider use of behaviour based interviews",
                [
                    "Explore use of behaviour based interviews across the organisation and use "
                    "data analysis to target pilot area/service",
                ],
            ),
        ],
    ),
]


def build(path: Path) -> None:
    doc = ooxml.new_document(landscape=False, font_pt=10)
    doc.add_heading(TITLE, level=1)
    n_rows = 1 + sum(len(outputs) for _, outputs, _ in OVERVIEW)
    table = ooxml.make_table(doc, n_rows, [4.0, 9.0, 5.0])
    for col, header in enumerate(("Theme", "Key Outputs", "Measures")):
        ooxml.set_paragraphs(table.cell(0, col), [header], bold=True)
    ooxml.repeat_as_header(table)
    row = 1
    for theme, outputs, measures in OVERVIEW:
        last = row + len(outputs) - 1
        ooxml.set_paragraphs(table.cell(row, 0).merge(table.cell(last, 0)), [theme], italic=True)
        ooxml.set_paragraphs(table.cell(row, 2).merge(table.cell(last, 2)), measures)
        for output in outputs:
            ooxml.set_paragraphs(table.cell(row, 1), [output])
            row += 1
    for heading, rows in THEMES:
        ooxml.page_break(doc)
        doc.add_heading(heading, level=2)
        table = ooxml.make_table(doc, 1 + len(rows), [7.0, 11.0])
        ooxml.set_paragraphs(table.cell(0, 0), ["Key Outputs"], bold=True)
        ooxml.set_paragraphs(table.cell(0, 1), ["Activities"], bold=True)
        for r, (output, activities) in enumerate(rows, start=1):
            ooxml.set_paragraphs(table.cell(r, 0), [output])
            ooxml.set_paragraphs(table.cell(r, 1), activities)
            for paragraph in table.cell(r, 1).paragraphs[:-1]:
                paragraph.paragraph_format.space_after = Pt(6)
    ooxml.save_reproducibly(doc, path)
