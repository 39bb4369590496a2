"""When one action cell is several actions, and when it is one action that holds a list.

Each case is a small Word plan written with python-docx at test time and read through the whole
pipeline; the invented plans say plainly how many actions they hold."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from planingest import extract, normalise
from planingest.normalise.actions import _ref
from planingest.normalise.records import ActionRecord


def _plan(tmp_path: Path, rows: list[tuple[str, str, str]]) -> list[ActionRecord]:
    """A one-table plan: Action | Lead Officer | Deadline, one row per tuple."""
    document = docx.Document()
    document.add_heading("Inclusion Action Plan 2024/25", level=1)
    table = document.add_table(rows=1, cols=3)
    headers = ("Action", "Lead Officer", "Deadline")
    for cell, header in zip(table.rows[0].cells, headers, strict=True):
        cell.text = header
    for values in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, values, strict=True):
            cell.text = value
    path = tmp_path / "plan.docx"
    document.save(str(path))
    return normalise(extract(path)).records


@pytest.mark.parametrize(
    "action",
    [
        "Promote national awareness weeks\n1. Black History Month\n2. LGBT+ History Month\n"
        "3. National Inclusion Week",
        "Black History Month\nNational Inclusion Week\nInternational Women's Day",
        "1. Deaf Awareness Week (May 2024)\n2. Carers Week\n3. Pride Month",
        "Run a campaign covering:\nrecruitment\nretention",
    ],
    ids=["intro-and-numbered-list", "named-things", "numbered-named-things", "colon-intro"],
)
def test_a_list_inside_one_action_is_one_action(tmp_path: Path, action: str) -> None:
    records = _plan(tmp_path, [(action, "Mira Okafor", "March 2025")])
    assert len(records) == 1
    assert records[0].action.splitlines()[0] == action.splitlines()[0]
    assert records[0].lead.people == ["Mira Okafor"]


def test_sentences_each_an_action_are_split_and_share_the_row(tmp_path: Path) -> None:
    records = _plan(
        tmp_path,
        [
            (
                "Publish the workforce equality report every year.\n"
                "Review the recruitment policy with the staff networks.",
                "Mira Okafor",
                "March 2025",
            )
        ],
    )
    assert [r.action for r in records] == [
        "Publish the workforce equality report every year.",
        "Review the recruitment policy with the staff networks.",
    ]
    assert all(r.lead.people == ["Mira Okafor"] for r in records)


def test_leads_aligned_per_paragraph_split_even_a_list_of_names(tmp_path: Path) -> None:
    records = _plan(
        tmp_path,
        [("Black History Month\nCarers Week", "Mira Okafor\nTomasz Lind", "Oct 2024\nJune 2025")],
    )
    assert [(r.action, r.lead.people, r.deadline.latest.isoformat()) for r in records] == [
        ("Black History Month", ["Mira Okafor"], "2024-10-31"),
        ("Carers Week", ["Tomasz Lind"], "2025-06-30"),
    ]


def test_a_team_name_wrapped_after_and_is_one_team_not_an_aligned_lead(tmp_path: Path) -> None:
    records = _plan(
        tmp_path,
        [
            (
                "Publish the workforce equality report every year.\n"
                "Review the recruitment policy with the staff networks.",
                "Smart Cities and\nEquality Team",
                "March 2025",
            )
        ],
    )
    assert len(records) == 2
    assert all(r.lead.teams == ["Smart Cities and Equality Team"] for r in records)


@pytest.mark.parametrize(
    ("cell", "ref"),
    [("2.1\n0", "2.10"), ("1a", "1a"), ("3.2", "3.2"), ("Action 1", "Action 1")],
)
def test_a_reference_wrapped_by_a_narrow_column_is_whole(cell: str, ref: str) -> None:
    assert _ref(cell) == ref
