"""A page's glyphs, ruling and images from its one layout (:mod:`pdf_layout`).

Glyphs are most of a page's objects and we need a few of their attributes, so they are read
straight off PLAYA's ``LTChar`` (with pdfminer's box and text, :class:`pdf_layout.PageLayout`)
into our own :class:`Glyph`; lines and
rectangles become the few keys of pdfplumber's ``page.lines`` and ``page.rects`` dicts the grid
reads. Everything is in pdfplumber's coordinates, which the finders were built on: top-left
origin, the MediaBox's left offset added back.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from playa.color import Color
from playa.miner import LTChar, LTContainer, LTCurve, LTImage, LTLine, LTRect
from playa.page import Page
from playa.pdftypes import Matrix, Rect

from planingest.extractor.pdf_colour import glyph_colour
from planingest.extractor.pdf_layout import PageLayout
from planingest.extractor.pdf_text import UNMAPPED_GLYPHS, Glyph, glyph_angle


@dataclass(frozen=True)
class PageGeometry:
    """A page's size as shown (``/Rotate`` applied) and the offsets pdfplumber's coordinates
    carry: the MediaBox's left edge added to x, its bottom edge taken from the top."""

    width: float
    height: float
    rotation: int
    dx: float = 0.0
    dy: float = 0.0

    @classmethod
    def of(cls, page: Page) -> PageGeometry:
        x0, y0, x1, y1 = (float(v) for v in page.mediabox)
        rotation = int(page.rotate) % 360
        if rotation in (90, 270):
            x0, y0, x1, y1 = y0, x0, y1, x1
        return cls(x1 - x0, y1 - y0, rotation, x0, y0)


@dataclass
class PageObjects:
    """What :func:`page_objects` found."""

    glyphs: list[Glyph] = field(default_factory=list)
    lines: list[dict[str, Any]] = field(default_factory=list)
    rects: list[dict[str, Any]] = field(default_factory=list)
    has_images: bool = False
    images: list[tuple[float, float, float, float]] = field(default_factory=list)
    """Where the images are: (x0, y0, x1, y1) from the page's bottom-left corner."""


def page_objects(layout: PageLayout, geometry: PageGeometry) -> PageObjects:
    """Glyphs (fake-bold duplicates, the same glyph drawn again at the same place, dropped),
    line and rect dicts (``x0``, ``top``, ``x1``, ``bottom``, ``stroke``, ``fill``,
    ``non_stroking_color``), and the page's images, in drawing order."""
    found = PageObjects()
    seen: set[tuple[str, int, int]] = set()
    glyphs = _Glyphs(geometry)
    for char, box, text in layout.glyphs:
        glyph = glyphs.glyph(char, box, text)
        key = (glyph.text, round(glyph.x0), round(glyph.top))
        if glyph.text.isspace() or key not in seen:
            seen.add(key)
            found.glyphs.append(glyph)

    def walk(objects: Iterable[Any]) -> None:
        for obj in objects:
            if isinstance(obj, LTContainer):
                walk(obj)
            elif isinstance(obj, LTLine):
                found.lines.append(_ruling(obj, geometry))
            elif isinstance(obj, LTRect):
                found.rects.append(_ruling(obj, geometry))
            elif isinstance(obj, LTImage):
                found.has_images = True
                found.images.append((obj.x0, obj.y0, obj.x1, obj.y1))

    walk(layout.objects)
    return found


def _ruling(obj: LTCurve, geometry: PageGeometry) -> dict[str, Any]:
    # pdfplumber's own arithmetic, to the last bit: the grid snaps on these positions.
    height, dx, dy = geometry.height, geometry.dx, geometry.dy
    return {
        "x0": obj.x0 + dx,
        "top": (height - obj.y1) - dy,
        "x1": obj.x1 + dx,
        "bottom": (height - obj.y0) - dy,
        "stroke": obj.stroke,
        "fill": obj.fill,
        "non_stroking_color": _values(obj.non_stroking_color),
    }


def _values(colour: Color) -> tuple[float, ...] | None:
    """A colour's components; ``None`` for a pattern, which has no one colour."""
    return None if colour.pattern is not None else colour.values


class _Glyphs:
    """Our :class:`Glyph` for each of a page's glyphs, with what a page's glyphs share (a few
    fonts, colours and text directions for thousands of glyphs) worked out once."""

    def __init__(self, geometry: PageGeometry) -> None:
        self.dx, self.flip = geometry.dx, geometry.height - geometry.dy
        self.styles: dict[tuple[float, float, Color, object], tuple[int, str | None, bool]] = {}

    def glyph(self, obj: LTChar, bbox: Rect, text: str) -> Glyph:
        matrix, colour, name = obj.matrix, obj.non_stroking_color, obj.fontname
        key = (matrix[0], matrix[1], colour, name)
        style = self.styles.get(key)
        if style is None:
            style = self.styles[key] = _style(matrix, colour, name)
        angle, ink, bold = style
        # pdfminer's size is the glyph's height on the page: for a glyph turned by 90° (a table
        # laid on its side) that is its advance width, 2 points for an "i", 7 for an "M" in one
        # 8-point font. Its width on the page is its real height, the font size.
        x0, y0, x1, y1 = bbox
        turned = angle in (90, 270) and x1 > x0
        size = float(x1 - x0) if turned else float(y1 - y0)
        return Glyph(  # by position: keywords cost a tenth of the call, 210k times
            UNMAPPED_GLYPHS.get(text, text),
            x0 + self.dx,
            self.flip - y1,
            x1 + self.dx,
            self.flip - y0,
            size or 1.0,
            angle,
            ink,
            bold,
        )


def _style(matrix: Matrix, colour: Color, name: object) -> tuple[int, str | None, bool]:
    """A glyph's turn, colour and weight: what a page's glyphs share by the thousand."""
    font = name.lower() if isinstance(name, str) else ""
    return glyph_angle(matrix[:2]), glyph_colour(_values(colour)), "bold" in font or "black" in font
