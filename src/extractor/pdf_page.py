"""One PDF page as the table finders see it, and the first finder: ruled tables.

:class:`PageContent` is a page's glyphs, ruling and shading, with the pieces found on it so far;
every finder (:mod:`pdf_finders`) reads one and returns what it found. Each ruled table is read
in its own upright frame: a table laid on its side (or a page shown with ``/Rotate``) is turned
so that its dominant text reads left to right before the grid is built, so row 0 is the table's
header whatever way the page is drawn.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Any

from playa.page import Page

from planingest.extractor.model import BBox, Cell, Provenance
from planingest.extractor.pdf_grid import (
    Fill,
    Grid,
    GridCell,
    Segment,
    build_grid,
    cell_fill,
    connected_tables,
    merge_segments,
    page_segments,
)
from planingest.extractor.pdf_layout import page_layout
from planingest.extractor.pdf_margins import add_row_labels, body_size, drop_spacer_rows
from planingest.extractor.pdf_objects import PageGeometry, PageObjects, page_objects
from planingest.extractor.pdf_subrows import split_packed_rows
from planingest.extractor.pdf_text import (
    Frame,
    Glyph,
    Line,
    dominant_angle,
    group_lines,
    line_pitches,
    read_content,
)
from planingest.extractor.pdf_tuning import DEFAULT_TUNING, GridTuning, PageLimits, PdfTuning


@dataclass(frozen=True)
class Piece:
    """A table as found on one page, before pieces on consecutive pages are stitched."""

    page: int
    n_rows: int
    n_cols: int
    cells: tuple[Cell, ...]
    col_edges: tuple[float, ...]
    """Column boundaries in the table's upright frame (for matching continued pieces)."""
    box: BBox
    """Display-space box on the page (for reading order and page-end tests)."""
    page_height: float
    engine: str
    angle: int = 0
    start: float = 0.0
    """Where the piece starts and ends down its page, as a share of the page's height in the
    page's reading frame (set once the page is read, by :meth:`PageContent.placed`; used to
    tell a page break from a gap)."""
    end: float = 1.0


@dataclass(frozen=True)
class Found:
    """What a table finder found: a piece and the indices of the page's free glyphs it takes."""

    piece: Piece
    taken: frozenset[int]


@dataclass(frozen=True)
class PageContent:
    """One page as the table finders see it: the pieces found so far and the glyphs they left.

    Each finder reads a page and returns what it found; :meth:`taking` gives the page the next
    finder reads."""

    number: int
    """The page's number, from 1."""
    pieces: tuple[Piece, ...] = ()
    free_glyphs: tuple[Glyph, ...] = ()
    """Glyphs outside every table found so far, in display space."""
    width: float = 0.0
    height: float = 0.0
    rotation: int = 0
    body_size: float = 10.0
    """Median glyph size on the page: what headings and titles stand out from."""
    angle: int = 0
    """Turn of the page's dominant text: the frame its reading order is taken in."""
    has_images: bool = False
    scanned: bool = False
    """Read by OCR from the page's image (:mod:`ocr_page`): boxes are in the upright,
    straightened image, in points."""
    rules: tuple[Segment, ...] = ()
    """Every ruling line on the page, in display space (the ruled finder builds its grids from
    them; the borderless reader uses the partial rules under spanning headers and the box a
    table is drawn in)."""
    fills: tuple[Fill, ...] = ()
    """Shaded rectangles on the page, in display space (cell fill colours)."""
    camelot: tuple[Any, ...] = ()
    """camelot's ``network`` tables of this page (read for the whole document in one call by
    :func:`pdf_network.network_tables`; empty when camelot is not asked)."""
    pictures: int = 0
    """Pieces dropped with their glyphs as pictures (:meth:`taking`): the document says so."""

    def reading_top(self, box: BBox) -> float:
        """Where a box starts in reading order (its top in the page's reading frame)."""
        return Frame(self.angle, self.width, self.height).forward(box).top

    def placed(self, piece: Piece) -> Piece:
        """The piece with its start and end as shares of the page height, in reading frame."""
        frame = Frame(self.angle, self.width, self.height)
        box = frame.forward(piece.box)
        height = frame.size[1]
        return replace(piece, start=box.top / height, end=box.bottom / height)

    @cached_property
    def reading(self) -> tuple[tuple[Glyph, ...], tuple[Line, ...]]:
        """The free glyphs turned into the page's reading frame, and the lines of those upright
        in it: grouped once for the stream finder and the text blocks, which read the same
        glyphs when the stream finder takes none."""
        frame = Frame(self.angle, self.width, self.height)
        turned = tuple(frame.glyph(g) for g in self.free_glyphs)
        return turned, tuple(group_lines(g for g in turned if g.angle == 0))

    def taking(self, found: Sequence[Found], dropped: Sequence[Found] = ()) -> PageContent:
        """The page with the found pieces added and the glyphs they take no longer free; the
        glyphs of ``dropped`` pieces are taken too, those pieces not added (a picture read as
        a table: its words are not the page's text, nor a table for the next finder). The page
        itself when nothing is found (its :attr:`reading` is kept)."""
        if not found and not dropped:
            return self
        taken = {i for f in (*found, *dropped) for i in f.taken}
        return replace(
            self,
            pieces=(*self.pieces, *(f.piece for f in found)),
            free_glyphs=tuple(g for i, g in enumerate(self.free_glyphs) if i not in taken),
            pictures=self.pictures + len(dropped),
        )


def read_page(
    page: Page, number: int, tuning: GridTuning, limits: PageLimits = DEFAULT_TUNING.limits
) -> PageContent:
    """One PLAYA page (opened in ``page`` space) as its glyphs (all free: no table is found
    yet), ruling and shading, read under ``limits``."""
    geometry = PageGeometry.of(page)
    objects = page_objects(page_layout(page, limits), geometry)
    return page_content(objects, number, geometry.width, geometry.height, geometry.rotation, tuning)


def page_content(
    objects: PageObjects,
    number: int,
    width: float,
    height: float,
    rotation: int,
    tuning: GridTuning,
) -> PageContent:
    """A page's objects, from its text layer or read off a scan (:mod:`ocr`), as the finders
    see them: every glyph free, ruling snapped and joined, shading."""
    glyphs = objects.glyphs
    segments, fills = page_segments(objects.lines, objects.rects, BBox(0, 0, width, height), tuning)
    return PageContent(
        number=number,
        free_glyphs=tuple(glyphs),
        width=width,
        height=height,
        rotation=rotation,
        angle=dominant_angle(glyphs),
        has_images=objects.has_images,
        body_size=body_size(glyphs),
        rules=tuple(merge_segments(segments, tuning)),
        fills=tuple(fills),
    )


def ruled_found(content: PageContent, tuning: PdfTuning) -> list[Found]:
    """The ruled tables of a page: one per group of ruling lines that cross each other and
    hold text, each read in the upright frame of the text inside it."""
    glyphs = content.free_glyphs
    width, height = content.width, content.height
    found: list[Found] = []
    used: set[int] = set()
    unrotate = Frame(content.rotation, width, height)
    groups = connected_tables(content.rules, tuning.grid)
    if not groups:
        return found
    centres = [((g.x0 + g.x1) / 2, (g.top + g.bottom) / 2) for g in glyphs]
    for group in groups:
        box = _extent(group)
        held = _held(box, centres)
        inside = [i for i in held if i not in used]
        if not inside:
            continue
        angle = dominant_angle(glyphs[i] for i in inside)
        frame = Frame(angle, width, height)
        not_beside = used.union(held)
        piece = _ruled_piece(
            [turn_segment(s, frame) for s in group],
            [Fill(frame.forward(f.box), f.colour) for f in content.fills if _overlaps(box, f.box)],
            [frame.glyph(glyphs[i]) for i in inside],
            frame,
            unrotate,
            content.number,
            tuning,
            beside=[
                frame.glyph(g)
                for i, g in enumerate(glyphs)
                if g.angle == angle and i not in not_beside
            ],
        )
        if piece is None or (content.scanned and piece.n_cols == 1 and piece.n_rows > 2):
            # A scan loses faint rules between columns (hairlines on a shaded header): a ruled
            # box of one column is left to the borderless readers, which find its columns.
            continue
        taken = frozenset(_held(piece.box, centres)) - used
        found.append(Found(piece, taken))
        used |= taken
    return found


def _ruled_piece(
    segments: list[Segment],
    fills: list[Fill],
    glyphs: list[Glyph],
    frame: Frame,
    unrotate: Frame,
    page: int,
    tuning: PdfTuning,
    beside: Sequence[Glyph] = (),
) -> Piece | None:
    """The ruled table of one connected group of segments, with ``beside`` the glyphs outside
    it (turned into its frame) that may hold its row labels."""
    grid = build_grid(merge_segments(segments, tuning.grid), tuning.grid)
    if grid is None or len(grid.cells) < 2:
        return None
    grid = split_packed_rows(grid, glyphs, tuning.subrows)
    cells = grid_cells(grid, glyphs, fills, lambda b: unrotate.forward(frame.back(b)), page)
    if not any(c.text for c in cells):
        return None
    cells, n_rows, new_row = drop_spacer_rows(cells, grid, body_size(glyphs))
    n_cols, col_edges, box = grid.n_cols, grid.xs, grid.box
    labelled = add_row_labels(
        cells,
        n_cols,
        box,
        grid.ys,
        new_row,
        beside,
        lambda b: _rounded(unrotate.forward(frame.back(b))),
        page,
        tuning.labels,
    )
    if labelled is not None:
        cells, n_cols, left = labelled
        col_edges = (left, *col_edges)
        box = BBox(left, box.top, box.x1, box.bottom)
    return Piece(
        page=page,
        n_rows=n_rows,
        n_cols=n_cols,
        cells=tuple(cells),
        col_edges=col_edges,
        box=frame.back(box),
        page_height=frame.height,
        engine="pdf-ruled",
        angle=frame.angle,
    )


def grid_cells(
    grid: Grid,
    glyphs: Sequence[Glyph],
    fills: Sequence[Fill],
    to_page: Any,
    page: int,
) -> list[Cell]:
    """The grid's cells with the text of the glyphs whose centre falls inside them."""
    owner: dict[tuple[int, int], int] = {}
    for k, gc in enumerate(grid.cells):
        for r in range(gc.r0, gc.r1):
            for c in range(gc.c0, gc.c1):
                owner[(r, c)] = k
    members: list[list[Glyph]] = [[] for _ in grid.cells]
    for g in glyphs:
        pos = grid.locate(g.cx, g.cy)
        if pos is not None and pos in owner:
            members[owner[pos]].append(g)
    cells: list[Cell] = []
    pitches = line_pitches(members)
    for merged, glyphs_in in zip(grid.cells, members, strict=True):
        for gc, inside in _split_by_columns(merged, glyphs_in, grid):
            cells.append(_cell(gc, inside, fills, to_page, page, pitches))
    return cells


def _split_by_columns(
    gc: GridCell, glyphs: Sequence[Glyph], grid: Grid
) -> list[tuple[GridCell, list[Glyph]]]:
    """A cell spanning columns whose text stands in separate columns is several cells.

    Tables ruled only in the header (or with rules between rows only) leave body cells that the
    grid reads as spanning every column; when every text chunk of such a cell lies inside one
    column of the grid and at least two columns hold text, the columns are real and the span is
    an artefact of the missing rules.
    """
    if gc.c1 - gc.c0 < 2 or not glyphs:
        return [(gc, list(glyphs))]
    xs = grid.xs
    by_col: dict[int, list[Glyph]] = {}
    for line in group_lines(g for g in glyphs if g.angle == 0):
        for chunk in _chunks(line.glyphs):
            x0, x1 = chunk[0].x0, max(g.x1 for g in chunk)
            cols = [c for c in range(gc.c0, gc.c1) if x0 < xs[c + 1] - 1 and xs[c] + 1 < x1]
            if len(cols) != 1:
                return [(gc, list(glyphs))]
            by_col.setdefault(cols[0], []).extend(chunk)
    if len(by_col) < 2:
        return [(gc, list(glyphs))]
    return [
        (
            GridCell(gc.r0, c, gc.r1, c + 1, BBox(xs[c], gc.box.top, xs[c + 1], gc.box.bottom)),
            by_col.get(c, []),
        )
        for c in range(gc.c0, gc.c1)
    ]


def _chunks(glyphs: Sequence[Glyph], gap_em: float = 1.0) -> list[list[Glyph]]:
    out: list[list[Glyph]] = []
    for g in glyphs:
        if out and g.x0 - out[-1][-1].x1 <= gap_em * max(g.size, 1.0):
            out[-1].append(g)
        else:
            out.append([g])
    return out


def _cell(
    gc: GridCell,
    inside: Sequence[Glyph],
    fills: Sequence[Fill],
    to_page: Any,
    page: int,
    pitches: dict[float, float],
) -> Cell:
    content = read_content(inside, gc.box, pitches)
    return Cell(
        row=gc.r0,
        col=gc.c0,
        text=content.text,
        rowspan=gc.r1 - gc.r0,
        colspan=gc.c1 - gc.c0,
        direction=content.direction,
        rotation=content.rotation,
        text_colour=content.text_colour,
        fill_colour=cell_fill(gc.box, fills),
        coloured_runs=content.coloured_runs,
        bullets=content.bullets,
        provenance=Provenance(page=page, bbox=_rounded(to_page(gc.box))),
    )


def turn_segment(s: Segment, frame: Frame) -> Segment:
    """A ruling line in ``frame`` (still horizontal or vertical, possibly the other way)."""
    box = BBox(s.a, s.pos, s.b, s.pos) if s.horizontal else BBox(s.pos, s.a, s.pos, s.b)
    t = frame.forward(box)
    if t.x1 - t.x0 >= t.bottom - t.top:
        return Segment(True, t.top, t.x0, t.x1, s.drawn)
    return Segment(False, t.x0, t.top, t.bottom, s.drawn)


def _extent(group: Sequence[Segment]) -> BBox:
    xs = [v for s in group for v in ((s.a, s.b) if s.horizontal else (s.pos,))]
    ys = [v for s in group for v in ((s.pos,) if s.horizontal else (s.a, s.b))]
    return BBox(min(xs), min(ys), max(xs), max(ys))


def _held(box: BBox, centres: Sequence[tuple[float, float]]) -> list[int]:
    """Indices of the glyph centres (worked out once per page: boxes are tried by the
    hundred) inside ``box`` widened by a point."""
    x0, top, x1, bottom = box.x0 - 1, box.top - 1, box.x1 + 1, box.bottom + 1
    return [i for i, (x, y) in enumerate(centres) if x0 <= x <= x1 and top <= y <= bottom]


def _overlaps(a: BBox, b: BBox) -> bool:
    return a.x0 < b.x1 and b.x0 < a.x1 and a.top < b.bottom and b.top < a.bottom


def _rounded(box: BBox) -> BBox:
    return BBox(round(box.x0, 2), round(box.top, 2), round(box.x1, 2), round(box.bottom, 2))
