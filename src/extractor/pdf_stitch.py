"""Join table pieces that continue over a page break into one logical table.

A piece continues the table before it when it is the first table on the next page, the earlier
piece is the last on its page, and both have the same columns: boundaries within a tolerance,
compared as column widths when the pieces are read in different frames (a ``/Rotate`` page
next to a table turned on an upright page). The earlier piece must end near its page's end and
the continuation start near its page's top, unless the continuation is the rest of a transposed
table (field names down the first column, one action per column): its field-name column repeats
a line of the table (the "Key Action" row, values and all), or carries on with field names the
table has not used yet, and the number of action columns is the same.
Text between the two pieces that is not running page furniture (a heading such as "Appendix 2
(Continued)") makes them two tables, as the writer made them. A repeated header is dropped (and
the original marked as header), and so are a transposed continuation's leading lines that repeat
a line of the table; an empty cell under a merged cell reaching the page end extends that cell; a
first row whose leading cell is empty is the rest of the row the page break cut, and its text is
appended to that row.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

from planingest.extractor.model import Cell
from planingest.extractor.pdf_page import Piece
from planingest.extractor.pdf_tuning import StitchTuning


@dataclass
class Stitched:
    """One logical table made of pieces on consecutive pages."""

    pieces: list[Piece]
    n_rows: int
    n_cols: int
    cells: list[Cell]
    engine: str
    warnings: list[str] = field(default_factory=list)

    @property
    def pages(self) -> tuple[int, ...]:
        return tuple(sorted({p.page for p in self.pieces}))


def stitch(
    pieces: list[Piece],
    separated: Callable[[Piece, Piece], bool],
    tuning: StitchTuning,
) -> list[Stitched]:
    """Pieces (in reading order) grouped into logical tables; ``separated`` says whether text
    the writer put between two pieces keeps them apart."""
    tables: list[Stitched] = []
    for i, piece in enumerate(pieces):
        prev = tables[-1] if tables else None
        first_on_page = i == 0 or pieces[i - 1].page != piece.page
        if (
            prev is not None
            and first_on_page
            and _continues(prev, piece, tuning)
            and not separated(prev.pieces[-1], piece)
        ):
            _append(prev, piece, tuning.max_header_rows)
            continue
        tables.append(
            Stitched([piece], piece.n_rows, piece.n_cols, list(piece.cells), piece.engine)
        )
    return tables


def _continues(table: Stitched, piece: Piece, tuning: StitchTuning) -> bool:
    last = table.pieces[-1]
    if piece.page != last.page + 1 or piece.n_cols != last.n_cols:
        return False
    if not _same_columns(last, piece, tuning.column_tolerance):
        return False
    at_break = last.end >= tuning.ends_below and piece.start <= tuning.starts_above
    return at_break or _transposed_rest(table, piece)


def _same_columns(last: Piece, piece: Piece, tolerance: float) -> bool:
    """Column boundaries within ``tolerance``: where they stand when both pieces are read in the
    same frame, else (each in its own upright frame) the widths of their columns."""
    a, b = last.col_edges, piece.col_edges
    if piece.angle != last.angle:
        a, b = tuple(x - a[0] for x in a), tuple(x - b[0] for x in b)
    return all(abs(x - y) <= tolerance for x, y in zip(a, b, strict=True))


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def _label(text: str) -> bool:
    """A field name: short words, no figures (a reference such as "1.2" is a row's own)."""
    words = _norm(text).split()
    return 0 < len(words) <= _LABEL_WORDS and not any(ch.isdigit() for ch in text)


_LABEL_WORDS = 6
"""The longest field name of a transposed table's first column, in words."""


Line = tuple[str, tuple[str, ...]]
"""A row as a transposed table reads it: its field name and the values after it."""


def _line(row: Iterable[Cell]) -> Line | None:
    """A row's first-column text and the texts of its other cells (``None`` for a band row,
    one cell spanning the table, or a row with no first cell)."""
    ordered = sorted(row, key=lambda c: c.col)
    if not ordered or ordered[0].col != 0 or ordered[0].colspan > 1:
        return None
    return _norm(ordered[0].text), tuple(_norm(c.text) for c in ordered[1:])


def _lines(cells: Iterable[Cell], n_rows: int) -> list[Line]:
    by_row: dict[int, list[Cell]] = {r: [] for r in range(n_rows)}
    for c in cells:
        by_row[c.row].append(c)
    return [line for r in range(n_rows) if (line := _line(by_row[r])) is not None]


def _repeats(line: Line, earlier: list[Line]) -> bool:
    """A line that says again what a line of the table says: every other cell the same and
    filled, and the field name the same too when only one cell follows it."""
    label, values = line
    if not values or not all(values):
        return False
    return any(v == values and (len(values) > 1 or e == label) for e, v in earlier)


def _transposed_rest(table: Stitched, piece: Piece) -> bool:
    """Whether the piece is the rest of a transposed table: its field-name column repeats one of
    the table's lines, or names only fields the table has not named yet."""
    earlier = _lines(table.cells, table.n_rows)
    lines = _lines(piece.cells, piece.n_rows)
    if len(lines) != piece.n_rows or not all(_label(label) for label, _ in lines):
        return False
    if lines and _repeats(lines[0], earlier):
        return True
    names = {_name(label) for label, _ in earlier}
    return (
        len(earlier) >= 2
        and all(_label(label) for label, _ in earlier)
        and not names & {_name(label) for label, _ in lines}
    )


def _name(label: str) -> str:
    """A field name without its bracketed remark ("Key Action (repeat)" names "key action")."""
    return re.sub(r"\s*\([^)]*\)", "", label).strip()


def _row_texts(cells: list[Cell], row: int) -> list[tuple[int, int, str]]:
    return [
        (c.col, c.colspan, _norm(c.text))
        for c in sorted((c for c in cells if c.row == row), key=lambda c: c.col)
    ]


def _append(table: Stitched, piece: Piece, max_header: int) -> None:
    cells = list(piece.cells)
    # The header rows, without a pass over the whole table at every page: the first piece's
    # cells lead the list and hold them, unless it is shorter than the longest header.
    first = table.pieces[0]
    known = len(first.cells) if first.n_rows >= max_header else len(table.cells)
    head = [c for c in table.cells[:known] if c.row < max_header]
    drop = 0
    for k in range(min(max_header, piece.n_rows - 1, table.n_rows), 0, -1):
        if all(_row_texts(cells, r) == _row_texts(head, r) for r in range(k)) and any(
            t for r in range(k) for _, _, t in _row_texts(cells, r)
        ):
            drop = k
            break
    if drop:
        if not all(c.is_header for c in head if c.row < drop):
            table.cells = [replace(c, is_header=True) if c.row < drop else c for c in table.cells]
        if any(c.row < drop and c.row + c.rowspan > drop for c in cells):
            drop = 0  # a header cell spans into the body: keep the rows rather than cut it
        else:
            cells = [c for c in cells if c.row >= drop]
    drop += _repeated_lines(table, cells, drop, piece.n_rows)
    cells = [c for c in cells if c.row >= drop]
    cells, extended = _extend_merged(table, cells, drop)
    merged_row = _continuation(table, cells, drop, extended)
    _grow(table, extended, 1 if merged_row else 0)
    if merged_row:
        cells = [c for c in cells if c.row != drop]
        drop += 1
        table.warnings.append(
            f"a row cut by the page break between pages {piece.page - 1} and {piece.page} "
            "was joined back together"
        )
    offset = table.n_rows - drop
    table.cells += [replace(c, row=c.row + offset) for c in cells]
    table.n_rows += piece.n_rows - drop
    table.pieces.append(piece)


def _repeated_lines(table: Stitched, cells: list[Cell], start: int, n_rows: int) -> int:
    """How many lines from ``start`` repeat a line of the table (a transposed table's "Key
    Action" row at the top of its continuation), each a single row."""
    earlier = _lines(table.cells, table.n_rows)
    count = 0
    for r in range(start, n_rows - 1):
        row = [c for c in cells if c.row == r]
        if any(c.rowspan > 1 for c in row):
            break
        line = _line(row)
        if line is None or not _label(line[0]) or not _repeats(line, earlier):
            break
        count += 1
    return count


def _extend_merged(
    table: Stitched, cells: list[Cell], row: int
) -> tuple[list[Cell], dict[int, int]]:
    """Empty cells opening the piece under a row-spanning cell that reaches the table's end
    are that cell carried over the break: drop them and lengthen the cell (whose rowspan grows
    once the rows are appended). Returns the remaining cells and, by column, the rowspan
    each extended cell brings."""
    last_row = table.n_rows - 1
    extended: dict[int, int] = {}
    for c in [c for c in cells if c.row == row and not c.text]:
        target = next(
            (
                t
                for t in table.cells
                if t.covers(last_row, c.col) and t.rowspan > 1 and t.row + t.rowspan - 1 == last_row
            ),
            None,
        )
        if target is None or (target.col, target.colspan) != (c.col, c.colspan):
            continue
        extended[c.col] = c.rowspan
        cells = [x for x in cells if x is not c]
    return cells, extended


def _grow(table: Stitched, extended: dict[int, int], rows: int) -> None:
    if not extended:
        return
    last_row = table.n_rows - 1
    for i, t in enumerate(table.cells):
        if t.col in extended and t.covers(last_row, t.col) and t.rowspan > 1:
            table.cells[i] = replace(t, rowspan=t.rowspan + extended[t.col] - rows)


def _continuation(table: Stitched, cells: list[Cell], row: int, extended: dict[int, int]) -> bool:
    """Append the piece's first row to the table's last row when it is that row's remainder:
    its leading cell is empty (or a merged cell carried over), another is not, and its cells
    sit on the last row's columns."""
    first = sorted((c for c in cells if c.row == row), key=lambda c: c.col)
    if not first or not any(c.text for c in first):
        return False
    leading_empty = 0 in extended or (first[0].col == 0 and not first[0].text)
    if not leading_empty:
        return False
    if any(c.rowspan > 1 for c in first):
        return False
    last_row = table.n_rows - 1
    targets: dict[int, Cell] = {}
    for c in first:
        target = next(
            (t for t in table.cells if t.covers(last_row, c.col) and t.col == c.col), None
        )
        if target is None:
            return False
        targets[c.col] = target
    for c in first:
        if not c.text:
            continue
        t = targets[c.col]
        joined = f"{t.text}\n{c.text}" if t.text else c.text
        shift = len(t.lines) if t.text else 0
        updated = replace(
            t,
            text=joined,
            bullets=t.bullets + tuple(b + shift for b in c.bullets),
            coloured_runs=t.coloured_runs + c.coloured_runs,
        )
        table.cells[table.cells.index(t)] = updated
    return True
