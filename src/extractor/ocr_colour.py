"""Colour on a scanned page, sampled from its pixels: cell fills, word colours, coloured dots.

Colours come out as ``"#rrggbb"`` like the text layer's, or ``None`` where the text layer would
say "automatic" (black ink). A grey scan has no colour to sample: :func:`is_grey` tells the caller
so that it warns rather than reading statuses from grey levels.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
import numpy.typing as npt

from planingest.extractor.ocr_lines import Box, Grey

Rgb = npt.NDArray[np.uint8]
"""A page as height × width × 3 bytes."""

CHROMA = 60
"""Spread between a pixel's strongest and weakest channel above which it has a colour: JPEG
noise and grain stay well below, the palest traffic-light amber is far above."""


FILL_TOLERANCE = 40
"""Largest channel difference from a fill's colour of a pixel still of that fill (grain, JPEG
ringing); the split between two fills of different colours uses the same step."""


@dataclass(frozen=True)
class Fill:
    box: Box
    colour: str


def is_grey(rgb: Rgb) -> bool:
    """Whether the scan holds no colour: fewer than one pixel in a thousand is coloured."""
    small = rgb[::4, ::4].astype(np.int16)
    chroma = small.max(axis=2) - small.min(axis=2)
    return float((chroma > CHROMA).mean()) < 0.001


def paper_level(grey: Grey) -> int:
    """The paper's grey level (a scan's white is seldom 255)."""
    return int(np.percentile(grey[::4, ::4], 90))


def find_fills(rgb: Rgb, grey: Grey, dpi: float) -> list[Fill]:
    """Solid rectangles that differ from the paper: cell shading, traffic-light cells, bars.

    Text and rules are thinner than a twelfth of an inch, so opening the not-paper mask with a
    square that size leaves only the fills; a fill is kept when it is at least one and a half such
    squares each way, covers most of its bounding box and is not the page itself.
    """
    chroma = rgb.max(axis=2).astype(np.int16) - rgb.min(axis=2)
    # Black rules between two fills would join them into one: dark grey pixels are ink.
    background = ((grey < paper_level(grey) - 25) & (grey > 100)) | (chroma > CHROMA)
    mask = background.astype(np.uint8) * 255
    side = max(int(dpi / 12), 5)
    solid = cv2.morphologyEx(mask, cv2.MORPH_OPEN, cv2.getStructuringElement(0, (side, side)))
    n, labels, stats, _ = cv2.connectedComponentsWithStats(solid, connectivity=4)
    page = grey.shape[0] * grey.shape[1]
    fills: list[Fill] = []
    for k in range(1, n):
        x, y, w, h, area = (int(v) for v in stats[k])
        if w < 1.5 * side or h < 1.5 * side or area < 0.85 * w * h or w * h > 0.5 * page:
            continue
        inner = labels[y : y + h, x : x + w] == k
        fills += _split(rgb, inner, Box(x, y, x + w, y + h), side)
    paper = paper_level(grey)
    return _distinct([_grown(rgb, paper, f) for f in fills])


def _grown(rgb: Rgb, paper: int, fill: Fill) -> Fill:
    """``fill`` grown out to the edges of its cell.

    The opening that finds fills cannot reach into a line of text or the strip between text
    and a rule narrower than its square, so a shaded cell is found in pieces beside its words.
    Each side moves out while the next row or column of pixels shows some of the fill's colour
    (a line through bold letters still does) and next to no paper: a rule, the paper or a fill
    of another colour stops it. Twice round, since a side first held short by a line of text
    lets another side past it.
    """
    colour = np.array([int(fill.colour[i : i + 2], 16) for i in (1, 3, 5)], dtype=np.int16)
    height, width = rgb.shape[:2]
    x0, top, x1, bottom = fill.box.x0, fill.box.top, fill.box.x1, fill.box.bottom

    def like(region: Rgb) -> bool:
        pixels = region.astype(np.int16)
        to_fill = np.abs(pixels - colour).max(axis=-1)
        to_paper = np.abs(pixels - paper).max(axis=-1)
        filled = (to_fill <= FILL_TOLERANCE) & (to_fill <= to_paper)
        bare = (to_paper <= FILL_TOLERANCE) & (to_paper < to_fill)
        return bool(filled.mean() >= 0.15 and bare.mean() <= 0.1)

    for _ in range(2):
        while top > 0 and like(rgb[top - 1, x0:x1]):
            top -= 1
        while bottom < height and like(rgb[bottom, x0:x1]):
            bottom += 1
        while x0 > 0 and like(rgb[top:bottom, x0 - 1]):
            x0 -= 1
        while x1 < width and like(rgb[top:bottom, x1]):
            x1 += 1
    return Fill(Box(x0, top, x1, bottom), fill.colour)


def _distinct(fills: list[Fill]) -> list[Fill]:
    """The fills without the pieces of one cell grown into the same box: the largest of any
    that mostly overlap is kept."""
    out: list[Fill] = []
    for f in sorted(fills, key=lambda f: -_area(f.box)):
        if not any(overlap(f.box, o.box) >= 0.8 * _area(f.box) for o in out):
            out.append(f)
    return out


def _area(box: Box) -> int:
    return (box.x1 - box.x0) * (box.bottom - box.top)


def overlap(a: Box, b: Box) -> int:
    """The area two pixel boxes share."""
    w = min(a.x1, b.x1) - max(a.x0, b.x0)
    h = min(a.bottom, b.bottom) - max(a.top, b.top)
    return max(w, 0) * max(h, 0)


def _split(rgb: Rgb, inner: npt.NDArray[np.bool_], box: Box, side: int) -> list[Fill]:
    """One solid region as fills of one colour each: cells of different colours that touch
    (a traffic-light column) are cut where the colour changes, row-wise, then column-wise."""
    region = rgb[box.top : box.bottom, box.x0 : box.x1].astype(np.float32)
    for axis in (0, 1):
        lines = [
            (region[i][inner[i]] if axis == 0 else region[:, i][inner[:, i]])
            for i in range(inner.shape[axis])
        ]
        # Medians, not means: a line through the fill's text is still the fill's colour.
        medians = [np.median(p, axis=0) if len(p) else None for p in lines]
        cuts = [0]
        for i in range(1, len(medians)):
            run = [m for m in medians[cuts[-1] : i] if m is not None]
            here = medians[i]
            if (
                here is not None
                and run
                and np.abs(here - np.median(run, axis=0)).max() > FILL_TOLERANCE
            ):
                cuts.append(i)
        if len(cuts) > 1:
            cuts.append(len(medians))
            parts: list[Fill] = []
            for lo, hi in zip(cuts, cuts[1:], strict=False):
                if hi - lo < side:
                    continue
                sub = (
                    Box(box.x0, box.top + lo, box.x1, box.top + hi)
                    if axis == 0
                    else Box(box.x0 + lo, box.top, box.x0 + hi, box.bottom)
                )
                mask = inner[lo:hi] if axis == 0 else inner[:, lo:hi]
                parts += _split(rgb, mask, sub, side)
            return parts
    pixels = rgb[box.top : box.bottom, box.x0 : box.x1][inner]
    return [Fill(box, _median_colour(pixels))]


def ink_colour(rgb: Rgb, grey: Grey, box: Box) -> str | None:
    """The colour of the ink inside ``box`` (a word, a dot): the median of its darkest third
    of pixels; ``None`` when that is black or grey."""
    region = grey[box.top : box.bottom, box.x0 : box.x1]
    if region.size == 0:
        return None
    dark = region <= np.percentile(region, 33)
    colour = rgb[box.top : box.bottom, box.x0 : box.x1][dark]
    median = np.median(colour, axis=0)
    if float(median.max() - median.min()) < CHROMA:
        return None
    return _hex(median)


def find_dots(rgb: Rgb, dpi: float, fills: list[Fill]) -> list[tuple[Box, str]]:
    """Coloured round marks the size of a letter or two (traffic-light dots, "●" runs) outside
    the fills, with their colours. OCR reads them as stray letters or not at all."""
    chroma = rgb.max(axis=2).astype(np.int16) - rgb.min(axis=2)
    mask = (chroma > 2 * CHROMA).astype(np.uint8) * 255
    for f in fills:
        mask[f.box.top : f.box.bottom, f.box.x0 : f.box.x1] = 0
    n, labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    low, high = dpi / 40, dpi / 4
    dots: list[tuple[Box, str]] = []
    for k in range(1, n):
        x, y, w, h, area = (int(v) for v in stats[k])
        if not (low <= w <= high and low <= h <= high and 0.7 <= w / h <= 1.4):
            continue
        if area < 0.6 * w * h:
            continue
        inner = labels[y : y + h, x : x + w] == k
        dots.append((Box(x, y, x + w, y + h), _median_colour(rgb[y : y + h, x : x + w][inner])))
    return dots


def _median_colour(pixels: npt.NDArray[np.uint8]) -> str:
    return _hex(np.median(pixels.reshape(-1, 3), axis=0))


def _hex(rgb: npt.NDArray[np.floating] | npt.NDArray[np.uint8]) -> str:
    return "#" + "".join(f"{int(round(float(v))):02x}" for v in rgb[:3])
