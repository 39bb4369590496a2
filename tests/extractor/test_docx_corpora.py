"""The Word reader against public fixtures with published answers (read in place, never copied).

Docling's answers (``*.docx.json``) give every table's cells with their offsets and spans. Text is
compared after collapsing all whitespace, because Docling joins a cell's paragraphs with spaces or
newlines where we always use newlines; a bullet glyph typed at the start of a Docling line is also
dropped, because our contract moves it into ``Cell.bullets`` instead of the text.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from planingest.extractor.docx import read_docx
from planingest.extractor.model import ExtractedDocument, Table, TextBlock
from planingest.extractor.source import read_source

from helpers import CORPORA, layout, squash

CORPUS = CORPORA / "docx"


def _read(name: str) -> ExtractedDocument:
    return read_docx(read_source(CORPUS / name))


def _docling_text(text: str) -> str:
    return squash(" ".join(re.sub(r"^\s*•\s*", "", line) for line in text.split("\n")))


CellKey = tuple[int, int, int, int, str]


def _docling_cells(table: dict[str, Any]) -> set[CellKey]:
    return {
        (
            c["start_row_offset_idx"],
            c["start_col_offset_idx"],
            c["row_span"],
            c["col_span"],
            _docling_text(c["text"]),
        )
        for c in table["data"]["table_cells"]
    }


def _our_cells(table: Table) -> set[CellKey]:
    return set(layout(table))


@pytest.mark.parametrize("name", ["word_tables.docx", "docx_rich_tables_01.docx"])
def test_tables_match_docling_answer(name: str) -> None:
    answer = json.loads((CORPUS / f"{name}.json").read_text(encoding="utf-8"))
    document = _read(name)
    assert len(document.tables) == len(answer["tables"])
    for ours, theirs in zip(document.tables, answer["tables"], strict=True):
        assert (ours.n_rows, ours.n_cols) == (
            theirs["data"]["num_rows"],
            theirs["data"]["num_cols"],
        )
        assert len(ours.cells) == len(theirs["data"]["table_cells"])
        assert _our_cells(ours) == _docling_cells(theirs)
        assert ours.engine == "docx"
        assert ours.pages == ()
        assert ours.provenance.page is None


def test_word_tables_spans_read_by_eye() -> None:
    tables = _read("word_tables.docx").tables
    mixed = tables[4]
    by_text = {c.text: c for c in mixed.cells if c.text}
    assert (by_text["Merged Cell 4.4 5.4"].row, by_text["Merged Cell 4.4 5.4"].rowspan) == (4, 2)
    # Row 7 is one empty cell across all five columns; row 5 has no cell at columns 3 and 4,
    # which the vertical merges from rows 3 and 4 cover.
    assert [(c.col, c.colspan) for c in mixed.row_cells(7)] == [(0, 5)]
    assert [c.col for c in mixed.row_cells(5)] == [0, 1, 2]
    late = tables[5]
    assert late.grid()[1][0] is None
    assert [(c.col, c.text) for c in late.row_cells(1)] == [(1, "Cell 1.1")]
    over_late = tables[6]
    assert over_late.row_cells(1) == []
    assert over_late.grid()[1][2] is not None
    assert over_late.grid()[1][2].text == "Merged Cell 0.2 1.2"  # type: ignore[union-attr]


def test_merged_cells_positions_named_by_text() -> None:
    """Each cell's text names the rows and the columns it covers: "34-123" is rows 3-4, columns
    1-3. There is no published JSON for this file, so the text itself is the answer."""
    (table,) = _read("merged_cells.docx").tables
    assert (table.n_rows, table.n_cols) == (5, 4)
    assert len(table.cells) == 13
    for cell in table.cells:
        rows, cols = cell.text.split("-")
        assert (cell.row, cell.rowspan) == (int(rows[0]), len(rows)), cell
        assert (cell.col, cell.colspan) == (int(cols[0]), len(cols)), cell
    positions = [(r, c) for r in range(5) for c in range(4)]
    assert all(sum(cell.covers(r, c) for cell in table.cells) == 1 for r, c in positions)


def _feature_examples(title: str) -> dict[str, list[str]]:
    """The Examples table under ``title`` in the python-docx feature file, by span state."""
    lines = (CORPUS / "tbl-cell-access.feature").read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if title in line)
    rows: dict[str, list[str]] = {}
    for line in lines[start + 2 :]:
        if not line.strip().startswith("|"):
            break
        fields = [f.strip() for f in line.strip().strip("|").split("|")]
        rows.setdefault(fields[0], []).append(" ".join(fields[1:]))
    return rows


# The four tables of tbl-cell-access.docx, in document order (checked in the XML by eye).
SPAN_STATES = ["only uniform cells", "a horizontal span", "a vertical span", "a combined span"]


def test_tbl_cell_access_against_feature() -> None:
    """The feature file shows python-docx's view, which repeats a merged cell at every position;
    ``Table.grid()`` gives the same view from our anchors, so the two must agree."""
    tables = _read("tbl-cell-access.docx").tables
    assert len(tables) == 4
    by_row = _feature_examples("Reported row cell contents")
    by_col = _feature_examples("Reported column cell contents")
    by_index = _feature_examples("Reported cell text")
    for state, table in zip(SPAN_STATES, tables, strict=True):
        grid = table.grid()
        texts = [[cell.text if cell else "" for cell in row] for row in grid]
        assert by_row[state] == [" ".join(t for row in texts for t in row)]
        assert by_col[state] == [" ".join(texts[r][c] for c in range(3) for r in range(3))]
        for example in by_index[state]:
            row, col, expected = example.split()
            assert texts[int(row)][int(col)] == expected


def test_tbl_cell_access_anchors() -> None:
    """Merged positions hold no cell of their own: "4" over two columns is one cell."""
    _, horizontal, vertical, combined = _read("tbl-cell-access.docx").tables
    assert len(horizontal.cells) == 8
    assert [(c.text, c.colspan) for c in horizontal.row_cells(1)] == [("4", 2), ("6", 1)]
    assert len(vertical.cells) == 8
    assert [(c.text, c.rowspan) for c in vertical.row_cells(2)] == [("7", 1), ("9", 1)]
    five = next(c for c in vertical.cells if c.text == "5")
    assert (five.row, five.col, five.rowspan, five.colspan) == (1, 1, 2, 1)
    assert len(combined.cells) == 6
    four = next(c for c in combined.cells if c.text == "4")
    assert (four.row, four.col, four.rowspan, four.colspan) == (1, 0, 2, 2)


def test_rich_tables_bullets_are_lines() -> None:
    document = _read("docx_rich_tables_01.docx")
    assert [(t.n_rows, t.n_cols) for t in document.tables] == [(24, 3), (24, 3)]
    ordering = document.tables[0].grid()[1][1]
    assert ordering is not None
    assert ordering.lines[0] == "Reorganize into the mandatory sequence:"
    assert ordering.lines[1] == "Foreword (Mandatory, unnumbered)"
    assert ordering.lines[3] == "1 Scope (Mandatory, Clause 1)"
    assert ordering.lines[-1] == "Bibliography (Mandatory, absolute end)"
    assert len(ordering.lines) == 12
    assert ordering.bullets == tuple(range(1, 12))
    assert all("•" not in line for line in ordering.lines)
    plain = document.tables[0].grid()[2][1]
    assert plain is not None and plain.bullets == ()


def test_rich_tables_inside_content_controls_keep_reading_order() -> None:
    """Both tables sit in ``w:sdt`` content controls; the "Phase" headings come between them."""
    document = _read("docx_rich_tables_01.docx")
    blocks = list(document.blocks())
    labels = [b.text if isinstance(b, TextBlock) else f"table {b.index}" for b in blocks]
    assert labels[0] == "Changes to the DOCLANG Core Spec"
    assert labels[-4:] == ["Phase 1", "table 0", "Phase 2", "table 1"]
    assert document.source.format == "docx"
    assert document.source.page_count == 1
