"""Ruled tables: a grid from ruling lines and filled rectangles, with spans from missing edges.

Ruling comes as stroked lines, thin filled rectangles and the sides of boxes; all of them become
:class:`Segment` s, snapped onto shared positions and joined where collinear pieces touch. Segments
that cross each other form one table. Every distinct line position cuts the table into an
elementary grid; an elementary cell whose separating edge is *missing* belongs to the same merged
cell as its neighbour, which is how row and column spans are recovered.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from planingest.extractor.model import BBox
from planingest.extractor.pdf_colour import fill_colour
from planingest.extractor.pdf_tuning import GridTuning


@dataclass(frozen=True)
class Segment:
    """A horizontal (at y = ``pos``, from x ``a`` to ``b``) or vertical ruling line."""

    horizontal: bool
    pos: float
    a: float
    b: float
    drawn: bool = True
    """A stroked line or rule; False for the side of a fill (shading), which only marks a cell
    boundary where the table has no ruling of its own on that axis."""


@dataclass(frozen=True)
class Fill:
    """A filled rectangle (cell shading), in the same frame as the segments."""

    box: BBox
    colour: str


@dataclass(frozen=True)
class GridCell:
    """A merged region of the elementary grid: rows ``r0..r1-1``, columns ``c0..c1-1``."""

    r0: int
    c0: int
    r1: int
    c1: int
    box: BBox


@dataclass(frozen=True)
class Grid:
    xs: tuple[float, ...]
    ys: tuple[float, ...]
    cells: tuple[GridCell, ...]
    open_bands: tuple[tuple[float, float], ...] = ()
    """Rows (top, bottom) that no column rule crosses, not even the sides: a gap between ruled
    blocks."""

    def is_open(self, r: int) -> bool:
        return any(a <= self.ys[r] and self.ys[r + 1] <= b for a, b in self.open_bands)

    @property
    def box(self) -> BBox:
        return BBox(self.xs[0], self.ys[0], self.xs[-1], self.ys[-1])

    @property
    def n_rows(self) -> int:
        return len(self.ys) - 1

    @property
    def n_cols(self) -> int:
        return len(self.xs) - 1

    def locate(self, x: float, y: float) -> tuple[int, int] | None:
        """The elementary (row, col) holding a point, if it is inside the grid."""
        if not (self.xs[0] <= x <= self.xs[-1] and self.ys[0] <= y <= self.ys[-1]):
            return None
        col = min(max(bisect.bisect_right(self.xs, x) - 1, 0), self.n_cols - 1)
        row = min(max(bisect.bisect_right(self.ys, y) - 1, 0), self.n_rows - 1)
        return row, col


def page_segments(
    lines: Iterable[dict[str, Any]],
    rects: Iterable[dict[str, Any]],
    page_box: BBox,
    tuning: GridTuning,
) -> tuple[list[Segment], list[Fill]]:
    """Ruling segments and shading fills from pdfplumber's ``page.lines`` and ``page.rects``."""
    thin = tuning.thin_rect
    page_area = (page_box.x1 - page_box.x0) * (page_box.bottom - page_box.top)
    segments: list[Segment] = []
    fills: list[Fill] = []
    for obj in lines:
        seg = _as_segment(obj, thin)
        if seg is not None:
            segments.append(seg)
    for obj in rects:
        x0, top, x1, bottom = (float(obj[k]) for k in ("x0", "top", "x1", "bottom"))
        w, h = x1 - x0, bottom - top
        if w <= thin or h <= thin:
            seg = _as_segment(obj, thin)
            if seg is not None and (obj.get("fill") or obj.get("stroke")):
                segments.append(seg)
            continue
        if w * h >= 0.8 * page_area:
            continue
        colour = fill_colour(obj.get("non_stroking_color")) if obj.get("fill") else None
        if not obj.get("stroke") and obj.get("fill") and colour is None:
            continue  # white box: paints background, draws no line
        if not obj.get("stroke") and not obj.get("fill"):
            continue
        if colour is not None:
            fills.append(Fill(BBox(x0, top, x1, bottom), colour))
        stroked = bool(obj.get("stroke"))
        segments += [
            Segment(True, top, x0, x1, stroked),
            Segment(True, bottom, x0, x1, stroked),
            Segment(False, x0, top, bottom, stroked),
            Segment(False, x1, top, bottom, stroked),
        ]
    return segments, fills


def _as_segment(obj: dict[str, Any], thin: float) -> Segment | None:
    x0, top, x1, bottom = (float(obj[k]) for k in ("x0", "top", "x1", "bottom"))
    if bottom - top <= thin and x1 - x0 > thin:
        return Segment(True, (top + bottom) / 2, x0, x1)
    if x1 - x0 <= thin and bottom - top > thin:
        return Segment(False, (x0 + x1) / 2, top, bottom)
    return None


def merge_segments(segments: Iterable[Segment], tuning: GridTuning) -> list[Segment]:
    """Snap near positions together and join collinear pieces that touch."""
    snap, join = tuning.snap_tolerance, tuning.join_tolerance
    out: list[Segment] = []
    for horizontal in (True, False):
        for drawn in (True, False):
            group = sorted(
                (s for s in segments if s.horizontal == horizontal and s.drawn == drawn),
                key=lambda s: s.pos,
            )
            for cluster in _clusters(group, snap):
                pos = sum(s.pos for s in cluster) / len(cluster)
                pieces = sorted(cluster, key=lambda s: s.a)
                a, b = pieces[0].a, pieces[0].b
                for s in pieces[1:]:
                    if s.a <= b + join:
                        b = max(b, s.b)
                    else:
                        out.append(Segment(horizontal, pos, a, b, drawn))
                        a, b = s.a, s.b
                out.append(Segment(horizontal, pos, a, b, drawn))
    return out


def _clusters(sorted_segments: Sequence[Segment], tol: float) -> list[list[Segment]]:
    clusters: list[list[Segment]] = []
    for s in sorted_segments:
        if clusters and s.pos - clusters[-1][-1].pos <= tol:
            clusters[-1].append(s)
        else:
            clusters.append([s])
    return clusters


def connected_tables(segments: Sequence[Segment], tuning: GridTuning) -> list[list[Segment]]:
    """Groups of segments that touch each other: each group is one candidate table."""
    tol = tuning.intersection_tolerance
    parent = list(range(len(segments)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    hs = [i for i, s in enumerate(segments) if s.horizontal]
    vs = sorted(
        (i for i, s in enumerate(segments) if not s.horizontal), key=lambda i: segments[i].pos
    )
    v_pos = [segments[i].pos for i in vs]
    for i in hs:
        h = segments[i]
        lo = bisect.bisect_left(v_pos, h.a - tol)
        hi = bisect.bisect_right(v_pos, h.b + tol)
        for j in vs[lo:hi]:
            v = segments[j]
            if v.a - tol <= h.pos <= v.b + tol:
                parent[find(i)] = find(j)
    groups: dict[int, list[Segment]] = {}
    for i, s in enumerate(segments):
        groups.setdefault(find(i), []).append(s)
    return [
        g
        for g in groups.values()
        if any(s.horizontal for s in g) and any(not s.horizontal for s in g)
    ]


def build_grid(segments: Sequence[Segment], tuning: GridTuning) -> Grid | None:
    """The grid of one connected group of segments, merged cells where inner edges are missing."""
    tol = tuning.snap_tolerance
    hs = _ruling([s for s in segments if s.horizontal], tol)
    vs = _ruling([s for s in segments if not s.horizontal], tol)
    xs = _positions([s.pos for s in vs], tol)
    ys = _positions([s.pos for s in hs], tol)
    # A table drawn without outer side (or top/bottom) rules still ends where its rules end.
    left, right = min(s.a for s in hs), max(s.b for s in hs)
    top, bottom = min(s.a for s in vs), max(s.b for s in vs)
    if xs and left < xs[0] - 3 * tol:
        xs.insert(0, left)
    if xs and right > xs[-1] + 3 * tol:
        xs.append(right)
    if ys and top < ys[0] - 3 * tol:
        ys.insert(0, top)
    if ys and bottom > ys[-1] + 3 * tol:
        ys.append(bottom)
    if len(xs) < 2 or len(ys) < 2:
        return None
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    cover = tuning.edge_coverage

    def drawn(horizontal: bool, pos: float, a: float, b: float) -> bool:
        lines = [s for s in (hs if horizontal else vs) if abs(s.pos - pos) <= tol]
        return _coverage(lines, a, b) >= cover

    parent = list(range(n_rows * n_cols))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for r in range(n_rows):
        for c in range(n_cols):
            if c + 1 < n_cols and not drawn(False, xs[c + 1], ys[r], ys[r + 1]):
                parent[find(r * n_cols + c)] = find(r * n_cols + c + 1)
            if r + 1 < n_rows and not drawn(True, ys[r + 1], xs[c], xs[c + 1]):
                parent[find(r * n_cols + c)] = find((r + 1) * n_cols + c)
    open_bands = tuple(
        (ys[r], ys[r + 1])
        for r in range(n_rows)
        if n_cols > 1 and not any(drawn(False, x, ys[r], ys[r + 1]) for x in xs)
    )
    regions: dict[int, list[tuple[int, int]]] = {}
    for r in range(n_rows):
        for c in range(n_cols):
            regions.setdefault(find(r * n_cols + c), []).append((r, c))
    cells: list[GridCell] = []
    for members in regions.values():
        r0 = min(r for r, _ in members)
        r1 = max(r for r, _ in members) + 1
        c0 = min(c for _, c in members)
        c1 = max(c for _, c in members) + 1
        if len(members) == (r1 - r0) * (c1 - c0):
            cells.append(GridCell(r0, c0, r1, c1, BBox(xs[c0], ys[r0], xs[c1], ys[r1])))
        else:  # not a rectangle: no honest span exists, keep the pieces
            cells += [
                GridCell(r, c, r + 1, c + 1, BBox(xs[c], ys[r], xs[c + 1], ys[r + 1]))
                for r, c in members
            ]
    cells.sort(key=lambda g: (g.r0, g.c0))
    return Grid(tuple(xs), tuple(ys), tuple(cells), open_bands)


def _ruling(segments: list[Segment], tol: float) -> list[Segment]:
    """The segments that define an axis. Drawn lines always do; the side of a fill only when
    the axis has no inner ruling of its own, or when the fill runs the table's full width
    (a shaded band). Shading that highlights single lines of text inside a cell is no cut."""
    drawn = [s for s in segments if s.drawn]
    if len(_positions([s.pos for s in drawn], tol)) < 3:
        return segments
    lo, hi = min(s.a for s in segments), max(s.b for s in segments)
    full = [s for s in segments if not s.drawn and s.b - s.a >= 0.9 * (hi - lo)]
    return drawn + full


def _positions(values: Iterable[float], tol: float) -> list[float]:
    out: list[list[float]] = []
    for v in sorted(values):
        if out and v - out[-1][-1] <= tol:
            out[-1].append(v)
        else:
            out.append([v])
    return [sum(c) / len(c) for c in out]


def _coverage(lines: Sequence[Segment], a: float, b: float) -> float:
    """Share of [a, b] covered by the union of the lines' extents."""
    if b <= a:
        return 1.0
    spans = sorted((max(s.a, a), min(s.b, b)) for s in lines if s.b > a and s.a < b)
    covered, end = 0.0, a
    for lo, hi in spans:
        lo = max(lo, end)
        if hi > lo:
            covered += hi - lo
            end = hi
    return covered / (b - a)


def cell_fill(box: BBox, fills: Sequence[Fill]) -> str | None:
    """The colour of the smallest fill that covers most of the cell (the cell's own shading
    rather than a band or page background drawn under it)."""
    area = (box.x1 - box.x0) * (box.bottom - box.top)
    best: tuple[float, str] | None = None
    for f in fills:
        ix = min(box.x1, f.box.x1) - max(box.x0, f.box.x0)
        iy = min(box.bottom, f.box.bottom) - max(box.top, f.box.top)
        if ix <= 0 or iy <= 0 or ix * iy < 0.6 * area:
            continue
        f_area = (f.box.x1 - f.box.x0) * (f.box.bottom - f.box.top)
        if best is None or f_area < best[0]:
            best = (f_area, f.colour)
    return None if best is None else best[1]
