"""Glyphs to lines to cell text: reading order, rotation, bullets and coloured runs.

Everything is read in an *upright frame*: glyphs drawn turned by 90/180/270 degrees (a table
laid on its side, a page with ``/Rotate``, a vertical header) are mapped into the frame in which
they read left to right, top to bottom, and the same line grouping is used for all of them.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from operator import attrgetter

from planingest.extractor.model import BBox, ColouredRun, TextDirection

BULLET_GLYPHS = frozenset("•▪◦‣⁃∙·■□➢➤►▶✓✔o\uf0b7\uf0a7\uf0d8\uf076\uf0fc")
"""Glyphs that open a list item (Symbol/Wingdings private-use bullets included). "o" and the
squares only count when followed by a gap, as Word draws its second-level bullets."""
_NUMBERED = re.compile(r"^(\d{1,2}[.)]|[a-z][.)]|\((?:\d{1,2}|[a-z]|[ivx]{1,4})\))\s")
_DOT = "●"


@dataclass(frozen=True, slots=True)
class Glyph:
    """One drawn character, in some frame's coordinates (top-left origin)."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    angle: int
    """Degrees the glyph is turned clockwise from upright in this frame: 0, 90, 180 or 270."""
    colour: str | None
    bold: bool

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2


def glyph_angle(matrix: Sequence[float]) -> int:
    """Clockwise turn of a glyph from its text matrix (PDF space, y up), snapped to 90°."""
    a, b = matrix[0], matrix[1]
    if abs(a) < 1e-9 and abs(b) < 1e-9:
        return 0
    degrees = math.degrees(math.atan2(-b, a))
    return int(round(degrees / 90)) * 90 % 360


UNMAPPED_GLYPHS = {"(cid:127)": "•"}
"""Codes pdfminer cannot map to Unicode but whose meaning is fixed: code 127 is the bullet of
the standard 14 fonts' encodings as reportlab (and other generators) write it."""


@dataclass(frozen=True)
class Frame:
    """A rotation of the page (display width ``width``, height ``height``) by ``angle``
    anticlockwise, so that glyphs turned ``angle`` clockwise read upright in it."""

    angle: int
    width: float
    height: float

    @property
    def size(self) -> tuple[float, float]:
        return (self.height, self.width) if self.angle in (90, 270) else (self.width, self.height)

    def forward(self, box: BBox) -> BBox:
        w, h = self.width, self.height
        x0, t, x1, b = box.x0, box.top, box.x1, box.bottom
        if self.angle == 90:
            return BBox(t, w - x1, b, w - x0)
        if self.angle == 270:
            return BBox(h - b, x0, h - t, x1)
        if self.angle == 180:
            return BBox(w - x1, h - b, w - x0, h - t)
        return box

    def back(self, box: BBox) -> BBox:
        w, h = self.width, self.height
        a0, t, a1, b = box.x0, box.top, box.x1, box.bottom
        if self.angle == 90:
            return BBox(w - b, a0, w - t, a1)
        if self.angle == 270:
            return BBox(t, h - a1, b, h - a0)
        if self.angle == 180:
            return BBox(w - a1, h - b, w - a0, h - t)
        return box

    def glyph(self, g: Glyph) -> Glyph:
        if self.angle == 0:
            return g
        box = self.forward(BBox(g.x0, g.top, g.x1, g.bottom))
        return replace(
            g,
            x0=box.x0,
            top=box.top,
            x1=box.x1,
            bottom=box.bottom,
            angle=(g.angle - self.angle) % 360,
        )


def dominant_angle(glyphs: Iterable[Glyph]) -> int:
    counts = Counter(g.angle for g in glyphs if not g.text.isspace())
    return counts.most_common(1)[0][0] if counts else 0


@dataclass(frozen=True)
class Line:
    """Glyphs on one baseline, left to right, with the text they spell (spaces inserted). Its
    extent is worked out once, when it is made: the finders ask for it again and again."""

    glyphs: tuple[Glyph, ...]
    text: str
    colours: tuple[str | None, ...]
    """One colour per character of ``text``."""
    x0: float = field(init=False, repr=False, compare=False)
    x1: float = field(init=False, repr=False, compare=False)
    top: float = field(init=False, repr=False, compare=False)
    bottom: float = field(init=False, repr=False, compare=False)
    size: float = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # One pass, not five: lines are made by the ten thousand.
        first = self.glyphs[0]
        x0, x1, top, bottom, size = first.x0, first.x1, first.top, first.bottom, first.size
        for g in self.glyphs:
            if g.x0 < x0:
                x0 = g.x0
            if g.x1 > x1:
                x1 = g.x1
            if g.top < top:
                top = g.top
            if g.bottom > bottom:
                bottom = g.bottom
            if g.size > size:
                size = g.size
        put = object.__setattr__
        put(self, "x0", x0)
        put(self, "x1", x1)
        put(self, "top", top)
        put(self, "bottom", bottom)
        put(self, "size", size)

    @property
    def bold(self) -> bool:
        ink = [g for g in self.glyphs if not g.text.isspace()]
        return bool(ink) and sum(g.bold for g in ink) * 2 > len(ink)

    def first_word_width(self) -> float:
        ink = [g for g in self.glyphs if not g.text.isspace()]
        if not ink:
            return 0.0
        end = ink[0].x1
        for prev, g in zip(ink, ink[1:], strict=False):
            if g.x0 - prev.x1 > 0.2 * g.size:
                break
            end = g.x1
        return end - ink[0].x0


def wraps_onto(above: Sequence[Glyph], below: Sequence[Glyph], right: float) -> bool:
    """Whether the line of ``below`` continues the line of ``above`` in one cell, wrapped by its
    writer: it opens in lower case (a new row's first cell opens with a capital or a figure)
    and its first word would not have fitted at the end of ``above`` before ``right`` (the
    right end of the column's text), which holds several words (a single word, a label, is no
    line a writer wrapped)."""
    ink = sorted((g for g in below if not g.text.isspace()), key=lambda g: g.x0)
    prev = [g for g in above if not g.text.isspace()]
    if not ink or not prev or not ink[0].text[:1].islower() or " " not in _make_line(prev).text:
        return False
    line = _make_line(ink)
    end = max(g.x1 for g in prev)
    return end + 0.28 * line.size + line.first_word_width() > right + 0.5


def row_spacing(tops: Sequence[float], size: float) -> bool:
    """Whether lines at ``tops`` show paragraph spacing: some line stands further below the one
    above than the tightest line pitch by a third of a line or more (rows set off from each
    other). Without it (running text, single-spaced rows), nothing tells a wrapped line from a
    new row, so no first-column line is taken for a wrap."""
    ordered = sorted(tops)
    pitches = [b - a for a, b in zip(ordered, ordered[1:], strict=False) if b - a > 0.5]
    return bool(pitches) and max(pitches) >= min(pitches) + size / 3


_X_TOP = attrgetter("x0", "top")
_TOP_X = attrgetter("top", "x0")


def group_lines(glyphs: Iterable[Glyph]) -> list[Line]:
    """Upright glyphs into lines, top to bottom. A glyph joins a line when its vertical centre
    falls inside the line's band, so super/subscripts and mixed font sizes stay on their line."""
    bands: list[list[Glyph]] = []
    spans: list[tuple[float, float]] = []
    keyed = sorted([((g.top + g.bottom) / 2, g.x0, i, g) for i, g in enumerate(glyphs)])
    for cy, _, _, g in keyed:
        last = len(bands) - 1
        for i in range(last, last - 3 if last > 2 else -1, -1):
            top, bottom = spans[i]
            if top - 0.5 <= cy <= bottom + 0.5:
                bands[i].append(g)
                if not g.text.isspace() and (g.top < top or g.bottom > bottom):
                    spans[i] = (min(top, g.top), max(bottom, g.bottom))
                break
        else:
            bands.append([g])
            spans.append((g.top, g.bottom))
    lines = [line for band in bands if (line := _make_line(band)).text]
    lines.sort(key=_TOP_X)
    return lines


def _make_line(glyphs: list[Glyph]) -> Line:
    ordered = sorted(glyphs, key=_X_TOP)
    parts: list[str] = []
    colours: list[str | None] = []
    ink: list[Glyph] = []
    prev: Glyph | None = None
    spaced = True  # nothing yet, or a space last
    for k, g in enumerate(ordered):
        text = g.text
        if text.isspace():
            if not spaced and not _inside_word(ordered, k, prev):
                parts.append(" ")
                colours.append(None)
                spaced = True
            continue
        if not spaced and prev is not None:
            gap = g.x0 - prev.x1
            if gap > 0.18 * g.size or gap > 0.18 * prev.size:  # past the smaller one's
                parts.append(" ")
                colours.append(None)
                spaced = True
        if text:
            parts.append(text)
            if len(text) == 1:
                colours.append(g.colour)
            else:
                colours.extend([g.colour] * len(text))
            spaced = text[-1] == " "
        ink.append(g)
        prev = g
    line = "".join(parts).rstrip(" ")
    del colours[len(line) :]
    return Line(glyphs=tuple(ink or ordered), text=line, colours=tuple(colours))


def _inside_word(ordered: Sequence[Glyph], k: int, prev: Glyph | None) -> bool:
    """Whether the space glyph ``ordered[k]`` is drawn over the letters either side of it
    (spreadsheet exports pad centred text with spaces at odd places): it separates nothing."""
    space = ordered[k]
    half = (space.x1 - space.x0) / 2
    if prev is None or prev.x1 <= space.x0 + 0.25 * half:
        return False
    nxt = next((g for g in ordered[k + 1 :] if not g.text.isspace()), None)
    return nxt is not None and nxt.x0 < space.x1 - half


@dataclass(frozen=True)
class Content:
    """Text of a cell or block, in the contract's shape."""

    text: str
    bullets: tuple[int, ...]
    coloured_runs: tuple[ColouredRun, ...]
    text_colour: str | None
    direction: TextDirection
    rotation: int


_DIRECTIONS: dict[int, TextDirection] = {0: "lr-tb", 90: "tb-rl", 270: "bt-lr", 180: "lr-tb"}


def line_pitches(groups: Iterable[Sequence[Glyph]]) -> dict[float, float]:
    """The tightest pitch between two lines of one group (a cell) drawn the same height, by
    glyph size: the leading a table's writer set its text in. A cell of single-line
    paragraphs shows only paragraph pitches; measured against this, they read as spacing."""
    out: dict[float, float] = {}
    for glyphs in groups:
        lines = group_lines(g for g in glyphs if g.angle == 0)
        for a, b in zip(lines, lines[1:], strict=False):
            pitch = b.top - a.top
            if pitch > 0.5 and abs((a.bottom - a.top) - (b.bottom - b.top)) < 0.5:
                key = round(b.size, 1)
                out[key] = min(out.get(key, math.inf), pitch)
    return out


def read_content(
    glyphs: Sequence[Glyph], area: BBox | None = None, pitches: dict[float, float] | None = None
) -> Content:
    """The text of the glyphs inside one cell (or block), in reading order.

    Glyphs are grouped by their turn; each group is read in its own upright frame (a vertical
    header reads top-to-bottom or bottom-to-top), the dominant group first. Wrapped lines of one
    paragraph are joined with a space; paragraph ends, manual breaks and list items give "\\n".
    ``pitches`` (:func:`line_pitches` of the cell's table) is the line pitch paragraph spacing
    is measured against when the cell's own lines are all set apart alike.
    """
    angle = dominant_angle(glyphs)
    groups: dict[int, list[Glyph]] = {}
    for g in glyphs:
        groups.setdefault(g.angle, []).append(g)
    order = sorted(groups, key=lambda a: (a != angle, a))
    paragraphs: list[tuple[str, tuple[str | None, ...], bool]] = []
    for a in order:
        frame = Frame(a, 10000.0, 10000.0)
        local = groups[a] if a == 0 else [frame.glyph(g) for g in groups[a]]
        local_area = frame.forward(area) if area is not None else None
        reference = (pitches or {}) if a == 0 else {}
        paragraphs.extend(_paragraphs(group_lines(local), local_area, reference))
    text = "\n".join(p[0] for p in paragraphs)
    colours: list[str | None] = []
    for i, (_, cols, _) in enumerate(paragraphs):
        if i:
            colours.append(None)
        colours.extend(cols)
    bullets = tuple(i for i, p in enumerate(paragraphs) if p[2])
    return Content(
        text=text,
        bullets=bullets,
        coloured_runs=coloured_runs(text, colours),
        text_colour=_dominant(text, colours),
        direction=_DIRECTIONS[angle],
        rotation=angle if angle in (90, 270) else 0,
    )


@dataclass
class _Para:
    text: str
    colours: list[str | None]
    item: bool
    last_x1: float


def _paragraphs(
    lines: list[Line], area: BBox | None, reference: dict[float, float]
) -> list[tuple[str, tuple[str | None, ...], bool]]:
    """Lines into paragraphs: (text, per-char colours, is list item). A line continues the
    paragraph above when its first word would not have fitted at the end of the previous line
    (so the writer wrapped it), unless it opens with a capital (or figure) and stands further
    below the line above (same size) than the tightest line pitch of the cell (or of its table,
    ``reference``): paragraph spacing.
    Under a list item, a line continues it only when it is not a new item."""
    if not lines:
        return []
    right = max(line.x1 for line in lines)
    if area is not None:
        pad = max(0.0, min(line.x0 for line in lines) - area.x0)
        right = max(right, area.x1 - pad)
    pitches = [b.top - a.top for a, b in zip(lines, lines[1:], strict=False)]
    # With a single gap there is no line pitch to compare paragraph spacing with.
    pitch = min([p for p in pitches if p > 0] or [0.0]) if len(pitches) > 1 else math.inf
    sizes = {round(line.size, 1) for line in lines}
    pitch = min([pitch] + [reference[k] for k in sizes if k in reference])
    paras: list[_Para] = []
    for k, line in enumerate(lines):
        text, cols, item = _strip_bullet(line)
        prev = paras[-1] if paras else None
        if prev is not None and not item:
            fits = prev.last_x1 + 0.28 * line.size + line.first_word_width() <= right - 0.5
            opens = text[:1].isupper() or text[:1].isdigit()
            # Heights of the lines as drawn: like for like within one cell.
            height = line.bottom - line.top
            same = abs(height - (lines[k - 1].bottom - lines[k - 1].top)) < 0.5
            spaced = pitches[k - 1] > pitch + max(1.0, 0.12 * height) and opens and same
            if not fits and not spaced:
                prev.text += " " + text
                prev.colours.extend([None, *cols])
                prev.last_x1 = line.x1
                continue
        paras.append(_Para(text, list(cols), item, line.x1))
    return [(p.text, tuple(p.colours), p.item) for p in paras]


def _strip_bullet(line: Line) -> tuple[str, tuple[str | None, ...], bool]:
    text, cols = line.text, line.colours
    first = text[:1]
    if first and first in BULLET_GLYPHS:
        rest = text[1:]
        if first in "o■□" and not rest.startswith(" "):
            return text, cols, False
        stripped = rest.lstrip()
        cut = len(text) - len(stripped)
        return stripped, cols[cut:], True
    if first == _DOT and cols[0] is None and len(text) > 2:
        stripped = text[1:].lstrip()
        return stripped, cols[len(text) - len(stripped) :], True
    return text, cols, bool(_NUMBERED.match(text))


def coloured_runs(text: str, colours: Sequence[str | None]) -> tuple[ColouredRun, ...]:
    """Maximal stretches of one non-black colour (spaces inside a run belong to it)."""
    runs: list[ColouredRun] = []
    start: int | None = None
    colour: str | None = None
    for i, (ch, c) in enumerate([*zip(text, colours, strict=False), (" ", None)]):
        if ch.isspace() and c is None and i < len(text):
            continue
        if c != colour or i == len(text):
            if colour is not None and start is not None:
                runs.append(ColouredRun(text=text[start:i].strip(), colour=colour))
            start, colour = (i, c) if c is not None else (None, None)
    return tuple(r for r in runs if r.text)


def _dominant(text: str, colours: Sequence[str | None]) -> str | None:
    counts: Counter[str | None] = Counter(
        c for ch, c in zip(text, colours, strict=False) if not ch.isspace()
    )
    if not counts:
        return None
    colour, _ = max(counts.items(), key=lambda item: (item[1], item[0] is None))
    return colour
