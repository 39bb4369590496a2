"""A small table typesetter on a reportlab canvas, for PDF samples drawn without a word processor.

Plans that were never Word files (or were printed from other tools) reach us as PDFs whose tables
are only lines and strings on a page. This draws them the way such tools do: text wrapped by hand
(``simpleSplit``), a header row repeated at the top of every page, band rows merged across all
columns, rows that break across a page boundary (each cut cell carries its remaining lines to the
next page; finished cells are empty there), with or without ruling lines. ``invariant=1`` keeps
the output byte-stable, so a rebuild gives the same file.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib.colors import Color, HexColor, black
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

REGULAR = "Helvetica"
BOLD = "Helvetica-Bold"
BULLET = "• "
"""A paragraph starting with this is drawn as a bullet with a hanging indent."""
HEADER_FILL = Color(0.85, 0.85, 0.85)
DOT = "●"
"""A line starting with this glyph draws it in the cell's ``dot`` colour, in a font that has it."""
DOT_FONT = "DejaVuSans"
DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
"""Helvetica has no "●"; Word's PDFs embed a font that does, so the dot is a real glyph."""


@dataclass(frozen=True)
class Cell:
    """Paragraphs spanning the grid columns ``first``..``last`` (inclusive)."""

    first: int
    last: int
    paragraphs: Sequence[str]
    bold: bool = False
    dot: str | None = None
    """The "#rrggbb" colour of a leading "●" (a status dot)."""


@dataclass(frozen=True)
class Row:
    cells: Sequence[Cell]


def plain_row(values: Sequence[Sequence[str]], *, bold: bool = False) -> Row:
    """One cell per column, each given as its paragraphs."""
    return Row([Cell(i, i, paras, bold) for i, paras in enumerate(values)])


@dataclass(frozen=True)
class TableStyle:
    size: float
    leading: float
    pad: float = 3.0
    paragraph_gap: float = 2.0
    ruled: bool = True
    header_fill: Color | None = HEADER_FILL
    min_split_lines: int = 2
    """A row is cut at a page end only if at least this many lines of it fit there."""


@dataclass(frozen=True)
class _Line:
    text: str
    dx: float
    top: float  # offset of the line's top below the cell's first line
    bold: bool


@dataclass
class _Laid:
    """A cell's wrapped lines; ``cut`` moves on as slices of the cell are drawn on pages."""

    cell: Cell
    lines: list[_Line]
    cut: int = 0

    def remaining_height(self, leading: float) -> float:
        if self.cut >= len(self.lines):
            return 0.0
        base = self.lines[self.cut].top
        return self.lines[-1].top - base + leading

    def take(self, height: float, leading: float) -> list[_Line]:
        """The next lines that fit in ``height``, re-based to start at offset 0."""
        if self.cut >= len(self.lines):
            return []
        base = self.lines[self.cut].top
        taken = [ln for ln in self.lines[self.cut :] if ln.top - base + leading <= height + 0.01]
        self.cut += len(taken)
        return [_Line(ln.text, ln.dx, ln.top - base, ln.bold) for ln in taken]


@dataclass
class Sheet:
    """A multi-page document with a cursor ``y`` that flows downwards from the top margin."""

    path: Path
    pagesize: tuple[float, float]
    margin: float = 42.5
    title: str = ""
    turned: bool = False
    """Draw each page's content turned 90° on a page of the transposed size (upright paper)."""
    canvas: Canvas = field(init=False)
    y: float = field(init=False)

    def __post_init__(self) -> None:
        paper = (self.pagesize[1], self.pagesize[0]) if self.turned else self.pagesize
        self.canvas = Canvas(str(self.path), pagesize=paper, invariant=1)
        self.canvas.setAuthor("planingest samples")
        self.canvas.setTitle(self.title)
        self._start_page()

    def _start_page(self) -> None:
        if self.turned:  # the content's x runs up the paper, its y from right to left
            self.canvas.translate(self.pagesize[1], 0)
            self.canvas.rotate(90)
        self.y = self.pagesize[1] - self.margin

    @property
    def width(self) -> float:
        return self.pagesize[0] - 2 * self.margin

    def new_page(self) -> None:
        self.canvas.showPage()
        self._start_page()

    def paragraph(self, text: str, *, font: str = BOLD, size: float = 11, after: float = 6) -> None:
        """A wrapped paragraph across the full text width (titles and headings)."""
        for line in simpleSplit(text, font, size, self.width):
            self.y -= size * 1.2
            self.canvas.setFont(font, size)
            self.canvas.drawString(self.margin, self.y + size * 0.25, line)
        self.y -= after

    def save(self) -> None:
        self.canvas.save()

    def table(
        self,
        widths: Sequence[float],
        header: Sequence[Row],
        rows: Sequence[Row],
        style: TableStyle,
    ) -> None:
        """Draw ``rows`` under ``header``, repeating the header on every page the table reaches."""
        xs = [self.margin]
        for w in widths:
            xs.append(xs[-1] + w)
        bottom = self.margin
        laid_header = [self._lay(row, xs, style) for row in header]
        self._draw_header(laid_header, xs, style)
        for row in rows:
            laid = self._lay(row, xs, style)
            while True:
                need = self._height(laid, style)
                room = self.y - bottom
                if need <= room:
                    self._draw_slice(laid, xs, style, need, fill=None)
                    break
                fits = room - 2 * style.pad >= style.min_split_lines * style.leading
                if fits:
                    self._draw_slice(laid, xs, style, room, fill=None)
                self.new_page()
                for hdr in laid_header:
                    for cell in hdr:
                        cell.cut = 0
                self._draw_header(laid_header, xs, style)

    def _lay(self, row: Row, xs: list[float], style: TableStyle) -> list[_Laid]:
        return [
            _Laid(c, _wrap(c, xs[c.last + 1] - xs[c.first] - 2 * style.pad, style))
            for c in row.cells
        ]

    def _height(self, laid: list[_Laid], style: TableStyle) -> float:
        return max(c.remaining_height(style.leading) for c in laid) + 2 * style.pad

    def _draw_header(
        self, laid_header: list[list[_Laid]], xs: list[float], style: TableStyle
    ) -> None:
        for laid in laid_header:
            self._draw_slice(laid, xs, style, self._height(laid, style), fill=style.header_fill)

    def _draw_slice(
        self,
        laid: list[_Laid],
        xs: list[float],
        style: TableStyle,
        height: float,
        fill: Color | None,
    ) -> None:
        """Draw as much of each cell as fits in ``height`` and move the cursor below it."""
        c = self.canvas
        top = self.y
        for cell in laid:
            x0, x1 = xs[cell.cell.first], xs[cell.cell.last + 1]
            if fill is not None:
                c.setFillColor(fill)
                c.rect(x0, top - height, x1 - x0, height, stroke=0, fill=1)
                c.setFillColor(black)
            if style.ruled:
                c.setLineWidth(0.5)
                c.rect(x0, top - height, x1 - x0, height, stroke=1, fill=0)
            for line in cell.take(height - 2 * style.pad, style.leading):
                baseline = top - style.pad - line.top - style.size
                x = x0 + style.pad + line.dx
                text = line.text
                if text.startswith(DOT):
                    x = draw_dot(c, x, baseline, style.size, cell.cell.dot)
                    text = text.removeprefix(DOT).lstrip()
                c.setFont(BOLD if line.bold else REGULAR, style.size)
                c.drawString(x, baseline, text)
        self.y = top - height


def draw_dot(c: Canvas, x: float, baseline: float, size: float, colour: str | None) -> float:
    """Draw a "●" in ``colour`` and return where the text after it starts."""
    if DOT_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(DOT_FONT, DEJAVU))
    c.setFillColor(HexColor(colour) if colour else black)
    c.setFont(DOT_FONT, size + 1)
    c.drawString(x, baseline, DOT)
    c.setFillColor(black)
    return x + pdfmetrics.stringWidth(DOT + " ", DOT_FONT, size + 1)


def _wrap(cell: Cell, width: float, style: TableStyle) -> list[_Line]:
    """Wrap each paragraph to ``width``; bullets get a hanging indent, paragraphs a small gap."""
    font = BOLD if cell.bold else REGULAR
    lines: list[_Line] = []
    top = 0.0
    for n, para in enumerate(cell.paragraphs):
        if n:
            top += style.paragraph_gap
        for k, raw in enumerate(para.split("\n")):  # "\n": a manual line break, no gap
            indent = 0.0
            text = raw
            if raw.startswith(BULLET) and k == 0:
                indent = 8.0
                text = raw.removeprefix(BULLET)
            wrapped = simpleSplit(text, font, style.size, width - indent) or [""]
            for i, chunk in enumerate(wrapped):
                if indent and i == 0 and k == 0:
                    lines.append(_Line("•", 0.0, top, cell.bold))
                lines.append(_Line(chunk, indent, top, cell.bold))
                top += style.leading
    return lines
