"""Borderless tables from camelot's ``network`` parser, behind the same :class:`Piece` contract.

camelot finds where a borderless table is and where its columns and rows run (from how text
lines align); the cell *content* is then read from our own glyphs, so text colour, bullets and
line structure come out exactly as for ruled tables. Each text chunk (a run of glyphs without a
gap wider than an em) goes to the row holding its vertical centre and to the column it overlaps
most. A row with an empty first column close under the row above is that row's wrapped
continuation (camelot gives one row per text line), so multi-line cells stay one cell; so is a
row whose first-column text wraps onto the first column's line right above it (lower case, its
first word too long to have ended that line).

Only pages drawn upright are given to camelot: it turns pages by its own heuristics, and our
own stream engine already reads turned pages in their reading frame.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from importlib import import_module
from typing import Any

from playa.miner import LAParams, LTPage
from playa.page import Page

from planingest.extractor.model import BBox, Cell, Provenance
from planingest.extractor.pdf_layout import page_layout
from planingest.extractor.pdf_page import Found, PageContent, Piece
from planingest.extractor.pdf_text import (
    Glyph,
    group_lines,
    line_pitches,
    read_content,
    row_spacing,
    wraps_onto,
)
from planingest.extractor.pdf_tuning import NetworkTuning, PageLimits, PdfTuning

CAMELOT_LAYOUT = LAParams(
    line_overlap=0.5,
    char_margin=1.0,
    line_margin=0.5,
    word_margin=0.1,
    boxes_flow=0.5,
    detect_vertical=True,
    all_texts=True,
)
"""camelot's own layout analysis (``camelot.utils.get_page_layout``'s defaults)."""


def network_tables(layout: LTPage, page: Page, limits: PageLimits) -> list[Any]:
    """camelot ``network`` tables of one upright page, found in the layout we read it into
    (:func:`pdf_layout.page_layout`) rather than by camelot parsing the page again: its own
    layout analysis of the same PLAYA objects, then its parser, as ``camelot.read_pdf`` runs
    them. ``layout`` is analysed in place (its glyphs grouped into text lines)."""
    camelot: Any = import_module("camelot.utils")  # deferred (it costs half a second), untyped
    layout.analyze(CAMELOT_LAYOUT)
    objects = camelot.get_image_char_and_text_objects(layout)
    rotation = camelot.get_rotation(*objects[1:])
    if rotation:  # camelot turns a page whose text mostly runs upwards and reads it again
        turn = -90 if rotation == "clockwise" else 90
        page.set_initial_ctm(page.space, page.rotate + turn)
        layout = page_layout(page, limits).objects
        layout.analyze(CAMELOT_LAYOUT)
        objects = camelot.get_image_char_and_text_objects(layout)
    return _parse(layout, page.page_idx + 1, rotation, objects)


def layout_tables(layout: LTPage, number: int) -> list[Any]:
    """camelot ``network`` tables of page ``number`` from its analysed ``layout``
    (:data:`CAMELOT_LAYOUT`), which may be built from other glyphs than a text layer's (a
    scan's OCR words, :mod:`ocr_network`)."""
    camelot: Any = import_module("camelot.utils")
    return _parse(layout, number, "", camelot.get_image_char_and_text_objects(layout))


def _parse(layout: LTPage, number: int, rotation: str, objects: Sequence[Any]) -> list[Any]:
    """camelot's Network parser on ``layout`` and the images and text lines camelot took from
    it (``get_image_char_and_text_objects``, walked once per layout)."""
    network: Any = import_module("camelot.parsers.network")
    images, _, horizontal, vertical = objects
    parser = network.Network()
    parser.prepare_page_parse(
        "",
        layout,
        (layout.bbox[2], layout.bbox[3]),
        number,
        images,
        horizontal,
        vertical,
        rotation,
        layout_kwargs={},
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return list(parser.extract_tables())


def network_found(content: PageContent, tuning: PdfTuning) -> list[Found]:
    """Pieces for camelot's tables on one upright page (``content.camelot``), each with the
    indices of the free glyphs it takes; a camelot table over a piece found before is that
    piece."""
    settings = tuning.network
    glyphs = content.free_glyphs
    used: set[int] = set()
    pieces: list[Found] = []
    for table in content.camelot:
        box = _box(table._bbox, content.height)
        if any(_shared(box, p.box) > settings.ruled_overlap for p in content.pieces):
            continue
        rows = [(content.height - a, content.height - b) for a, b in table.rows]
        cols = [(float(a), float(b)) for a, b in table.cols]
        inside = [
            i
            for i, g in enumerate(glyphs)
            if i not in used
            and box.x0 - 2 <= g.cx <= box.x1 + 2
            and box.top - 2 <= g.cy <= box.bottom + 2
        ]
        tail = _tail(glyphs, inside, used, box, cols, settings.continuation_gap)
        inside += [i for line in tail for i in line]
        rows += [
            (min(glyphs[i].top for i in line), max(glyphs[i].bottom for i in line)) for line in tail
        ]
        made = _piece([glyphs[i] for i in inside], rows, cols, content, settings)
        if made is None:
            continue
        piece, left_out = made
        inside = [i for i in inside if id(glyphs[i]) not in left_out]
        pieces.append(Found(piece, frozenset(inside)))
        used.update(inside)
    return pieces


def _tail(
    glyphs: Sequence[Glyph],
    inside: list[int],
    used: set[int],
    box: BBox,
    cols: list[tuple[float, float]],
    gap: float,
) -> list[list[int]]:
    """Lines camelot left just under its table that wrap its last row's cells: each close
    under the one above (``gap`` line heights), inside the table's width, clear of the first
    column. Given as lists of glyph indices."""
    if not inside or len(cols) < 2:
        return []
    taken = set(inside) | used
    below = [
        i
        for i, g in enumerate(glyphs)
        if i not in taken and g.cy > box.bottom + 2 and not g.text.isspace() and g.angle == 0
    ]
    index = {id(glyphs[i]): i for i in below}
    bottom = max(glyphs[i].bottom for i in inside)
    out: list[list[int]] = []
    for line in group_lines(glyphs[i] for i in below):
        if line.top - bottom > gap * line.size:
            break
        if line.x0 < cols[1][0] - 1 or line.x1 > box.x1 + 2:
            break
        out.append([index[id(g)] for g in line.glyphs])
        bottom = line.bottom
    return out


def _piece(
    glyphs: list[Glyph],
    rows: list[tuple[float, float]],
    cols: list[tuple[float, float]],
    content: PageContent,
    settings: NetworkTuning,
) -> tuple[Piece, set[int]] | None:
    """The piece, and the ids of the glyphs it leaves out (a caption above it)."""
    if len(cols) < 2 or not rows or not glyphs:
        return None
    members: dict[tuple[int, int], list[Glyph]] = {}
    for line in group_lines(g for g in glyphs if g.angle == 0):
        for chunk in _chunks(line.glyphs, settings.chunk_gap):
            cy = sum(g.cy for g in chunk) / len(chunk)
            r = min(range(len(rows)), key=lambda i: _distance(cy, rows[i]))
            for part in _parts(chunk, cols):
                x0, x1 = part[0].x0, max(g.x1 for g in part)
                c = max(range(len(cols)), key=lambda i: _overlap(x0, x1, cols[i]) - 1e-3 * i)
                members.setdefault((r, c), []).extend(part)
    row_ids = sorted({r for r, _ in members})
    merged = _merge_wrapped(row_ids, members, settings.continuation_gap)
    edges = [
        cols[0][0],
        *((a + b) / 2 for (_, a), (b, _) in zip(cols, cols[1:], strict=False)),
        cols[-1][1],
    ]
    grid = [
        {c: [g for i in group for g in members.get((i, c), [])] for c in range(len(cols))}
        for group in merged
    ]
    grid = [{c: gs for c, gs in row.items() if gs} for row in grid]
    left_out: set[int] = set()
    turned = [g.top for g in glyphs if g.angle != 0 and not g.text.isspace()]
    while len(grid) > 1 and (
        _caption(grid[0], grid[1:], edges, settings.caption_gap)
        or _above_header(grid, edges, min(turned, default=content.height), settings.chunk_gap)
    ):
        left_out.update(id(g) for gs in grid[0].values() for g in gs)
        grid.pop(0)
    if not grid:
        return None
    cells: list[Cell] = []
    pitches = line_pitches(gs for row in grid for gs in row.values())
    tops = [min(g.top for gs in row.values() for g in gs) for row in grid]
    bottoms = [max(g.bottom for gs in row.values() for g in gs) for row in grid]
    for r, row in enumerate(grid):
        top = tops[r] if r == 0 else (bottoms[r - 1] + tops[r]) / 2
        bottom = bottoms[r] if r == len(grid) - 1 else (bottoms[r] + tops[r + 1]) / 2
        band = _band(row, edges)
        if band is not None:
            first, last = band
            whole = [g for gs in row.values() for g in gs]
            spans: list[tuple[int, int, list[Glyph]]] = [(c, 1, []) for c in range(first)] + [
                (first, last - first + 1, whole)
            ]
            spans += [(c, 1, []) for c in range(last + 1, len(cols))]
        else:
            spans = [(c, 1, row.get(c, [])) for c in range(len(cols))]
        for c, span, gs in spans:
            cell_box = BBox(edges[c], top, edges[c + span], bottom)
            text = read_content(gs, cell_box, pitches) if gs else None
            cells.append(
                Cell(
                    row=r,
                    col=c,
                    text=text.text if text else "",
                    colspan=span,
                    text_colour=text.text_colour if text else None,
                    coloured_runs=text.coloured_runs if text else (),
                    bullets=text.bullets if text else (),
                    provenance=Provenance(page=content.number, bbox=_round(cell_box)),
                )
            )
    box = BBox(edges[0], tops[0], edges[-1], bottoms[-1])
    piece = Piece(
        page=content.number,
        n_rows=len(grid),
        n_cols=len(cols),
        cells=tuple(cells),
        col_edges=tuple(edges),
        box=box,
        page_height=content.height,
        engine="pdf-network",
    )
    return piece, left_out


def _column_of(x: float, edges: list[float]) -> int:
    return max(0, min(len(edges) - 2, sum(e <= x for e in edges[1:-1])))


def _band(row: dict[int, list[Glyph]], edges: list[float]) -> tuple[int, int] | None:
    """A row whose only text starts in one column and runs over the next column's border is
    one cell over the columns it crosses, anchored where it starts (a band row): the first
    and last of those columns, or None for an ordinary row."""
    if len(row) != 1:
        return None
    gs = next(iter(row.values()))
    first = _column_of(min(g.x0 for g in gs), edges)
    last = _column_of(max(g.x1 for g in gs) - 0.5, edges)
    return (first, last) if last > first else None


def _caption(
    row: dict[int, list[Glyph]],
    below: list[dict[int, list[Glyph]]],
    edges: list[float],
    gap: float,
) -> bool:
    """Whether a table's top row is a caption: text in one cell only, set off from the next
    row by more than ``gap`` line heights, and not standing in the columns (it crosses a
    column border, or starts where no column's text starts)."""
    if len(row) != 1:
        return False
    gs = next(iter(row.values()))
    size = max(g.size for g in gs)
    nxt = min(g.top for cell in below[0].values() for g in cell)
    if nxt - max(g.bottom for g in gs) <= gap * size:
        return False
    x0, x1 = min(g.x0 for g in gs), max(g.x1 for g in gs)
    if _column_of(x0, edges) != _column_of(x1 - 0.5, edges):
        return True
    starts = {min(g.x0 for g in cell) for r in below for cell in r.values()}
    return not any(abs(x0 - s) <= 2.0 for s in starts)


def _above_header(
    grid: list[dict[int, list[Glyph]]], edges: list[float], turned_top: float, chunk_gap: float
) -> bool:
    """Whether a table's top row is a line of text above its header: one run of words per
    line (no gap of a column between them, however camelot's columns cut it), starting in the
    first column, none of its later words starting where a column's text below starts, over
    a row of several cells further down (the header camelot saw), with no turned text above
    it (column titles turned 90°, which camelot does not read: the rows under them are the
    table's band rows). A line in a larger font than the table's is a title wherever its
    words fall. A title or a dated line over the table lines up with its first
    column, so the gap to the header alone does not tell it apart."""
    if not any(len(r) > 1 for r in grid[1:]):
        return False
    gs = [g for cell in grid[0].values() for g in cell]
    if _column_of(min(g.x0 for g in gs), edges) != 0 or max(g.bottom for g in gs) >= turned_top:
        return False
    starts = [min(g.x0 for g in cell) for row in grid[1:] for cell in row.values()]
    sizes = sorted(g.size for row in grid[1:] for cell in row.values() for g in cell)
    body = sizes[len(sizes) // 2]
    for line in group_lines(gs):
        runs = _chunks(line.glyphs, chunk_gap)
        if len(runs) != 1:
            return False
        if line.size > 1.15 * body:
            continue  # a title: larger than the table's text, whatever lines up
        later = [w[0].x0 for w in _chunks(line.glyphs, 0.25)[1:]]
        if any(abs(x - s) <= 1.5 for x in later for s in starts):
            return False
    return True


def _merge_wrapped(
    row_ids: list[int], members: dict[tuple[int, int], list[Glyph]], gap: float
) -> list[list[int]]:
    """Rows grouped so that a wrapped line (empty first column, right under the row above,
    filling only columns the row above fills) joins the row it continues."""
    groups: list[list[int]] = []
    # The first column's right end over rows of several cells (a title or band runs further).
    width = {i: sum(1 for (j, _) in members if j == i) for i in row_ids}
    stub = [g for (i, c), gs in members.items() if c == 0 and width[i] > 1 for g in gs]
    right = max((g.x1 for g in stub), default=0.0)
    tops = [min(g.top for (i, _), gs in members.items() if i == r for g in gs) for r in row_ids]
    spaced = row_spacing(tops, max((g.size for g in stub), default=0.0))
    for r in row_ids:
        cols = {c for (i, c) in members if i == r}
        wraps = spaced and groups and 0 in cols
        if wraps and _stub_wraps(members, groups[-1], r, cols, right, gap):
            groups[-1].append(r)
            continue
        if groups and 0 not in cols:
            prev = groups[-1]
            prev_cols = {c for i in prev for (j, c) in members if j == i}
            above = [g for i in prev for c in prev_cols for g in members.get((i, c), [])]
            here = [g for c in cols for g in members[(r, c)]]
            size = max(g.size for g in here)
            close = min(g.top for g in here) - max(g.bottom for g in above) <= gap * size
            if close and 0 in prev_cols and cols <= prev_cols:
                prev.append(r)
                continue
        groups.append([r])
    return groups


def _stub_wraps(
    members: dict[tuple[int, int], list[Glyph]],
    group: list[int],
    r: int,
    cols: set[int],
    right: float,
    gap: float,
) -> bool:
    """Whether row ``r``'s first-column text is the wrapped first cell of the row group above:
    right under the first column's last line there, filling only columns the group fills, and
    wrapping onto it (:func:`wraps_onto`; camelot gives one row per text line)."""
    above = members.get((group[-1], 0), [])
    here = members[(r, 0)]
    if not above or not cols <= {c for (i, c) in members if i in group}:
        return False
    size = max(g.size for g in here)
    if min(g.top for g in here) - max(g.bottom for g in above) > gap * size:
        return False
    return wraps_onto(above, here, right)


def _chunks(glyphs: Sequence[Glyph], gap_em: float) -> list[list[Glyph]]:
    out: list[list[Glyph]] = []
    for g in glyphs:
        if out and g.x0 - out[-1][-1].x1 <= gap_em * max(g.size, 1.0):
            out[-1].append(g)
        else:
            out.append([g])
    return out


def _parts(chunk: list[Glyph], cols: list[tuple[float, float]]) -> list[list[Glyph]]:
    """A chunk reaching over a column gutter is split into its words when each word stands
    in one column (figures set closer than an em apart); otherwise it stays whole."""
    x0, x1 = chunk[0].x0, max(g.x1 for g in chunk)
    if sum(_overlap(x0, x1, col) > 0 for col in cols) < 2:
        return [chunk]
    words = _chunks(chunk, 0.25)

    def inside(word: list[Glyph]) -> bool:
        a, b = word[0].x0, max(g.x1 for g in word)
        return any(col[0] - 1 <= a and b <= col[1] + 1 for col in cols)

    return words if all(inside(w) for w in words) else [chunk]


def _distance(y: float, span: tuple[float, float]) -> float:
    top, bottom = span
    return 0.0 if top <= y <= bottom else min(abs(y - top), abs(y - bottom))


def _overlap(x0: float, x1: float, col: tuple[float, float]) -> float:
    return min(x1, col[1]) - max(x0, col[0])


def _box(bbox: Sequence[float], height: float) -> BBox:
    x1, y1, x2, y2 = (float(v) for v in bbox)
    return BBox(x1, height - y2, x2, height - y1)


def _shared(a: BBox, b: BBox) -> float:
    """Share of ``a``'s area that ``b`` covers."""
    ix = min(a.x1, b.x1) - max(a.x0, b.x0)
    iy = min(a.bottom, b.bottom) - max(a.top, b.top)
    area = (a.x1 - a.x0) * (a.bottom - a.top)
    return ix * iy / area if ix > 0 and iy > 0 and area > 0 else 0.0


def _round(box: BBox) -> BBox:
    return BBox(round(box.x0, 2), round(box.top, 2), round(box.x1, 2), round(box.bottom, 2))
