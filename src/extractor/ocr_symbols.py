"""Dashes and points of the numbers on a page read by OCR, told from the words' own pixels.

Tesseract reads an en dash as ``-`` (``45–54`` as ``45-54``) and, on a blurred scan at 150 dpi,
drops a decimal point that has become a faint speck (``77.1`` as ``771``). Both are plain to see
in the ink of the word, measured against the size of its figures (tabular figures are about
0.7 em high and half an em apart in any face):

- a dash is a run of columns whose only ink is one thin bar halfway up the figures (columns, not
  connected pieces: a blurred dash touches the figure beside it). An en dash is half an em wide,
  a hyphen about a quarter (:data:`EN_DASH`). In a monospaced face a hyphen fills its cell as an
  en dash does, so there a dash is left as read; a face is taken to be monospaced when its points
  and commas stand a whole figure apart from the figures beside them, not half of one
  (:data:`MONOSPACED`), judged over the page;
- a point or comma is a small piece of ink of its own, apart from the figures even where the
  blur is faint, sitting on the baseline (a comma reaching below it) between two figures the text
  runs together.

Only words made of figures and such marks are looked at (:data:`NUMBER`), and only when what is
seen lines up with the text (as many dashes, as many figures): otherwise a word is left as
Tesseract read it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import cv2
import numpy as np
import numpy.typing as npt

from planingest.extractor.ocr_lines import Grey

NUMBER = re.compile(r"^[(\[]?\d[\d.,]*(?:[-–]\d[\d.,]*)*[)\]]?$")
"""A word :func:`read_marks` looks at: figures with points, commas and dashes, maybe bracketed."""

EN_DASH = 0.3
"""Width of a dash against a figure's height plus its width (about 1.15 em) from which it is an
en dash: 0.42 for an en dash drawn, 0.25 for a hyphen; blur widens both (measured on ICDAR 2013
scanned at 150 dpi: hyphens up to 0.297, en dashes from 0.307)."""

MONOSPACED = 1.75
"""Distance between the figures either side of a point or comma, in figure pitches, from which
the face is monospaced: 2 there (the point has a cell of its own), 1.5 in a proportional face."""

FIGURE = "0123456789()[]"
"""What stands as tall as a figure and is one piece of ink."""


@dataclass(frozen=True)
class Piece:
    """A connected piece of ink in a word's crop, in the crop's pixels."""

    x0: int
    top: int
    x1: int
    bottom: int

    @property
    def width(self) -> int:
        return self.x1 - self.x0

    @property
    def centre(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass(frozen=True)
class _Number:
    """A number word's text and its ink: pieces, figures and their height, width and baseline."""

    text: str
    dark: npt.NDArray[np.bool_]
    pieces: list[Piece]
    faint: npt.NDArray[np.bool_]
    """The ink down to a quarter of the way from paper to black."""
    figures: list[Piece]
    """The piece each figure of the text lies in, left to right (``[]`` when they do not line
    up with the text: a piece twice a figure's width is two figures run together)."""
    height: float
    width: float
    baseline: float


def read_marks(words: Sequence[tuple[str, Grey]]) -> list[str]:
    """The texts of a page's ``words`` (each read by OCR from its crop, the grey pixels of its
    box) with dashes' kinds and lost points and commas between figures as the ink shows them."""
    numbers = [_number(text, crop) if NUMBER.match(text) else None for text, crop in words]
    pitches = [r for n in numbers if n for r in _mark_pitches(n)]
    monospaced = bool(pitches) and float(np.median(pitches)) >= MONOSPACED
    return [
        _points(_dashes(n, monospaced), n) if n else text
        for n, (text, _) in zip(numbers, words, strict=True)
    ]


def _number(text: str, crop: Grey) -> _Number | None:
    """The ink of a number word's crop: darker than halfway from the paper to the darkest ink
    (what a blurred stroke's own width is), cut into pieces; ``None`` without figures, or
    without contrast enough to tell ink from paper."""
    if crop.size == 0:
        return None
    paper = float(np.percentile(crop, 90))
    darkest = float(np.percentile(crop, 1))
    if paper - darkest < 40:
        return None
    dark = crop < (paper + darkest) / 2
    n, _, stats, _ = cv2.connectedComponentsWithStats(dark.astype(np.uint8), connectivity=8)
    pieces = [Piece(int(x), int(y), int(x + w), int(y + h)) for x, y, w, h, _ in stats[1:n]]
    if not pieces:
        return None
    tallest = max(p.bottom - p.top for p in pieces)
    tall = sorted((p for p in pieces if p.bottom - p.top >= 0.6 * tallest), key=lambda p: p.x0)
    height = float(np.median([p.bottom - p.top for p in tall]))
    baseline = float(np.median([p.bottom for p in tall]))
    single = [p.width for p in tall if 0.45 * height <= p.width <= height]
    width = float(np.median(single)) if single else 0.65 * height
    figures = [p for p in tall for _ in range(max(1, round(p.width / width)))]
    broken = any(_broken(p, height, baseline) for p in pieces if p not in tall)
    if broken or len(figures) != sum(c in FIGURE for c in text):
        figures = []
    faint = crop < paper - (paper - darkest) / 4
    return _Number(text, dark, pieces, faint, figures, height, width, baseline)


def _broken(p: Piece, height: float, baseline: float) -> bool:
    """Whether a piece shorter than a figure is a part of one the threshold cut off (a thin
    stroke of a serif face gone faint): neither a speck nor a bar halfway up."""
    tall, wide = p.bottom - p.top, p.width
    bar = tall < 0.3 * height and baseline - (p.top + p.bottom) / 2 >= 0.2 * height
    comma = wide <= 0.35 * height and tall <= 0.6 * height and p.bottom >= baseline
    return not comma and (tall > 0.45 * height or (wide > 0.35 * height and not bar))


def _dashes(number: _Number, monospaced: bool) -> str:
    """The text with each dash made what the width of the bar seen there says, when as many
    bars are seen as the text has dashes (and the face is not monospaced)."""
    text = number.text
    widths = _bars(number)
    if monospaced or len(widths) != sum(c in "-–" for c in text):
        return text
    em = number.height + number.width
    kinds = iter("–" if w >= EN_DASH * em else "-" for w in widths)
    return "".join(next(kinds) if c in "-–" else c for c in text)


def _bars(number: _Number) -> list[int]:
    """Widths of the runs of columns whose only ink is one bar thinner than a third of the
    figures' height, 0.2 to 0.75 of it above the baseline, at least a third as wide as they are
    high. A run starting at a stem as tall as the figures is a 4's crossbar reaching past it."""
    h, low = number.height, number.baseline
    widths: list[int] = []
    run, level, stem, after_stem = 0, 0.0, False, False
    for column in number.dark.T:
        ys = np.flatnonzero(column)
        span = int(ys[-1] - ys[0] + 1) if ys.size else 0
        middle = (ys[0] + ys[-1] + 1) / 2 if ys.size else 0.0
        bar = (
            0 < span < 0.3 * h
            and low - 0.75 * h <= middle <= low - 0.2 * h
            and (run == 0 or abs(middle - level) <= 0.1 * h)
        )
        if bar:
            if run == 0:
                level, after_stem = middle, stem
            run += 1
        else:
            if run >= h / 3 and not after_stem:
                widths.append(run)
            run = 0
        stem = span >= 0.7 * h
    return widths


def _points(text: str, number: _Number) -> str:
    """``text`` with a point or comma put between two figures it runs together where the ink
    has one of its own."""
    figures = number.figures
    if not figures:
        return text
    out: list[str] = []
    at = 0  # figures of the text passed
    for c in text:
        if c in FIGURE:
            # After a digit (so ``at`` > 0), unless both lie in one piece of ink run together.
            left, right = figures[at - 1], figures[at]
            if c.isdigit() and out[-1:] and out[-1].isdigit() and left is not right:
                out += _mark(number, left, right)
            at += 1
        out.append(c)
    return "".join(out)


def _mark(number: _Number, left: Piece, right: Piece) -> list[str]:
    """A point or comma lying alone between two figures, on the baseline, if there is one; a
    comma's tail, faint at 150 dpi, reaches below the baseline."""
    h, low = number.height, number.baseline
    specks = [
        p
        for p in number.pieces
        if left.x1 <= p.centre <= right.x0
        and 0.12 * h <= p.width <= 0.35 * h
        and 0.12 * h <= p.bottom - p.top <= 0.45 * h
        and p.top >= low - 0.35 * h
        and p.bottom >= low - 0.1 * h
    ]
    if len(specks) != 1 or not _alone(number, specks[0]):
        return []
    p = specks[0]
    tail = number.faint[int(low + 0.15 * h) : int(low + 0.4 * h) + 1, p.x0 : p.x1]
    return [","] if tail.any() else ["."]


def _alone(number: _Number, speck: Piece) -> bool:
    """Whether no faint ink lies over a speck (past its own blurred edge, up to a third of the
    figures' height): a piece of a figure cut off by the threshold (the tail of a thin 3 or 5)
    has its stroke going up from it; a point is touched at most at its side by a figure."""
    top = max(int(speck.top - number.height / 3), 0)
    return not number.faint[top : max(speck.top - 1, 0), speck.x0 : speck.x1].any()


def _mark_pitches(number: _Number) -> list[float]:
    """How far apart the figures either side of each point or comma of the text stand, in the
    word's figure pitch (the distance between two figures side by side)."""
    figures, text = number.figures, number.text
    if not figures:
        return []
    pairs: list[tuple[Piece, Piece, bool]] = []  # neighbouring digits, with a mark between
    at, marked, before = 0, False, ""
    for c in text:
        if c in FIGURE:
            if before.isdigit() and c.isdigit() and _single_pair(figures, at):
                pairs.append((figures[at - 1], figures[at], marked))
            at, marked, before = at + 1, False, c
        else:
            marked = c in ".,"
    plain = [r.centre - q.centre for q, r, m in pairs if not m]
    if not plain:
        return []
    pitch = float(np.median(plain))
    return [(r.centre - q.centre) / pitch for q, r, m in pairs if m]


def _single_pair(figures: list[Piece], at: int) -> bool:
    """Whether figures ``at - 1`` and ``at`` are pieces of their own, each one figure wide."""
    q, r = figures[at - 1], figures[at]
    return q is not r and figures.count(q) == 1 and figures.count(r) == 1
