"""camelot's ``network`` parser on a scanned page, fed the page's OCR words.

A scan has no text layer for camelot to read, so its unruled tables would go to our stream
reader alone. Instead the page's upright OCR words are laid out as the pdfminer objects camelot
reads from a text layer (characters in an :class:`LTPage`, analysed with camelot's own
parameters) and its parser runs on them as on a digital page (:func:`pdf_network.layout_tables`):
the tables go to ``content.camelot`` and the chooser (:mod:`pdf_choose`) judges them against the
stream reader's the same way. Each word is split into characters of equal width across its box:
camelot joins characters into text lines across gaps measured in character widths, so a word
left whole (one wide "character") would be joined to words a column gutter away.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from playa.miner import LTChar, LTPage

from planingest.extractor.pdf_network import CAMELOT_LAYOUT, layout_tables
from planingest.extractor.pdf_page import PageContent
from planingest.extractor.pdf_text import Glyph

BEARING = 0.1
"""Space (ems) a typeset character leaves between its ink and its neighbour's, added to each end
of an OCR word's ink box: camelot splits text lines at gaps wider than a character, and the gap
between two words' ink is wider than their typeset gap by two such bearings."""


def with_network(content: PageContent, words: Sequence[Glyph]) -> PageContent:
    """A scanned page with camelot's ``network`` tables found among all its OCR ``words``
    (as on a digital page, camelot reads the whole page: a table over a ruled one found before
    is dropped by :func:`pdf_network.network_found`), when it is upright and has free words."""
    if content.angle != 0 or not content.free_glyphs:
        return content
    layout = scan_layout(words, content.width, content.height, content.number)
    layout.analyze(CAMELOT_LAYOUT)
    return replace(content, camelot=tuple(layout_tables(layout, content.number)))


def scan_layout(glyphs: Iterable[Glyph], width: float, height: float, number: int) -> LTPage:
    """A page ``width`` × ``height`` points holding the upright ``glyphs`` (OCR words, top-left
    origin) as pdfminer's characters (bottom-left origin), not yet analysed."""
    page = LTPage(number, (0, 0, width, height))
    for glyph in glyphs:
        text = glyph.text.strip()
        if glyph.angle != 0 or not text:
            continue
        x0 = glyph.x0 - BEARING * glyph.size
        step = (glyph.x1 - glyph.x0 + 2 * BEARING * glyph.size) / len(text)
        mid = height - glyph.cy
        y0, y1 = mid - glyph.size / 2, mid + glyph.size / 2
        for i, letter in enumerate(text):
            page.add(_char(letter, x0 + i * step, y0, step, y1, glyph.size))
    return page


def _char(text: str, x0: float, y0: float, width: float, y1: float, size: float) -> LTChar:
    """One character as pdfminer gives it for an upright glyph of an unnamed font."""
    char = LTChar()  # the glyph-less form PLAYA keeps for unpickling: its fields are ours to set
    char.set_bbox((x0, y0, x0 + width, y1))
    char._text = text
    char.fontname = "OCR"
    char.size = size
    char.adv = width
    char.upright = True
    char.matrix = (1.0, 0.0, 0.0, 1.0, x0, y0)
    return char
