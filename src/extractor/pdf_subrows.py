"""Rows packed into one ruled row band: statistical tables rule a block, not every row.

A ruled cell is one cell (plans put several paragraphs in one cell), unless the text alignment
across the *whole row band* proves sub-rows: at least ``min_lines`` line positions shared by at
least two cells of the band, each of those cells holding a line at nearly every position, one of
them a column of figures, and hardly any line of the band carrying on the sentence of the line
above (prose wraps; a packed column of items does not). Bullet lists are never split. The band
is then cut between
consecutive line positions, as if the missing rules had been drawn.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from planingest.extractor.model import BBox
from planingest.extractor.pdf_grid import Grid, GridCell
from planingest.extractor.pdf_text import Glyph, group_lines, read_content
from planingest.extractor.pdf_tuning import SubrowTuning


def split_packed_rows(grid: Grid, glyphs: Sequence[Glyph], tuning: SubrowTuning) -> Grid:
    """The grid with every packed row band cut into its sub-rows."""
    members: dict[int, list[Glyph]] = {}
    owner: dict[tuple[int, int], int] = {}
    for k, gc in enumerate(grid.cells):
        for r in range(gc.r0, gc.r1):
            for c in range(gc.c0, gc.c1):
                owner[(r, c)] = k
    for g in glyphs:
        pos = grid.locate(g.cx, g.cy)
        if pos is not None and pos in owner:
            members.setdefault(owner[pos], []).append(g)
    cuts: list[float] = []
    for r0, r1 in _bands(grid):
        band = [k for k, gc in enumerate(grid.cells) if r0 <= gc.r0 < r1]
        found = _sub_rows([(members.get(k, []), grid.cells[k].box) for k in band], tuning)
        if found:
            cuts += [y for y in found if all(abs(y - v) > 2.0 for v in grid.ys)]
    if not cuts:
        return grid
    return _cut(grid, sorted(cuts))


def _bands(grid: Grid) -> list[tuple[int, int]]:
    """Row ranges no cell crosses the edge of (a row band with its row-spanning cells)."""
    reach = [r + 1 for r in range(grid.n_rows)]
    for gc in grid.cells:
        reach[gc.r0] = max(reach[gc.r0], gc.r1)
    bands: list[tuple[int, int]] = []
    start, end = 0, 0
    for r in range(grid.n_rows):
        end = max(end, reach[r])
        if end == r + 1:
            bands.append((start, end))
            start = end
    return bands


def _sub_rows(cells: list[tuple[list[Glyph], BBox]], tuning: SubrowTuning) -> list[float] | None:
    """The y positions cutting a band into sub-rows, or None when it is one row."""
    per_cell = [group_lines(g for g in gs if g.angle == 0) for gs, _ in cells]
    lines = [(line.top, line.bottom) for ls in per_cell for line in ls]
    if len(lines) < tuning.min_lines * tuning.min_columns:
        return None
    positions: list[list[float]] = []  # clusters of line centres
    for top, bottom in sorted(lines):
        centre, height = (top + bottom) / 2, bottom - top
        if positions and centre - positions[-1][-1] <= 0.4 * height:
            positions[-1].append(centre)
        else:
            positions.append([centre])
    k = len(positions)
    if k < tuning.min_lines:
        return None
    centres = [sum(p) / len(p) for p in positions]
    packed = numeric = wrapped = 0
    for ls, gs in zip(per_cell, (gs for gs, _ in cells), strict=True):
        if len(ls) < 2:
            continue
        if read_content(gs).bullets:
            return None
        # A line opening in lower case carries on the sentence of the line above.
        wrapped += sum(line.text[:1].islower() for line in ls[1:])
        if len(ls) >= tuning.fill_share * k:
            packed += 1
            numeric += sum(any(ch.isdigit() for ch in line.text) for line in ls) >= 0.8 * len(ls)
    if packed < tuning.min_columns or not numeric:
        return None
    if wrapped > tuning.max_wrapped * len(lines):
        return None
    return [(a + b) / 2 for a, b in zip(centres, centres[1:], strict=False)]


def _cut(grid: Grid, cuts: list[float]) -> Grid:
    """The grid with new row lines at ``cuts``; a cell crossing one becomes one cell per row."""
    ys = sorted([*grid.ys, *cuts])
    row_of = {y: i for i, y in enumerate(ys)}
    cells: list[GridCell] = []
    for gc in grid.cells:
        r0, r1 = row_of[grid.ys[gc.r0]], row_of[grid.ys[gc.r1]]
        if any(grid.ys[gc.r0] < y < grid.ys[gc.r1] for y in cuts):
            cells += [
                GridCell(r, gc.c0, r + 1, gc.c1, BBox(gc.box.x0, ys[r], gc.box.x1, ys[r + 1]))
                for r in range(r0, r1)
            ]
        else:
            cells.append(GridCell(r0, gc.c0, r1, gc.c1, gc.box))
    cells.sort(key=lambda g: (g.r0, g.c0))
    return replace(grid, ys=tuple(ys), cells=tuple(cells))
