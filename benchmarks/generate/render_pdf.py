"""Draw a :class:`Layout` as a PDF with reportlab, the way non-Word tools print plans.

Variants (the manifest's ``renderer``): ruled portrait, unruled (columns kept apart by white
space only), ruled landscape, landscape pages carrying ``/Rotate 90``, landscape content turned
on upright paper, and mixed (odd pages ``/Rotate``, even pages turned). Tables flow over pages:
the header row repeats (or not), rows break across a page (or move whole), turned header titles
and a merged, turned first column are drawn as such, status dots are real "●" glyphs (DejaVu
Sans) in the legend's colours, and fill-only cells carry no text at all.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib.colors import Color, HexColor, black
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from .layout import Cell, Heading, Layout, PageBreak, Paragraph, Run, Table, TableRow, Text

REGULAR, BOLD, SYMBOL = "Helvetica", "Helvetica-Bold", "DejaVuSans"
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
SIZE, LEADING, PAD, MARGIN = 8.0, 9.8, 3.0, 36.0
PARAGRAPH_GAP = 2.0
"""Space between a cell's paragraphs, as the Word renderer's style (2 pt after) and the samples'
drawn builders lay them: a writer's paragraphs are set apart, a wrapped line is not."""
HEADER_FILL = Color(0.85, 0.85, 0.85)
PDF_RENDERERS = ("pdf_ruled", "pdf_unruled", "pdf_landscape", "pdf_rotate", "pdf_turned",
                 "pdf_mixed")  # fmt: skip


def _register_symbol_font() -> None:
    if SYMBOL not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(SYMBOL, str(DEJAVU)))


def _font(text: str, bold: bool) -> str:
    return SYMBOL if "●" in text else (BOLD if bold else REGULAR)


@dataclass
class _Line:
    text: str
    colour: str | None
    bold: bool
    top: float = 0.0
    """Offset of the line's top below the cell's first line (paragraph gaps included)."""


@dataclass
class _Laid:
    cell: Cell
    x0: float
    x1: float
    lines: list[_Line]
    cut: int = 0

    @property
    def height(self) -> float:
        if self.cell.turned:
            return max((_width(ln) for ln in self.lines), default=0.0) + 2 * PAD
        if self.cut >= len(self.lines):
            return 2 * PAD
        return self.lines[-1].top - self.lines[self.cut].top + LEADING + 2 * PAD

    def fitting(self, height: float) -> list[_Line]:
        """The lines from ``cut`` on that fit in a slice ``height`` high."""
        if self.cut >= len(self.lines):
            return []
        base = self.lines[self.cut].top
        room = height - 2 * PAD + 0.01
        return [ln for ln in self.lines[self.cut :] if ln.top - base + LEADING <= room]


def _width(line: _Line) -> float:
    return float(pdfmetrics.stringWidth(line.text, _font(line.text, line.bold), SIZE))


def _wrap(paragraphs: list[Paragraph], width: float) -> list[_Line]:
    lines: list[_Line] = []
    top = 0.0
    for n, runs in enumerate(paragraphs):
        text = "".join(r.text for r in runs)
        colour = next((r.colour for r in runs if r.colour), None)
        bold = any(r.bold for r in runs)
        if n:
            top += PARAGRAPH_GAP
        for chunk in simpleSplit(text, _font(text, bold), SIZE, max(width, 10)) or [""]:
            lines.append(_Line(chunk, colour, bold, top))
            top += LEADING
    return lines


@dataclass
class _Group:
    """A merged first-column cell being drawn down the page."""

    cell: _Laid
    top: float
    bottom: float
    first_piece: bool = True


@dataclass
class PdfWriter:
    path: Path
    layout: Layout
    renderer: str
    canvas: Canvas = field(init=False)
    page: int = field(init=False, default=0)
    y: float = field(init=False, default=0.0)

    def __post_init__(self) -> None:
        _register_symbol_font()
        self.size = landscape(A4) if self.renderer != "pdf_ruled" else A4
        self.ruled = self.renderer != "pdf_unruled"
        self.canvas = Canvas(str(self.path), pagesize=self.size, invariant=1)
        self.canvas.setTitle(self.layout.title)
        self.canvas.setAuthor("planingest generator")
        self._start_page()

    # -- pages --
    def _start_page(self) -> None:
        w, h = self.size
        mixed = self.renderer == "pdf_mixed"
        turned = self.renderer == "pdf_turned" or (mixed and self.page % 2 == 1)
        rotated = self.renderer == "pdf_rotate" or (mixed and self.page % 2 == 0)
        c = self.canvas
        if turned and mixed:  # clockwise, as its /Rotate neighbours display
            c.setPageSize((h, w))
            c.translate(0, w)
            c.rotate(-90)
        elif turned:  # anticlockwise: the content reads bottom to top
            c.setPageSize((h, w))
            c.translate(h, 0)
            c.rotate(90)
        else:
            c.setPageSize((h, w) if rotated else (w, h))  # reportlab swaps a /Rotate page
        if rotated:
            c.setPageRotation(90)
        else:
            c.setPageRotation(0)
        self.top = h - MARGIN - (14 if self.layout.page_header else 0)
        self.bottom = MARGIN + (14 if self.layout.page_footer else 0)
        if self.layout.page_header:
            self._runs(self.layout.page_header, MARGIN, h - MARGIN + 4)
        if self.layout.page_footer:
            self._runs(self.layout.page_footer, MARGIN, MARGIN - 6)
        self.y = self.top

    def _new_page(self) -> None:
        self.canvas.showPage()
        self.page += 1
        self._start_page()

    @property
    def width(self) -> float:
        return float(self.size[0]) - 2 * MARGIN

    # -- text --
    def _runs(self, runs: Paragraph, x: float, baseline: float) -> None:
        c = self.canvas
        for run in runs:
            font = _font(run.text, run.bold)
            c.setFont(font, SIZE + 1)
            c.setFillColor(HexColor(f"#{run.colour}") if run.colour else black)
            c.drawString(x, baseline, run.text)
            x += pdfmetrics.stringWidth(run.text, font, SIZE + 1)
        c.setFillColor(black)

    def heading(self, block: Heading) -> None:
        lines = simpleSplit(block.text, BOLD, block.size, self.width)
        need = len(lines) * block.size * 1.3 + 6
        if self.y - need < self.bottom + 3 * LEADING:
            self._new_page()
        for line in lines:
            self.y -= block.size * 1.3
            self.canvas.setFont(BOLD, block.size)
            self.canvas.drawString(MARGIN, self.y, line)
        self.y -= 6

    def text(self, block: Text) -> None:
        self.y -= (SIZE + 1) * 1.4
        self._runs(block.runs, MARGIN, self.y)
        self.y -= 6

    # -- tables --
    def table(self, table: Table) -> None:
        total = sum(table.widths)
        xs = [MARGIN]
        for w in table.widths:
            xs.append(xs[-1] + w * self.width / total)
        header = [self._lay(r, xs) for r in table.rows if r.header]
        body = [self._lay(r, xs) for r in table.rows if not r.header]
        if self.y - self.bottom < (sum(_row_height(r, body=False) for r in header) + 3 * LEADING):
            self._new_page()
        self._draw_rows(header, fill=HEADER_FILL)
        group: _Group | None = None
        for laid in body:
            first = laid[0]
            if group and not first.cell.merge_down:
                self._close(group)
                group = None
            while True:
                room = self.y - self.bottom
                need = _row_height(laid)
                if need <= room:
                    group = self._draw_row(laid, need, group)
                    break
                can_split = (table.split_rows or need > self.top - self.bottom) and not any(
                    c.cell.turned for c in laid
                )
                if can_split and room - 2 * PAD >= 2 * LEADING:
                    group = self._draw_row(laid, room, group)
                if group:
                    self._close(group)
                    group = _Group(group.cell, 0, 0, first_piece=False)
                self._new_page()
                if table.repeat_header:
                    self._draw_rows(header, fill=HEADER_FILL)
                if group:
                    group.top = group.bottom = self.y
        if group:
            self._close(group)
        self.y -= 10

    def _lay(self, row: TableRow, xs: list[float]) -> list[_Laid]:
        laid, col = [], 0
        for cell in row.cells:
            x0, x1 = xs[col], xs[col + cell.span]
            lines = [] if cell.merge_down else _wrap(cell.paragraphs, x1 - x0 - 2 * PAD)
            laid.append(_Laid(cell, x0, x1, lines))
            col += cell.span
        return laid

    def _draw_rows(self, rows: list[list[_Laid]], fill: Color | None) -> None:
        for laid in rows:
            for cell in laid:
                cell.cut = 0
            height = _row_height(laid, body=False)
            self._draw_row(laid, height, None, fill=fill if self.ruled else None, body=False)

    def _draw_row(
        self,
        laid: list[_Laid],
        height: float,
        group: _Group | None,
        fill: Color | None = None,
        body: bool = True,
    ) -> _Group | None:
        """Draw what fits of each cell in ``height``; returns the merged-column group open."""
        c, top = self.canvas, self.y
        for cell in laid:
            x0, x1 = cell.x0, cell.x1
            if _grouped(laid, cell, body):
                if not cell.cell.merge_down:
                    group = _Group(cell, top, top - height)
                elif group:
                    group.bottom = top - height
                continue
            cell_fill = fill or (HexColor(f"#{cell.cell.fill}") if cell.cell.fill else None)
            if cell_fill is not None:
                c.setFillColor(cell_fill)
                c.rect(x0, top - height, x1 - x0, height, stroke=0, fill=1)
                c.setFillColor(black)
            if self.ruled:
                c.setLineWidth(0.5)
                c.rect(x0, top - height, x1 - x0, height, stroke=1, fill=0)
            if cell.cell.turned:
                self._turned_lines(cell.lines, x0, top - height, x1 - x0, height)
                continue
            fit = cell.fitting(height)
            base = fit[0].top if fit else 0.0
            for line in fit:
                self._line(line, x0 + PAD, top - PAD - (line.top - base) - SIZE)
            cell.cut += len(fit)
        self.y = top - height
        return group

    def _line(self, line: _Line, x: float, baseline: float) -> None:
        c = self.canvas
        c.setFont(_font(line.text, line.bold), SIZE)
        c.setFillColor(HexColor(f"#{line.colour}") if line.colour else black)
        c.drawString(x, baseline, line.text)
        c.setFillColor(black)

    def _turned_lines(self, lines: list[_Line], x0: float, y0: float, w: float, h: float) -> None:
        """Lines reading bottom to top, the first line leftmost."""
        c = self.canvas
        for k, line in enumerate(lines):
            c.saveState()
            c.translate(x0 + PAD + SIZE + k * LEADING, y0 + PAD)
            c.rotate(90)
            self._line(line, 0, 0)
            c.restoreState()

    def _close(self, group: _Group) -> None:
        x0, x1 = group.cell.x0, group.cell.x1
        height = group.top - group.bottom
        if self.ruled:
            self.canvas.setLineWidth(0.5)
            self.canvas.rect(x0, group.bottom, x1 - x0, height, stroke=1, fill=0)
        if group.first_piece:
            text = " ".join(ln.text for ln in group.cell.lines)
            bold = bool(group.cell.lines and group.cell.lines[0].bold)
            lines = _wrap([[Run(text, bold=bold)]], height - 2 * PAD)
            self._turned_lines(lines, x0, group.bottom, x1 - x0, height)

    def save(self) -> None:
        self.canvas.save()


def _grouped(laid: list[_Laid], cell: _Laid, body: bool) -> bool:
    """A body row's turned first cell is a merged theme column, drawn once for its rows."""
    return body and cell is laid[0] and cell.cell.turned and len(laid) > 1


def _row_height(laid: list[_Laid], body: bool = True) -> float:
    heights = [c.height for c in laid if not _grouped(laid, c, body)]
    return max(heights + [2 * PAD + LEADING])


def render_pdf(layout: Layout, path: Path, renderer: str) -> None:
    writer = PdfWriter(path, layout, renderer)
    for block in layout.blocks:
        if isinstance(block, Heading):
            writer.heading(block)
        elif isinstance(block, Text):
            writer.text(block)
        elif isinstance(block, PageBreak):
            writer._new_page()
        else:
            writer.table(block)
    writer.save()
