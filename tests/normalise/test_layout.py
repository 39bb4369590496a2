"""Layout decisions on tables built directly in the extractor contract.

Each table mirrors a layout seen in the seed plans (see ../shared/seeds/README.md), so the
expected reading is what a person sees in that layout.
"""

from __future__ import annotations

from planingest.extractor.model import Cell, Table
from planingest.normalise.columns import load_lexicon
from planingest.normalise.layout import PlanRow, Slot, analyse, plan_rows

LEXICON = load_lexicon()


def _table(rows: list[list[str | Cell]], index: int = 0) -> Table:
    """A table from rows of text; a Cell in a row is used as is (for spans), None skips."""
    cells = []
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if isinstance(value, Cell):
                cells.append(value)
            elif value is not None:
                cells.append(Cell(row=r, col=c, text=value))
    n_cols = max(c.col + c.colspan for c in cells)
    return Table(index=index, n_rows=len(rows), n_cols=n_cols, cells=tuple(cells))


def _rows(table: Table, previous=None) -> list[PlanRow | Slot]:  # type: ignore[no-untyped-def]
    layout = analyse(table, LEXICON, previous)
    assert layout is not None
    return list(plan_rows(table, layout, LEXICON, None))


def _fields(row: PlanRow) -> dict[str, str]:
    return {c.field if c.field != "extra" else c.header: s.text for c, s in row.values if s.text}


def test_header_split_over_two_rows_is_joined() -> None:
    # Seed 002: "Re" / "f", "Desired" / "Outcome", "Lead" / "Officer".
    table = _table(
        [
            ["Re", "Desired", "Action", "Lead", "October 2018"],
            ["f", "Outcome", "", "Officer", "Update"],
            ["1a", "Staff have the skills", "Provide training", "Hannah Watkins", "Started"],
        ]
    )
    layout = analyse(table, LEXICON, None)
    assert layout is not None and not layout.transposed
    assert [c.field for c in layout.columns] == ["ref", "outcome", "action", "lead", "progress"]
    (row,) = _rows(table)
    assert isinstance(row, PlanRow)
    assert _fields(row)["ref"] == "1a"
    assert _fields(row)["progress"] == "Started"


def test_band_row_across_all_columns_is_a_theme() -> None:
    band = Cell(row=1, col=0, colspan=4, text="Priority 1: Digital inclusion")
    table = _table(
        [
            ["Ref", "Action", "Lead Officer", "Deadline"],
            [band, None, None, None],
            ["1a", "Provide training", "Hannah Watkins", "April 2019"],
        ]
    )
    theme, row = _rows(table)
    assert isinstance(theme, Slot) and theme.text == "Priority 1: Digital inclusion"
    assert isinstance(row, PlanRow) and _fields(row)["action"] == "Provide training"


def test_transposed_table_with_rotated_band_and_repeat_row() -> None:
    # Seed 000: a rotated theme band down the left, field names in the next column, one action
    # per further column; the second action's key action only appears in the "(repeat)" row.
    band = Cell(
        row=0, col=0, rowspan=5, text="Workforce Data and Analysis", rotation=270, direction="bt-lr"
    )
    objective = Cell(row=0, col=2, colspan=2, text="To improve the capture of data")
    table = _table(
        [
            [band, "Objective", objective, None],
            [None, "Key Action", "Improve reporting", ""],
            [None, "Resources Required", "HR Systems Team", "Policy Team"],
            [None, "Key Action (repeat)", "Improve reporting", "Review targets"],
            [None, "Deadlines for Completion", "April 2014", "End July 2013"],
        ]
    )
    layout = analyse(table, LEXICON, None)
    assert layout is not None and layout.transposed
    rows = [r for r in _rows(table) if isinstance(r, PlanRow)]
    assert [r.first("action").text for r in rows] == ["Improve reporting", "Review targets"]
    assert all(r.first("objective").text == "To improve the capture of data" for r in rows)
    assert [r.theme.text for r in rows if r.theme] == ["Workforce Data and Analysis"] * 2
    assert _fields(rows[1])["Resources Required"] == "Policy Team"
    assert rows[1].first("deadline").text == "End July 2013"


def test_vertically_merged_outcome_is_shared_by_the_rows_it_covers() -> None:
    outcome = Cell(row=1, col=0, rowspan=2, text="Staff understand expectations")
    table = _table(
        [
            ["Key Outputs", "Activities"],
            [outcome, "Refresh the Behaviour Framework"],
            [None, "Launch a campaign"],
        ]
    )
    rows = _rows(table)
    assert [r.first("outcome").text for r in rows] == ["Staff understand expectations"] * 2


def test_repeated_header_row_after_a_page_break_is_skipped() -> None:
    table = _table(
        [
            ["Action", "Deliverable(s)", "Status"],
            ["Exit feedback", "Greater insight", "Complete"],
            ["Action", "Deliverable(s)", "Status"],
            ["Draft campaign", "Silver campaign", "Complete"],
        ]
    )
    rows = _rows(table)
    assert [r.first("action").text for r in rows] == ["Exit feedback", "Draft campaign"]
    # Beside an Action column, Deliverable(s) is what the action delivers: the outcome.
    assert rows[0].first("outcome").text == "Greater insight"


def test_headerless_continuation_table_inherits_the_previous_layout() -> None:
    first = _table([["Action", "Deliverable(s)", "Status"], ["Exit feedback", "Insight", "Done"]])
    layout = analyse(first, LEXICON, None)
    second = _table([["Job application support", "Ongoing support", "Work continues"]], index=1)
    assert analyse(second, LEXICON, None) is None
    rows = _rows(second, previous=layout)
    assert rows[0].first("action").text == "Job application support"
    assert rows[0].first("status").text == "Work continues"


def test_progress_column_of_dots_is_status_and_of_prose_is_progress() -> None:
    dots = _table(
        [["Outcome", "Detail", "Progress", "Lead"], ["Release staff", "Agreed.", "●", "HR"]]
    )
    layout = analyse(dots, LEXICON, None)
    assert layout is not None
    assert {c.header: c.field for c in layout.columns}["Progress"] == "status"
    prose = _table(
        [
            ["Action", "Progress"],
            ["Train staff", "Work has started on the framework and sessions are being planned now"],
        ]
    )
    layout = analyse(prose, LEXICON, None)
    assert layout is not None
    assert {c.header: c.field for c in layout.columns}["Progress"] == "progress"


def test_table_without_plan_columns_is_not_a_plan_table() -> None:
    legend = _table([["● No Progress", "● Progressing", "● Achieved"]])
    assert analyse(legend, LEXICON, None) is None
