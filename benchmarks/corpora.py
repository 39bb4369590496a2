"""Public fixtures with known answers: print case / expected vs got / pass-fail.

    python benchmarks/corpora.py

* camelot fixtures against ``camelot/expected.json`` (merged text compared at the anchor; where
  the expectation copies merged text down every covered row, as for ``row_span_1.pdf``, the
  covered positions are filled from the anchor before comparing);
* the NICS table read from the ``/Rotate 90`` twin equals the upright original;
* tabula ``spanning_cells.pdf`` against ``spanning_cells.csv`` (both tables, one after the other).

Whitespace is collapsed before comparing: line breaks inside cells are the writer's wrapping.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

from planingest.extractor.model import Table
from planingest.extractor.pdf import read_pdf
from planingest.extractor.source import read_source

CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"


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
        for k, rows in enumerate(case.get("tables") or [case["rows"]]):
            want = squash(rows)
            hit = want in got_tables
            detail = f"{len(want)}x{len(want[0]) if want else 0} expected; got " + ", ".join(
                f"{len(g)}x{len(g[0]) if g else 0}" for g in got_tables
            )
            if not hit and got_tables:
                best = max(got_tables, key=lambda g: _agreement(want, g))
                detail += f" (best: {_agreement(want, best):.0%} of cells equal)"
            label = f"camelot {name}" + (f" table {k + 1}" if "tables" in case else "")
            out.append((label, hit, detail))
    return out


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


def main() -> None:
    cases = [*camelot_cases(), nics_case(), tabula_case()]
    width = max(len(name) for name, _, _ in cases)
    for name, ok, detail in cases:
        print(f"{name:{width}}  {'PASS' if ok else 'FAIL'}  {detail}")
    print(f"\n{sum(ok for _, ok, _ in cases)}/{len(cases)} pass")


if __name__ == "__main__":
    main()
