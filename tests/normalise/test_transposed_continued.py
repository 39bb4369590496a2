"""A transposed plan (field names down the first column, one action per column) continued in a
second table: the continuation's lines join the actions of the first piece.

The invented plan is written with python-docx at test time, and turned into a PDF with
LibreOffice for the PDF reading; both must give the same three actions with their leads and
deadlines."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from planingest import extract, normalise
from planingest.normalise.records import ActionRecord

from helpers import pdf_twin

ACTIONS = [
    "Publish a yearly workforce equality report",
    "Run listening sessions with the staff networks",
    "Review the recruitment policy with the unions",
]
REFS = ["1.1", "1.2", "1.3"]
OUTCOMES = ["Staff see the data", "Staff are heard", "Fairer hiring"]
LEADS = ["Mira Okafor", "Tomasz Lind", "Aisha Bello"]
DEADLINES = ["March 2025", "June 2025", "September 2025"]


def _table(document: docx.document.Document, lines: list[tuple[str, list[str]]]) -> None:
    table = document.add_table(rows=0, cols=4)
    table.style = "Table Grid"
    for label, values in lines:
        cells = table.add_row().cells
        cells[0].text = label
        for cell, value in zip(cells[1:], values, strict=True):
            cell.text = value


def _write(path: Path, repeat_action: bool) -> Path:
    document = docx.Document()
    document.add_heading("Workforce Equality Plan 2024/25", level=1)
    _table(
        document,
        [("Ref", REFS), ("Key Action", ACTIONS), ("Desired Outcome", OUTCOMES)],
    )
    document.add_page_break()
    rest = [("Lead Officer", LEADS), ("Deadline", DEADLINES)]
    _table(document, [("Key Action", ACTIONS), *rest] if repeat_action else rest)
    document.save(str(path))
    return path


def _summary(records: list[ActionRecord]) -> list[tuple[str, str | None, list[str], str | None]]:
    return [
        (
            r.action,
            r.outcome,
            r.lead.people,
            r.deadline.latest.isoformat() if r.deadline.latest else None,
        )
        for r in records
    ]


EXPECTED = [
    (ACTIONS[0], OUTCOMES[0], [LEADS[0]], "2025-03-31"),
    (ACTIONS[1], OUTCOMES[1], [LEADS[1]], "2025-06-30"),
    (ACTIONS[2], OUTCOMES[2], [LEADS[2]], "2025-09-30"),
]


@pytest.mark.parametrize("repeat_action", [True, False], ids=["action-repeated", "rest-only"])
def test_word_continuation_joins_the_actions(tmp_path: Path, repeat_action: bool) -> None:
    plan = normalise(extract(_write(tmp_path / "plan.docx", repeat_action)))
    assert _summary(plan.records) == EXPECTED


def test_pdf_continuation_joins_the_actions(tmp_path: Path) -> None:
    pdf = pdf_twin(_write(tmp_path / "plan.docx", repeat_action=True), tmp_path)
    plan = normalise(extract(pdf))
    assert _summary(plan.records) == EXPECTED
