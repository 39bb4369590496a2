"""A scanned page read into the objects a text layer gives: words, ruling, fills and colours.

The PDF reader builds its tables from glyphs with boxes, ruling lines and filled rectangles
(:class:`~planingest.extractor.pdf_objects.PageObjects`). This module makes the same objects from
a page image, so the ruled-grid finder, the borderless readers, stitching and the normaliser run on
a scan unchanged:

1. the page is turned upright (a sheet copied sideways or upside down: Tesseract's OSD, asked
   only when the word boxes stand up or the reading is poor) and straightened (skew from the
   row profile, ±3°);
2. fills and coloured dots are sampled from the pixels (:mod:`ocr_colour`), rules found by
   morphology (:mod:`ocr_lines`);
3. the rules are painted out (giving back the descenders that touched them) and the fills
   flattened to paper before Tesseract reads the words, which keeps it from reading rules as
   letters or losing text on a dark cell;
4. what Tesseract's page layout missed (a lone ``1`` or ``-`` in a cell, a column of them stacked
   into one tall word) or was unsure of is read again piece by piece (:func:`_second_reading`);
5. each word becomes one glyph in PDF points (top-left origin) with Tesseract's confidence and the
   colour of its ink.

Tesseract runs in-process through tesserocr with Debian's language data; one engine per process
and language set is kept, since loading ``eng`` costs about a fifth of a second.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import numpy.typing as npt
import pypdfium2 as pdfium
import tesserocr
from PIL import Image

from planingest.extractor.ocr_colour import (
    FILL_TOLERANCE,
    Fill,
    Rgb,
    find_dots,
    find_fills,
    ink_colour,
    is_grey,
    overlap,
    paper_level,
)
from planingest.extractor.ocr_glyph import OcrGlyph
from planingest.extractor.ocr_lines import (
    Box,
    Grey,
    Rule,
    find_rules,
    grey_of,
    ink,
    skew_angle,
    straighten,
    u8,
)
from planingest.extractor.ocr_symbols import read_marks
from planingest.extractor.pdf_objects import PageObjects
from planingest.extractor.pdf_text import Glyph

DEBIAN_TESSDATA = Path("/usr/share/tesseract-ocr/5/tessdata")
"""Debian's language data (``tesseract-ocr-eng``): tesserocr's wheel brings the engine only.
Where it is not installed, Tesseract looks where its own ``TESSDATA_PREFIX`` says."""

OCR_DPI = 200
"""Resolution a PDF page is rendered at for OCR (see ``benchmarks/scan_engines.py``)."""

READS_WELL = 70.0
"""Mean word confidence (0–100) above which a page whose words lie flat is taken to be upright
without asking OSD (an upside-down page reads below 40)."""

UNSURE = 60.0
"""Confidence (0–100) below which a word of the page's reading is read again alone."""

DASH_CONFIDENCE = 80.0
"""Confidence (0–100) given a dash read by its shape alone (:func:`_dash`)."""

MISSED_CONFIDENCE = 70.0
"""Confidence (0–100) a word read from ink the page layout passed over needs: below it, such
readings are specks, fill edges and rule ends."""

DOT = "●"

Word = tuple[str, float, Box, float]
"""A word read by Tesseract: text, confidence 0–100, pixel box, font size in points."""


@dataclass
class ScannedPage:
    """What one page image holds, in PDF points of the upright, straightened page."""

    objects: PageObjects
    width: float
    height: float
    turn: int = 0
    """Degrees the image was turned anticlockwise to read upright (0, 90, 180, 270)."""
    skew: float = 0.0
    """Degrees the sheet lay turned clockwise on the glass, now straightened."""
    colour: bool = True
    """False for a grey scan: no fill or text colour could be read."""
    warnings: list[str] = field(default_factory=list)


def read_scan(
    image: Image.Image | npt.NDArray[np.uint8],
    width: float,
    height: float,
    *,
    languages: str = "eng",
) -> ScannedPage:
    """Read a page image that shows a page of ``width`` × ``height`` points (as drawn, before
    any turn) into glyphs, ruling and fills."""
    rgb = _as_rgb(image)
    dpi = rgb.shape[1] * 72 / width
    page = _read_upright(rgb, dpi, languages)
    if page.sideways or page.mean_confidence < READS_WELL:
        turn = _orientation(rgb, dpi)
        tries = [turn] if turn else [90, 270] if page.sideways else [180]
        for turn in tries:
            turned = _read_upright(np.ascontiguousarray(np.rot90(rgb, turn // 90)), dpi, languages)
            if turned.rank > page.rank:
                page, turned.turn = turned, turn
    page.words = _marked(_second_reading(page, dpi, languages), page.clean)
    return page.scanned(dpi)


def render_page(document: pdfium.PdfDocument, index: int, dpi: int = OCR_DPI) -> Image.Image:
    """Page ``index`` (0-based) of an open PDF as an RGB image at ``dpi``, as displayed (its
    ``/Rotate`` applied), through pypdfium2."""
    page = document[index]
    try:
        image: Image.Image = page.render(scale=dpi / 72).to_pil()
        return image.convert("RGB")
    finally:
        page.close()


@dataclass
class _Reading:
    """One attempt at a page in one orientation, in pixels."""

    rgb: Rgb
    words: list[Word]
    clean: Grey
    """The page as Tesseract read it (rules, dots and fills painted out)."""
    rules: list[Rule]
    fills: list[Fill]
    dots: list[tuple[Box, str]]
    skew: float
    grey_scan: bool
    turn: int = 0

    @property
    def mean_confidence(self) -> float:
        letters = [(c, len(t)) for t, c, _, _ in self.words if any(ch.isalnum() for ch in t)]
        total = sum(n for _, n in letters)
        return sum(c * n for c, n in letters) / total if total >= 20 else 0.0

    @property
    def rank(self) -> tuple[bool, float]:
        """Better readings first: words lying flat, then confidence."""
        return not self.sideways, self.mean_confidence

    @property
    def sideways(self) -> bool:
        """Whether most words of four letters or more stand taller than wide: Tesseract reads
        lines turned by 90° without saying so, word boxes standing up."""
        long = [b for t, _, b, _ in self.words if len(t) >= 4]
        return sum(b.bottom - b.top > b.x1 - b.x0 for b in long) * 2 > len(long)

    def scanned(self, dpi: float) -> ScannedPage:
        pt = 72 / dpi
        grey = grey_of(self.rgb)
        glyphs: list[Glyph] = [
            OcrGlyph(
                text=text,
                x0=box.x0 * pt,
                top=box.top * pt,
                x1=box.x1 * pt,
                bottom=box.bottom * pt,
                size=size,
                angle=0,
                colour=None if self.grey_scan else ink_colour(self.rgb, grey, box),
                bold=False,
                confidence=round(conf / 100, 3),
            )
            for text, conf, box, size in self.words
        ]
        glyphs += [
            OcrGlyph(
                DOT,
                b.x0 * pt,
                b.top * pt,
                b.x1 * pt,
                b.bottom * pt,
                (b.bottom - b.top) * pt,
                0,
                colour,
                False,
                1.0,
            )
            for b, colour in self.dots
        ]
        lines = [_line_dict(r, pt) for r in self.rules]
        rects = [_rect_dict(f, pt) for f in self.fills]
        height, width = self.rgb.shape[:2]
        warnings = []
        if self.grey_scan:
            warnings.append(
                "a grey scan: no fill or text colour could be read (statuses shown by colour "
                "are not available); fills are given as grey levels"
            )
        if self.turn:
            warnings.append(f"scanned turned; read after turning it {self.turn}° anticlockwise")
        return ScannedPage(
            objects=PageObjects(glyphs=glyphs, lines=lines, rects=rects, has_images=True),
            width=width * pt,
            height=height * pt,
            turn=self.turn,
            skew=self.skew,
            colour=not self.grey_scan,
            warnings=warnings,
        )


def _read_upright(rgb: Rgb, dpi: float, languages: str) -> _Reading:
    grey = grey_of(rgb)
    skew = skew_angle(grey)
    rgb = straighten(rgb, skew)
    grey = grey_of(rgb)
    grey_scan = is_grey(rgb)
    fills = find_fills(rgb, grey, dpi)
    rules = find_rules(grey, dpi, [f.box for f in fills])
    dots = [] if grey_scan else find_dots(rgb, dpi, fills)
    clean = _cleaned(rgb, grey, rules, fills, dots, dpi)
    words = _words(clean, dpi, languages)
    height = _line_height(words, dpi)
    words = [
        _as_dash(w, height)
        for w in words
        if not _stacked(w[2], height) and not any(_covers(d, w[2]) for d, _ in dots)
    ]
    return _Reading(rgb, words, clean, rules, fills, dots, skew, grey_scan)


def _cleaned(
    rgb: Rgb,
    grey: Grey,
    rules: Sequence[Rule],
    fills: Sequence[Fill],
    dots: Sequence[tuple[Box, str]],
    dpi: float,
) -> Grey:
    """The grey page as Tesseract should see it: rules and dots painted out, each fill turned to
    paper with whatever differs from its colour (its text, light or dark) left black."""
    clean = grey.copy()
    paper = paper_level(grey)
    for f in fills:
        b = f.box
        region = rgb[b.top : b.bottom, b.x0 : b.x1].astype(np.int16)
        colour = np.array([int(f.colour[i : i + 2], 16) for i in (1, 3, 5)], dtype=np.int16)
        distance = np.abs(region - colour).max(axis=2)
        clean[b.top : b.bottom, b.x0 : b.x1] = np.where(distance > FILL_TOLERANCE, 0, paper).astype(
            np.uint8
        )
    ruled = clean.copy()
    for r in rules:
        start, end, pos = int(r.a), int(r.b), int(round(r.pos))
        ends = ((start, pos), (end, pos)) if r.horizontal else ((pos, start), (pos, end))
        cv2.line(clean, ends[0], ends[1], paper, _paint_width(dpi))
    for r in rules:
        _mend_strokes(clean, ruled, r, paper, dpi)
    for box, _ in dots:
        clean[box.top : box.bottom, box.x0 : box.x1] = paper
    return clean


def _paint_width(dpi: float) -> int:
    """How thick a brush paints a rule out: a fiftieth of an inch and two pixels, wide enough
    for a thick rule or two found as one."""
    return max(int(dpi / 50), 2) + 2


def _mend_strokes(clean: Grey, ruled: Grey, rule: Rule, paper: int, dpi: float) -> None:
    """Give back the strokes painting a horizontal ``rule`` out cut: where ink meets the
    painted band from one side only (a descender on the rule below, a capital on the rule
    above) the band keeps its pixels from ``ruled``, so the letter keeps its tail (and a foot of
    rule, which reads better than a tail cut off). Runs of such columns longer than a third of
    an inch (a word's descenders, closed across the gaps between them) are another line beside
    the rule and stay painted.
    """
    if not rule.horizontal:
        return
    half = (_paint_width(dpi) + 1) // 2
    pos = int(round(rule.pos))
    lo, hi = pos - half, pos + half + 1
    a, b = max(int(rule.a), 0), min(int(rule.b), clean.shape[1])
    if lo < 1 or hi >= clean.shape[0] or b <= a:
        return
    dark = paper - 100
    above, below = clean[lo - 1, a:b] < dark, clean[hi, a:b] < dark
    bowl = cv2.getStructuringElement(0, (max(int(dpi / 30), 2), 1))  # both sides of a g's tail
    longest = max(int(dpi / 3), 2)
    touch = cv2.morphologyEx((above ^ below).astype(np.uint8)[None, :], cv2.MORPH_CLOSE, bowl)
    n, labels, stats, _ = cv2.connectedComponentsWithStats(touch, connectivity=4)
    keep = np.isin(labels[0], [k for k in range(1, n) if stats[k][2] <= longest])
    columns = np.flatnonzero(keep) + a
    clean[lo:hi, columns] = ruled[lo:hi, columns]


_LOCK = threading.Lock()


@lru_cache(maxsize=2)
def _engine(languages: str, psm: int = tesserocr.PSM.AUTO) -> Any:
    if DEBIAN_TESSDATA.is_dir():
        return tesserocr.PyTessBaseAPI(path=str(DEBIAN_TESSDATA), lang=languages, psm=psm)
    return tesserocr.PyTessBaseAPI(lang=languages, psm=psm)


def _words(grey: Grey, dpi: float, languages: str) -> list[Word]:
    """Tesseract's words on the page, by its own layout analysis."""
    with _LOCK:
        api = _engine(languages)
        try:
            api.SetVariable("user_defined_dpi", str(round(dpi)))
            api.SetImage(Image.fromarray(grey))
            api.Recognize()
            return _recognised(api, dpi)
        finally:
            api.Clear()


def _second_reading(page: _Reading, dpi: float, languages: str) -> list[Word]:
    """The page's words with what the page layout missed or was unsure of read again alone.

    Words below :data:`UNSURE` are left out of the first reading's, so their ink is read again
    as pieces by :func:`_missed`; each keeps its first reading unless a piece over it reads
    with more confidence (a column of figures read at 13% as ``720`` reads ``1.726`` alone).
    """
    sure = [w for w in page.words if w[1] >= UNSURE]
    found = _missed(page.clean, sure, page.rules, dpi, languages)
    for word in (w for w in page.words if w[1] < UNSURE):
        rivals = [m for m in found if overlap(m[2], word[2])]
        if not rivals or max(m[1] for m in rivals) < word[1]:
            found = [m for m in found if m not in rivals] + [word]
    return sure + found


def _missed(
    clean: Grey, words: Sequence[Word], rules: Sequence[Rule], dpi: float, languages: str
) -> list[Word]:
    """Words Tesseract's page layout passed over, read piece by piece.

    Its layout analysis drops a lone ``1`` or ``-`` in a table cell as noise, or stacks a column
    of them into one tall unreadable word (which :func:`_read_upright` drops). With the words
    found painted out, the ink left is grouped into pieces of one text line (closed across
    letter and word gaps, not across lines). A piece that is one short bar is a dash, read by
    its shape (Tesseract reads a dash alone as nothing or as ``=``) unless it lies along a rule:
    a sliver the brush missed. Any other piece is read as a single line at twice the size
    (alone, a small ``1`` reads as ``4`` at scan size). Readings below
    :data:`MISSED_CONFIDENCE` are specks, and a lone letter or mark is the edge of a fill or
    the end of a rule far more often than a word: only a lone digit is kept.
    """
    height = _line_height(words, dpi)
    rest = clean.copy()
    paper = paper_level(clean)
    pad = max(int(dpi / 100), 1)
    for _, _, b, _ in words:
        rest[max(b.top - pad, 0) : b.bottom + pad, max(b.x0 - pad, 0) : b.x1 + pad] = paper
    out: list[Word] = []
    margin = max(int(height / 2), 3)
    with _LOCK:
        api = _engine(languages)
        try:
            api.SetPageSegMode(tesserocr.PSM.SINGLE_LINE)
            api.SetVariable("user_defined_dpi", str(round(2 * dpi)))
            for b in _ink_pieces(rest, dpi, height):
                if _dash(b, height):
                    if not any(_along(b, r, dpi) for r in rules):
                        size = height * 0.7 * 72 / dpi  # a word box is about the body high
                        out.append(("-", DASH_CONFIDENCE, b, size))
                    continue
                x0, top = max(b.x0 - margin, 0), max(b.top - margin, 0)
                crop = rest[top : b.bottom + margin, x0 : b.x1 + margin]
                api.SetImage(Image.fromarray(u8(cv2.resize(crop, None, fx=2, fy=2))))
                api.Recognize()
                out += [
                    (text, conf, _scaled(box, 0.5, x0, top), size)
                    for text, conf, box, size in _recognised(api, 2 * dpi)
                    if conf >= MISSED_CONFIDENCE and (len(text) > 1 or text.isdigit())
                ]
        finally:
            api.SetPageSegMode(tesserocr.PSM.AUTO)
            api.Clear()
    return out


def _dash(box: Box, height: float) -> bool:
    """Whether a piece of ink is a hyphen or an en dash: a bar half as wide again as it is
    thick, no wider than a line is high."""
    wide, thick = box.x1 - box.x0, box.bottom - box.top
    return 2 <= thick <= height / 3 and 1.5 * thick <= wide <= height


def _along(box: Box, rule: Rule, dpi: float) -> bool:
    """Whether ``box`` lies along ``rule``, on it or a twentieth of an inch beside it or past
    an end: a sliver of the rule the brush missed, not a dash."""
    if not rule.horizontal:
        return False
    reach = dpi / 20  # as far as a rule's shadow or a second rule beside it
    middle = (box.top + box.bottom) / 2
    return abs(middle - rule.pos) <= reach and rule.a - reach <= box.x0 and box.x1 <= rule.b + reach


def _as_dash(word: Word, height: float) -> Word:
    """A word of bars and tildes boxed as one thin bar is a dash: Tesseract reads a cell's lone
    dash as ``=``, ``~`` or ``_`` as often as ``-``."""
    text, conf, box, size = word
    if text != "-" and not text.strip("-=~_") and _dash(box, height):
        return "-", conf, box, size
    return word


def _marked(words: list[Word], clean: Grey) -> list[Word]:
    """The words with the dashes and points of numbers read from their pixels
    (:mod:`ocr_symbols`)."""
    crops = [
        clean[max(b.top - 2, 0) : b.bottom + 2, max(b.x0 - 2, 0) : b.x1 + 2] for _, _, b, _ in words
    ]
    texts = read_marks([(w[0], crop) for w, crop in zip(words, crops, strict=True)])
    return [(t, c, b, s) for t, (_, c, b, s) in zip(texts, words, strict=True)]


def _scaled(box: Box, factor: float, dx: int, dy: int) -> Box:
    """A box in a crop scaled by ``1 / factor`` back in the page's pixels."""
    return Box(
        dx + int(box.x0 * factor),
        dy + int(box.top * factor),
        dx + int(round(box.x1 * factor)),
        dy + int(round(box.bottom * factor)),
    )


def _ink_pieces(grey: Grey, dpi: float, height: float) -> list[Box]:
    """Boxes of the ink of ``grey`` grouped into pieces of one text line: specks (smaller than
    a hyphen: grain, the dots of a leader) and marks taller than two lines (pictures, rule ends)
    left out. Each box holds
    its ink only, not the gap the grouping closed around it."""
    dark = ink(grey, dpi)
    n, labels, stats, _ = cv2.connectedComponentsWithStats(dark, connectivity=8)
    speck = max((dpi / 40) ** 2, 4.0)  # a dot of a leader, a full stop alone
    drop = [k for k in range(1, n) if stats[k][4] < speck or stats[k][3] > 2 * height]
    dark[np.isin(labels, drop)] = 0
    joined = cv2.dilate(dark, cv2.getStructuringElement(0, (max(int(dpi / 12), 3), 3)))
    n, labels, _, _ = cv2.connectedComponentsWithStats(joined, connectivity=8)
    ys, xs = np.nonzero(dark)
    owner = np.asarray(labels, dtype=np.intp)[ys, xs]
    x0 = np.full(n, np.iinfo(np.int32).max)
    top = np.full(n, np.iinfo(np.int32).max)
    x1 = np.full(n, -1)
    bottom = np.full(n, -1)
    np.minimum.at(x0, owner, xs)
    np.minimum.at(top, owner, ys)
    np.maximum.at(x1, owner, xs + 1)
    np.maximum.at(bottom, owner, ys + 1)
    return [
        Box(int(x0[k]), int(top[k]), int(x1[k]), int(bottom[k]))
        for k in range(1, n)
        if x1[k] > 0 and bottom[k] - top[k] <= 2 * height
    ]


def _recognised(api: Any, dpi: float) -> list[Word]:
    """The words of the engine's last recognition, specks and rule remnants left out."""
    level = tesserocr.RIL.WORD
    out: list[Word] = []
    for word in tesserocr.iterate_level(api.GetIterator(), level):
        try:
            # A bar at either end is the rule the word touches ("228|").
            text = (word.GetUTF8Text(level) or "").strip().strip("|").strip()
        except RuntimeError:  # tesserocr's "No text returned": a page with no words
            continue
        conf = float(word.Confidence(level))
        if _stray(text, conf):
            continue
        x0, top, x1, bottom = word.BoundingBox(level)
        attributes = word.WordFontAttributes() or {}
        size = float(attributes.get("pointsize") or (bottom - top) * 72 / dpi)
        out.append((text, conf, Box(x0, top, x1, bottom), size))
    return out


def _line_height(words: Sequence[Word], dpi: float) -> float:
    """The median height in pixels of the words holding a letter or digit (a sixth of an inch
    on a page without any)."""
    heights = sorted(b.bottom - b.top for t, _, b, _ in words if any(c.isalnum() for c in t))
    return float(heights[len(heights) // 2]) if heights else dpi / 6


def _stacked(box: Box, height: float) -> bool:
    """Whether a word's box is a column of cells read as one word: taller than two lines and
    taller than wide."""
    tall = box.bottom - box.top
    return tall > 2 * height and tall > box.x1 - box.x0


def _stray(text: str, conf: float) -> bool:
    """A rule remnant or speck read as a word: bars or underscores, or unsure punctuation
    alone."""
    return not text.strip("_") or (conf < 50 and not any(ch.isalnum() for ch in text))


def _orientation(rgb: Rgb, dpi: float) -> int:
    """How far to turn the image anticlockwise to read it upright, by Tesseract's OSD (0 when
    it is unsure)."""
    with _LOCK:
        api = _engine("osd", tesserocr.PSM.OSD_ONLY)
        api.SetVariable("user_defined_dpi", str(round(dpi)))
        api.SetImage(Image.fromarray(grey_of(rgb)))
        found = api.DetectOrientationScript() or {}
        api.Clear()
    if float(found.get("orient_conf", 0.0)) < 2.0:
        return 0
    return int(found.get("orient_deg", 0)) % 360


def _as_rgb(image: Image.Image | npt.NDArray[np.uint8]) -> Rgb:
    if isinstance(image, Image.Image):
        return np.asarray(image.convert("RGB"))
    if image.ndim == 2:
        return u8(cv2.cvtColor(image, cv2.COLOR_GRAY2RGB))
    return image[:, :, :3]


def _covers(outer: Box, inner: Box) -> bool:
    """Whether most of ``inner`` lies inside ``outer``."""
    w = min(outer.x1, inner.x1) - max(outer.x0, inner.x0)
    h = min(outer.bottom, inner.bottom) - max(outer.top, inner.top)
    area = (inner.x1 - inner.x0) * (inner.bottom - inner.top)
    return w > 0 and h > 0 and w * h >= 0.5 * area


def _line_dict(rule: Rule, pt: float) -> dict[str, Any]:
    """A rule as pdfplumber describes a line (what ``page_segments`` reads)."""
    if rule.horizontal:
        return {"x0": rule.a * pt, "x1": rule.b * pt, "top": rule.pos * pt, "bottom": rule.pos * pt}
    return {"x0": rule.pos * pt, "x1": rule.pos * pt, "top": rule.a * pt, "bottom": rule.b * pt}


def _rect_dict(fill: Fill, pt: float) -> dict[str, Any]:
    """A fill as pdfplumber describes a filled, unstroked rectangle."""
    b = fill.box
    rgb = tuple(int(fill.colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return {
        "x0": b.x0 * pt,
        "top": b.top * pt,
        "x1": b.x1 * pt,
        "bottom": b.bottom * pt,
        "fill": True,
        "stroke": False,
        "non_stroking_color": rgb,
    }
