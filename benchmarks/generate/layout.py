"""What a generated document shows, independent of the renderer: blocks of headings, paragraphs
and tables. Both renderers (Word and reportlab) draw exactly this, so gold written from the same
composition holds for every renderer.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Run:
    text: str
    colour: str | None = None
    """Hex RGB of the text, None for black."""
    bold: bool = False


Paragraph = list[Run]


def plain(text: str, *, bold: bool = False) -> Paragraph:
    return [Run(text, bold=bold)]


@dataclass
class Cell:
    paragraphs: list[Paragraph]
    span: int = 1
    """Grid columns covered (a band row spans the whole table)."""
    fill: str | None = None
    turned: bool = False
    """Text runs bottom to top (``btLr``)."""
    merge_down: bool = False
    """This cell continues the cell above it (a vertically merged first column)."""


@dataclass
class TableRow:
    cells: list[Cell]
    header: bool = False


@dataclass
class Table:
    widths: list[float]
    """Relative column widths."""
    rows: list[TableRow]
    repeat_header: bool = True
    split_rows: bool = True
    """A row may break across a page (else it moves whole to the next page)."""
    roles: list[str | None] | None = None
    """The field each column holds (each row, when ``transposed``); ``None`` for a label or a
    table that is no plan table. Renderers ignore it; it is gold for the column classifier."""
    transposed: bool = False


@dataclass(frozen=True)
class Heading:
    text: str
    size: float = 12


@dataclass(frozen=True)
class Text:
    runs: Paragraph


@dataclass(frozen=True)
class PageBreak:
    pass


Block = Heading | Text | Table | PageBreak


@dataclass
class Layout:
    title: str
    blocks: list[Block] = field(default_factory=list)
    landscape: bool = True
    page_header: Paragraph | None = None
    page_footer: Paragraph | None = None
