"""A page's glyphs, ruling and images in one pass over pdfminer's layout.

pdfplumber's ``page.chars`` turns every layout object into a dict of all its attributes, each
resolved recursively: on a page of text that is a quarter of the time spent reading it. Glyphs
are most of a page's objects and we need a few of their attributes, so they are read straight
off pdfminer's ``LTChar`` (in pdfplumber's coordinates: top-left origin, MediaBox offsets
applied); the few lines and rectangles still go through pdfplumber, so the ruling is described
exactly as ``page.lines`` and ``page.rects`` would describe it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from pdfminer.layout import LTChar, LTContainer, LTImage, LTLine, LTRect

from planingest.extractor.pdf_colour import glyph_colour
from planingest.extractor.pdf_layout import bounded_layout
from planingest.extractor.pdf_text import UNMAPPED_GLYPHS, Glyph, glyph_angle
from planingest.extractor.pdf_tuning import PageLimits


@dataclass
class PageObjects:
    """What :func:`page_objects` found."""

    glyphs: list[Glyph] = field(default_factory=list)
    lines: list[dict[str, Any]] = field(default_factory=list)
    rects: list[dict[str, Any]] = field(default_factory=list)
    has_images: bool = False


def page_objects(page: Any, limits: PageLimits) -> PageObjects:
    """Glyphs (fake-bold duplicates, the same glyph drawn again at the same place, dropped),
    pdfplumber's line and rect dicts, and whether the page holds images. The page is read
    under ``limits`` (:func:`pdf_layout.bounded_layout`)."""
    found = PageObjects()
    mb_x0, mb_top = float(page.mediabox[0]), float(page.mediabox[1])
    height = float(page.height)
    seen: set[tuple[str, int, int]] = set()

    def walk(objects: Iterable[Any]) -> None:
        for obj in objects:
            if isinstance(obj, LTChar):
                glyph = _glyph(obj, mb_x0, height + mb_top)
                if glyph is None:
                    continue
                key = (glyph.text, round(glyph.x0), round(glyph.top))
                if glyph.text.isspace() or key not in seen:
                    seen.add(key)
                    found.glyphs.append(glyph)
            elif isinstance(obj, LTContainer):
                walk(obj)
            elif isinstance(obj, LTLine):
                found.lines.append(page.process_object(obj))
            elif isinstance(obj, LTRect):
                found.rects.append(page.process_object(obj))
            elif isinstance(obj, LTImage):
                found.has_images = True

    walk(bounded_layout(page, limits))
    return found


def _glyph(obj: LTChar, dx: float, flip: float) -> Glyph | None:
    text = obj.get_text()
    if not text:
        return None
    font = obj.fontname.lower() if isinstance(obj.fontname, str) else ""
    colour = obj.graphicstate.ncolor
    angle = glyph_angle(obj.matrix)
    # pdfminer's size is the glyph's height on the page: for a glyph turned by 90° (a table laid
    # on its side) that is its advance width, 2 points for an "i", 7 for an "M" in one 8-point
    # font. Its width on the page is its real height, the font size.
    turned = angle in (90, 270) and obj.x1 > obj.x0
    size = float(obj.x1 - obj.x0) if turned else float(obj.size)
    return Glyph(
        text=UNMAPPED_GLYPHS.get(text, text),
        x0=obj.x0 + dx,
        top=flip - obj.y1,
        x1=obj.x1 + dx,
        bottom=flip - obj.y0,
        size=size or 1.0,
        angle=angle,
        colour=glyph_colour(colour if isinstance(colour, tuple) else (colour,)),
        bold="bold" in font or "black" in font,
    )
