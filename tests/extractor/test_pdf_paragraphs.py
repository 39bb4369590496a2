"""Paragraphs of a cell told apart by the leading of its table: a cell whose lines are all one
paragraph each shows no tighter pitch of its own to measure paragraph spacing against, so the
table's wrapped cells give it. Glyphs built here, 8 pt, each character 4.4 pt wide."""

from __future__ import annotations

from planingest.extractor.model import BBox
from planingest.extractor.pdf_text import Glyph, line_pitches, read_content

SIZE, ADVANCE = 8.0, 4.4


def line(text: str, top: float, x: float = 0.0) -> list[Glyph]:
    return [
        Glyph(ch, x + k * ADVANCE, top, x + (k + 1) * ADVANCE, top + SIZE, SIZE, 0, None, False)
        for k, ch in enumerate(text)
    ]


FIRST = "Establish a food waste collection trial with residents"
AREA = BBox(0.0, 0.0, len(FIRST) * ADVANCE + 10.0, 40.0)
"""Too narrow for "Embed" after the first line: only spacing can start its paragraph."""
SPACED = line(FIRST, 0.0) + line("Embed the annual report", 11.8) + line("Install heat pumps", 23.6)
WRAPPED = line("Review the recruitment and", 0.0) + line("selection policy", 9.8)


def test_the_tables_leading_shows_single_line_paragraphs_apart() -> None:
    pitches = line_pitches([SPACED, WRAPPED])
    assert pitches == {8.0: 9.8}
    assert read_content(SPACED, AREA, pitches).text == (
        f"{FIRST}\nEmbed the annual report\nInstall heat pumps"
    )
    # Alone, the cell's pitches are all alike: the full first line swallows the next.
    assert read_content(SPACED, AREA).text == (
        f"{FIRST} Embed the annual report\nInstall heat pumps"
    )


def test_lines_at_the_tables_own_leading_stay_one_paragraph() -> None:
    wide = BBox(0.0, 0.0, 26 * ADVANCE + 4.0, 20.0)
    pitches = line_pitches([SPACED, WRAPPED])
    assert read_content(WRAPPED, wide, pitches).text == (
        "Review the recruitment and selection policy"
    )
