"""Seed 002: Progress update on Equality Action Plan 2018/19, in two editions.

A 9-column landscape table whose header row repeats on every page (``w:tblHeader``), priority band
rows merged across all nine columns, and long cells that make rows break across pages. The
October 2018 edition has no April column, words action 2a differently and lacks the second
action of row 3d, so the store can match editions.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from docx.document import Document as DocumentObject
from docx.table import _Cell

from . import ooxml

TITLE = "Progress update on Equality Action Plan 2018/19"

HEADERS = [
    "Ref",
    "Desired Outcome",
    "Action",
    "Lead Service Area",
    "Lead Officer",
    "Supporting Services",
    "How will we measure success?",
    "October 2018 Update",
    "April 2019 Update",
]
WIDTHS = [0.8, 3.4, 3.6, 2.4, 2.0, 2.6, 3.5, 4.0, 4.4]

PRIORITY_2 = (
    "Priority 2: Raise awareness of equalities issues and tackle prejudices, both internally and "
    "externally"
)
PRIORITY_3 = (
    "Priority 3: Attract, recruit, retain and progress a diverse range of employees in a culture "
    "which celebrates diversity and inclusion"
)


@dataclass(frozen=True)
class PlanRow:
    """One row; list fields are paragraphs, a paragraph starting "• " becomes a Word bullet."""

    ref: str
    outcome: str
    action: list[str]
    lead_service: str
    lead_officer: str
    supporting: str
    measure: str
    october: list[str]
    april: list[str]


def plan_rows(edition: str) -> list[PlanRow | str]:
    october = edition == "2018-10"
    action_2a = (
        "Raise awareness of community languages via an article in face and promote the new Plain "
        "English e-learning"
        if october
        else "Raise awareness of community languages via comms article in face and promote the "
        "new Plain English e-learning"
    )
    action_3d = [
        "Implement a guarentee that all Looked After Children (LAC) will have an interview when "
        "applying for apprenticeship roles within the organisation when they have successfully "
        "undertaken a Traineeship."
    ]
    if not october:
        action_3d.append(
            "Increase the opportunities for LAC and care leavers, particularly those who are NEET "
            "(Not in Employment, Education or Training), to benefit from work experience and "
            "other employer/employability related activities within the city council in order to "
            "help their awareness of options and 'work ready' skills."
        )
    return [
        PRIORITY_2,
        PlanRow(
            "2a",
            "Staff understand how to communicate in 'Plain English', are aware of the "
            "interpretation and translation policy and know how to access translation and "
            "interpretation for service users",
            [action_2a],
            "Communications",
            "Dan Walton",
            "Equality Team, Organisational Development",
            "Quarterly communication about language needs, use of plain English and translation "
            "and interpretation service",
            ["Currently reviewing Plain English e-learning to launch."],
            [
                "Plain English E-learning has been reviewed - awaiting sign off from comms before "
                "promoting. Update 25.04.19 - comms are concerned with content and accessibility "
                "of learning pool. Decision made to take relevant information from the module and "
                "place it on the staff intranet. There will be an update in face in June once "
                "intranet page has been updated."
            ],
        ),
        PlanRow(
            "2c",
            "Staff have a greater awareness and understanding of trans issues and managers are "
            "equipped to support trans employees",
            [
                "Implement and promote Transgender Policy and Guidance inc. transitioning "
                "template. Promote trans awareness e-learning."
            ],
            "Equality Team",
            "Sukhi Biring",
            "HR Policy and Projects, Communications, LGBT Employee Group, Organisational "
            "Development",
            "Transgender policy and guidance has been implemented and promoted. Trans awareness "
            "e-learning has been promoted and at least 100 staff members have completed the "
            "training.",
            [
                "Transgender policy and guidance implemented and communicated via InContact. Have "
                "started reviewing the e-learning with the LGBT+ employee group."
            ],
            [
                "LGBT+ group and Equality Team developed a display for transgender day of "
                "remembrance in November which was situated in the Reception waiting area at City "
                "Hall. A face article encouraging people to visit the display was published.",
                "Update 23.04.19 - Trans awareness e-learning has been reviewed and published. "
                "This has been communicated in face linked with IDAHOBIT (International day "
                "against homophobia, biphobia and transphobia)",
            ],
        ),
        PlanRow(
            "2d",
            "We have played a role in fostering good relations by raising awareness and tackling "
            "prejudices",
            [
                "Pilot a Human Library Event (http://humanlibrary.org/) for staff to attend (with "
                "the view to holding further events which are open to the public, voluntary and "
                "community sector organisations to attend in the future if successful)."
            ],
            "Equality Team",
            "Hannah Watkins",
            "Communications, Disabled Employees Group, Mental Health and Wellbeing Group, "
            "Community and Voluntary Sector Engagement",
            "Feedback about the event from those attending.",
            ["Scheduled in for early 2019. No action undertaken to date."],
            [
                "Face article and email to employee groups requesting volunteer books to complete "
                "registration form. Event scheduled for Thursday 9th May. Article in face on "
                "17.04.19 promoting the event to the wider staff group and intranet page created.",
                "Update on 22.05.19 - event has now taken place, feedback was positive, "
                "debriefing with volunteers helped us to identify learning points which will be "
                "implemented for the next event.",
            ],
        ),
        PRIORITY_3,
        PlanRow(
            "3c",
            "We understand the impact of recruitment to senior posts from outside of the city "
            "(where there is a lower concentration of BME people than in the city) on the "
            "representation of BME employees in senior posts",
            [
                "Investigate the impact of recruitment to senior posts from outside of the city "
                "(where there is a lower concentration of BME people than in the city) on the "
                "representation of BME employees in senior posts"
            ],
            "Organisational Development",
            "Owain Turner",
            "Equality Team",
            "The impact of recruitment to senior posts from outside of the city (where there is a "
            "lower concentration of BME people than in the city) has been investigated and we "
            "have a greater understanding. We have identified a target for BME representation in "
            "Senior posts, which takes the findings into account.",
            [
                "It has been identified that the organisation needs to consider how to 'grow our "
                "own' in order to improve representation of BME staff in senior positions. As "
                "part of a separate piece of work, an LLR equality partnership group which the "
                "City council sits on has secured 30k funding to be able to offer diversity and "
                "inclusion interventions aimed at increasing representation of PCs specifically "
                "in the health and social workforce."
            ],
            [
                "Actions we have now started;",
                "• Unconscious Bias training for all recruiting managers when undertaking "
                "recruitment campaigns",
                "• Mandate that refresher recruitment training occurs annually (or at point of "
                "recruitment)",
                "• Development of Support Guidance for recruiting managers on panel make up, "
                "proportionate recruitment testing etc. provided at point of recruitment",
                "• Better collection and assessment of data covering candidate and recruitment "
                "panel profiles and recruitment decisions (in line with new recruitment system)",
                "• Anonymised application process",
                "• Reviewing the way in which Job Specs and person specs are written",
                "• Continue to challenging the requirement for professional qualifications as "
                "essential requirements in Job Descriptions",
            ],
        ),
        PlanRow(
            "3d",
            "We support the authority's commitment to improving employment opportunities for "
            "Looked After Children",
            action_3d,
            "Organisational Development, Post 16 Looked After Children Team, Connexions",
            "Craig Picknell, Joanne Ives",
            "Human Resources Recruitment",
            "All LAC are guaranteed an interview when applying for apprenticeship roles within "
            "the organisation when they have successully undertaken a Traineeship. We have "
            "considered other ways in which to increase the opportunities for LAC to benefit from "
            "work experience and other employer/employability related activities within the city "
            "council and implemented specific actions to achieve this.",
            [
                "Pilot of Sector based work academy for admin apprenticeships has just been "
                "piloted targeted on individuals unemployed. Now looking to concentrate down "
                "further to those individuals who are NEET / LAC. Currently investigating other "
                "sectors."
            ],
            [
                "Paper in development for LAC offer. This is being planned for Initial Management "
                "Mtg in April, full sign off in May. To carry over this action to next Action Plan"
            ],
        ),
        PlanRow(
            "3f",
            "Recruitment processes are robust from an Equalities perspective and are free from "
            "unlawful discrimination",
            [
                "Undertake a review of job descriptions and recruitment processes, from an "
                "equalities perspective. Identify improvements to be implemented."
            ],
            "Equality Team",
            "Hannah Watkins",
            "Human Resources Recruitment",
            "A review has been undertaken, improvements identified and implemented. Mechanisms for "
            "monitoring the effectiveness of any changes have been identified.",
            [
                "Have selected a random sample of adverts, JDs and person specs to review. Have "
                "contacted Jo Allen and currently awaiting access to recruitment system."
            ],
            [
                "New recruitment system now in place, Jo Allen to provide overview to Hannah "
                "Watkins so JDs can be accessed."
            ],
        ),
    ]


def _fill(cell: _Cell, paragraphs: list[str]) -> None:
    ooxml.set_paragraphs(cell, [p.removeprefix("• ") for p in paragraphs])
    for paragraph, text in zip(cell.paragraphs, paragraphs, strict=True):
        if text.startswith("• "):
            ooxml.bullet(paragraph)


def _build(doc: DocumentObject, edition: str) -> None:
    n_cols = len(HEADERS) - (1 if edition == "2018-10" else 0)
    rows = plan_rows(edition)
    widths = WIDTHS[:n_cols]
    widths[-1] += 26.7 - sum(widths)
    table = ooxml.make_table(doc, 1 + len(rows), widths)
    for col, header in enumerate(HEADERS[:n_cols]):
        ooxml.set_paragraphs(table.cell(0, col), [header], bold=True)
        ooxml.shade(table.cell(0, col), "D9D9D9")
    ooxml.repeat_as_header(table)
    for r, row in enumerate(rows, start=1):
        cells = table.rows[r].cells
        if isinstance(row, str):
            ooxml.set_paragraphs(ooxml.merge_across(cells), [row], bold=True)
            continue
        values: list[list[str]] = [
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
        for cell, paragraphs in zip(cells, values[:n_cols], strict=True):
            _fill(cell, paragraphs)


def build_april_2019(path: Path) -> None:
    doc = ooxml.new_document(landscape=True, font_pt=8)
    doc.add_heading(f"{TITLE} – April 2019", level=1)
    _build(doc, "2019-04")
    ooxml.save_reproducibly(doc, path)


def build_october_2018(path: Path) -> None:
    doc = ooxml.new_document(landscape=True, font_pt=8)
    doc.add_heading(f"{TITLE} – October 2018", level=1)
    _build(doc, "2018-10")
    ooxml.save_reproducibly(doc, path)
