"""Borderless tables (placeholder)."""

from __future__ import annotations

from planingest.extractor.pdf_page import PageContent, Piece
from planingest.extractor.pdf_text import Glyph


def stream_pieces(content: PageContent, page: int) -> tuple[list[Piece], list[Glyph]]:
    return [], content.free_glyphs
