"""Where a plan says what its colours mean: a legend of dots, a key table, or a sentence.

Plans put the key to their traffic lights in three kinds of place, and any colours may be used
(blue may mean complete, orange not started):

* dots beside labels in the text ("● No Progress ● Progressing ● Achieved"), in the body, the
  page header or the footer;
* a key table: a coloured cell (or a coloured dot) beside a status label, row by row or column by
  column;
* a sentence naming the colours in words ("Green – complete; Amber – in progress").

The first of these kinds that the document has is its legend; a label that names no status
(:func:`status_from_text` cannot read it) is no entry.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from planingest.extractor.model import Cell, Table, TextBlock
from planingest.normalise.records import Status
from planingest.normalise.status import Legend, LegendEntry, status_from_text

LEGEND_GLYPHS = "●•◉⬤■▪"
"""Glyphs a legend marks its colours with."""

MAX_KEY_CELLS = 40
"""A key table is small: bigger tables are plan data, whatever their colours."""

COLOUR_WORDS: dict[str, str] = {
    "light green": "#92d050",
    "dark green": "#00b050",
    "green": "#00b050",
    "amber": "#ffc000",
    "orange": "#ed7d31",
    "yellow": "#ffff00",
    "red": "#ff0000",
    "blue": "#0070c0",
    "purple": "#7030a0",
    "grey": "#a6a6a6",
    "gray": "#a6a6a6",
    "black": "#000000",
}
"""Colour words as the Office palette prints them, for legends that name colours in words."""

_WORDED = re.compile(
    r"\b(?P<colour>" + "|".join(sorted(COLOUR_WORDS, key=len, reverse=True)) + r")\b"
    r"\s*(?:\([^)]*\)\s*)?(?:[-–—=:]|\bmeans\b|\bis\b|\bindicates\b|\bdenotes\b)+\s*"
    r"(?P<label>[A-Za-z][A-Za-z /'’-]*)",
    re.IGNORECASE,
)


def find_legend(blocks: Sequence[Table | TextBlock]) -> Legend | None:
    """The document's legend: dots in the text first, then a key table, then a sentence."""
    texts = [b for b in blocks if isinstance(b, TextBlock)]
    tables = [b for b in blocks if isinstance(b, Table)]
    return (
        _dot_legend(texts)
        or next((k for t in tables if (k := _key_table(t)) is not None), None)
        or next((k for b in texts if (k := _worded(b.text)) is not None), None)
    )


def marks_legend(text: str) -> bool:
    """Whether ``text`` carries legend dots (such a line is no heading or theme)."""
    return any(g in text for g in LEGEND_GLYPHS)


def _dot_legend(texts: list[TextBlock]) -> Legend | None:
    """Consecutive blocks whose coloured dots name statuses."""
    group: list[TextBlock] = []
    for block in [*texts, None]:
        if block is not None and marks_legend(block.text):
            group.append(block)
            continue
        if group:
            text = "\n".join(b.text for b in group)
            runs = [run for b in group for run in b.coloured_runs]
            legend = Legend.from_runs(text, runs)
            if legend is not None:
                return legend
            group = []
    return None


def _key_table(table: Table) -> Legend | None:
    """A small table pairing colours with status labels, along its rows or down its columns."""
    if not table.cells or table.n_rows * table.n_cols > MAX_KEY_CELLS:
        return None
    by_row = [table.row_cells(r) for r in range(table.n_rows)]
    by_col = [
        sorted((c for c in table.cells if c.col == col), key=lambda c: c.row)
        for col in range(table.n_cols)
    ]
    readings = [_pairs(lines) for lines in (by_row, by_col)]
    best = max(readings, key=len)
    return Legend(tuple(best.values())) if len(best) >= 2 else None


def _pairs(lines: list[list[Cell]]) -> dict[str, LegendEntry]:
    """Along each line, a coloured cell and the label in it or in the next cell."""
    entries: dict[str, LegendEntry] = {}
    for cells in lines:
        for index, cell in enumerate(cells):
            colour = _colour_of(cell)
            if colour is None:
                continue
            own = _strip_marks(cell.text)
            label = own or (_strip_marks(cells[index + 1].text) if index + 1 < len(cells) else "")
            _add(entries, colour, label)
    return entries


def _colour_of(cell: Cell) -> str | None:
    """A cell's colour as a key shows it: its dot, else its shading."""
    dots = [r.colour for r in cell.coloured_runs if r.text.strip() and marks_legend(r.text)]
    return dots[0] if dots else cell.fill_colour


def _strip_marks(text: str) -> str:
    return " ".join(text.strip(" \t\n" + LEGEND_GLYPHS + "-–:=").split())


def _worded(text: str) -> Legend | None:
    """Colours named in words, each followed by its label."""
    entries: dict[str, LegendEntry] = {}
    for match in _WORDED.finditer(text):
        label = re.split(r"\s+(?:and|or)\s+|[;,.]", match.group("label"))[0]
        _add(entries, COLOUR_WORDS[match.group("colour").lower()], label)
    return Legend(tuple(entries.values())) if len(entries) >= 2 else None


def _add(entries: dict[str, LegendEntry], colour: str, label: str) -> None:
    label = " ".join(label.split())
    reading = status_from_text(label) if label else None
    colour = colour.lower()
    if reading is None or reading.status is Status.UNKNOWN or colour in entries:
        return
    entries[colour] = LegendEntry(colour, label, replace(reading, source="colour"))
