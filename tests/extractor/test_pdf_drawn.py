"""PDFs drawn here with reportlab, each exercising one thing plans do to tables.

Every expected grid below is what the drawing code puts on the page (checked by rendering the
PDFs with ``pdftoppm`` and looking at them), not what the reader happened to return.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

import pypdfium2
import pytest
from reportlab.lib import pdfencrypt
from reportlab.lib.colors import HexColor
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from planingest.errors import (
    CorruptDocument,
    EmptyDocument,
    EncryptedDocument,
    LimitExceeded,
    NeedsOCR,
)
from planingest.extractor.model import ExtractedDocument
from planingest.extractor.pdf import read_pdf
from planingest.extractor.source import SourceFile

PAGE_W, PAGE_H = 595.0, 842.0
_DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
"""A font with "●" in it: neither the standard 14 fonts nor reportlab's Vera have the glyph.
CI installs LibreOffice, which pulls in DejaVu (Debian/Ubuntu: ``fonts-dejavu-core``)."""


def font() -> str:
    """The drawing font, registered on first use; a missing font fails the test, never skips."""
    if "DejaVu" not in pdfmetrics.getRegisteredFontNames():
        if not _DEJAVU.exists():
            pytest.fail(f"{_DEJAVU} is missing: install fonts-dejavu-core")
        pdfmetrics.registerFont(TTFont("DejaVu", str(_DEJAVU)))
    return "DejaVu"


@dataclass
class Box:
    """A cell to draw: grid position, span, lines of text and styling."""

    row: int
    col: int
    lines: tuple[str, ...] = ()
    rowspan: int = 1
    colspan: int = 1
    fill: str | None = None
    colour: str | None = None
    vertical: bool = False
    """Text turned 90° anticlockwise (reads bottom to top), as Word draws a theme band."""


def draw_table(
    c: canvas.Canvas,
    boxes: list[Box],
    widths: list[float],
    heights: list[float],
    left: float = 60,
    top: float = 100,
    page_h: float = PAGE_H,
) -> None:
    """Draw each box as its own bordered rectangle (so a merged box has no inner edges)."""
    xs = [left]
    for w in widths:
        xs.append(xs[-1] + w)
    ys = [top]
    for h in heights:
        ys.append(ys[-1] + h)
    for b in boxes:
        x0, x1 = xs[b.col], xs[b.col + b.colspan]
        t, bottom = ys[b.row], ys[b.row + b.rowspan]
        if b.fill:
            c.setFillColor(HexColor(b.fill))
            c.rect(x0, page_h - bottom, x1 - x0, bottom - t, stroke=0, fill=1)
        c.setStrokeColor(HexColor("#000000"))
        c.setLineWidth(0.75)
        c.rect(x0, page_h - bottom, x1 - x0, bottom - t, stroke=1, fill=0)
        c.setFillColor(HexColor(b.colour or "#000000"))
        c.setFont(font(), 9)
        if b.vertical:
            c.saveState()
            c.translate(x0 + 14, page_h - bottom + 6)
            c.rotate(90)
            for i, line in enumerate(b.lines):
                c.drawString(0, -11 * i, line)
            c.restoreState()
        else:
            for i, line in enumerate(b.lines):
                c.drawString(x0 + 4, page_h - t - 12 - 11 * i, line)
        c.setFillColor(HexColor("#000000"))


def draw_aligned(
    c: canvas.Canvas,
    rows: list[tuple[tuple[str, ...], ...]],
    xs: tuple[float, ...],
    top: float = 100,
) -> float:
    """Draw a table without any ruling: each cell's lines at its column's x, rows 8 points
    apart. Returns where the next line of text would start."""
    c.setFont("Helvetica", 9)
    y = PAGE_H - top
    for row in rows:
        for x, lines in zip(xs, row, strict=True):
            for i, line in enumerate(lines):
                c.drawString(x, y - 11 * i, line)
        y -= 11 * max(len(lines) for lines in row) + 8
    return PAGE_H - y


def pdf_source(data: bytes, name: str = "drawn.pdf") -> SourceFile:
    return SourceFile(
        path=Path(name),
        format="pdf",
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
        data=data,
    )


def make_pdf(
    pages: list[list[Box]], widths: list[float], heights: list[list[float]], **kw: object
) -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(PAGE_W, PAGE_H))
    for boxes, hs in zip(pages, heights, strict=True):
        draw_table(c, boxes, widths, hs, **kw)  # type: ignore[arg-type]
        c.showPage()
    c.save()
    return buf.getvalue()


def with_rotate(data: bytes, degrees: int) -> bytes:
    """The same PDF with ``/Rotate`` set on every page (as the NICS twin was made)."""
    pdf = pypdfium2.PdfDocument(data)
    for i in range(len(pdf)):
        pdf[i].set_rotation(degrees)
    out = io.BytesIO()
    pdf.save(out)
    pdf.close()
    return out.getvalue()


def read(data: bytes, **kw: object) -> ExtractedDocument:
    return read_pdf(pdf_source(data), **kw)  # type: ignore[arg-type]


MERGED = [
    Box(0, 0, ("Theme",)),
    Box(0, 1, ("Action",)),
    Box(0, 2, ("Lead",)),
    Box(1, 0, ("Workforce",), rowspan=2),
    Box(1, 1, ("Publish pay gap data",)),
    Box(1, 2, ("HR team",)),
    Box(2, 1, ("Run staff survey",)),
    Box(2, 2, ("Equality Team",)),
    Box(3, 0, ("Priority 2: Engagement",), colspan=3),
]
MERGED_ROWS = [
    ["Theme", "Action", "Lead"],
    ["Workforce", "Publish pay gap data", "HR team"],
    ["", "Run staff survey", "Equality Team"],
    ["Priority 2: Engagement", "", ""],
]


def test_merged_cells_come_out_once_with_their_spans() -> None:
    doc = read(make_pdf([MERGED], [110, 180, 120], [[20, 20, 20, 20]]))
    assert len(doc.tables) == 1
    table = doc.tables[0]
    assert (table.n_rows, table.n_cols) == (4, 3)
    assert table.text_rows() == MERGED_ROWS
    spans = {
        (c.row, c.col): (c.rowspan, c.colspan) for c in table.cells if c.rowspan * c.colspan > 1
    }
    assert spans == {(1, 0): (2, 1), (3, 0): (1, 3)}
    assert len(table.cells) == 9
    band = table.grid()[3][2]
    assert band is not None and band.text == "Priority 2: Engagement"
    workforce = table.grid()[2][0]
    assert workforce is not None and workforce.provenance.page == 1
    bbox = workforce.provenance.bbox
    assert bbox is not None
    assert (round(bbox.x0), round(bbox.top), round(bbox.x1), round(bbox.bottom)) == (
        60,
        120,
        170,
        160,
    )
    assert table.engine == "pdf-ruled" and table.pages == (1,)


def test_page_with_rotate_gives_the_same_table_as_the_upright_page() -> None:
    upright = make_pdf([MERGED], [110, 180, 120], [[20, 20, 20, 20]])
    a, b = read(upright), read(with_rotate(upright, 90))
    assert b.tables[0].text_rows() == a.tables[0].text_rows() == MERGED_ROWS
    # Bounding boxes are on the unrotated page, so both agree.
    assert [c.provenance for c in b.tables[0].cells] == [c.provenance for c in a.tables[0].cells]


def test_table_laid_on_its_side_is_read_from_its_own_top() -> None:
    """The whole table drawn turned 90° anticlockwise: its header runs up the left edge."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(PAGE_W, PAGE_H))
    c.translate(PAGE_W, 0)
    c.rotate(90)  # now drawing on a landscape page whose top edge is the portrait's left
    draw_table(c, MERGED, [110, 180, 120], [20, 20, 20, 20], page_h=PAGE_W)
    c.showPage()
    c.save()
    doc = read(buf.getvalue())
    table = doc.tables[0]
    assert table.text_rows() == MERGED_ROWS
    # Directions are relative to the table, which reads normally once turned upright.
    assert all(c.direction == "lr-tb" for c in table.cells)
    assert doc.warnings == ("table 1: drawn turned 270° on page 1; read in its own orientation",)


def test_vertical_band_text_reads_bottom_to_top() -> None:
    boxes = [
        Box(0, 0, ("Workforce Data", "and Analysis"), rowspan=3, vertical=True),
        Box(0, 1, ("Objective",)),
        Box(0, 2, ("Improve data capture",)),
        Box(1, 1, ("Key Action",)),
        Box(1, 2, ("Dummy quarter Dec - Mar",)),
        Box(2, 1, ("Deadline",)),
        Box(2, 2, ("End of July 2013",)),
    ]
    table = read(make_pdf([boxes], [40, 120, 200], [[40, 40, 40]])).tables[0]
    band = table.grid()[1][0]
    assert band is not None and (band.row, band.rowspan) == (0, 3)
    assert band.text == "Workforce Data\nand Analysis"
    assert (band.direction, band.rotation) == ("bt-lr", 270)
    assert table.text_rows()[1][1:] == ["Key Action", "Dummy quarter Dec - Mar"]


def test_status_dots_shading_and_legend_keep_their_colours() -> None:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(PAGE_W, PAGE_H))
    c.setFont("Helvetica-Bold", 16)
    c.drawString(60, PAGE_H - 60, "BME Workforce Progress")
    draw_table(
        c,
        [
            Box(0, 0, ("Outcome",), fill="#d9d9d9"),
            Box(0, 1, ("Progress",), fill="#d9d9d9"),
            Box(1, 0, ("Recruitment monitored",)),
            Box(1, 1, ("●",), colour="#ff0000"),
            Box(2, 0, ("Training delivered",)),
            Box(2, 1, ("●",), colour="#00b050", fill="#ffff99"),
        ],
        [200, 80],
        [20, 20, 20],
    )
    c.setFont(font(), 9)
    x = 60.0
    for colour, label in (
        ("#ff0000", "No Progress"),
        ("#ffc000", "Progressing"),
        ("#00b050", "Achieved"),
    ):
        c.setFillColor(HexColor(colour))
        c.drawString(x, PAGE_H - 190, "●")
        c.setFillColor(HexColor("#000000"))
        c.drawString(x + 10, PAGE_H - 190, label)
        x += 90
    c.showPage()
    c.save()
    doc = read(buf.getvalue())
    table = doc.tables[0]
    rows = table.grid()
    assert rows[0][0] is not None and rows[0][0].fill_colour == "#d9d9d9"
    red, green = rows[1][1], rows[2][1]
    assert red is not None and green is not None
    assert (red.text, red.text_colour, red.fill_colour) == ("●", "#ff0000", None)
    assert [(r.text, r.colour) for r in red.coloured_runs] == [("●", "#ff0000")]
    assert (green.text_colour, green.fill_colour) == ("#00b050", "#ffff99")
    assert rows[1][0] is not None and rows[1][0].text_colour is None
    kinds = [(b.kind, b.text) for b in doc.texts]
    assert kinds == [
        ("title", "BME Workforce Progress"),
        ("legend", "● No Progress ● Progressing ● Achieved"),
    ]
    legend = doc.texts[1]
    assert [(r.text, r.colour) for r in legend.coloured_runs] == [
        ("●", "#ff0000"),
        ("●", "#ffc000"),
        ("●", "#00b050"),
    ]
    order = [b.order for b in doc.blocks()]
    assert order == sorted(order) and [type(b).__name__ for b in doc.blocks()] == [
        "TextBlock",
        "Table",
        "TextBlock",
    ]


def test_table_split_over_two_pages_is_one_table() -> None:
    header = [Box(0, 0, ("Ref",)), Box(0, 1, ("Action",)), Box(0, 2, ("Lead",))]
    page1 = [
        *header,
        Box(1, 0, ("1",)),
        Box(1, 1, ("Publish the workforce profile",)),
        Box(1, 2, ("HR team",)),
        Box(2, 0, ("2",)),
        Box(2, 1, ("Review recruitment data and",)),
        Box(2, 2, ("Equality Team",)),
    ]
    page2 = [
        *header,
        Box(1, 0, ()),
        Box(1, 1, ("report to Cabinet",)),
        Box(1, 2, ()),
        Box(2, 0, ("3",)),
        Box(2, 1, ("Train all managers",)),
        Box(2, 2, ("City Learning",)),
    ]
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(PAGE_W, PAGE_H))
    draw_table(c, page1, [40, 200, 120], [20, 20, 20], top=740)
    c.showPage()
    draw_table(c, page2, [40, 200, 120], [20, 20, 20], top=60)
    c.showPage()
    c.save()
    for pdf in (buf.getvalue(), with_rotate(buf.getvalue(), 270)):
        doc = read(pdf)
        assert len(doc.tables) == 1
        table = doc.tables[0]
        assert table.pages == (1, 2)
        assert table.text_rows() == [
            ["Ref", "Action", "Lead"],
            ["1", "Publish the workforce profile", "HR team"],
            ["2", "Review recruitment data and\nreport to Cabinet", "Equality Team"],
            ["3", "Train all managers", "City Learning"],
        ]
        assert all(c.is_header for c in table.row_cells(0))
        assert not any(c.is_header for c in table.row_cells(1))
        assert len(doc.warnings) == 1 and "page break" in doc.warnings[0]


def test_encrypted_pdf_needs_its_password() -> None:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, encrypt=pdfencrypt.StandardEncryption("s3cret", canPrint=1))
    draw_table(c, MERGED, [110, 180, 120], [20, 20, 20, 20])
    c.showPage()
    c.save()
    with pytest.raises(EncryptedDocument, match="password"):
        read(buf.getvalue())
    with pytest.raises(EncryptedDocument, match="wrong password"):
        read(buf.getvalue(), password="guess")
    assert read(buf.getvalue(), password="s3cret").tables[0].text_rows() == MERGED_ROWS


def test_image_only_pdf_needs_ocr() -> None:
    from PIL import Image

    image = Image.new("RGB", (40, 20), "white")
    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.drawImage(ImageReader(image), 50, 600, 200, 100)
    c.showPage()
    c.save()
    with pytest.raises(NeedsOCR) as info:
        read(buf.getvalue(), ocr=False)
    assert info.value.path == "drawn.pdf"
    with pytest.raises(EmptyDocument, match="OCR read no text"):
        read(buf.getvalue())  # a blank picture: OCR finds nothing to read


def test_damaged_and_too_long_pdfs_are_refused() -> None:
    with pytest.raises(CorruptDocument):
        read(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF")
    data = make_pdf([MERGED, MERGED], [110, 180, 120], [[20] * 4, [20] * 4])
    with pytest.raises(LimitExceeded, match="2 pages"):
        read(data, max_pages=1)
    # Same columns on consecutive pages, but each table ends high on its page: two tables.
    assert len(read(data, max_pages=2).tables) == 2


ALIGNED = [
    (("Ref",), ("Action",), ("Deadline",)),
    (("1",), ("Publish the workforce", "profile every year"), ("March 2019",)),
    (("2",), ("Run a staff survey",), ("Summer 2010",)),
    (("3",), ("Train managers",), ("2018/19",)),
]
ALIGNED_ROWS = [
    ["Ref", "Action", "Deadline"],
    ["1", "Publish the workforce\nprofile every year", "March 2019"],
    ["2", "Run a staff survey", "Summer 2010"],
    ["3", "Train managers", "2018/19"],
]


@pytest.mark.parametrize("engine", ["network", "stream"])
def test_borderless_table_from_alignment_keeps_wrapped_cells_in_their_row(engine: str) -> None:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(PAGE_W, PAGE_H))
    draw_aligned(c, ALIGNED, (60, 120, 330))
    c.showPage()
    c.save()
    doc = read(buf.getvalue(), borderless=engine)
    assert len(doc.tables) == 1
    table = doc.tables[0]
    assert table.engine == f"pdf-{engine}"
    assert table.text_rows() == ALIGNED_ROWS
    assert doc.texts == ()


def test_gap_between_ruled_blocks_is_no_row() -> None:
    """A ruled table and a ruled totals row under it, joined by shading that runs down the last
    column from the first body row through the gap (as camelot's vertical_header.pdf shades its
    Poll Book column): the gap has no rule across it and holds nothing, so it is no row."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(PAGE_W, PAGE_H))
    xs, ys = [60.0, 200.0, 300.0, 380.0], [100.0, 120.0, 140.0, 160.0, 180.0]
    c.setFillColor(HexColor("#ccffff"))
    c.rect(xs[2], PAGE_H - ys[4], xs[3] - xs[2], ys[4] - ys[1], stroke=0, fill=1)
    c.setStrokeColor(HexColor("#000000"))
    for top, bottom in ((ys[0], ys[2]), (ys[3], ys[4])):  # two ruled blocks
        for y in [y for y in ys if top <= y <= bottom]:
            c.line(xs[0], PAGE_H - y, xs[-1], PAGE_H - y)
        for x in xs:
            c.line(x, PAGE_H - top, x, PAGE_H - bottom)
    c.setFillColor(HexColor("#000000"))
    c.setFont(font(), 9)
    for row, texts in ((0, ("Action", "Lead", "Done")), (1, ("Fix roof", "Estates", "1")),
                       (3, ("Totals", "", "1"))):  # fmt: skip
        for col, text in enumerate(texts):
            c.drawString(xs[col] + 4, PAGE_H - ys[row] - 13, text)
    c.showPage()
    c.save()
    tables = read(buf.getvalue()).tables
    assert [t.text_rows() for t in tables] == [
        [["Action", "Lead", "Done"], ["Fix roof", "Estates", "1"], ["Totals", "", "1"]]
    ]
    assert tables[0].grid()[1][2] is not None and tables[0].grid()[1][2].fill_colour == "#ccffff"
