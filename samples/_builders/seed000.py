"""Seed 000: Workforce Equalities Action Plan 2013-2014, one transposed table per theme.

Field names run down the second column, one action per further column; the theme title sits in
a leftmost column merged down every row (``w:vMerge``) with rotated text (``btLr``). The Objective
row's value spans all action columns (``w:gridSpan``). A "Key Action (repeat)" row fills a key
action left empty in the first "Key Action" row, as on the original's second page.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from docx.document import Document as DocumentObject
from docx.enum.text import WD_ALIGN_PARAGRAPH

from . import ooxml

TITLE = "Workforce Equalities Action Plan 2013-2014 Year one detail"

Row = tuple[str, Sequence[str] | str]
"""A field name and either one value per action (paragraphs split on blank lines) or one value
spanning every action column."""

WORKFORCE_DATA: list[Row] = [
    (
        "Objective",
        "To improve the capture, quality, analysis and reporting of equalities workforce "
        "information to the Workforce Equalities Group and to senior managers",
    ),
    (
        "Key Action",
        [
            "Improve the capture, quality, analysis and reporting of equalities workforce "
            "information to senior management",
            "Produce equalities non-disclosure lists* as part of monthly workforce data reports "
            "to Executive Leadership Team and Directorate Management Teams\n"
            "* 'Non-disclosure lists' will show, by service area, the percentage of staff who "
            "have not disclosed their personal equality information",
            "",
            "Produce regular quarterly management information reports (including recruitment "
            "data and nondisclosure lists) to Executive Leadership Team and Directorate "
            "Management Teams highlighting issues/trends for review and action",
            "Provide workforce equality information including recruitment data regularly to the "
            "Workforce Equalities Group* highlighting issues/trends for review and action\n"
            "* Workforce Equalities Group(WEG) is made up of representatives from Human "
            "Resources, the council's Workers' Forums and Trade Unions",
        ],
    ),
    (
        "Summary of Impact",
        [
            "Enables the council to take action to promote positive trends and to take "
            "appropriate action to address disadvantage where it is identified.",
            "Workforce equality information will be improved through being able to target those "
            "staff who have not disclosed their personal data initially in those service areas "
            "where declaration rates are low.",
            "Enables the council to develop approaches to increase the diversity of its "
            "workforce at all levels and to monitor progress.",
            "Enables senior management to be regularly briefed on workforce equalities "
            "issues/trends so they can endorse recommendations to address areas requiring "
            "improvement.",
            "Enables workforce and recruitment data to be reviewed regularly by Workers Forum and "
            "Trade Union representatives, issues/trends highlighted and required actions "
            "discussed.",
        ],
    ),
    (
        "Resources Required",
        [
            "Management Information Officer, HR Systems Team and other HR staff, external "
            "providers of HR management information and recruitment systems, external agency "
            "provider.",
            "Management Information Officer, HR Systems Team.",
            "Communities & Equality Team, Senior Analysis & Research Officer.",
            "HR Business Partners, Policy and Projects Team.",
            "Workers Forums, Trade Unions, HR staff, Communities & Equality Team, HR Systems "
            "Team, Policy and Projects Team.",
        ],
    ),
    (
        "Key Action (repeat)",
        [
            "Improve the capture, quality, analysis and reporting of equalities workforce "
            "information to senior management",
            "Produce equalities non-disclosure lists as part of monthly workforce data reports to "
            "Executive Leadership Team and Directorate Management Teams",
            "Review and update workforce targets by comparing the workforce profile, wherever "
            "possible, with the City's economically active community profile",
            "Produce regular quarterly management information reports (including recruitment "
            "data and non-disclosure lists) to Executive Leadership Team and Directorate "
            "Management Teams highlighting issues/trends for review and action",
            "Provide workforce equality information including recruitment data regularly to the "
            "WEG highlighting issues/trends for review and action",
        ],
    ),
    (
        "Progress Made",
        [
            "Funding obtained for an additional post in HR to support development, analysis and "
            "reporting of improved workforce information. Equalities monitoring form has been "
            "revised.",
            "Recruitment of Management Information Officer underway. Non-disclosure lists will "
            "start going to senior managers in July.",
            "Work has started to review workforce targets including setting a target for LGB "
            "group.",
            "Recruitment of Management Information Officer underway. Non-disclosure lists will "
            "start going to senior managers in July.",
            "Terms of Reference for the WEG have been refreshed. Composition of the group has "
            "been expanded to include Trade Union representatives. HR and BME Workers' Forum "
            "representatives attended joint training on analysing and understanding management "
            "information. Review of workforce information planned for July meeting of the WEG.",
        ],
    ),
    (
        "Deadlines for Completion",
        [
            "April 2014",
            "End of July 2013",
            "End July 2013",
            "Dummy quarter Dec - Mar. Live from April 2014",
            "First report to be completed by end of July",
        ],
    ),
    (
        "Accountable Officer",
        [
            "Executive Director of Finance and Resources",
            "Policy and Projects Manager",
            "Head of HR and OD",
            "Policy and Projects Manager",
            "Policy and Projects Manager",
        ],
    ),
    (
        "Officer responsible for implementation",
        [
            "Head of HR Strategy, Policy and Projects",
            "Senior Systems Analyst",
            "Policy and Projects Manager",
            "Management Information Officer",
            "Management Information Officer",
        ],
    ),
]

RECRUITMENT: list[Row] = [
    (
        "Objective",
        "To engage with communities of interest to develop an approach that will encourage "
        "applications from groups that are currently underrepresented within the council's "
        "workforce and monitoring success rates to identify trends. To develop an approach that "
        "will create a working environment that will facilitate the retention of "
        "under-represented groups so they can fulfil their potential.",
    ),
    (
        "Key Action",
        [
            "Re-establish a relationship between the BME voluntary and community organisations "
            "and the council",
            "Gain an understanding of the council's image as an employer within the BME and white "
            "other communities",
            "Improve information about different ethnic groups within the City to enable informed "
            "analysis of recruitment data",
            "Review content of recruitment and selection training to ensure it addresses equality "
            "and diversity issues effectively and make it mandatory for recruiting managers",
        ],
    ),
    (
        "Summary of Impact",
        [
            "Dialogue with communities will assist in shaping our approach to marketing of our "
            "jobs & apprenticeships. The council becoming an employer of choice for local people "
            "from minority groups.",
            "Increase in applications from communities engaged with.\n\n"
            "Improved relationship with communities.",
            "More detailed and extensive data, information and knowledge about the different "
            "ethnic groups in the city that can be used across all services in the council to "
            "inform their service design and delivery.",
            "Ensure consistency of practice tied to organisational values and procedures.\n\n"
            "Recruitment and selection training addressing key equality issues such as "
            "unconscious bias.",
        ],
    ),
    (
        "Resources Required",
        [
            "HR Recruitment representatives will work with 'Interested Champions' from around the "
            "organisation, Communities and Equality Team, Community Safety Team, Time needed to "
            "attend community meetings.",
            "Financial resources required to undertake independent review of councils perception "
            "as an employer by local communities (TMPW), Information gathered will influence "
            "contact with communities and involvement in the development of the DiverseCity "
            "recruitment branding.",
            "HR Systems Team, HR Policy and Projects Team, Community Safety, Research and "
            "Consultation; Communities and Equality Team.",
            "Recruitment strategy and delivery teams support in delivery.\n\n"
            "Resource for delivery from current Workforce Development & Children's Team.",
        ],
    ),
    (
        "Progress Made",
        [
            "This work will build on the work already being done by teams listed above, there are "
            "already some established relationships with communities in the City.",
            "This work will build on the existing DiverseCity branding / campaign and will build "
            "on existing community links.",
            "Steering group established and a BME state of the city statistical snapshot to be "
            "completed by July 2013. Following which the steering group will oversee any "
            "engagement process to gather more detailed and specific data to respond to gaps and "
            "issues indentified in the snapshot.",
            "Meeting with officers to look at content and reviewing who delivers.\n\n"
            "Meeting with Head of HR, Business Partners and Head of Coaching and Advice to "
            "identify joint working and delivery.\n\n"
            "Recruitment and Selection e learning training has been reviewed and amended to "
            "incorporate values and behaviours and reflect Global HPO recommendations agreed with "
            "Recruitment Strategy & Delivery Manager and Policy & Projects Manager. Data on "
            "recruiting Managers to be shared quarterly from the recruitment Strategy and "
            "Delivery Team to allow cross referencing Surf2Learn and Pier L&D data to confirm "
            "attendance of workshop in last 3 years and E-learning in last year.",
        ],
    ),
    (
        "Key Action (repeat)",
        [
            "Re-establish a relationship between the BME voluntary and community organisations "
            "and the council",
            "Gain an understanding of the council's image as an employer within the BME and white "
            "other communities",
            "Improve information about different ethnic groups within the City to enable informed "
            "analysis of recruitment data",
            "Review content of recruitment and selection training to ensure it addresses equality "
            "and diversity issues effectively and make it mandatory for recruiting managers",
        ],
    ),
    (
        "Deadlines for Completion",
        ["Ongoing process of engagement", "December 2013", "December 2013", "October 2013"],
    ),
    (
        "Interdependencies",
        [
            "Links with the BME needs assessment work.\n\n"
            "Linked to work around apprenticeships and with links to Job Centre Plus.",
            "Communications Team",
            "BME Needs Assessment currently underway - key mechanism for achieving this action.",
            "Monitoring of managers who have attended recruitment and selection training cross "
            "referenced with Recruitment and Selection data of recruiting managers actively "
            "recruiting.\n\n"
            "Follow up action if recruitment policy not followed tied to equality monitoring and "
            "informed analysis of recruitment data.",
        ],
    ),
    (
        "Accountable Officer",
        [
            "Head of HR and OD",
            "Head of HR and OD",
            "Head of Communities and Equality",
            "Head of Workforce Development",
        ],
    ),
    (
        "Officer responsible for implementation",
        [
            "Recruitment strategy and delivery manager",
            "Recruitment strategy and delivery manager",
            "Senior Analysis and Research Officer",
            "Workforce Development Manager",
        ],
    ),
]


def _theme_table(doc: DocumentObject, theme: str, rows: list[Row]) -> None:
    n_actions = max(len(v) for _, v in rows if not isinstance(v, str))
    action_width = (26.7 - 1.2 - 3.2) / n_actions
    table = ooxml.make_table(doc, len(rows), [1.2, 3.2] + [action_width] * n_actions)
    band = table.cell(0, 0).merge(table.cell(len(rows) - 1, 0))
    ooxml.set_paragraphs(band, [theme], bold=True)
    band.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    ooxml.text_direction(band, "btLr")
    for r, (field, values) in enumerate(rows):
        ooxml.set_paragraphs(table.cell(r, 1), [field], bold=True)
        if isinstance(values, str):
            spanning = ooxml.merge_across([table.cell(r, 2), table.cell(r, 1 + n_actions)])
            ooxml.set_paragraphs(spanning, [values])
            continue
        for c, value in enumerate(values):
            ooxml.set_paragraphs(table.cell(r, 2 + c), value.split("\n\n") if value else [])


def build(path: Path) -> None:
    doc = ooxml.new_document(landscape=True)
    doc.add_heading(TITLE, level=1)
    _theme_table(doc, "Workforce Data and Analysis", WORKFORCE_DATA)
    ooxml.page_break(doc)
    _theme_table(doc, "Recruitment and Retention", RECRUITMENT)
    ooxml.save_reproducibly(doc, path)
