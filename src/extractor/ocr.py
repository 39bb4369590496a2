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
3. the rules are painted out and the fills flattened to paper before Tesseract reads the words,
   which keeps it from reading rules as letters or losing text on a dark cell;
4. each word becomes one glyph in PDF points (top-left origin) with Tesseract's confidence and the
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
    Fill,
    Rgb,
    find_dots,
    find_fills,
    ink_colour,
    is_grey,
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

DOT = "●"


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
    words: list[tuple[str, float, Box, float]]
    """(text, confidence 0–100, box, font size in points)."""
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
    rules = find_rules(ink(grey, dpi), dpi, [f.box for f in fills])
    dots = [] if grey_scan else find_dots(rgb, dpi, fills)
    clean = _cleaned(rgb, grey, rules, fills, dots, dpi)
    words = [w for w in _words(clean, dpi, languages) if not any(_covers(d, w[2]) for d, _ in dots)]
    return _Reading(rgb, words, rules, fills, dots, skew, grey_scan)


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
        clean[b.top : b.bottom, b.x0 : b.x1] = np.where(distance > 70, 0, paper).astype(np.uint8)
    width = max(int(dpi / 50), 2) + 2
    for r in rules:
        start, end, pos = int(r.a), int(r.b), int(round(r.pos))
        ends = ((start, pos), (end, pos)) if r.horizontal else ((pos, start), (pos, end))
        cv2.line(clean, ends[0], ends[1], paper, width)
    for box, _ in dots:
        clean[box.top : box.bottom, box.x0 : box.x1] = paper
    return clean


_LOCK = threading.Lock()


@lru_cache(maxsize=2)
def _engine(languages: str, psm: int = tesserocr.PSM.AUTO) -> Any:
    if DEBIAN_TESSDATA.is_dir():
        return tesserocr.PyTessBaseAPI(path=str(DEBIAN_TESSDATA), lang=languages, psm=psm)
    return tesserocr.PyTessBaseAPI(lang=languages, psm=psm)


def _words(grey: Grey, dpi: float, languages: str) -> list[tuple[str, float, Box, float]]:
    """Tesseract's words: text, confidence, pixel box and font size in points."""
    level = tesserocr.RIL.WORD
    out: list[tuple[str, float, Box, float]] = []
    with _LOCK:
        api = _engine(languages)
        try:
            api.SetVariable("user_defined_dpi", str(round(dpi)))
            api.SetImage(Image.fromarray(grey))
            api.Recognize()
            for word in tesserocr.iterate_level(api.GetIterator(), level):
                try:
                    text = (word.GetUTF8Text(level) or "").strip()
                except RuntimeError:  # tesserocr's "No text returned": a page with no words
                    continue
                conf = float(word.Confidence(level))
                if _stray(text, conf):
                    continue
                x0, top, x1, bottom = word.BoundingBox(level)
                attributes = word.WordFontAttributes() or {}
                size = float(attributes.get("pointsize") or (bottom - top) * 72 / dpi)
                out.append((text, conf, Box(x0, top, x1, bottom), size))
        finally:
            api.Clear()
    return out


def _stray(text: str, conf: float) -> bool:
    """A rule remnant or speck read as a word: bars, or unsure punctuation alone."""
    return not text.strip("|") or (conf < 50 and not any(ch.isalnum() for ch in text))


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
