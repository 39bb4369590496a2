"""Two invented plans (invented bodies and people) in layouts the seeds do not cover.

* Northbrook climate plan: a RAG column whose cells are shaded red/amber/green/blue
  (``w:shd``), sometimes with the word, sometimes shading only, once unrated; theme band rows.
* Eastmere digital inclusion plan: a two-row header (Ref/Action/Lead/Due merged down over both
  header rows, "Progress" spanning Status and Comments), status words, and an action written as
  an intro line ending in ":" followed by real Word bullets.
"""

from __future__ import annotations

from pathlib import Path

from . import ooxml

CLIMATE_TITLE = "Northbrook District Council Climate Action Plan 2022-2025"
CLIMATE_EDITION = "Progress update – November 2023"

ClimateRow = tuple[str, str, str, str, str | None, str, str]
"""Ref, action, owner, target date, RAG fill (None = unrated), word in the RAG cell, update."""

CLIMATE: list[str | ClimateRow] = [
    "1. Council Estate and Operations",
    (
        "1.1",
        "Complete heat decarbonisation plans for the six largest council buildings, starting "
        "with Northbrook Leisure Centre",
        "Estates Team",
        "Q3 2023/24",
        ooxml.AMBER,
        "Amber",
        "Surveys complete for four of six sites. Leisure Centre plan delayed by structural "
        "survey findings; revised completion expected January.",
    ),
    (
        "1.2",
        "Switch all council electricity contracts to a certified renewable tariff",
        "Gareth Pennington, Procurement Manager",
        "March 2024",
        ooxml.BLUE,
        "",
        "New contract signed with effect from 1 October 2023.",
    ),
    (
        "1.3",
        "Install LED lighting and sensor controls in Beacon Road depot",
        "Facilities Management",
        "December 2023",
        ooxml.GREEN,
        "Green",
        "Contractor appointed; works programmed for November.",
    ),
    (
        "1.4",
        "Carbon literacy training for all managers (target: 150 managers trained)",
        "Organisational Development Team / Sustainability Officer",
        "Ongoing",
        ooxml.GREEN,
        "",
        "96 managers trained to date. Sessions continue monthly.",
    ),
    "2. Transport",
    (
        "2.1",
        "Replace pool cars with electric vehicles as leases end",
        "Fleet Services",
        "2024/25",
        ooxml.RED,
        "Red",
        "Only 2 of 14 pool cars replaced. Supplier lead times for EVs have slipped and the "
        "capital bid was deferred to 2024/25.",
    ),
    (
        "2.2",
        "Publish a Local Cycling and Walking Infrastructure Plan",
        "Helen Marsh-Oduya",
        "Q1 2024/25",
        ooxml.AMBER,
        "",
        "Consultation closed 30 September; 1,240 responses being analysed.",
    ),
    (
        "2.3",
        "Install 40 public EV charge points in district car parks",
        "Parking Services",
        "March 2025",
        None,
        "",
        "Procurement of charge point operator underway.",
    ),
    "3. Communities and Nature",
    (
        "3.1",
        "Launch a community climate grants scheme (£50,000 per year)",
        "Communities Team",
        "Q2 2023/24",
        ooxml.BLUE,
        "",
        "Scheme launched in July 2023; 11 grants awarded in the first round.",
    ),
    (
        "3.2",
        "Plant 10,000 trees on council land by 2025",
        "Ranger Service / Tom Ashdown",
        "March 2025",
        ooxml.GREEN,
        "Green",
        "3,400 trees planted in the 2022/23 season. Second planting season starts November.",
    ),
    (
        "3.3",
        "Review the Local Plan policies on energy efficiency standards for new homes",
        "Planning Policy Team",
        "Ongoing",
        ooxml.RED,
        "",
        "Paused pending the outcome of the national consultation on the Future Homes Standard.",
    ),
]


def build_climate(path: Path) -> None:
    doc = ooxml.new_document(landscape=True, font_pt=10)
    doc.add_heading(CLIMATE_TITLE, level=1)
    doc.add_paragraph(CLIMATE_EDITION)
    headers = ["Ref", "Action", "Action Owner", "Target Date", "RAG", "Update"]
    table = ooxml.make_table(doc, 1 + len(CLIMATE), [1.2, 8.0, 4.5, 2.6, 1.6, 8.8])
    for col, header in enumerate(headers):
        ooxml.set_paragraphs(table.cell(0, col), [header], bold=True)
    ooxml.repeat_as_header(table)
    for r, row in enumerate(CLIMATE, start=1):
        cells = table.rows[r].cells
        if isinstance(row, str):
            ooxml.set_paragraphs(ooxml.merge_across(cells), [row], bold=True)
            continue
        ref, action, owner, target, fill, word, update = row
        for cell, text in zip(cells, [ref, action, owner, target, word, update], strict=True):
            ooxml.set_paragraphs(cell, [text] if text else [])
        if fill is not None:
            ooxml.shade(cells[4], fill)
    ooxml.save_reproducibly(doc, path)


DIGITAL_TITLE = "Eastmere Borough Council Digital Inclusion Delivery Plan 2023/24"
DIGITAL_EDITION = "Position at 31 January 2024"

DigitalRow = tuple[str, list[str], str, str, str, str]
"""Ref, action paragraphs ("• " = Word bullet), lead, due, status, comments."""

DIGITAL: list[str | DigitalRow] = [
    "Skills and confidence",
    (
        "1.1",
        ["Run weekly drop-in digital help sessions in all five libraries"],
        "Libraries Manager",
        "Sept 2023",
        "Complete",
        "Sessions running weekly in all five libraries since August; average 9 residents per "
        "session.",
    ),
    (
        "1.2",
        ["Recruit and train 30 volunteer Digital Buddies"],
        "Ayesha Okonkwo",
        "Q4 2023/24",
        "On track",
        "22 volunteers recruited; training cohort 3 starts February.",
    ),
    (
        "1.3",
        [
            "Develop a basic digital skills course for adults with the Adult Learning Service "
            "covering:",
            "• using email and video calls",
            "• staying safe online",
            "• accessing council services online",
        ],
        "Adult Learning Service",
        "Jan-Feb 2024",
        "At risk",
        "Course content drafted. Tutor vacancy unfilled, so start may slip to March.",
    ),
    "Devices and connectivity",
    (
        "2.1",
        [
            "Set up a device recycling scheme with local businesses, refurbishing donated laptops "
            "for residents"
        ],
        "Digital Services Team",
        "Spring 2024",
        "Behind schedule",
        "Data-wiping supplier not yet appointed; first donations held in storage.",
    ),
    (
        "2.2",
        [
            "Offer free SIM cards with data through the National Databank at community hubs",
        ],
        "Community Hubs Coordinator",
        "31 March 2024",
        "Not started",
        "Hubs agreed to host; registration to be submitted in February.",
    ),
    (
        "2.3",
        ["Extend free public Wi-Fi to Eastmere market square"],
        "Joe Trelawney, ICT Infrastructure Lead",
        "2024/25",
        "Deferred",
        "Deferred to 2024/25 pending capital funding decision.",
    ),
    (
        "2.4",
        ["Report take-up of digital support by ward to the Communities Scrutiny Panel"],
        "Policy and Performance Team",
        "Quarterly",
        "Ongoing",
        "Q3 report presented on 16 January 2024.",
    ),
]


def build_digital_inclusion(path: Path) -> None:
    doc = ooxml.new_document(landscape=False, font_pt=10)
    doc.add_heading(DIGITAL_TITLE, level=1)
    doc.add_paragraph(DIGITAL_EDITION)
    table = ooxml.make_table(doc, 2 + len(DIGITAL), [0.9, 5.9, 3.0, 2.2, 2.2, 3.8])
    for col, header in enumerate(["Ref", "Action", "Lead", "Due"]):
        merged = table.cell(0, col).merge(table.cell(1, col))
        ooxml.set_paragraphs(merged, [header], bold=True)
    progress = table.cell(0, 4).merge(table.cell(0, 5))
    ooxml.set_paragraphs(progress, ["Progress"], bold=True)
    ooxml.set_paragraphs(table.cell(1, 4), ["Status"], bold=True)
    ooxml.set_paragraphs(table.cell(1, 5), ["Comments"], bold=True)
    ooxml.repeat_as_header(table, rows=2)
    for r, row in enumerate(DIGITAL, start=2):
        cells = table.rows[r].cells
        if isinstance(row, str):
            ooxml.set_paragraphs(ooxml.merge_across(cells), [row], bold=True)
            continue
        ref, action, lead, due, status, comments = row
        ooxml.set_paragraphs(cells[0], [ref])
        ooxml.set_paragraphs(cells[1], [p.removeprefix("• ") for p in action])
        for paragraph, text in zip(cells[1].paragraphs, action, strict=True):
            if text.startswith("• "):
                ooxml.bullet(paragraph)
        for cell, text in zip(cells[2:], [lead, due, status, comments], strict=True):
            ooxml.set_paragraphs(cell, [text])
    ooxml.save_reproducibly(doc, path)
