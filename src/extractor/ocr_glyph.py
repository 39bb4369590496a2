"""A word read by OCR as a glyph, and the confidence of text made of such glyphs.

Kept apart from :mod:`ocr` (which loads Tesseract and OpenCV) so the PDF reader can weigh a
cell's OCR confidence without loading an OCR engine for a digital file.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from planingest.extractor.pdf_text import Glyph


@dataclass(frozen=True)
class OcrGlyph(Glyph):
    """A word read by OCR, as one glyph: the line and cell readers space words by their gaps."""

    confidence: float = 1.0
    """Tesseract's confidence in the word, 0–1."""


def confidence(glyphs: Iterable[Glyph]) -> float | None:
    """The OCR confidence of some text (a cell's glyphs): the mean over its OCR words, weighted
    by their letters, or ``None`` when none of it was read by OCR."""
    pairs = [(g.confidence, len(g.text)) for g in glyphs if isinstance(g, OcrGlyph)]
    letters = sum(n for _, n in pairs)
    return round(sum(c * n for c, n in pairs) / letters, 3) if letters else None
