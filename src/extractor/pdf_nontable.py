"""Borderless readings that are not tables: running text, lists and figures.

The borderless finders see a table wherever text lines up, and several things that are not
tables line up too. What makes a table is columns of data read across rows, so a reading is
judged on its grid (never on what a document is expected to hold) and dropped, its text going
back to the page's text blocks, when:

- every column of content is running text (most of its lines as long as a prose line) and its
  first row is no row of headings: two or three columns of body text side by side, each line or
  paragraph a "row";
- it has fewer than two columns of content once columns of lone marks are set aside (bullets,
  or what OCR reads of them: ``•``, ``e``, ``©``): a list, its marks beside its items;
- its first row opens with a figure's caption (``Figure 2.``, ``Chart 3``): a chart, whose
  axis labels, legend and caption line up in rows and columns;
- text covers less than a share of its grid: labels scattered over a drawing (a chart's axes
  and legend), not columns filled row after row;
- most of its text lies in cells spanning several columns: prose cut where its word gaps
  happen to line up on a few lines (justified or monospaced text), which the other lines run
  across. A table's spanning cells are its headers, a small part of its text.

Ruled grids are not judged so: their ruling says they are tables. On a scanned page every piece,
ruled or not, is dropped when OCR's confidence in its words is low (:func:`legible`): lines of a
chart's frame and grid are found as rules like a table's, and its curves, bars and shading read
as strings of letters no reader would call words.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from planingest.extractor.ocr_glyph import confidence
from planingest.extractor.pdf_page import Found, Piece
from planingest.extractor.pdf_text import Glyph
from planingest.extractor.pdf_tuning import NonTableTuning

_MARK = re.compile(r"^(?:[^\w\s]{1,2}|[a-z]|\(cid:\d+\))$")
"""A lone mark: one or two symbols (a bullet, a dash), a single lower-case letter (a footnote
mark, or a bullet OCR read as ``e`` or ``o``), or a glyph with no Unicode (pdfminer's
``(cid:N)``)."""

_CAPTION = re.compile(r"^(?:figure|fig\.|chart|graph)\s*[A-Z]{0,3}\s?\d", re.IGNORECASE)
"""A figure's caption, its number possibly prefixed (``Figure CA2b``)."""


def not_a_table(piece: Piece, tuning: NonTableTuning) -> str | None:
    """Why a borderless piece is not a table (``figure``, ``sparse``, ``spanned``, ``list``,
    ``prose``: see the module docstring), or ``None`` when it reads as one."""
    filled = [c for c in piece.cells if c.text.strip()]
    if any(c.row == 0 and _CAPTION.match(c.text.strip()) for c in filled):
        return "figure"
    covered = sum(c.rowspan * c.colspan for c in filled)
    if covered < tuning.min_cover * piece.n_rows * piece.n_cols:
        return "sparse"
    chars = sum(len(c.text) for c in filled)
    if sum(len(c.text) for c in filled if c.colspan > 1) > tuning.max_spanning * chars:
        return "spanned"
    columns: dict[int, list[str]] = defaultdict(list)
    for cell in filled:
        if cell.colspan == 1:
            columns[cell.col].append(cell.text.strip())
    content = [texts for texts in columns.values() if not all(_MARK.match(t) for t in texts)]
    if len(content) < len(columns) and len(content) < 2:
        return "list"
    if content and all(_prose(texts, tuning) for texts in content) and not _headed(piece, tuning):
        return "prose"
    return None


def _headed(piece: Piece, tuning: NonTableTuning) -> bool:
    """Whether the first row reads as column headings: two or more labels, each shorter than a
    line of running text. Columns of body text open with lines of it; a plan of two columns of
    long wrapped cells ("Action", "Expected outcome") is a table whose cells read like prose."""
    first = [c.text.strip() for c in piece.cells if c.row == 0 and c.text.strip()]
    return len(first) >= 2 and all(len(t) < tuning.prose_line for t in first)


def _prose(texts: list[str], tuning: NonTableTuning) -> bool:
    """Whether most lines of a column's cells are as long as lines of running text."""
    lines = [line for text in texts for line in text.splitlines() if line.strip()]
    long = sum(len(line) >= tuning.prose_line for line in lines)
    return long >= tuning.prose_share * len(lines)


def legible(found: Found, glyphs: Sequence[Glyph], tuning: NonTableTuning) -> bool:
    """Whether OCR read the words a piece takes of a scanned page's ``glyphs`` with at least
    ``min_confidence`` on average (a piece with no OCR words is legible)."""
    read = confidence(glyphs[i] for i in found.taken)
    return read is None or read >= tuning.min_confidence
