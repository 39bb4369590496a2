"""Each sample plan's LibreOffice PDF twin gives the tables of its Word original.

The Word reader sees the true grid (``gridSpan``, ``vMerge``); the PDF reader has to recover it
from ruling, page breaks and repeated headers. Both must agree on every table: the number of
tables, every cell's anchor and spans, and its text (whitespace aside: the PDF wraps lines where
Word does not). seed000 and seed002 have rows and merged bands breaking over pages; seed004 has
two tables with the same columns, the second after an "APPENDIX 2 (Continued)" heading and
itself breaking over a page with a repeated header.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from planingest.extractor import extract
from planingest.extractor.model import Table
from planingest.extractor.pdf import read_pdf
from planingest.extractor.source import read_source

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
APART_IN_WORD = {
    "seed003_appendix_2b": "Word starts a new table after the page break, repeating header and "
    "band; the PDF shows exactly what a table breaking over the page shows, so it is stitched",
}
"""Twins whose Word tables differ from the PDF's for a reason no PDF reader can see."""
NAMES = sorted(
    p.stem
    for p in SAMPLES.glob("*.docx")
    if p.with_suffix(".pdf").exists() and p.stem not in APART_IN_WORD
)


def layout(table: Table) -> list[tuple[int, int, int, int, str]]:
    return [
        (c.row, c.col, c.rowspan, c.colspan, re.sub(r"\s+", "", c.text))
        for c in sorted(table.cells, key=lambda c: (c.row, c.col))
    ]


def test_the_seed_samples_are_all_compared() -> None:
    seeds = {"seed000", "seed001", "seed002", "seed003", "seed004"}
    assert seeds <= {name[:7] for name in NAMES}
    assert {"climate_action_plan", "digital_inclusion_status"} <= set(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_pdf_twin_has_the_word_tables(name: str) -> None:
    word = [t for t in extract(SAMPLES / f"{name}.docx").tables if t.nested_in is None]
    pdf = read_pdf(read_source(SAMPLES / f"{name}.pdf")).tables
    assert [(t.n_rows, t.n_cols) for t in pdf] == [(t.n_rows, t.n_cols) for t in word]
    for w, p in zip(word, pdf, strict=True):
        assert layout(p) == layout(w)


def test_seed004_continued_appendix_stays_a_table_of_its_own() -> None:
    doc = read_pdf(read_source(SAMPLES / "seed004_oxford_status.pdf"))
    first, second = doc.tables
    assert first.pages == (1,) and second.pages == (2, 3)
    between = [b.text for b in doc.blocks() if first.order < b.order < second.order]
    assert between == ["APPENDIX 2 (Continued)"]
    assert [c.text for c in second.row_cells(0)] == ["Action", "Deliverable(s)", "Status"]
