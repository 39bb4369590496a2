"""Public fixtures with known answers: print case / expected vs got / pass-fail.

    python benchmarks/corpora.py

* camelot fixtures against ``camelot/expected.json`` (merged text compared at the anchor; where
  the expectation copies merged text down every covered row, as for ``row_span_1.pdf``, the
  covered positions are filled from the anchor before comparing). Where camelot's expectation is
  not the table as printed, ``answers/`` holds a grid checked by eye against the rendered page,
  with the reason; the case is scored against it and camelot's expectation is reported beside;
* the NICS table read from the ``/Rotate 90`` twin equals the upright original;
* tabula ``spanning_cells.pdf`` against ``spanning_cells.csv`` (both tables, one after the other);
* PDF twins of the Word fixtures in ``docx/``, made with LibreOffice into a temporary folder
  (never kept), against the Word reading of the same file (whose tables the test suite checks
  against the fixtures' own answers): the same tables, every cell's anchor, spans and text.
  ``docx_rich_tables_01`` breaks over six pages and must come out as 2 tables of 24 rows.

Whitespace is collapsed before comparing: line breaks inside cells are the writer's wrapping.
"""

from __future__ import annotations

import csv
import json
import re
import shutil
import tempfile
from pathlib import Path

from planingest.extractor import extract
from planingest.extractor.model import Table
from planingest.extractor.pdf import read_pdf
from planingest.extractor.source import libreoffice_convert, read_source

CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"
ANSWERS = Path(__file__).resolve().parent / "answers"


def squash(rows: list[list[str]]) -> list[list[str]]:
    return [[re.sub(r"\s+", " ", cell).strip() for cell in row] for row in rows]


def filled(table: Table) -> list[list[str]]:
    """Text by position with merged text copied down the rows it covers (not across)."""
    return [
        [cell.text if cell and cell.col == c else "" for c, cell in enumerate(row)]
        for row in table.grid()
    ]


def camelot_cases() -> list[tuple[str, bool, str]]:
    expected = json.loads((CORPORA / "camelot" / "expected.json").read_text())
    out = []
    for name, case in expected.items():
        doc = read_pdf(read_source(CORPORA / "camelot" / name))
        copies = "copied down" in case.get("note", "")
        got_tables = [squash(filled(t) if copies else t.text_rows()) for t in doc.tables]
        answer = ANSWERS / f"{Path(name).stem}.json"
        own = json.loads(answer.read_text())["rows"] if answer.exists() else None
        for k, rows in enumerate(case.get("tables") or [case["rows"]]):
            want = squash(own or rows)
            hit = want in got_tables
            detail = _shapes(want, got_tables)
            if not hit and got_tables:
                best = max(got_tables, key=lambda g: _agreement(want, g))
                detail += f" (best: {_agreement(want, best):.0%} of cells equal)"
            if own is not None:
                theirs = squash(rows)
                met = "met" if theirs in got_tables else "not met"
                detail += (
                    f" [answers/{answer.name}, checked by eye; camelot's own expectation"
                    f" {len(theirs)}x{len(theirs[0])} {met}]"
                )
            label = f"camelot {name}" + (f" table {k + 1}" if "tables" in case else "")
            out.append((label, hit, detail))
    return out


def _shapes(want: list[list[str]], got_tables: list[list[list[str]]]) -> str:
    return f"{len(want)}x{len(want[0]) if want else 0} expected; got " + ", ".join(
        f"{len(g)}x{len(g[0]) if g else 0}" for g in got_tables
    )


def _agreement(want: list[list[str]], got: list[list[str]]) -> float:
    total = sum(len(r) for r in want)
    same = sum(
        1
        for r, row in enumerate(want)
        for c, text in enumerate(row)
        if r < len(got) and c < len(got[r]) and got[r][c] == text
    )
    return same / total if total else 0.0


def nics_case() -> tuple[str, bool, str]:
    folder = CORPORA / "pdfplumber"
    a = read_pdf(read_source(folder / "nics-background-checks-2015-11.pdf"))
    b = read_pdf(read_source(folder / "nics-background-checks-2015-11-rotated.pdf"))
    same = [t.text_rows() for t in a.tables] == [t.text_rows() for t in b.tables]
    shape = ", ".join(f"{t.n_rows}x{t.n_cols}" for t in a.tables)
    return ("pdfplumber NICS /Rotate twin == upright", same and bool(a.tables), f"tables {shape}")


def tabula_case() -> tuple[str, bool, str]:
    folder = CORPORA / "tabula"
    with (folder / "spanning_cells.csv").open(newline="") as fh:
        want = squash([row for row in csv.reader(fh)])
    doc = read_pdf(read_source(folder / "spanning_cells.pdf"))
    got = squash([row for t in doc.tables for row in t.text_rows()])
    detail = f"{len(want)} rows expected, {len(got)} got in {len(doc.tables)} tables"
    if got != want:
        diff = [i for i, (w, g) in enumerate(zip(want, got, strict=False)) if w != g]
        detail += f"; first differing row {diff[0] if diff else min(len(want), len(got))}"
    return ("tabula spanning_cells.pdf vs csv", got == want, detail)


def _layout(table: Table) -> list[tuple[int, int, int, int, str]]:
    return [
        (c.row, c.col, c.rowspan, c.colspan, re.sub(r"\s+", "", c.text))
        for c in sorted(table.cells, key=lambda c: (c.row, c.col))
    ]


def _drawn_like(pdf: Table, word: Table) -> list[tuple[int, int, int, int, str]]:
    """The PDF table's layout without empty cells where Word has no cell at all: a row that
    starts late (``w:gridBefore``) leaves a blank on the page, which a PDF cannot tell from an
    empty cell."""
    covered = {(r, c) for r, row in enumerate(word.grid()) for c, cell in enumerate(row) if cell}
    return [
        cell
        for cell in _layout(pdf)
        if cell[4]
        or any(
            (r, c) in covered
            for r in range(cell[0], cell[0] + cell[2])
            for c in range(cell[1], cell[1] + cell[3])
        )
    ]


def word_twin_cases() -> list[tuple[str, bool, str]]:
    if shutil.which("soffice") is None:
        return [("docx fixtures' PDF twins", False, "LibreOffice (soffice) is not installed")]
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        for docx in sorted((CORPORA / "docx").glob("*.docx")):
            twin = libreoffice_convert(docx, Path(tmp), "pdf", timeout=300)
            if twin is None:
                out.append((f"{docx.name}: PDF twin", False, "LibreOffice could not convert it"))
                continue
            word = [t for t in extract(docx).tables if t.nested_in is None]
            pdf = read_pdf(read_source(twin)).tables
            shapes = [(t.n_rows, t.n_cols) for t in pdf]
            ok = shapes == [(t.n_rows, t.n_cols) for t in word] and all(
                _layout(w) == _drawn_like(p, w) for w, p in zip(word, pdf, strict=True)
            )
            if docx.stem == "docx_rich_tables_01":
                ok = ok and [n for n, _ in shapes] == [24, 24]
            detail = "Word " + ", ".join(f"{t.n_rows}x{t.n_cols}" for t in word)
            detail += "; PDF " + ", ".join(f"{r}x{c}" for r, c in shapes)
            if not ok and len(word) == len(pdf):
                cells = sum(len(w.cells) for w in word)
                same = sum(
                    len(set(_layout(w)) & set(_drawn_like(p, w)))
                    for w, p in zip(word, pdf, strict=True)
                )
                detail += f" ({same}/{cells} cells equal)"
            out.append((f"docx PDF twin {docx.name}", ok, detail))
    return out


def main() -> None:
    cases = [*camelot_cases(), nics_case(), tabula_case(), *word_twin_cases()]
    width = max(len(name) for name, _, _ in cases)
    for name, ok, detail in cases:
        print(f"{name:{width}}  {'PASS' if ok else 'FAIL'}  {detail}")
    print(f"\n{sum(ok for _, ok, _ in cases)}/{len(cases)} pass")


if __name__ == "__main__":
    main()
