"""Ruling lines and skew of a scanned page, from its pixels (OpenCV morphology).

A scanned rule is a run of dark pixels a few pixels thick, broken where the toner was thin, faint
where the copier was light, and interrupted where a dark cell fill meets it. Lines are found on a
locally thresholded image (faint rules are darker than their surroundings even when light), by
opening with a long thin kernel; pieces on one line are joined across short breaks and across any
fill they run along.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
import numpy.typing as npt

Grey = npt.NDArray[np.uint8]
"""A page as one 8-bit channel, 0 black, 255 white."""


@dataclass(frozen=True)
class Rule:
    """A ruling line in pixels: horizontal at y = ``pos`` from x ``a`` to ``b``, or vertical."""

    horizontal: bool
    pos: float
    a: float
    b: float


@dataclass(frozen=True)
class Box:
    """A pixel rectangle (x0, top, x1, bottom), exclusive of x1 and bottom."""

    x0: int
    top: int
    x1: int
    bottom: int


def u8(image: object) -> Grey:
    """An OpenCV result as the 8-bit array it is (OpenCV's stubs leave the type open)."""
    return np.asarray(image, dtype=np.uint8)


def grey_of(rgb: npt.NDArray[np.uint8]) -> Grey:
    return u8(cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY))


CONTRAST = 12
"""Grey levels by which ink is darker than what surrounds it: above grain and JPEG ringing,
below a faint rule's dip after blur."""


def ink(grey: Grey, dpi: float) -> Grey:
    """255 where a pixel is darker than its neighbourhood (text, rules, fill edges), else 0."""
    block = _odd(dpi / 5)
    return u8(
        cv2.adaptiveThreshold(
            grey, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, block, CONTRAST
        )
    )


def find_rules(grey: Grey, dpi: float, fills: list[Box]) -> list[Rule]:
    """Horizontal and vertical rules of the page ``grey``, joined across breaks up to a
    twentieth of an inch and across the ``fills`` they border.

    A rule is at least a quarter inch long (longer than any letter stroke), or at least a twelfth
    when both its ends meet rules of the other direction (the sides of a short header row).
    """
    thick = max(int(dpi / 20), 3)  # rules are thinner than a twentieth of an inch
    dark = _ink_on_fills(grey, ink(grey, dpi), fills, thick, max(int(dpi / 6), 8))
    long, short = max(int(dpi / 4), 10), max(int(dpi / 12), 5)
    meet = max(dpi / 50, 2.0)
    found = {h: _pieces(dark, h, short, thick) for h in (True, False)}
    rules: list[Rule] = []
    for horizontal in (True, False):
        across = [r for r in found[not horizontal] if r.b - r.a >= long]
        kept = [
            r
            for r in found[horizontal]
            if r.b - r.a >= long
            or (_meets(r.a, r.pos, across, meet) and _meets(r.b, r.pos, across, meet))
        ]
        joined = _joined(kept, max(dpi / 20, 3.0), fills, thick)
        rules += [r for r in joined if not _doubled(r, joined, 2 * thick)]
    return rules


def _ink_on_fills(grey: Grey, dark: Grey, fills: list[Box], edge: int, tall: int) -> Grey:
    """``dark`` with the rules drawn across fills.

    Near a fill's edge the neighbourhood threshold sees the fill itself as a band of ink, and that
    band swallows a rule drawn across the fill (the column rules of a shaded header row). So a
    fill's inside, ``edge`` in from its sides, keeps only ink darker than the fill's own grey
    level that crosses all of it, where that is at least ``tall`` (longer than a letter): a rule
    does, the text in a shaded box does not. A strip narrower than ``edge`` between fills and
    lighter than them is a white rule between shaded cells (a darker one is ink already).
    """
    dark = dark.copy()
    shaded = np.zeros_like(dark)
    gap = max(edge // 3, 2)  # grain's holes in a faint rule, narrower than most letter spacing
    for f in fills:
        shaded[f.top : f.bottom, f.x0 : f.x1] = 255
        inside = (slice(f.top + edge, f.bottom - edge), slice(f.x0 + edge, f.x1 - edge))
        region = grey[inside]
        if region.size == 0:
            continue
        ink_here = dark[inside] & u8((region < int(np.median(region)) - CONTRAST) * 255)
        crossing = np.zeros_like(ink_here)
        for axis in (0, 1):
            if region.shape[axis] >= tall:
                crossing |= _crossing(ink_here, axis, gap)
        dark[inside] = crossing
    if not fills:
        return dark
    light = u8((grey > int(np.median(grey[shaded > 0])) + CONTRAST) * 255)
    for across in ((_odd(edge), 1), (1, _odd(edge))):  # odd: centred, closes nothing else
        closed = cv2.morphologyEx(shaded, cv2.MORPH_CLOSE, cv2.getStructuringElement(0, across))
        dark |= u8(cv2.subtract(closed, shaded)) & light
    return dark


def _crossing(mask: Grey, axis: int, gap: int) -> Grey:
    """The lines of ``mask`` that are ink from end to end along ``axis`` (0: columns, 1: rows),
    bridged across breaks up to ``gap`` (grain in a faint rule)."""
    bridge = (1, gap) if axis == 0 else (gap, 1)
    closed = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, cv2.getStructuringElement(0, bridge))
    whole = np.expand_dims(closed.all(axis=axis), axis)
    return u8(np.where(whole, closed, 0))


def _doubled(rule: Rule, rules: list[Rule], tol: float) -> bool:
    """Whether a longer rule runs beside ``rule`` over its whole length (a fill's edge seen
    twice, a double rule): one line."""
    return any(
        o is not rule
        and 0 < abs(o.pos - rule.pos) <= tol
        and o.b - o.a > rule.b - rule.a
        and o.a <= rule.a + tol
        and rule.b <= o.b + tol
        for o in rules
    )


def _pieces(dark: Grey, horizontal: bool, length: int, thick: int) -> list[Rule]:
    """Runs of ink at least ``length`` long and thinner than ``thick`` in one direction."""
    along = (length, 1) if horizontal else (1, length)
    across = (1, thick) if horizontal else (thick, 1)
    lines = cv2.morphologyEx(dark, cv2.MORPH_OPEN, cv2.getStructuringElement(0, along))
    solid = cv2.morphologyEx(lines, cv2.MORPH_OPEN, cv2.getStructuringElement(0, across))
    lines = cv2.subtract(lines, solid)
    n, _, stats, _ = cv2.connectedComponentsWithStats(lines, connectivity=8)
    out: list[Rule] = []
    for x, y, w, h, _area in stats[1:n]:
        if horizontal and w >= length:
            out.append(Rule(True, y + (h - 1) / 2, float(x), float(x + w)))
        elif not horizontal and h >= length:
            out.append(Rule(False, x + (w - 1) / 2, float(y), float(y + h)))
    return out


def _meets(end: float, pos: float, others: list[Rule], tol: float) -> bool:
    """Whether the point at ``end`` along a rule at ``pos`` lies on one of ``others``."""
    return any(abs(o.pos - end) <= tol and o.a - tol <= pos <= o.b + tol for o in others)


def _joined(rules: list[Rule], gap: float, fills: list[Box], thick: int) -> list[Rule]:
    """Pieces of one line (positions within ``thick``) joined where the break is short or runs
    along the edge of a fill."""
    out: list[Rule] = []
    rules = sorted(rules, key=lambda r: r.pos)
    clusters: list[list[Rule]] = []
    for r in rules:
        if clusters and r.pos - clusters[-1][-1].pos <= thick:
            clusters[-1].append(r)
        else:
            clusters.append([r])
    for cluster in clusters:
        pos = sum(r.pos * (r.b - r.a) for r in cluster) / sum(r.b - r.a for r in cluster)
        pieces = sorted(cluster, key=lambda r: r.a)
        a, b = pieces[0].a, pieces[0].b
        for r in pieces[1:]:
            if r.a - b <= gap or _along_fill(cluster[0].horizontal, pos, b, r.a, fills, thick):
                b = max(b, r.b)
            else:
                out.append(Rule(cluster[0].horizontal, pos, a, b))
                a, b = r.a, r.b
        out.append(Rule(cluster[0].horizontal, pos, a, b))
    return out


def _along_fill(
    horizontal: bool, pos: float, a: float, b: float, fills: list[Box], thick: int
) -> bool:
    """Whether the break from ``a`` to ``b`` on a line at ``pos`` is covered by fills whose
    edge runs along the line (a dark fill swallows the rule drawn on its edge)."""
    covered = a
    spans = []
    for f in fills:
        near, lo, hi = (
            ((f.top, f.bottom), f.x0, f.x1) if horizontal else ((f.x0, f.x1), f.top, f.bottom)
        )
        if any(abs(edge - pos) <= 2 * thick for edge in near):
            spans.append((lo, hi))
    for lo, hi in sorted(spans):
        if lo > covered + thick:
            break
        covered = max(covered, hi)
    return covered >= b - thick


def skew_angle(grey: Grey, limit: float = 3.0) -> float:
    """The page's skew in degrees (positive: turned clockwise), within ±``limit``.

    Text lines and rules are horizontal on a straight page, so the row profile of the ink is
    sharpest there: the angle whose rotation maximises the squared differences between
    neighbouring row sums, searched at 0.1° and refined to 0.02°, on a copy about 1000 pixels
    wide.
    """
    scale = min(1.0, 1000 / max(grey.shape))
    small = cv2.resize(grey, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    _, dark = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    h, w = dark.shape
    centre = (w / 2, h / 2)

    def sharpness(angle: float) -> float:
        turn = cv2.getRotationMatrix2D(centre, -angle, 1.0)
        rows = cv2.warpAffine(dark, turn, (w, h), flags=cv2.INTER_NEAREST).sum(axis=1)
        return float(np.square(np.diff(rows.astype(np.float64))).sum())

    best = max(np.arange(-limit, limit + 0.001, 0.1), key=sharpness)
    best = max(np.arange(best - 0.1, best + 0.101, 0.02), key=sharpness)
    return -round(float(best), 2)


def straighten(image: npt.NDArray[np.uint8], angle: float) -> npt.NDArray[np.uint8]:
    """``image`` turned back by a skew of ``angle`` degrees, same size, white coming in."""
    if not angle:
        return image
    h, w = image.shape[:2]
    turn = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)  # OpenCV: positive turns back
    white = (255, 255, 255) if image.ndim == 3 else 255
    return u8(
        cv2.warpAffine(
            image,
            turn,
            (w, h),
            flags=cv2.INTER_CUBIC,
            borderMode=cv2.BORDER_CONSTANT,
            borderValue=white,
        )
    )


def _odd(value: float) -> int:
    n = max(int(value), 3)
    return n if n % 2 else n + 1
