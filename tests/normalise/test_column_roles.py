"""The column-role classifier: columns read by their cells when the lexicon cannot read the header.

Headers here are wordings the lexicon does not list (checked in the first test), the cells are
invented plan content, and each expectation is what a reader of the column would say it holds.
"""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from planingest.extractor import extract
from planingest.extractor.model import Cell, Table
from planingest.normalise import normalise
from planingest.normalise.column_roles import MODEL_FILE, ColumnSample, shipped_model
from planingest.normalise.columns import load_lexicon
from planingest.normalise.layout import analyse

LEXICON = load_lexicon()
HEADERS = ("Planned Step", "Overseen by", "Finish by", "Where it stands", "Narrative so far")
ROWS = [
    ("Publish a carers' support directory with the voluntary sector", "Ayo Brennigan",
     "March 2025", "Complete", "The directory went live in February and is promoted in libraries."),
    ("Review the hate crime reporting centres and refresh their training", "Community Safety Team",
     "Q2 2025/26", "In progress", "Four of the six centres have been visited so far."),
    ("Introduce a reasonable adjustments passport for staff", "Head of HR",
     "September 2025", "Not started", "Work will begin once the new HR system is in place."),
]  # fmt: skip


def _table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> Table:
    cells = [Cell(row=r, col=c, text=t) for r, row in enumerate([header, *rows])
             for c, t in enumerate(row)]  # fmt: skip
    return Table(index=0, n_rows=len(rows) + 1, n_cols=len(header), cells=tuple(cells))


def test_headers_used_here_are_unknown_to_the_lexicon() -> None:
    assert all(LEXICON.match(h).entry is None for h in HEADERS)


@pytest.mark.parametrize(
    ("cells", "role"),
    [
        (("31 March 2025", "Q3 2025/26", "By end of June 2025", "Spring 2026"), "deadline"),
        (("Ayo Brennigan", "Mr T. Calloway and Ruth Esk", "Parks Team", "Head of HR"), "lead"),
        (("Complete", "On track", "Delayed", "Not started"), "status"),
        (("1.1", "1.2", "2a", "2b"), "ref"),
        (
            (
                "Develop a travel plan for the civic centre with staff",
                "Install solar panels on the depot roof before the winter",
                "Train all front-line staff in dementia awareness",
            ),
            "action",
        ),  # fmt: skip
    ],
)
def test_a_column_is_read_by_its_cells_whatever_its_header(
    cells: tuple[str, ...], role: str
) -> None:
    for header in ("", "Column 4"):
        guess = shipped_model().predict(ColumnSample(header, cells))
        assert guess.role == role, (header, guess)


def test_coloured_dots_without_words_are_a_status_column() -> None:
    guess = shipped_model().predict(ColumnSample("Col", ("●", "●", "●"), (True, True, True)))
    assert guess.role == "status"


def test_a_table_with_unknown_headers_is_read_as_a_plan_table() -> None:
    layout = analyse(_table(HEADERS, ROWS), LEXICON, None)
    assert layout is not None and not layout.transposed
    fields = {c.header: c.field for c in layout.columns}
    assert fields == dict(zip(HEADERS, ["action", "lead", "deadline", "status", "progress"],
                              strict=True))  # fmt: skip
    assert all(c.classified and 0.6 <= c.classified <= 1 for c in layout.columns)
    assert layout.header_lines == 1


def test_a_transposed_table_with_unknown_labels() -> None:
    header_and_rows = [(h, *(row[i] for row in ROWS)) for i, h in enumerate(HEADERS)]
    cells = [Cell(row=r, col=c, text=t) for r, row in enumerate(header_and_rows)
             for c, t in enumerate(row)]  # fmt: skip
    table = Table(index=0, n_rows=len(HEADERS), n_cols=len(ROWS) + 1, cells=tuple(cells))
    layout = analyse(table, LEXICON, None)
    assert layout is not None and layout.transposed
    assert [c.field for c in layout.columns] == ["action", "lead", "deadline", "status", "progress"]


def test_a_data_row_is_not_taken_for_a_header() -> None:
    """A continuation with no header row: its first row holds sentences and dates."""
    layout = analyse(_table(ROWS[0], ROWS[1:]), LEXICON, None)
    assert layout is None


def test_a_known_header_keeps_its_field_from_an_unknown_column() -> None:
    """ "Comments" names the progress column; "Resources Required" lists teams but is neither a
    second progress column nor a guess: it stays under its own header in extra."""
    header = ("Action", "Lead Officer", "Resources Required", "Comments")
    rows = [(r[0], r[1], "Finance Team, HR Systems Team", r[4]) for r in ROWS]
    layout = analyse(_table(header, rows), LEXICON, None)
    assert layout is not None
    fields = {c.header: (c.field, c.classified) for c in layout.columns}
    assert fields["Comments"] == ("progress", None)
    assert fields["Action"] == ("action", None)
    assert fields["Resources Required"][0] != "progress"


def test_an_unknown_action_column_beats_deliverables() -> None:
    """ "Deliverables" is the action only beside no action column (lexicon rank 2): next to a
    column of actions under an unknown header it is the outcome."""
    header = ("Planned Step", "Deliverables", "Overseen by", "Finish by")
    rows = [(r[0], r[4], r[1], r[2]) for r in ROWS]
    layout = analyse(_table(header, rows), LEXICON, None)
    assert layout is not None
    fields = {c.header: c.field for c in layout.columns}
    assert fields == {"Planned Step": "action", "Deliverables": "outcome", "Overseen by": "lead",
                      "Finish by": "deadline"}  # fmt: skip


def test_records_say_the_classifier_placed_the_field(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("Community Cohesion Plan 2024/25", level=1)
    table = document.add_table(rows=1, cols=len(HEADERS))
    for cell, text in zip(table.rows[0].cells, HEADERS, strict=True):
        cell.text = text
    for values in ROWS:
        for cell, text in zip(table.add_row().cells, values, strict=True):
            cell.text = text
    path = tmp_path / "plan.docx"
    document.save(str(path))
    records = normalise(extract(path)).records
    assert [r.action for r in records] == [row[0] for row in ROWS]
    first = records[0]
    assert first.lead.people == ["Ayo Brennigan"]
    assert first.deadline.latest is not None and first.deadline.latest.isoformat() == "2025-03-31"
    assert [r.status.value for r in records] == ["complete", "in_progress", "not_started"]
    assert first.progress[0].label == "Narrative so far"
    for name in ("action", "lead", "deadline", "status"):
        assert first.provenance[name].decided_by == "classifier"
        assert 0.6 <= first.confidence[name] <= 1.0


def test_the_shipped_model_is_small() -> None:
    path = Path(__file__).resolve().parents[2] / "src" / "normalise" / MODEL_FILE
    assert path.stat().st_size < 1_000_000
