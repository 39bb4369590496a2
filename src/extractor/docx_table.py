"""The true grid of a Word table: where each cell starts and how far it spans.

python-docx repeats a merged cell at every grid position it covers and cannot say how far a
vertical merge reaches, so the spans are read from the XML as Docling's ``msword_backend`` does:
``w:gridBefore`` shifts a row's first cell right, ``w:gridSpan`` is the column span, and a
``w:vMerge`` cell that does not restart continues the cell above it at the same grid column.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from docx.oxml.ns import qn

from planingest.errors import LimitExceeded
from planingest.extractor.docx_text import Element, fill_value, is_on
from planingest.extractor.model import TextDirection

_WRAPPERS = {qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml")}
_VAL = qn("w:val")
SPAN_SLACK = 64
"""Grid columns a row may reach past the table's declared grid (and its widest row of cells)
before a span is refused: Word's own files overshoot by a few; a span of millions is an
attack on memory."""

_DIRECTIONS: dict[str, tuple[TextDirection, int]] = {
    "btLr": ("bt-lr", 270),
    "tbRl": ("tb-rl", 90),
    "tbRlV": ("tb-rl", 90),
}


@dataclass
class GridCell:
    """An anchor cell; ``parts`` are its ``w:tc`` elements, the anchor's first, then any cells
    below that continue its vertical merge."""

    row: int
    col: int
    colspan: int
    rowspan: int = 1
    is_header: bool = False
    parts: list[Element] = field(default_factory=list)


@dataclass
class TableGrid:
    cells: list[GridCell]
    n_rows: int
    n_cols: int
    warnings: list[str]


def table_grid(tbl: Element) -> TableGrid:
    """Lay out ``tbl``'s cells on its grid (its own cells only: nested tables are separate)."""
    rows = list(children(tbl, "w:tr"))
    grid_cols = len(list(children(tbl.find(qn("w:tblGrid")), "w:gridCol")))
    widest = max((len(list(children(tr, "w:tc"))) for tr in rows), default=0)
    bound = _Bound(max(grid_cols, widest) + SPAN_SLACK, grid_cols)
    owners: list[dict[int, GridCell]] = []
    cells: list[GridCell] = []
    warnings: list[str] = []
    width = 0
    for r, tr in enumerate(rows):
        trpr = tr.find(qn("w:trPr"))
        header = trpr is not None and is_on(trpr.find(qn("w:tblHeader")))
        col = bound.check("w:gridBefore", _int_child(trpr, "w:gridBefore", 0), 0, r)
        row_owners: dict[int, GridCell] = {}
        for tc in children(tr, "w:tc"):
            tcpr = tc.find(qn("w:tcPr"))
            span = bound.check("w:gridSpan", max(_int_child(tcpr, "w:gridSpan", 1), 1), col, r)
            above = owners[r - 1].get(col) if r > 0 else None
            if _continues(tcpr) and above is not None and above.col == col:
                above.rowspan = r - above.row + 1
                above.parts.append(tc)
                owner = above
            else:
                if _continues(tcpr):
                    warnings.append(
                        f"row {r + 1}, column {col + 1}: a vertical merge continues a cell that "
                        "is not there; kept as a cell of its own"
                    )
                owner = GridCell(row=r, col=col, colspan=span, is_header=header, parts=[tc])
                cells.append(owner)
            for c in range(col, col + span):
                row_owners[c] = owner
            col += span
        after = bound.check("w:gridAfter", _int_child(trpr, "w:gridAfter", 0), col, r)
        width = max(width, col + after)
        owners.append(row_owners)
    n_cols = max(grid_cols, width)
    if grid_cols and width > grid_cols:
        warnings.append(f"rows are {width} columns wide but the table grid has {grid_cols}")
    return TableGrid(cells=cells, n_rows=len(rows), n_cols=n_cols, warnings=warnings)


@dataclass(frozen=True)
class _Bound:
    """How far right a row may reach: spans past it are refused before any cell is laid out."""

    columns: int
    grid_cols: int

    def check(self, attribute: str, value: int, start: int, row: int) -> int:
        if start + value > self.columns:
            raise LimitExceeded(
                f"a table's {attribute} of {value:,} (row {row + 1}) reaches past its grid of "
                f"{self.grid_cols} columns; refused (a real table stays within "
                f"{self.columns} columns)"
            )
        return value


def children(parent: Element | None, tag: str) -> Iterator[Element]:
    """Children of ``parent`` named ``tag``, looking through content controls and custom XML
    that Word allows around rows and cells."""
    if parent is None:
        return
    wanted = qn(tag)
    for child in parent:
        if child.tag == wanted:
            yield child
        elif child.tag in _WRAPPERS:
            yield from children(child, tag)


def cell_direction(tc: Element) -> tuple[TextDirection, int]:
    tcpr = tc.find(qn("w:tcPr"))
    direction = None if tcpr is None else tcpr.find(qn("w:textDirection"))
    value = None if direction is None else direction.get(_VAL)
    return _DIRECTIONS.get(value or "", ("lr-tb", 0))


def cell_fill(tc: Element) -> str | None:
    tcpr = tc.find(qn("w:tcPr"))
    return None if tcpr is None else fill_value(tcpr.find(qn("w:shd")))


def _continues(tcpr: Element | None) -> bool:
    merge = None if tcpr is None else tcpr.find(qn("w:vMerge"))
    return merge is not None and merge.get(_VAL, "continue") == "continue"


def _int_child(parent: Element | None, tag: str, default: int) -> int:
    child = None if parent is None else parent.find(qn(tag))
    value = None if child is None else child.get(_VAL)
    if value is None or not (value.isascii() and value.isdigit()):
        return default
    return int(value) if len(value) <= 12 else 10**12  # refused by the grid bound all the same
