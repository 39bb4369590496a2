"""What a ruled grid gets wrong at its margins: spacer rows inside it, row labels outside it.

Statistical and election tables (and plans copied from them) separate their rows with thin
shaded bands, which the grid reads as rows of their own, and print each row's label to the left
of the ruling, where the grid does not see it. Both are undone here, on the cells of one piece,
in the table's upright frame.
"""

from __future__ import annotations

import bisect
import statistics
from collections.abc import Callable, Sequence
from dataclasses import replace

from planingest.extractor.model import BBox, Cell, Provenance
from planingest.extractor.pdf_grid import Grid
from planingest.extractor.pdf_text import Glyph, group_lines, read_content
from planingest.extractor.pdf_tuning import LabelTuning


def drop_spacer_rows(
    cells: list[Cell], grid: Grid, size: float
) -> tuple[list[Cell], int, list[int | None]]:
    """Cells without the empty rows spanned by no cell that are too short to hold a line of the
    table's text (``size``: a shaded band between rows) or crossed by no column rule (the gap
    between two ruled blocks, such as a totals box under the table). Returns the cells, the new
    row count and the new index of every old row (None for a dropped one)."""
    ys = grid.ys
    n_rows = len(ys) - 1
    spanned = {r for c in cells if c.rowspan > 1 for r in range(c.row, c.row + c.rowspan)}
    written = {c.row for c in cells if c.text}
    spacer = {
        r
        for r in range(n_rows)
        if (ys[r + 1] - ys[r] < size or grid.is_open(r)) and r not in spanned and r not in written
    }
    if not spacer or len(spacer) == n_rows:
        return cells, n_rows, list(range(n_rows))
    new_index: list[int | None] = []
    kept = 0
    for r in range(n_rows):
        new_index.append(None if r in spacer else kept)
        kept += r not in spacer
    moved = [replace(c, row=index) for c in cells if (index := new_index[c.row]) is not None]
    return moved, kept, new_index


def body_size(glyphs: Sequence[Glyph]) -> float:
    """Median glyph size: the table's line of text."""
    return statistics.median([g.size for g in glyphs if not g.text.isspace()] or [10.0])


def add_row_labels(
    cells: list[Cell],
    n_cols: int,
    grid_box: BBox,
    ys: Sequence[float],
    new_row: Sequence[int | None],
    beside: Sequence[Glyph],
    to_page: Callable[[BBox], BBox],
    page: int,
    tuning: LabelTuning,
) -> tuple[list[Cell], int, float] | None:
    """The cells with a label column in front, when the upright lines of text left of the grid
    (``beside``, in the grid's frame) line up with its rows: at least ``tuning.min_labels`` of them,
    each within one row, together beside at least ``tuning.label_share`` of the rows with text.
    Returns the cells, the new column count and the label column's left edge; None when the text
    beside the grid is not a label column."""
    upright = [g for g in beside if g.angle == 0]
    # Each label line holds a glyph within reach of the grid's left edge and inside its height:
    # with too few of those, no grouping can find enough labels.
    ink = [g for g in upright if not g.text.isspace()]
    reach = grid_box.x0 + max((g.size for g in ink), default=0.0)
    near = [
        g for g in ink if g.x1 <= reach and grid_box.top <= g.top and g.bottom <= grid_box.bottom
    ]
    if len(near) < tuning.min_labels:
        return None
    lines = [
        line
        for line in group_lines(upright)
        if line.x1 <= grid_box.x0 + line.size
        and grid_box.top <= line.top
        and line.bottom <= grid_box.bottom
    ]
    if len(lines) < tuning.min_labels:
        return None
    nearest = max(line.x1 for line in lines)
    if grid_box.x0 - nearest > 3 * statistics.median(line.size for line in lines):
        return None  # a column of text further off is the page's, not the table's
    by_row: dict[int, list[Glyph]] = {}
    for line in lines:
        first = bisect.bisect_right(ys, line.top + 0.5) - 1
        last = bisect.bisect_right(ys, line.bottom - 0.5) - 1
        row = new_row[first] if 0 <= first < len(new_row) else None
        if first != last or row is None:
            return None  # text across row lines is not a row's label
        by_row.setdefault(row, []).extend(line.glyphs)
    rows_with_text = {c.row for c in cells if c.text}
    if len(by_row) < tuning.min_labels or len(by_row) < tuning.label_share * len(rows_with_text):
        return None
    left = min(g.x0 for glyphs in by_row.values() for g in glyphs)
    shifted = [replace(c, col=c.col + 1) for c in cells]
    labels = []
    for row, glyphs in sorted(by_row.items()):
        box = BBox(left, min(g.top for g in glyphs), grid_box.x0, max(g.bottom for g in glyphs))
        content = read_content(glyphs, box)
        labels.append(
            Cell(
                row=row,
                col=0,
                text=content.text,
                direction=content.direction,
                rotation=content.rotation,
                text_colour=content.text_colour,
                coloured_runs=content.coloured_runs,
                bullets=content.bullets,
                provenance=Provenance(page=page, bbox=to_page(box)),
            )
        )
    return labels + shifted, n_cols + 1, left
