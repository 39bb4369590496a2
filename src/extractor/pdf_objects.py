"""A page's glyphs, ruling and images in one pass over pdfminer's layout.

pdfplumber's ``page.chars`` turns every layout object into a dict of all its attributes, each
resolved recursively: on a page of text that is a quarter of the time spent reading it. Glyphs
are most of a page's objects and we need eight of their attributes, so they are read straight
off pdfminer's ``LTChar``; the few lines and rectangles still go through pdfplumber, so the
ruling is described exactly as ``page.lines`` and ``page.rects`` would describe it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from pdfminer.layout import LTChar, LTContainer, LTImage, LTLine, LTRect


@dataclass
class PageObjects:
    """What :func:`page_objects` found, in pdfplumber's coordinates and shapes."""

    chars: list[dict[str, Any]] = field(default_factory=list)
    lines: list[dict[str, Any]] = field(default_factory=list)
    rects: list[dict[str, Any]] = field(default_factory=list)
    has_images: bool = False


def page_objects(page: Any) -> PageObjects:
    """Chars (text, box, size, matrix, fill colour, font), lines, rects and whether the page
    holds images, from one pdfplumber page (top-left origin, MediaBox offsets applied)."""
    found = PageObjects()
    mb_x0, mb_top = float(page.mediabox[0]), float(page.mediabox[1])
    height = float(page.height)

    def walk(objects: Iterable[Any]) -> None:
        for obj in objects:
            if isinstance(obj, LTChar):
                colour = obj.graphicstate.ncolor
                font = obj.fontname
                found.chars.append(
                    {
                        "text": obj.get_text(),
                        "x0": obj.x0 + mb_x0,
                        "x1": obj.x1 + mb_x0,
                        "top": height - obj.y1 + mb_top,
                        "bottom": height - obj.y0 + mb_top,
                        "size": obj.size,
                        "matrix": obj.matrix,
                        "non_stroking_color": colour if isinstance(colour, tuple) else (colour,),
                        "fontname": font.decode("latin-1") if isinstance(font, bytes) else font,
                    }
                )
            elif isinstance(obj, LTContainer):
                walk(obj)
            elif isinstance(obj, LTLine):
                found.lines.append(page.process_object(obj))
            elif isinstance(obj, LTRect):
                found.rects.append(page.process_object(obj))
            elif isinstance(obj, LTImage):
                found.has_images = True

    walk(page.layout)
    return found
