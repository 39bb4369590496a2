"""Scoring shared by the benchmarks: the ICDAR 2013 cell-adjacency relations.

For every row and every column of a table grid, consecutive non-empty cells form a relation
(direction, text_a, text_b); text is lower-cased with all whitespace removed. A merged cell takes
part once per distinct neighbour. Results are compared as multisets and micro-averaged over
documents (sum of correct relations over sum of found / expected ones).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

Relation = tuple[str, str, str]
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class GridCell:
    row: int
    col: int
    text: str
    rowspan: int = 1
    colspan: int = 1


def norm(text: str) -> str:
    return _SPACE.sub("", text).lower()


def relations(cells: Iterable[GridCell]) -> Counter[Relation]:
    """The adjacency relations of one table."""
    cells = [c for c in cells]
    owner: dict[tuple[int, int], int] = {}
    for i, c in enumerate(cells):
        for r in range(c.row, c.row + c.rowspan):
            for k in range(c.col, c.col + c.colspan):
                owner[(r, k)] = i
    if not owner:
        return Counter()
    n_rows = max(r for r, _ in owner) + 1
    n_cols = max(k for _, k in owner) + 1
    texts = [norm(c.text) for c in cells]
    found: set[tuple[str, int, int]] = set()
    lines = [("h", [(r, k) for k in range(n_cols)]) for r in range(n_rows)]
    lines += [("v", [(r, k) for r in range(n_rows)]) for k in range(n_cols)]
    for direction, positions in lines:
        seq: list[int] = []
        for pos in positions:
            i = owner.get(pos)
            if i is None or not texts[i] or (seq and seq[-1] == i):
                continue
            seq.append(i)
        found.update((direction, a, b) for a, b in zip(seq, seq[1:], strict=False))
    return Counter((d, texts[a], texts[b]) for d, a, b in found)


def table_rows(rows: list[list[str | None]]) -> list[GridCell]:
    """Cells of a plain list-of-rows grid (camelot, pdfplumber): no spans."""
    return [GridCell(r, k, text or "") for r, row in enumerate(rows) for k, text in enumerate(row)]


@dataclass
class Score:
    correct: int = 0
    found: int = 0
    expected: int = 0

    def add(self, truth: Counter[Relation], got: Counter[Relation]) -> None:
        self.correct += sum((truth & got).values())
        self.found += sum(got.values())
        self.expected += sum(truth.values())

    @property
    def precision(self) -> float:
        return self.correct / self.found if self.found else 0.0

    @property
    def recall(self) -> float:
        return self.correct / self.expected if self.expected else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0
