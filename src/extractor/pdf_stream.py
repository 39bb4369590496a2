"""Borderless tables: columns and rows from how the text lines up.

Text outside ruled tables is cut into lines, and each line into *chunks* at gaps wider than an
em. A run of lines most of which have several chunks is a table region; its columns are the
x-ranges that chunks of the body lines cover (gutters are where none do). Each line whose first
column holds text starts a row; a line with an empty first column continues the row above (a
wrapped cell), so multi-line cells do not become extra rows. A chunk reaching over several
columns (a spanning header) becomes a cell with a colspan.
"""

from __future__ import annotations

from dataclasses import dataclass

from planingest.extractor.model import BBox, Cell, Provenance
from planingest.extractor.pdf_page import PageContent, Piece
from planingest.extractor.pdf_text import (
    BULLET_GLYPHS,
    Frame,
    Glyph,
    Line,
    group_lines,
    read_content,
)

STREAM_SETTINGS: dict[str, float] = {
    # A gap wider than this many ems between glyphs separates two chunks (columns).
    "chunk_gap": 1.0,
    # A region needs this many lines of several chunks...
    "min_rows": 3,
    # ...and may hold at most this many single-chunk lines in a row (wrapped cells, labels).
    "max_single_run": 2,
    # Chunks longer than this on average are prose in columns, not a table.
    "max_mean_chunk": 40,
    # A line further below the one above than this many line heights is a new row.
    "row_gap": 1.0,
}


@dataclass(frozen=True)
class _Chunk:
    glyphs: tuple[Glyph, ...]
    x0: float
    x1: float
    text: str


def stream_pieces(
    content: PageContent, page: int, settings: dict[str, float] = STREAM_SETTINGS
) -> tuple[list[Piece], list[Glyph]]:
    """Borderless tables among the page's free glyphs, and the glyphs left over."""
    found = stream_found(content, page, settings)
    used = {i for _, taken in found for i in taken}
    return [p for p, _ in found], [g for i, g in enumerate(content.free_glyphs) if i not in used]


def stream_found(
    content: PageContent, page: int, settings: dict[str, float] = STREAM_SETTINGS
) -> list[tuple[Piece, frozenset[int]]]:
    """Borderless tables among the page's free glyphs, each with the indices of the glyphs
    it takes."""
    glyphs = content.free_glyphs
    if not glyphs:
        return []
    frame = Frame(content.angle, content.width, content.height)
    unrotate = Frame(content.rotation, content.width, content.height)
    turned = [frame.glyph(g) for g in glyphs]
    index = {id(t): i for i, t in enumerate(turned)}
    lines = group_lines(g for g in turned if g.angle == 0)
    chunked = [(line, _chunks(line, settings["chunk_gap"])) for line in lines]
    found: list[tuple[Piece, frozenset[int]]] = []
    for region in _regions(chunked, settings):
        piece = _table(region, frame, unrotate, page, settings)
        if piece is not None:
            taken = frozenset(index[id(g)] for line, _ in region for g in line.glyphs)
            found.append((piece, taken))
    return found


def _chunks(line: Line, gap_em: float) -> list[_Chunk]:
    out: list[list[Glyph]] = []
    for g in line.glyphs:
        if out and g.x0 - out[-1][-1].x1 <= gap_em * max(g.size, 1.0):
            out[-1].append(g)
        else:
            out.append([g])
    return [
        _Chunk(tuple(gs), gs[0].x0, max(g.x1 for g in gs), "".join(g.text for g in gs))
        for gs in out
    ]


def _regions(
    chunked: list[tuple[Line, list[_Chunk]]], settings: dict[str, float]
) -> list[list[tuple[Line, list[_Chunk]]]]:
    regions: list[list[tuple[Line, list[_Chunk]]]] = []
    current: list[tuple[Line, list[_Chunk]]] = []
    singles = 0

    def close() -> None:
        while current and len(current[-1][1]) < 2:
            current.pop()
        multi = [c for _, c in current if len(c) >= 2]
        if len(multi) >= settings["min_rows"]:
            chunks = [ch for c in multi for ch in c]
            mean = sum(len(ch.text) for ch in chunks) / len(chunks)
            if mean <= settings["max_mean_chunk"]:
                regions.append(list(current))
        current.clear()

    for line, chunks in chunked:
        is_multi = len(chunks) >= 2 and not (
            len(chunks) == 2 and chunks[0].text.strip() in BULLET_GLYPHS
        )
        if current:
            prev = current[-1][0]
            if line.top - prev.bottom > 2.5 * max(line.size, prev.size):
                close()
                singles = 0
        if is_multi:
            current.append((line, chunks))
            singles = 0
        elif current:
            singles += 1
            if singles > settings["max_single_run"]:
                close()
                singles = 0
            else:
                current.append((line, chunks))
    close()
    return regions


def _columns(region: list[tuple[Line, list[_Chunk]]]) -> list[tuple[float, float]]:
    """Column x-ranges: the union of the chunks of the lines with the most chunks."""
    counts = [len(c) for _, c in region]
    body = [c for c in (c for _, c in region) if len(c) >= max(2, 0.6 * max(counts))]
    spans = sorted((ch.x0, ch.x1) for c in body for ch in c)
    cols: list[list[float]] = []
    for x0, x1 in spans:
        if cols and x0 <= cols[-1][1] + 1.0:
            cols[-1][1] = max(cols[-1][1], x1)
        else:
            cols.append([x0, x1])
    return [(a, b) for a, b in cols]


def _table(
    region: list[tuple[Line, list[_Chunk]]],
    frame: Frame,
    unrotate: Frame,
    page: int,
    settings: dict[str, float],
) -> Piece | None:
    cols = _columns(region)
    if len(cols) < 2:
        return None
    # Column boundaries: midway between one column's right end and the next one's left.
    edges = [cols[0][0]]
    edges += [(cols[i][1] + cols[i + 1][0]) / 2 for i in range(len(cols) - 1)]
    edges.append(cols[-1][1])

    def span(ch: _Chunk) -> tuple[int, int]:
        inside = [i for i, (a, b) in enumerate(cols) if ch.x0 < b and a < ch.x1]
        if not inside:
            centre = (ch.x0 + ch.x1) / 2
            nearest = min(
                range(len(cols)), key=lambda i: abs((cols[i][0] + cols[i][1]) / 2 - centre)
            )
            return nearest, nearest
        return inside[0], inside[-1]

    rows: list[dict[tuple[int, int], list[Glyph]]] = []
    last: Line | None = None
    for line, chunks in region:
        placed = [(span(ch), ch) for ch in chunks]
        first_filled = any(c0 == 0 for (c0, _), _ in placed)
        gap_ok = last is not None and line.top - last.bottom <= settings["row_gap"] * line.size
        if rows and not first_filled and gap_ok:
            row = rows[-1]
        else:
            row = {}
            rows.append(row)
        for key, ch in placed:
            row.setdefault(key, []).extend(ch.glyphs)
        last = line
    top = min(line.top for line, _ in region)
    bottom = max(line.bottom for line, _ in region)
    box = BBox(edges[0], top, edges[-1], bottom)
    ys = [min(g.top for gs in row.values() for g in gs) for row in rows] + [bottom]
    cells: list[Cell] = []
    for r, row in enumerate(rows):
        taken: set[int] = set()
        for (c0, c1), gs in sorted(row.items()):
            if any(c in taken for c in range(c0, c1 + 1)):
                c0 = c1 = next((c for c in range(c0, c1 + 1) if c not in taken), c0)
                if c0 in taken:
                    continue
            taken.update(range(c0, c1 + 1))
            cell_box = BBox(edges[c0], ys[r], edges[c1 + 1], ys[r + 1])
            content = read_content(gs, cell_box)
            cells.append(
                Cell(
                    row=r,
                    col=c0,
                    text=content.text,
                    colspan=c1 - c0 + 1,
                    text_colour=content.text_colour,
                    coloured_runs=content.coloured_runs,
                    bullets=content.bullets,
                    provenance=Provenance(
                        page=page, bbox=_round(unrotate.forward(frame.back(cell_box)))
                    ),
                )
            )
    return Piece(
        page=page,
        n_rows=len(rows),
        n_cols=len(cols),
        cells=cells,
        col_edges=tuple(edges),
        box=frame.back(box),
        page_height=frame.size[1],
        engine="pdf-stream",
        angle=frame.angle,
    )


def _round(box: BBox) -> BBox:
    return BBox(round(box.x0, 2), round(box.top, 2), round(box.x1, 2), round(box.bottom, 2))
