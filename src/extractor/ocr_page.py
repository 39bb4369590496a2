"""Which PDF pages are read by OCR, and reading one into the page content the finders take.

A page is a scan when it holds an image and no text; or an image covering much of it and a text
layer that does not read as words (a scanner's own OCR gone wrong, fonts without a character
map); or a full-page image with a few words over it (a page number stamped on a scan). Such a
page is rendered (pypdfium2, :data:`ocr.OCR_DPI`), read by :func:`ocr.read_scan` and becomes a
:class:`PageContent` like any other: the finders, stitching and the normaliser run unchanged. A
text layer that reads as words (OCRmyPDF's, a copier's) is used as it is: no page is read twice.

Pages are read one at a time and each image dropped before the next is rendered, so a long scan
needs the memory of one page. The OCR engine is loaded only when a page needs it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from planingest.extractor.pdf_objects import PageObjects
from planingest.extractor.pdf_page import PageContent, page_content
from planingest.extractor.pdf_text import Frame, Glyph, dominant_angle, group_lines
from planingest.extractor.pdf_tuning import GridTuning

if TYPE_CHECKING:
    from PIL import Image

SCAN_COVER = 0.25
"""Share of a page that images must cover for its text layer to be doubted: text beside a logo
or a photo is the page's own, whatever it reads like."""

SOUND_SHARE = 0.6
"""Share of a text layer's tokens that must look like words or numbers for it to be used."""

MIN_TOKENS = 5
"""A layer with fewer tokens over a full-page image (a page number stamped on a scan) is not the
page's text; over a smaller picture (a map with its title) it is."""

FULL_PAGE = 0.9
"""Share of the page an image covers when it is the whole page, as a scan is."""

_WORD = re.compile(r"^(?:[A-Z]?[a-z]+|[A-Z]+)(?:['’-](?:[A-Z]?[a-z]+|[A-Z]+))*$")
"""A word of plausible shape: lower case, capitalised or all capitals, maybe hyphenated."""
_NUMBER = re.compile(r"^[£$€#]?\d[\d,./:%-]*[a-z]{0,2}$")
"""A number, date, money or percentage, maybe with a suffix (1st, 20th)."""
_VOWEL = re.compile(r"[aeiouyAEIOUY]")
_PUNCT = "\"'“”‘’()[]{}<>.,;:!?*•·–—-/"


def plausible(token: str) -> bool:
    """Whether a token of a text layer reads as a word or a number."""
    token = token.strip(_PUNCT)
    if not token:
        return True  # punctuation alone: neither for nor against
    if _NUMBER.match(token):
        return True
    return bool(_WORD.match(token)) and (len(token) < 3 or bool(_VOWEL.search(token)))


def layer_tokens(glyphs: Sequence[Glyph]) -> list[str]:
    """The words of a text layer, read in the frame of its dominant text."""
    angle = dominant_angle(glyphs)
    frame = Frame(angle, 10000.0, 10000.0)
    lines = group_lines(frame.glyph(g) for g in glyphs if g.angle == angle)
    return [t for line in lines for t in line.text.split() if t.strip(_PUNCT)]


def reads_as_words(tokens: Sequence[str]) -> bool:
    """Whether most tokens of a text layer are words or numbers."""
    return sum(plausible(t) for t in tokens) >= SOUND_SHARE * len(tokens)


def image_cover(
    images: Sequence[tuple[float, float, float, float]], width: float, height: float
) -> float:
    """Share of a page's area its images cover (summed, at most 1); each image is (x0, y0, x1,
    y1) from the page's bottom-left corner."""
    area = 0.0
    for x0, y0, x1, y1 in images:
        w = min(x1, width) - max(x0, 0.0)
        h = min(y1, height) - max(y0, 0.0)
        area += max(w, 0.0) * max(h, 0.0)
    return min(area / (width * height), 1.0) if width and height else 0.0


def scan_reason(objects: PageObjects, width: float, height: float) -> str | None:
    """Why a page must be read by OCR (``None``: its text layer serves)."""
    glyphs = objects.glyphs
    if not objects.has_images:
        return None
    ink = [g for g in glyphs if not g.text.isspace()]
    if not ink:
        return "an image with no text layer"
    tokens = layer_tokens(ink)
    if len(tokens) < MIN_TOKENS:
        full = image_cover(objects.images, width, height) >= FULL_PAGE
        return "only a few words of text over a full-page image" if full else None
    if reads_as_words(tokens) or image_cover(objects.images, width, height) < SCAN_COVER:
        return None
    return "its text layer does not read as words"


@dataclass
class Scanner:
    """Reads the scanned pages of one PDF, one at a time, keeping what the document needs:
    each scan's warnings and its OCR words (for the confidence of the cells over them)."""

    data: bytes
    languages: str = "eng"
    warnings: dict[str, list[int]] = field(default_factory=dict)
    """Each warning with the pages it applies to (a grey scan is said once, not per page)."""
    glyphs: dict[int, tuple[Glyph, ...]] = field(default_factory=dict)
    """The OCR words of each scanned page, by page number."""
    _document: Any = None

    def read(self, number: int, reason: str, tuning: GridTuning) -> PageContent:
        """Page ``number`` (from 1) rendered and read by OCR into the content finders take."""
        from planingest.extractor.ocr import OCR_DPI, render_page

        if self._document is None:
            import pypdfium2 as pdfium

            self._document = pdfium.PdfDocument(self.data)
        image = render_page(self._document, number - 1, OCR_DPI)
        return self.read_image(image, number, reason, tuning, OCR_DPI)

    def read_image(
        self, image: Image.Image, number: int, reason: str, tuning: GridTuning, dpi: float
    ) -> PageContent:
        """A page image at ``dpi`` (a rendered PDF page, a frame of an image file) read by OCR
        as page ``number``."""
        from planingest.extractor.ocr import read_scan

        width, height = (v * 72 / dpi for v in image.size)
        scanned = read_scan(image, width, height, languages=self.languages)
        del image  # one page image in memory at a time
        for warning in [f"read by OCR ({reason})", *scanned.warnings]:
            self.warnings.setdefault(warning, []).append(number)
        self.glyphs[number] = tuple(scanned.objects.glyphs)
        content = page_content(scanned.objects, number, scanned.width, scanned.height, 0, tuning)
        return replace(content, scanned=True)

    def close(self) -> None:
        if self._document is not None:
            self._document.close()
            self._document = None
