"""Choosing, region by region, between two readings of a borderless table.

camelot's ``network`` parser and our own alignment reader (:mod:`pdf_stream`) fail in different
ways: one merges two columns into one cell, the other cuts a cell in two, or takes a caption or
two columns of prose for a table. Neither wins everywhere, so each region where both found a
table is judged on the grid it produced, measured against the page's own text (never against
any answer): how many text chunks (runs without a gap wider than an em) a grid cuts across a
cell border, and how many cells hold on one line what reads as several cells (chunks an em or
more apart, or several figures side by side). The reading with fewer faults per chunk wins; on
a tie, the one that reads more turned text (column titles turned 90°, which camelot leaves
out) wins. A network table where our reader saw none is kept unless its chunks are as long as
prose lines (two columns of running text line up like a two-column table).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from planingest.extractor.model import BBox
from planingest.extractor.pdf_page import Found
from planingest.extractor.pdf_text import Glyph, group_lines

_FIGURE = re.compile(r"^[(\[]?[-–+$£€]?\d[\d,.–-]*%?[)\]]?$")


@dataclass(frozen=True)
class Faults:
    chunks: int
    cut: int
    merged: int

    @property
    def rate(self) -> float:
        return (self.cut + self.merged) / self.chunks if self.chunks else 1.0


def choose(
    glyphs: Sequence[Glyph],
    primary: list[Found],
    challenger: list[Found],
    prose_chunk: float,
) -> list[Found]:
    """The primary (network) pieces, each region replaced by the challenger's (stream)
    reading where that one has fewer faults; primary pieces alone in their region and reading
    as prose (chunks longer than ``prose_chunk`` characters on average) dropped. Challenger
    pieces overlapping no primary piece are not returned (a later stream pass over the glyphs
    left finds them)."""
    chosen: list[Found] = []
    for net, ours in _regions(primary, challenger):
        if not ours:
            chosen += [f for f in net if _mean_chunk(glyphs, f) <= prose_chunk]
        elif (rate := faults(glyphs, ours).rate) < (other := faults(glyphs, net).rate) or (
            rate == other and _turned(ours) > _turned(net)
        ):
            chosen += ours
        else:
            chosen += net
    return chosen


def _turned(pieces: list[Found]) -> int:
    """Characters a reading holds in cells of turned text (column titles turned 90° read as
    its header row; camelot takes such glyphs into its box but reads none of them)."""
    return sum(len(c.text) for f in pieces for c in f.piece.cells if c.rotation)


def _mean_chunk(glyphs: Sequence[Glyph], found: Found) -> float:
    own = [glyphs[i] for i in found.taken if not glyphs[i].text.isspace()]
    sizes = [sum(len(g.text) for g in c) for line in group_lines(own) for c in _chunks(line.glyphs)]
    return sum(sizes) / len(sizes) if sizes else 0.0


def _regions(network: list[Found], stream: list[Found]) -> list[tuple[list[Found], list[Found]]]:
    """Groups of network pieces and the stream pieces sharing glyphs with them (transitively)."""
    groups: list[tuple[list[Found], list[Found], set[int]]] = []
    for found in network:
        groups.append(([found], [], set(found.taken)))
    for found in stream:
        hits = [g for g in groups if g[2] & found.taken]
        if not hits:
            continue
        first = hits[0]
        for other in hits[1:]:
            first[0].extend(other[0])
            first[1].extend(other[1])
            first[2].update(other[2])
            groups.remove(other)
        first[1].append(found)
        first[2].update(found.taken)
    return [(net, ours) for net, ours, _ in groups]


def faults(glyphs: Sequence[Glyph], pieces: list[Found]) -> Faults:
    """Faults of a reading of one region (see the module docstring)."""
    chunks = cut = merged = 0
    for piece, taken in ((f.piece, f.taken) for f in pieces):
        boxes = [c.provenance.bbox for c in piece.cells if c.text and c.provenance.bbox]
        own = [glyphs[i] for i in taken if not glyphs[i].text.isspace()]
        per_cell: dict[tuple[int, float], int] = {}
        for line in group_lines(own):
            for chunk in _chunks(line.glyphs):
                chunks += 1
                owners = {i for g in chunk if (i := _cell_of(g, boxes)) is not None}
                if len(owners) > 1:
                    cut += 1
                for i in owners:
                    key = (i, round(line.top, 1))
                    per_cell[key] = per_cell.get(key, 0) + 1
        merged += sum(n - 1 for n in per_cell.values() if n > 1)
        for cell in piece.cells:
            for text in cell.text.splitlines():
                words = text.split()
                figures = sum(bool(_FIGURE.match(w)) for w in words)
                if figures > 1 and 2 * figures >= len(words):
                    merged += figures - 1
    return Faults(chunks, cut, merged)


def _chunks(line: Sequence[Glyph]) -> list[list[Glyph]]:
    out: list[list[Glyph]] = []
    for g in line:
        if out and g.x0 - out[-1][-1].x1 <= max(g.size, 1.0):
            out[-1].append(g)
        else:
            out.append([g])
    return out


def _cell_of(g: Glyph, boxes: list[BBox]) -> int | None:
    x, y = g.cx, g.cy
    for i, b in enumerate(boxes):
        if b.x0 - 0.5 <= x <= b.x1 + 0.5 and b.top - 0.5 <= y <= b.bottom + 0.5:
            return i
    return None
