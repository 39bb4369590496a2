"""The extractor contract: what every format reader returns.

An :class:`ExtractedDocument` is the document as a person reads it: its logical tables (a table
continued over several pages is *one* table) and the text around them, in reading order. Nothing
here knows what a plan is; that is the normaliser's job.

Conventions every reader keeps:

* Rows and columns are 0-based positions in the table's grid. A merged cell is one :class:`Cell`
  at its top-left (anchor) position with ``rowspan``/``colspan``; the positions it covers have no
  cell of their own and carry no copy of its text.
* ``text`` is the cell's lines joined with ``"\\n"``: one line per paragraph, manual line break or
  bullet item. Bullet items keep no bullet glyph; they are flagged in ``bullets`` instead, so the
  normaliser can tell a list of activities from wrapped prose.
* Colours are ``"#rrggbb"`` strings, lower case. ``None`` means "not known" (or automatic / black
  for glyphs, no fill for cells), never "white".
* Pages are 1-based. Bounding boxes are in PDF points with the origin at the top-left of the
  (unrotated) page, as pdfplumber reports them. Word has no pages: its page is ``None``.

All classes are frozen dataclasses so a document can cross a process boundary (pickle) and be
turned into JSON with :func:`to_json_dict`; the JSON Schema in ``schemas/`` is generated from them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import TypeAdapter

DocumentFormat = Literal["docx", "pdf", "image"]
"""Formats the extractor reads. A legacy ``.doc`` is converted to ``docx`` first; ``image`` is a
PNG, JPEG or TIFF read as scanned pages."""

TextDirection = Literal["lr-tb", "tb-rl", "bt-lr"]
"""How text runs in a cell: horizontal; rotated 90° clockwise (reads top to bottom); rotated 90°
anticlockwise (reads bottom to top). Readers return the text already in reading order."""

BlockKind = Literal[
    "title", "heading", "paragraph", "list_item", "caption", "legend", "page_header", "page_footer"
]
"""What a text block is. ``page_header``/``page_footer``: Word's running header and footer text,
after the body in reading order (a legend is often printed there)."""


@dataclass(frozen=True)
class BBox:
    """A rectangle in PDF points, origin top-left of the page."""

    x0: float
    top: float
    x1: float
    bottom: float


@dataclass(frozen=True)
class Provenance:
    """Where a piece of content sits in the source file."""

    page: int | None = None
    bbox: BBox | None = None


@dataclass(frozen=True)
class ColouredRun:
    """A stretch of cell text drawn in a colour other than automatic/black.

    Traffic-light plans put their status in the colour of a "●" glyph; keeping the coloured runs
    (not just the cell's dominant colour) lets the normaliser read several dots in one cell.
    """

    text: str
    colour: str


@dataclass(frozen=True)
class Cell:
    """One cell of a table grid (the anchor of a merged region)."""

    row: int
    col: int
    text: str
    rowspan: int = 1
    colspan: int = 1
    direction: TextDirection = "lr-tb"
    rotation: int = 0
    """Degrees the text is turned clockwise from upright: 0, 90 or 270."""
    text_colour: str | None = None
    """The dominant colour of the cell's glyphs, when not automatic/black."""
    fill_colour: str | None = None
    """The cell's background (shading) colour, when it has one."""
    coloured_runs: tuple[ColouredRun, ...] = ()
    bullets: tuple[int, ...] = ()
    """Indices of the lines of ``text`` that are bullet or numbered list items."""
    is_header: bool = False
    """Marked as a header by the document (Word ``w:tblHeader``, a repeated PDF header row)."""
    provenance: Provenance = field(default_factory=Provenance)
    confidence: float | None = None
    """OCR's confidence in the cell's text, 0–1 (the mean over its words, weighted by their
    letters); ``None`` when the text was not read by OCR."""

    @property
    def lines(self) -> list[str]:
        return self.text.split("\n") if self.text else []

    def covers(self, row: int, col: int) -> bool:
        return (
            self.row <= row < self.row + self.rowspan and self.col <= col < self.col + self.colspan
        )


@dataclass(frozen=True)
class NestedIn:
    """Where a nested table sits: the parent table's index and the anchor cell holding it."""

    table: int
    row: int
    col: int


@dataclass(frozen=True)
class Table:
    """One logical table, possibly stitched from pieces on several pages."""

    index: int
    """Position of the table among the document's tables (0-based, reading order)."""
    n_rows: int
    n_cols: int
    cells: tuple[Cell, ...]
    pages: tuple[int, ...] = ()
    order: int = 0
    """Position among all blocks (tables and text) in reading order."""
    engine: str = ""
    """Which reader/strategy produced it, e.g. ``docx``, ``pdf-ruled``, ``pdf-stream``;
    ``pdf-ocr`` for a table on a page read by OCR."""
    nested_in: NestedIn | None = None
    provenance: Provenance = field(default_factory=Provenance)

    @property
    def page(self) -> int | None:
        return self.pages[0] if self.pages else None

    def grid(self) -> list[list[Cell | None]]:
        """The grid with every position pointing at the cell that covers it (None: no cell)."""
        grid: list[list[Cell | None]] = [[None] * self.n_cols for _ in range(self.n_rows)]
        for cell in self.cells:
            for r in range(cell.row, min(cell.row + cell.rowspan, self.n_rows)):
                for c in range(cell.col, min(cell.col + cell.colspan, self.n_cols)):
                    grid[r][c] = cell
        return grid

    def text_rows(self) -> list[list[str]]:
        """Text by position, merged text in the anchor only (covered positions are empty)."""
        rows = [[""] * self.n_cols for _ in range(self.n_rows)]
        for cell in self.cells:
            rows[cell.row][cell.col] = cell.text
        return rows

    def row_cells(self, row: int) -> list[Cell]:
        """The anchor cells that start in ``row``, left to right."""
        return sorted((c for c in self.cells if c.row == row), key=lambda c: c.col)


@dataclass(frozen=True)
class TextBlock:
    """Text outside tables: titles, headings, legends, captions, paragraphs."""

    text: str
    kind: BlockKind = "paragraph"
    order: int = 0
    style: str | None = None
    """The document's own style name (Word), if any."""
    level: int | None = None
    """Heading level, where the document says."""
    coloured_runs: tuple[ColouredRun, ...] = ()
    provenance: Provenance = field(default_factory=Provenance)


@dataclass(frozen=True)
class SourceInfo:
    """The file the document came from; ``sha256`` of its bytes is its content identity."""

    path: str
    sha256: str
    format: DocumentFormat
    size: int
    page_count: int | None = None
    """Pages in a PDF; for Word, the number of sections (Word has no fixed pages)."""


@dataclass(frozen=True)
class ExtractedDocument:
    """Everything a reader found in one document."""

    source: SourceInfo
    tables: tuple[Table, ...] = ()
    texts: tuple[TextBlock, ...] = ()
    warnings: tuple[str, ...] = ()
    """Things the reader noticed and worked around, in words a user understands."""

    def blocks(self) -> Iterator[Table | TextBlock]:
        """Tables and text blocks interleaved in reading order."""
        items: list[Table | TextBlock] = [*self.tables, *self.texts]
        return iter(sorted(items, key=lambda b: b.order))


_ADAPTER: TypeAdapter[ExtractedDocument] = TypeAdapter(ExtractedDocument)


def to_json_dict(document: ExtractedDocument) -> dict[str, Any]:
    """The document as plain JSON-able data (the shape the JSON Schema describes)."""
    return _ADAPTER.dump_python(document, mode="json")  # type: ignore[no-any-return]


def from_json_dict(data: dict[str, Any]) -> ExtractedDocument:
    return _ADAPTER.validate_python(data)


def json_schema() -> dict[str, Any]:
    return _ADAPTER.json_schema()
