"""Text outside tables as blocks: titles, headings, legends, captions, list items, paragraphs.

Lines are grouped into a block while they follow each other closely in the same font size and
weight; the kind comes from size and weight relative to the page's body text, a leading bullet,
a "Table 3"/"Figure 2" opening, or several colours of dots (a traffic-light legend).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from planingest.extractor.model import BBox, BlockKind, Provenance, TextBlock
from planingest.extractor.pdf_text import (
    BULLET_GLYPHS,
    Frame,
    Line,
    read_content,
)

_CAPTION = re.compile(r"^(table|figure|fig\.|chart|source:|note:)\s*\S", re.IGNORECASE)
_LEGEND_WORDS = re.compile(r"^(key|legend)\b", re.IGNORECASE)


@dataclass(frozen=True)
class PlacedBlock:
    """A text block with where it sits, for ordering among tables."""

    page: int
    box: BBox
    """Where the block is in display space."""
    block: TextBlock


def page_blocks(
    lines: Sequence[Line],
    page: int,
    width: float,
    height: float,
    rotation: int,
    angle: int,
    body: float,
    first_page: bool,
) -> list[PlacedBlock]:
    """A page's blocks from the lines of its free glyphs in its reading frame (``angle``,
    :attr:`pdf_page.PageContent.reading`)."""
    if not lines:
        return []
    frame = Frame(angle, width, height)
    unrotate = Frame(rotation, width, height)
    blocks: list[PlacedBlock] = []
    title_taken = not first_page
    for group in _group(lines):
        glyph_set = [g for line in group for g in line.glyphs]
        box = BBox(
            min(line.x0 for line in group),
            min(line.top for line in group),
            max(line.x1 for line in group),
            max(line.bottom for line in group),
        )
        content = read_content(glyph_set, box)
        if not content.text:
            continue
        kind = _kind(group, content.text, len(content.coloured_runs), body, title_taken)
        title_taken = title_taken or kind == "title"
        display = frame.back(box)
        blocks.append(
            PlacedBlock(
                page=page,
                box=display,
                block=TextBlock(
                    text=content.text,
                    kind=kind,
                    coloured_runs=content.coloured_runs,
                    provenance=Provenance(page=page, bbox=_rounded(unrotate.forward(display))),
                ),
            )
        )
    return blocks


def _group(lines: Sequence[Line]) -> list[list[Line]]:
    groups: list[list[Line]] = []
    for line in lines:
        if groups:
            prev = groups[-1][-1]
            gap = line.top - prev.bottom
            same_style = abs(line.size - prev.size) <= 1.0 and line.bold == prev.bold
            starts_item = line.text[:1] in BULLET_GLYPHS
            if gap <= 0.6 * max(line.size, prev.size) and same_style and not starts_item:
                groups[-1].append(line)
                continue
        groups.append([line])
    return groups


def _kind(lines: list[Line], text: str, n_runs: int, body: float, title_taken: bool) -> BlockKind:
    size = max(line.size for line in lines)
    colours = {c for line in lines for c in line.colours if c is not None}
    if ("●" in text or "■" in text) and len(colours) >= 2 or _LEGEND_WORDS.match(text):
        return "legend"
    if text[:1] in BULLET_GLYPHS or lines[0].text[:1] in BULLET_GLYPHS:
        return "list_item"
    if _CAPTION.match(text):
        return "caption"
    short = len(text) <= 150
    if short and not title_taken and size >= 1.3 * body:
        return "title"
    if short and (size >= 1.15 * body or all(line.bold for line in lines)):
        return "heading"
    return "paragraph"


def _rounded(box: BBox) -> BBox:
    return BBox(round(box.x0, 2), round(box.top, 2), round(box.x1, 2), round(box.bottom, 2))
