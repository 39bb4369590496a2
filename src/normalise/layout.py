"""Table layout: which way a table runs, where its header is, and which rows are not actions.

Plans come as row-per-action tables (a header row on top) or transposed (field names down the first
column, one action per column); with header rows split in two ("Re" / "f"), repeated after page
breaks, or missing on a continuation table; with band rows or rotated band cells that carry the
theme. This module turns any of them into :class:`PlanRow`s: one per action row (or column), each
value tied to its column's meaning and its source cell.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import cast

from planingest.extractor.model import Cell, Table
from planingest.normalise.column_roles import MAX_CELLS, ColumnSample, shipped_model
from planingest.normalise.columns import SINGLE_VALUED, ColumnMatch, Field, Lexicon
from planingest.normalise.text import clean, flat, looks_like_ref

_REPEAT = re.compile(r"\(\s*(?:repeat(?:ed)?|cont(?:inued|'?d)?\.?)\s*\)|\bcontinued\b", re.I)
MIN_HEADER_FIELDS = 2
"""A row (or first column) is taken as a header when it names at least this many fields."""
MAX_HEADER_CELL = 60
"""Longer text is data, not a header fragment."""
CLASSIFIER_ACCEPT = 0.6
"""The column-role classifier places a column the lexicon does not know from this probability."""
WEAK_MATCH = 0.92
"""A fuzzy lexicon match below this score is weak: a sure classifier may overrule it..."""
OVERRULE = 0.9
"""...from this probability."""
HEADER_WORDS = 5
HEADER_CHARS = 40
"""A row the lexicon cannot read is a header only if its cells are this short (data rows hold
sentences, dates and refs)."""


@dataclass(frozen=True)
class Column:
    """One field-bearing line of a table: a column, or a labelled row of a transposed table."""

    index: int
    header: str
    match: ColumnMatch
    field: Field
    repeat: bool = False
    """Marked "(repeat)"/"(continued)": it fills its field where the original line is empty."""
    classified: float | None = None
    """The column-role classifier's probability, when it (not the lexicon) chose ``field``."""


@dataclass(frozen=True)
class Slot:
    """One value: its text and the cell it was read from."""

    text: str
    cell: Cell | None
    table: Table


@dataclass
class PlanRow:
    """One action row (or transposed column) with every value placed under its column."""

    table: Table
    values: list[tuple[Column, Slot]]
    theme: Slot | None = None
    position: int = 0
    """Row (or, transposed, column) index in the table."""
    transposed: bool = False

    def first(self, name: Field) -> Slot | None:
        return next((s for c, s in self.values if c.field == name and s.text), None)

    def all(self, name: Field) -> list[tuple[Column, Slot]]:
        return [(c, s) for c, s in self.values if c.field == name and s.text]

    def classified(self) -> dict[str, float]:
        """Fields whose column the classifier placed, with its probability."""
        return {c.field: c.classified for c, s in self.values if c.classified and s.text}


@dataclass
class TableLayout:
    """How one table reads; kept so a headerless continuation can inherit it."""

    transposed: bool
    columns: list[Column]
    n_lines: int
    """Number of field lines (columns, or rows when transposed): a continuation must match it."""
    band_cols: frozenset[int] = field(default_factory=frozenset)
    continues_previous: bool = False
    """Read with the layout of the table before it: a continuation over a page break."""
    header_lines: int | None = None
    """Leading header records when the classifier read the header (the lexicon alone cannot
    find it again); ``None``: found by :func:`header_records`."""


class _View:
    """A table seen record by record, whichever way it runs.

    Values are inherited along the record axis only: a vertically merged outcome is every
    covered row's outcome, but a cell merged across two field columns belongs to its first field.
    """

    def __init__(self, table: Table, transposed: bool) -> None:
        self.table = table
        self.transposed = transposed
        self.grid = table.grid()

    @property
    def n_records(self) -> int:
        return self.table.n_cols if self.transposed else self.table.n_rows

    @property
    def n_fields(self) -> int:
        return self.table.n_rows if self.transposed else self.table.n_cols

    def cell(self, record: int, fld: int) -> Cell | None:
        anchor = self._raw(record, fld)
        if anchor is None:
            return None
        if (anchor.row if self.transposed else anchor.col) != fld:
            return None
        return anchor

    def text(self, record: int, fld: int) -> str:
        anchor = self.cell(record, fld)
        return clean(anchor.text) if anchor else ""

    def own_text(self, record: int, fld: int) -> str:
        """Text of a cell that starts at this position (nothing inherited from a merge)."""
        anchor = self._raw(record, fld)
        if anchor is None or (anchor.row, anchor.col) != self._position(record, fld):
            return ""
        return clean(anchor.text)

    def spans_fields(self, record: int, fld: int) -> bool:
        """Whether the cell here is merged across several fields (a group header)."""
        anchor = self._raw(record, fld)
        return anchor is not None and (anchor.rowspan if self.transposed else anchor.colspan) > 1

    def _position(self, record: int, fld: int) -> tuple[int, int]:
        return (fld, record) if self.transposed else (record, fld)

    def is_band(self, record: int, skip: frozenset[int]) -> Cell | None:
        """A record line holding one merged cell across (nearly) all fields: a theme band."""
        fields = [f for f in range(self.n_fields) if f not in skip]
        anchors = {id(a): a for f in fields if (a := self._raw(record, f)) is not None}
        texts = [a for a in anchors.values() if a.text.strip()]
        if len(texts) != 1 or len(fields) < 3:
            return None
        band = texts[0]
        span = band.rowspan if self.transposed else band.colspan
        return band if span >= max(2, len(fields) - 1) else None

    def _raw(self, record: int, fld: int) -> Cell | None:
        row, col = self._position(record, fld)
        return self.grid[row][col]


def band_columns(table: Table) -> frozenset[int]:
    """Edge columns of rotated text (a vertical theme band): theme, not data."""
    found = set()
    for col in (0, table.n_cols - 1):
        anchors = [c for c in table.cells if c.col == col and c.text.strip()]
        if anchors and all(c.rotation for c in anchors):
            found.add(col)
    return frozenset(found)


def _label(text: str) -> tuple[str, bool]:
    """A header or row label without "(repeat)"/"(continued)", and whether it had one."""
    stripped = _REPEAT.sub("", text)
    return flat(stripped), stripped != text


def _columns_from(labels: dict[int, str], lexicon: Lexicon) -> list[Column]:
    columns = []
    for index, label in labels.items():
        if not label:
            continue
        bare, repeat = _label(label)
        match = lexicon.match(bare)
        columns.append(
            Column(index, flat(label), match, match.field, repeat and match.entry is not None)
        )
    return columns


def _score(columns: list[Column]) -> tuple[int, float]:
    fields = {c.field for c in columns if c.field != "extra"}
    return len(fields), sum(c.match.score for c in columns)


def _header_rows(view: _View, lexicon: Lexicon, skip: frozenset[int]) -> tuple[int, list[Column]]:
    """How many leading records form the header (1 or 2), and its columns."""
    start = 0
    while start < view.n_records and (
        view.is_band(start, skip) or _is_caption(view, start, skip, lexicon)
    ):
        start += 1
    if start >= view.n_records:
        return 0, []
    fields = [f for f in range(view.n_fields) if f not in skip]
    first = {f: view.text(start, f) for f in fields}
    best = _columns_from(first, lexicon)
    best_rows = start + 1
    if start + 1 < view.n_records and all(
        len(view.text(start + 1, f)) <= MAX_HEADER_CELL for f in fields
    ):
        joined = {
            f: _join_header(
                first[f], view.own_text(start + 1, f), view.spans_fields(start, f), lexicon
            )
            for f in fields
        }
        two = _columns_from(joined, lexicon)
        if _score(two) > _score(best) and _score(two)[0] >= _score(best)[0]:
            best, best_rows = two, start + 2
    return best_rows, best


def _join_header(top: str, bottom: str, group: bool, lexicon: Lexicon) -> str:
    """One column's header from two header rows: "Re" + "f" → "Ref", "October 2018" + "Update"
    → "October 2018 Update"; under a group header ("Progress" over "Status" | "Comments", spanning
    or not) the lower wording names the column on its own."""
    if not bottom or bottom == top:
        return top
    if not top:
        return bottom
    joined = [bottom, f"{top} {bottom}"] if group else [f"{top} {bottom}", top + bottom]
    for candidate in joined:
        if lexicon.match(candidate).score >= 0.9:
            return candidate
    alone = max((bottom, top), key=lambda c: lexicon.match(c).score)
    return alone if lexicon.match(alone).score > 0 else f"{top} {bottom}"


def _is_caption(view: _View, record: int, skip: frozenset[int], lexicon: Lexicon) -> bool:
    """A line above the header with a single piece of text that names no field (a caption such
    as "Position at 31 January 2024" that a borderless table's detection took in)."""
    texts = [t for f in range(view.n_fields) if f not in skip and (t := view.own_text(record, f))]
    return len(texts) == 1 and view.n_fields > 2 and lexicon.match(texts[0]).entry is None


def _resolve_fields(columns: list[Column], view: _View, first_record: int) -> list[Column]:
    """Settle columns that compete for one single-valued field, and Progress-or-status."""
    has_status = any(c.field == "status" for c in columns)
    resolved: list[Column] = []
    for col in columns:
        if col.field == "status_or_progress":
            texts = [view.text(r, col.index) for r in range(first_record, view.n_records)]
            wordy = [t for t in texts if len(t.split()) > 6]
            as_status = not has_status and len(wordy) <= len([t for t in texts if t]) / 3
            col = replace(col, field="status" if as_status else "progress")
        resolved.append(col)
    for name in SINGLE_VALUED:
        rivals = [c for c in resolved if c.field == name and not c.repeat]
        if len(rivals) < 2:
            continue
        winner = min(
            rivals,
            key=lambda c: (
                c.match.entry.rank if c.match.entry else 1,
                c.classified is not None,  # at equal rank the lexicon's header wins
                -(c.classified or 0),
                c.index,
            ),
        )
        for c in rivals:
            if c is not winner:
                fallback = c.match.entry.otherwise if c.match.entry else "extra"
                taken = fallback in SINGLE_VALUED and any(x.field == fallback for x in resolved)
                resolved[resolved.index(c)] = replace(c, field="extra" if taken else fallback)
    return resolved


def _sample(view: _View, first: int, fld: int, header: str) -> ColumnSample:
    anchors = [view.cell(r, fld) for r in range(first, min(view.n_records, first + MAX_CELLS))]
    return ColumnSample(
        header,
        tuple(clean(a.text) if a else "" for a in anchors),
        tuple(bool(a and (a.fill_colour or a.text_colour or a.coloured_runs)) for a in anchors),
    )


def _with_roles(columns: list[Column], view: _View, first: int, fields: list[int]) -> list[Column]:
    """The columns with the classifier's role for each line the lexicon does not know (no match,
    or a weak fuzzy one it is sure contradicts), including lines with no header at all. A field
    a header the lexicon knows already names is not given to a second, unknown column: the
    plan's own wording for that field is in hand, the other column is something else. A header
    that holds its field only for want of a better one (rank 2 or more: "Deliverables" is the
    action only beside no action column) does not bar it."""
    model = shipped_model()
    by_index = {c.index: c for c in columns}
    held = {
        c.field
        for c in columns
        if c.match.entry and c.match.entry.rank == 1 and c.match.score >= WEAK_MATCH
    }
    if "status_or_progress" in held:
        held |= {"status", "progress"}
    out = []
    for fld in fields:
        column = by_index.get(fld)
        header = column.header if column else ""
        weak = column is None or column.match.entry is None or column.match.score < WEAK_MATCH
        if weak and first < view.n_records:
            sample = _sample(view, first, fld, _label(header)[0])
            if column is not None or any(sample.cells) or any(sample.marked):
                guess = model.predict(sample)
                known = column is not None and column.match.entry is not None
                needed = OVERRULE if known else CLASSIFIER_ACCEPT
                if (
                    guess.role != "extra"
                    and guess.probability >= needed
                    and guess.role not in held
                    and (column is None or guess.role != column.field)
                ):
                    match = column.match if column else ColumnMatch("", None, 0.0)
                    role = cast(Field, guess.role)
                    column = Column(fld, header, match, role, False, guess.probability)
        if column is not None:
            out.append(column)
    return out


def _header_like(texts: list[str]) -> bool:
    filled = [t for t in texts if t]
    return len(filled) >= MIN_HEADER_FIELDS and all(
        len(t) <= HEADER_CHARS
        and len(t.split()) <= HEADER_WORDS
        and not (t.endswith(".") and len(t.split()) > 2)  # a sentence; "Stat." is a header
        and not looks_like_ref(t)
        for t in filled
    )


def _is_plan_header(columns: list[Column]) -> bool:
    fields = {c.field for c in columns}
    return _score(columns)[0] >= MIN_HEADER_FIELDS and bool(
        fields & {"action", "outcome", "status_or_progress"}
    )


def analyse(table: Table, lexicon: Lexicon, previous: TableLayout | None) -> TableLayout | None:
    """Work out how ``table`` reads, or ``None`` if it does not look like a plan table.

    The lexicon decides first (a header row, or field names down the first column, that it
    knows); the column-role classifier then places the lines it does not know, and finds the
    header of a table whose wording the lexicon does not know at all."""
    skip = band_columns(table)
    row_view = _View(table, transposed=False)
    col_view = _View(table, transposed=True)
    n_header, row_columns = _header_rows(row_view, lexicon, skip)
    fields = [f for f in range(table.n_cols) if f not in skip]
    # Transposed: the first non-band column holds the field names.
    label_col = min((c for c in range(table.n_cols) if c not in skip), default=0)
    labels = {
        r: clean(row_view.text(r, label_col))
        for r in range(table.n_rows)
        if row_view.is_band(r, skip) is None
    }
    col_columns = _columns_from(labels, lexicon)
    row_score, col_score = _score(row_columns), _score(col_columns)

    def transposed(columns: list[Column], continues: bool = False) -> TableLayout:
        columns = _resolve_fields(columns, col_view, label_col + 1)
        return TableLayout(True, columns, table.n_rows, skip | {label_col}, continues)

    def by_rows(columns: list[Column], header_lines: int | None = None) -> TableLayout:
        columns = _resolve_fields(columns, row_view, n_header)
        return TableLayout(False, columns, table.n_cols, skip, header_lines=header_lines)

    label_rows = sorted(labels)
    if col_score[0] >= 3 and col_score > row_score:
        return transposed(_with_roles(col_columns, col_view, label_col + 1, label_rows))
    header_texts = {f: row_view.text(n_header - 1, f) for f in fields} if n_header else {}
    if row_score[0] >= MIN_HEADER_FIELDS and _is_plan_header(row_columns):
        return by_rows(_with_roles(row_columns, row_view, n_header, fields))
    if n_header and _header_like(list(header_texts.values())):
        guessed = _with_roles(row_columns, row_view, n_header, fields)
        if _is_plan_header(guessed) and {c.field for c in guessed} & {"action", "outcome"}:
            return by_rows(guessed, header_lines=n_header)
    with_labels = _with_roles(col_columns, col_view, label_col + 1, label_rows)
    label_texts = [labels[r] for r in label_rows]
    if (
        _score(with_labels)[0] >= 3
        and any(c.field == "action" for c in with_labels)
        and _header_like(label_texts)
    ):
        return transposed(with_labels)
    if previous and not previous.transposed and previous.n_lines == table.n_cols:
        return replace(
            previous,
            columns=list(previous.columns),
            band_cols=skip,
            continues_previous=True,
            header_lines=None,
        )
    if (
        previous
        and previous.transposed
        and (col_score[0] >= 1 and col_score >= row_score or _header_like(label_texts))
        and _score(with_labels)[0] >= 1
    ):
        # The rest of a transposed table (lead, deadline rows) under its field-name column.
        return transposed(with_labels, continues=True)
    return None


def header_records(table: Table, layout: TableLayout, lexicon: Lexicon) -> int:
    """Leading records that are header (0 for a transposed or inherited-header table)."""
    if layout.transposed:
        return 0
    if layout.header_lines is not None:
        return layout.header_lines
    n, columns = _header_rows(_View(table, False), lexicon, layout.band_cols)
    return n if _score(columns)[0] >= MIN_HEADER_FIELDS else 0


def plan_rows(
    table: Table, layout: TableLayout, lexicon: Lexicon, theme: Slot | None
) -> Iterator[PlanRow | Slot]:
    """The table's action rows in order; a band row is yielded as its theme :class:`Slot`."""
    view = _View(table, layout.transposed)
    header_texts = [flat(c.header).lower() for c in layout.columns]
    start = (min(table.n_cols, max(layout.band_cols, default=-1) + 1)) if layout.transposed else 0
    skip_records = header_records(table, layout, lexicon)
    for record in range(start if layout.transposed else skip_records, view.n_records):
        if layout.transposed and record in layout.band_cols:
            continue
        band = view.is_band(record, layout.band_cols) or _lone_first_cell(view, record, layout)
        if band is not None and not layout.transposed:
            theme = Slot(clean(band.text), band, table)
            yield theme
            continue
        values = [
            (c, Slot(view.text(record, c.index), view.cell(record, c.index), table))
            for c in layout.columns
        ]
        texts = [flat(s.text).lower() for _, s in values]
        if not any(texts) or texts == header_texts:
            continue
        row_theme = theme
        for col in layout.band_cols:
            if not layout.transposed and (anchor := view.grid[record][col]) and anchor.text.strip():
                row_theme = Slot(clean(anchor.text), anchor, table)
        if layout.transposed:
            row_theme = _transposed_theme(table, layout) or theme
        yield PlanRow(table, values, row_theme, record, layout.transposed)


def _lone_first_cell(view: _View, record: int, layout: TableLayout) -> Cell | None:
    """A band row of a borderless table: text in the first column only, no span to show it.

    A row cut by a page break has its text further right (its first cells are the finished
    ones), and a lone reference ("1a") is a row, not a theme."""
    if layout.transposed:
        return None
    fields = [c.index for c in layout.columns]
    texts = [(f, view.own_text(record, f)) for f in fields]
    filled = [(f, t) for f, t in texts if t]
    if len(filled) != 1 or filled[0][0] != min(fields) or len(fields) < 3:
        return None
    cell = view.cell(record, filled[0][0])
    return None if cell is None or looks_like_ref(filled[0][1]) else cell


def _transposed_theme(table: Table, layout: TableLayout) -> Slot | None:
    """A transposed table's theme: its rotated band column, or a band row on top."""
    for col in sorted(layout.band_cols):
        for cell in table.cells:
            if cell.col == col and cell.text.strip() and cell.rotation:
                return Slot(clean(cell.text), cell, table)
    view = _View(table, transposed=False)
    # A band row spans the field-name column too: with two actions, only it and the band remain.
    band = view.is_band(0, layout.band_cols) or view.is_band(0, band_columns(table))
    return Slot(clean(band.text), band, table) if band else None
