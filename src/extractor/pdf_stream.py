"""Borderless tables: columns and rows from how the text lines up.

Text outside ruled tables is cut into lines, and each line into *chunks* at gaps wider than an
em. A run of lines most of which have several chunks is a table region; its columns are the
x-ranges that chunks of the body lines cover (gutters are where none do). Each line whose first
column holds text starts a row; a line with an empty first column continues the row above (a
wrapped cell) when that row has first-column text, so multi-line cells do not become extra rows,
while header lines stacked above the stub heading stay rows of their own. A chunk reaching over
several columns is cut at the gutters when each of its words sits over one column (headings of
tight columns closer than an em); otherwise, or when a short rule runs under it (a spanning
header), it becomes a cell spanning the columns it covers. Glyph sizes are font sizes, also for
text drawn turned, and a table drawn in a box keeps the title lines inside its box.

Columns whose text runs closer than an em (an owner's name beside a date) are kept apart by the
strip no word covers when the next column's words start flush at its edge. Column titles turned
90° standing on the table are its header row (with the band rows between them and the first
aligned line), and shading no text stands on (a status column of fills alone) is a column too:
each cell carries the fill under it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from planingest.extractor.model import BBox, Cell, Provenance
from planingest.extractor.pdf_grid import Fill, Segment
from planingest.extractor.pdf_page import Found, PageContent, Piece, turn_segment
from planingest.extractor.pdf_text import (
    BULLET_GLYPHS,
    Frame,
    Glyph,
    Line,
    line_pitches,
    read_content,
    wraps_onto,
)
from planingest.extractor.pdf_tuning import PdfTuning, StreamTuning


@dataclass(frozen=True)
class _Chunk:
    glyphs: tuple[Glyph, ...]
    x0: float
    x1: float
    text: str


def stream_found(content: PageContent, tuning: PdfTuning) -> list[Found]:
    """Borderless tables among the page's free glyphs, each with the indices of the glyphs
    it takes."""
    settings = tuning.stream
    if not content.free_glyphs:
        return []
    frame = Frame(content.angle, content.width, content.height)
    unrotate = Frame(content.rotation, content.width, content.height)
    turned, lines = content.reading
    index = {id(t): i for i, t in enumerate(turned)}
    chunked = [(line, _chunks(line, settings.chunk_gap)) for line in lines]
    rules = [turn_segment(s, frame) for s in content.rules]
    fills = [Fill(frame.forward(f.box), f.colour) for f in content.fills]
    vertical = [g for g in turned if g.angle in (90, 270) and not g.text.isspace()]
    found: list[Found] = []
    for region in _regions(chunked, settings):
        region = _with_title(region, chunked, rules, settings)
        region = _with_turned_header(region, chunked, vertical, fills, settings)
        side = _turned_side(region, vertical, settings)
        piece = _table(region, frame, unrotate, content.number, settings, rules, fills, side)
        if piece is not None:
            glyphs_taken = [g for line, _ in region for g in line.glyphs] + side
            taken = frozenset(index[id(g)] for g in glyphs_taken)
            found.append(Found(piece, taken))
    return found


def _with_title(
    region: list[tuple[Line, list[_Chunk]]],
    chunked: list[tuple[Line, list[_Chunk]]],
    rules: list[Segment],
    settings: StreamTuning,
) -> list[tuple[Line, list[_Chunk]]]:
    """The region with the single-chunk lines above it that its drawn frame encloses.

    A table drawn in a box (a vertical rule down each side of it) whose top rule lies above the
    first aligned line holds its title inside the frame: the lines between the top of the box
    and the header belong to the table (a title row spanning the columns), not to the text
    around it. Lines below the body stay out (notes under a table are text the reader finds
    as prose or as single lines after the last row, as without a frame).
    """
    top = min(line.top for line, _ in region)
    bottom = max(line.bottom for line, _ in region)
    x0 = min(line.x0 for line, _ in region)
    x1 = max(line.x1 for line, _ in region)
    size = max(line.size for line, _ in region)
    sides = [s for s in rules if not s.horizontal and s.a < top and s.b > bottom - size]
    left = [s.a for s in sides if x0 - 3 * size <= s.pos <= x0]
    right = [s.a for s in sides if x1 <= s.pos <= x1 + 3 * size]
    if not left or not right:
        return region
    box_top = max(min(left), min(right)) - 1
    start = next(i for i, item in enumerate(chunked) if item[0] is region[0][0])
    above: list[tuple[Line, list[_Chunk]]] = []
    for line, chunks in reversed(chunked[:start]):
        if line.top < box_top or len(chunks) != 1 or line.x0 < x0 - 1 or line.x1 > x1 + 1:
            break
        above.insert(0, (line, chunks))
    if len(above) > settings.max_single_run:
        return region
    return [*above, *region]


def _with_turned_header(
    region: list[tuple[Line, list[_Chunk]]],
    chunked: list[tuple[Line, list[_Chunk]]],
    vertical: list[Glyph],
    fills: list[Fill],
    settings: StreamTuning,
) -> list[tuple[Line, list[_Chunk]]]:
    """The region under a header row of column titles turned 90°, as one line of chunks (a
    title each), with the single-chunk lines between the titles and the region (band rows
    opening the table). Unchanged when fewer than two turned titles stand on it."""
    start = next(i for i, item in enumerate(chunked) if item[0] is region[0][0])
    size = max(line.size for line, _ in region)
    reach = settings.turned_header_gap * size
    above: list[tuple[Line, list[_Chunk]]] = []
    top = region[0][0].top
    for line, chunks in reversed(chunked[:start]):
        if len(above) >= settings.max_single_run or len(chunks) != 1 or top - line.bottom > reach:
            break
        above.insert(0, (line, chunks))
        top = line.top
    x0 = min(line.x0 for line, _ in region) - settings.side_reach * size
    x1 = max([line.x1 for line, _ in region] + [f.box.x1 for f in _beside(region, fills)]) + size
    titles: list[_Chunk] = []
    for block in _turned_blocks([g for g in vertical if g.cx >= x0 and g.bottom <= top + 1], size):
        foot = max(g.bottom for g in block)
        if min(g.x0 for g in block) > x1 or not 0 <= top - foot <= reach + 1:
            # Band rows are only the table's when the titles stand on them.
            continue
        titles.append(_Chunk(tuple(block), min(g.x0 for g in block), max(g.x1 for g in block),
                             " ".join(g.text for g in block)))  # fmt: skip
    if len(titles) < 2:
        return region
    glyphs = tuple(g for t in titles for g in t.glyphs)
    header = Line(glyphs=glyphs, text=" ".join(t.text for t in titles), colours=())
    return [(header, titles), *above, *region]


def _turned_side(
    region: list[tuple[Line, list[_Chunk]]], vertical: list[Glyph], settings: StreamTuning
) -> list[Glyph]:
    """Turned glyphs standing left of the region's upright text, down its body: a first column
    of themes turned 90° and merged over their rows (in a Word table a vertically merged cell
    with ``btLr`` text). No upright body text may share their strip: then the column holds
    nothing else, and rows must be told apart by the next column."""
    used = {id(g) for line, _ in region for g in line.glyphs}
    upright = [line for line, _ in region if line.glyphs[0].angle == 0]
    if not upright:
        return []
    size = max(line.size for line in upright)
    top, bottom = min(line.top for line in upright), max(line.bottom for line in upright)
    left = min(line.x0 for line, _ in region)  # turned column titles included
    side = [
        g
        for g in vertical
        if id(g) not in used and g.top >= top - 1 and g.bottom <= bottom + size
        and g.x1 >= left - settings.side_reach * size
    ]  # fmt: skip
    # A folio or a mark turned beside a table is no theme: a theme is named in words.
    if sum(g.text.isalpha() for g in side) < 3:
        return []
    x1 = max(g.x1 for g in side)
    first = min(g.top for g in side)
    starts = sorted(ch.x0 for line, cs in region for ch in cs if line.glyphs[0].angle == 0)
    if not any(x > x1 for x in starts):
        return []
    for line, chunks in region:
        if line.glyphs[0].angle == 0 and line.top >= first and chunks[0].x0 < x1:
            return []
    return side


def _side_cells(
    side: list[Glyph], rows: list[dict[tuple[int, int], list[Glyph]]], ys: list[float]
) -> list[tuple[int, int, list[Glyph]]]:
    """The turned side column's merged cells as (first row, rowspan, glyphs).

    Each run of glyphs set apart by more than an em is one cell. Turned text starts at one
    end of its merged cell (the foot for text read bottom to top, as Word and most writers lay
    ``btLr`` text): a cell runs from the row after the previous cell, or after the header rows
    above it, to the row holding its text's far end; the last cell runs to the table's end.
    Rows above the first cell with no header over them are a cell carried over a page break
    and stay empty, for the stitcher to lengthen."""
    size = max(g.size for g in side)
    runs: list[list[Glyph]] = []
    for g in sorted(side, key=lambda g: g.top):
        if runs and g.top <= max(h.bottom for h in runs[-1]) + size:
            runs[-1].append(g)
        else:
            runs.append([g])
    upward = sum(g.angle == 270 for g in side) * 2 >= len(side)

    def row_of(y: float) -> int:
        return max(0, max(r for r in range(len(rows)) if ys[r] <= y + 0.5))

    header = [r for r, row in enumerate(rows) if any(c0 == 0 for c0, _ in row)]
    out: list[tuple[int, int, list[Glyph]]] = []
    for k, run in enumerate(runs):
        head, foot = row_of(min(g.top for g in run)), row_of(max(g.bottom for g in run))
        end = len(rows) - 1
        if k + 1 < len(runs):
            end = foot if upward else max(foot, row_of(min(g.top for g in runs[k + 1])) - 1)
        above = [r for r in header if r < head]
        if out:
            first = out[-1][0] + out[-1][1] if upward else head
        else:
            first = above[-1] + 1 if upward and above else head
        first = max([first] + [r + 1 for r in header if r <= end])
        if first <= end:
            out.append((first, end - first + 1, run))
    return out


def _turned_blocks(vertical: list[Glyph], size: float) -> list[list[Glyph]]:
    """Turned glyphs as title blocks: side by side within half an em (the lines of one title),
    each chained up from its foot without a gap over an em."""
    columns: list[list[Glyph]] = []
    for g in sorted(vertical, key=lambda g: g.x0):
        if columns and g.x0 <= max(h.x1 for h in columns[-1]) + 0.5 * size:
            columns[-1].append(g)
        else:
            columns.append([g])
    blocks: list[list[Glyph]] = []
    for column in columns:
        chain: list[Glyph] = []
        for g in sorted(column, key=lambda g: -g.bottom):
            if chain and g.bottom < min(h.top for h in chain) - size:
                break
            chain.append(g)
        blocks.append(chain)
    return blocks


def _beside(region: list[tuple[Line, list[_Chunk]]], fills: list[Fill]) -> list[Fill]:
    """Fills inside the region's height that no text of it stands on (a column of fills)."""
    top = min(line.top for line, _ in region)
    bottom = max(line.bottom for line, _ in region)
    spans = [(c.x0, c.x1) for line, cs in region for c in cs if line.glyphs[0].angle == 0]
    return [
        f
        for f in fills
        if f.box.top < bottom
        and f.box.bottom > top
        and f.box.x0 >= min(a for a, _ in spans) - 1
        and not any(f.box.x0 < b and a < f.box.x1 for a, b in spans)
    ]


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
    chunked: list[tuple[Line, list[_Chunk]]], settings: StreamTuning
) -> list[list[tuple[Line, list[_Chunk]]]]:
    regions: list[list[tuple[Line, list[_Chunk]]]] = []
    current: list[tuple[Line, list[_Chunk]]] = []
    singles = 0

    wrapped: set[int] = set()

    def close() -> None:
        while current and len(current[-1][1]) < 2 and id(current[-1][0]) not in wrapped:
            current.pop()
        multi = [c for _, c in current if len(c) >= 2]
        if len(multi) >= settings.min_rows:
            chunks = [ch for c in multi for ch in c]
            mean = sum(len(ch.text) for ch in chunks) / len(chunks)
            if mean <= settings.max_mean_chunk:
                regions.append(list(current))
        current.clear()

    for line, chunks in chunked:
        is_multi = len(chunks) >= 2 and not (
            len(chunks) == 2 and chunks[0].text.strip() in BULLET_GLYPHS
        )
        if current:
            prev = current[-1][0]
            if line.top - prev.bottom > settings.region_gap * max(line.size, prev.size):
                close()
                singles = 0
        if is_multi:
            current.append((line, chunks))
            singles = 0
        elif current and _wraps(line, chunks, current, settings):
            current.append((line, chunks))
            wrapped.add(id(line))
        elif current:
            singles += 1
            if singles > settings.max_single_run:
                close()
                singles = 0
            else:
                current.append((line, chunks))
    close()
    return regions


def _wraps(
    line: Line,
    chunks: list[_Chunk],
    current: list[tuple[Line, list[_Chunk]]],
    settings: StreamTuning,
) -> bool:
    """Whether a single-chunk line continues a wrapped cell of a column other than the first:
    right under the line above, starting where that column's chunks start. A long cell (a
    progress note) wraps over many more lines than the rest of its row without ending the
    table; text below a table starts at its left edge instead. Only in a region with a line of
    three chunks or more: indented prose under a bullet or a label lines up like a two-column
    table."""
    prev = current[-1][0]
    if len(chunks) != 1 or line.top - prev.bottom > settings.row_gap * line.size:
        return False
    if all(len(cs) < 3 for _, cs in current):
        return False
    starts = {ch.x0 for _, cs in current if len(cs) >= 2 for ch in cs[1:]}
    return any(abs(chunks[0].x0 - x) <= 1.5 for x in starts)


def _columns(
    region: list[tuple[Line, list[_Chunk]]], settings: StreamTuning, fills: list[Fill]
) -> list[tuple[float, float]]:
    """Column x-ranges: the union of the chunks of the lines with the most chunks, each cut at
    the gutters inside it (:func:`_gutters`), and the x-ranges of fills beside the text."""
    upright = [c for line, c in region if line.glyphs[0].angle == 0]
    counts = [len(c) for c in upright]
    body = [c for c in upright if len(c) >= max(2, 0.6 * max(counts))]
    cols = _union(sorted((ch.x0, ch.x1) for c in body for ch in c))
    words = [[(w[0].x0, max(g.x1 for g in w)) for ch in c for w in _words(ch.glyphs)] for c in body]
    size = max(line.size for line, _ in region)
    split: list[tuple[float, float]] = []
    for a, b in cols:
        cuts = _gutters([[w for w in line if a <= w[0] and w[1] <= b] for line in words], size,
                        settings)  # fmt: skip
        edges = [a, *(x for cut in cuts for x in cut), b]
        split += [(edges[i], edges[i + 1]) for i in range(0, len(edges), 2)]
    beside = _union(sorted((f.box.x0, f.box.x1) for f in _beside(region, fills)))
    return sorted(split + [c for c in beside if c[1] - c[0] >= size])


def _union(spans: list[tuple[float, float]]) -> list[tuple[float, float]]:
    cols: list[list[float]] = []
    for x0, x1 in spans:
        if cols and x0 <= cols[-1][1] + 1.0:
            cols[-1][1] = max(cols[-1][1], x1)
        else:
            cols.append([x0, x1])
    return [(a, b) for a, b in cols]


def _gutters(
    lines: list[list[tuple[float, float]]], size: float, settings: StreamTuning
) -> list[tuple[float, float]]:
    """Strips inside one column that no word covers, at least ``gutter_width`` ems wide, whose
    right edge starts a word on ``gutter_aligned`` lines or more (and on half the lines with
    words right of it): the gutter between two columns set closer than an em."""
    spans = sorted(w for line in lines for w in line)
    out: list[tuple[float, float]] = []
    reach = spans[0][1] if spans else 0.0
    for x0, x1 in spans[1:]:
        if x0 - reach >= settings.gutter_width * size:
            starts = sum(any(abs(w[0] - x0) <= 1.0 for w in line) for line in lines)
            right = sum(any(w[0] >= x0 - 1.0 for w in line) for line in lines)
            if starts >= settings.gutter_aligned and 2 * starts >= right:
                out.append((reach, x0))
        reach = max(reach, x1)
    return out


def _words(glyphs: Sequence[Glyph]) -> list[list[Glyph]]:
    """Glyphs into words: a gap over 0.18 em (a space) separates them."""
    words: list[list[Glyph]] = []
    for g in glyphs:
        if words and g.x0 - words[-1][-1].x1 <= 0.18 * max(g.size, 1.0):
            words[-1].append(g)
        else:
            words.append([g])
    return words


def _table(
    region: list[tuple[Line, list[_Chunk]]],
    frame: Frame,
    unrotate: Frame,
    page: int,
    settings: StreamTuning,
    rules: Sequence[Segment] = (),
    fills: Sequence[Fill] = (),
    side: Sequence[Glyph] = (),
) -> Piece | None:
    cols = _columns(region, settings, list(fills))
    if side:
        x0, x1 = min(g.x0 for g in side), max(g.x1 for g in side)
        if not cols or x1 <= cols[0][0]:
            cols.insert(0, (x0, x1))
        else:
            cols[0] = (min(x0, cols[0][0]), max(x1, cols[0][1]))
    # The column whose text starts a row: the first, or the next one beside a turned side
    # column (its merged cells span rows and say nothing of where one ends).
    stub = 1 if side else 0
    if len(cols) < 2 + stub:
        return None
    # Column boundaries: half an em left of the next column's start, or midway when the gutter
    # is narrower (the same boundaries on every page of a table whatever its text's length, so
    # a continued table stitches).
    size = max(line.size for line, _ in region)
    edges = [cols[0][0]]
    edges += [
        cols[i + 1][0] - min((cols[i + 1][0] - cols[i][1]) / 2, size / 2)
        for i in range(len(cols) - 1)
    ]
    edges.append(cols[-1][1])
    width = cols[-1][1] - cols[0][0]
    top = min(line.top for line, _ in region)
    bottom = max(line.bottom for line, _ in region)
    rules = [s for s in rules if s.horizontal and top <= s.pos <= bottom + 1]

    rows: list[dict[tuple[int, int], list[Glyph]]] = []
    last: Line | None = None
    for n, (line, chunks) in enumerate(region):
        below = region[n + 1][0].top if n + 1 < len(region) else None
        pieces: list[_Chunk] = []
        for ch in chunks:
            if len(chunks) > 1 and not _over_rule(ch, line, below, rules, width, settings):
                pieces += _split_at_gutters(ch, cols)
            else:
                pieces.append(ch)
        placed = [(_span(ch, cols), ch) for ch in pieces]
        first_filled = any(c0 <= stub for (c0, _), _ in placed)
        gap_ok = last is not None and line.top - last.bottom <= settings.row_gap * line.size
        # A line with an empty first column is a wrapped continuation of the row above only
        # when that row has a stub (first-column text) to belong to; above the stub header,
        # lines without one are stacked header rows of their own.
        # A line with first-column text continues the row above when that text wraps onto
        # the first column's line right above it.
        stub_above = bool(rows) and any(c0 <= stub for c0, _ in rows[-1])
        wrapped = not first_filled and gap_ok and stub_above
        if (
            rows
            and last is not None
            and (wrapped or _stub_wraps(line, last, placed, rows[-1], cols, stub, settings))
        ):
            row = rows[-1]
        else:
            row = {}
            rows.append(row)
        for key, ch in placed:
            row.setdefault(key, []).extend(ch.glyphs)
        last = line
    box = BBox(edges[0], top, edges[-1], bottom)
    ys = [min(g.top for gs in row.values() for g in gs) for row in rows] + [bottom]
    cells: list[Cell] = []
    pitches = line_pitches(gs for row in rows for gs in row.values())
    merged = _side_cells(list(side), rows, ys) if side else []
    for first, span, gs in merged:
        cell_box = BBox(edges[0], ys[first], edges[1], ys[first + span])
        content = read_content(gs, cell_box)
        where = Provenance(page=page, bbox=_round(unrotate.forward(frame.back(cell_box))))
        cells.append(
            Cell(row=first, col=0, text=content.text, rowspan=span, direction=content.direction,
                 rotation=content.rotation, text_colour=content.text_colour,
                 coloured_runs=content.coloured_runs, provenance=where)
        )  # fmt: skip
    covered = {r for first, span, _ in merged for r in range(first, first + span)}
    for r, row in enumerate(rows):
        taken: set[int] = {0} if r in covered else set()
        for (c0, c1), gs in sorted(row.items()):
            if any(c in taken for c in range(c0, c1 + 1)):
                c0 = c1 = next((c for c in range(c0, c1 + 1) if c not in taken), c0)
                if c0 in taken:
                    continue
            taken.update(range(c0, c1 + 1))
            cell_box = BBox(edges[c0], ys[r], edges[c1 + 1], ys[r + 1])
            content = read_content(gs, cell_box, pitches)
            cells.append(
                Cell(
                    row=r,
                    col=c0,
                    text=content.text,
                    colspan=c1 - c0 + 1,
                    direction=content.direction,
                    rotation=content.rotation,
                    text_colour=content.text_colour,
                    fill_colour=_fill_under(cell_box, fills),
                    coloured_runs=content.coloured_runs,
                    bullets=content.bullets,
                    provenance=Provenance(
                        page=page, bbox=_round(unrotate.forward(frame.back(cell_box)))
                    ),
                )
            )
        for c in range(len(cols)):
            cell_box = BBox(edges[c], ys[r], edges[c + 1], ys[r + 1])
            fill = None if c in taken else _fill_under(cell_box, fills)
            if fill is not None:
                box = _round(unrotate.forward(frame.back(cell_box)))
                cells.append(Cell(row=r, col=c, text="", fill_colour=fill,
                                  provenance=Provenance(page=page, bbox=box)))  # fmt: skip
    return Piece(
        page=page,
        n_rows=len(rows),
        n_cols=len(cols),
        cells=tuple(sorted(cells, key=lambda c: (c.row, c.col))),
        col_edges=tuple(edges),
        box=frame.back(box),
        page_height=frame.size[1],
        engine="pdf-stream",
        angle=frame.angle,
    )


def _stub_wraps(
    line: Line,
    last: Line,
    placed: list[tuple[tuple[int, int], _Chunk]],
    row: dict[tuple[int, int], list[Glyph]],
    cols: list[tuple[float, float]],
    stub: int,
    settings: StreamTuning,
) -> bool:
    """Whether a line with text in the ``stub`` column (the one starting rows) is that
    column's wrapped text of the row above: close under the line above (``wrap_gap``), which
    held text there too, filling only columns the row fills, and wrapping onto it
    (:func:`wraps_onto`)."""
    a, b = cols[stub][0] - 0.5, cols[stub][1] + 0.5
    own = [ch for (c0, c1), ch in placed if c0 == c1 == stub]
    above = [g for g in last.glyphs if g.x0 > a and g.x0 < b and g.x1 <= b]
    if len(own) != 1 or not above or line.top - last.bottom > settings.wrap_gap * line.size:
        return False
    if not {key for key, _ in placed} <= set(row):
        return False
    return wraps_onto(above, own[0].glyphs, cols[stub][1])


def _fill_under(box: BBox, fills: Sequence[Fill]) -> str | None:
    """The colour of the smallest fill under the cell's centre (its own shading rather than a
    band drawn under the table)."""
    cx, cy = (box.x0 + box.x1) / 2, (box.top + box.bottom) / 2
    under = [f for f in fills if f.box.x0 <= cx <= f.box.x1 and f.box.top <= cy <= f.box.bottom]
    if not under:
        return None
    return min(under, key=lambda f: (f.box.x1 - f.box.x0) * (f.box.bottom - f.box.top)).colour


def _span(ch: _Chunk, cols: list[tuple[float, float]]) -> tuple[int, int]:
    """The columns a chunk's cell covers.

    A chunk inside one column's reach is that column's. A chunk reaching over several (a
    spanning header, a title) covers the columns whose text it stands over from end to end;
    one that only overhangs a neighbour's text (a centred header wider than its figures, a
    long label) belongs to the column it overlaps most.
    """
    inside = _columns_of(ch.x0, ch.x1, cols)
    if not inside:
        centre = (ch.x0 + ch.x1) / 2
        nearest = min(range(len(cols)), key=lambda i: abs((cols[i][0] + cols[i][1]) / 2 - centre))
        return nearest, nearest
    if len(inside) == 1:
        return inside[0], inside[0]
    full = [i for i in inside if ch.x0 <= cols[i][0] + 0.5 and cols[i][1] - 0.5 <= ch.x1]
    if full:
        return full[0], full[-1]
    best = max(inside, key=lambda i: min(ch.x1, cols[i][1]) - max(ch.x0, cols[i][0]))
    return best, best


def _over_rule(
    ch: _Chunk,
    line: Line,
    below: float | None,
    rules: Sequence[Segment],
    width: float,
    settings: StreamTuning,
) -> bool:
    """Whether a partial rule (of the horizontal ``rules``) runs under the chunk (booktabs'
    ``cmidrule``): the mark of a header spanning the columns beneath it, whose words must
    stay together."""
    reach = line.bottom + settings.span_rule_gap * line.size
    if below is not None:
        reach = min(reach, below + 1)
    return any(
        line.bottom - 1 <= s.pos <= reach
        and s.a <= ch.x0 + 1
        and ch.x1 - 1 <= s.b
        and s.b - s.a < 0.9 * width
        for s in rules
    )


def _split_at_gutters(ch: _Chunk, cols: list[tuple[float, float]]) -> list[_Chunk]:
    """A chunk reaching over several columns, cut into its columns' words.

    Header words of neighbouring columns can stand closer than an em (tight columns of
    figures under wrapped headings), so one chunk holds several columns' headings. When every
    word of the chunk lies over exactly one column's text and the words fall in two or more
    columns, the columns are real and the chunk is cut between them; otherwise (a title, a
    label running over a gutter) it stays one spanning chunk.
    """
    if len(_columns_of(ch.x0, ch.x1, cols)) < 2:
        return [ch]
    words = _words(ch.glyphs)
    groups: list[tuple[int, list[Glyph]]] = []
    for word in words:
        hit = _columns_of(word[0].x0, max(g.x1 for g in word), cols)
        if len(hit) != 1:
            return [ch]
        if groups and groups[-1][0] == hit[0]:
            groups[-1][1].extend(word)
        else:
            groups.append((hit[0], list(word)))
    if len(groups) < 2:
        return [ch]
    return [
        _Chunk(tuple(gs), gs[0].x0, max(g.x1 for g in gs), "".join(g.text for g in gs))
        for _, gs in groups
    ]


def _columns_of(x0: float, x1: float, cols: list[tuple[float, float]]) -> list[int]:
    return [i for i, (a, b) in enumerate(cols) if x0 < b and a < x1]


def _round(box: BBox) -> BBox:
    return BBox(round(box.x0, 2), round(box.top, 2), round(box.x1, 2), round(box.bottom, 2))
