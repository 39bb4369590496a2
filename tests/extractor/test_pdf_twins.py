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

import pytest

from planingest.extractor import extract

from helpers import SAMPLES, layout, read_pdf_file, squash

APART_IN_WORD = {
    "seed003_appendix_2b": "Word starts a new table after the page break, repeating header and "
    "band; the PDF shows exactly what a table breaking over the page shows, so it is stitched",
    "community_safety_transposed": "a transposed plan whose second Word table repeats the "
    "field-name column and the Key Action row: on paper a table continued with a repeated "
    "header row, so the PDF reader stitches it (the normaliser joins the Word tables)",
}
"""Twins whose Word tables differ from the PDF's for a reason no PDF reader can see."""
NAMES = sorted(
    p.stem
    for p in SAMPLES.glob("*.docx")
    if p.with_suffix(".pdf").exists() and p.stem not in APART_IN_WORD
)


def test_the_seed_samples_are_all_compared() -> None:
    seeds = {"seed000", "seed001", "seed002", "seed003", "seed004"}
    assert seeds <= {name[:7] for name in NAMES}
    assert {"climate_action_plan", "digital_inclusion_status"} <= set(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_pdf_twin_has_the_word_tables(name: str) -> None:
    word = [t for t in extract(SAMPLES / f"{name}.docx").tables if t.nested_in is None]
    pdf = read_pdf_file(SAMPLES / f"{name}.pdf").tables
    assert [(t.n_rows, t.n_cols) for t in pdf] == [(t.n_rows, t.n_cols) for t in word]
    for w, p in zip(word, pdf, strict=True):
        assert layout(p, spaced=False) == layout(w, spaced=False)


def test_seed004_continued_appendix_stays_a_table_of_its_own() -> None:
    doc = read_pdf_file(SAMPLES / "seed004_oxford_status.pdf")
    first, second = doc.tables
    assert first.pages == (1,) and second.pages == (2, 3)
    between = [b.text for b in doc.blocks() if first.order < b.order < second.order]
    assert between == ["APPENDIX 2 (Continued)"]
    assert [c.text for c in second.row_cells(0)] == ["Action", "Deliverable(s)", "Status"]


def paragraphs(text: str) -> list[str]:
    """Paragraphs with whitespace collapsed; a hyphen ending a line cannot tell "under-" +
    "representation" from a hyphenated word, so the space after it is dropped."""
    return [re.sub(r"- ", "-", squash(p)) for p in text.split("\n")]


@pytest.mark.parametrize(
    "pdf", ["seed001_fair_inclusive.pdf", "seed001_fair_inclusive.rotated.pdf"]
)
def test_seed001_cells_keep_their_word_paragraphs(pdf: str) -> None:
    """The Activities and Measures cells hold one short paragraph per item, set a little
    further apart than wrapped lines; a line that fills the cell must not swallow the next
    item ("...corporate approach" / "Collaborate with Equip partners...")."""
    word = [t for t in extract(SAMPLES / "seed001_fair_inclusive.docx").tables]
    tables = read_pdf_file(SAMPLES / pdf).tables
    checked = 0
    for w, p in zip(word, tables, strict=True):
        got = {(c.row, c.col): c.text for c in p.cells}
        for cell in w.cells:
            if "\n" in cell.text.strip():
                assert paragraphs(got[(cell.row, cell.col)]) == paragraphs(cell.text)
                checked += 1
    assert checked >= 10
    activities = next(t for t in tables if "Collaborate" in " ".join(c.text for c in t.cells))
    cell = next(c for c in activities.cells if "Collaborate" in c.text)
    assert "Collaborate with Equip partners to hold targetted citywide recruitment events" in (
        cell.text.split("\n")
    )
