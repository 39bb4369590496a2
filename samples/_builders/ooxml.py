"""Word features python-docx has no API for, written as raw OOXML, plus small layout helpers.

The samples exist to exercise the extractor on what real plans do: rotated band cells
(``w:textDirection``), vertical and horizontal merges (``w:vMerge``, ``w:gridSpan``), shaded RAG
cells (``w:shd``), repeating header rows (``w:tblHeader``), coloured runs and real list numbering.
Children of ``w:tcPr``/``w:trPr`` are inserted in schema order so Word opens the files cleanly.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

FIXED_TIME = datetime(2024, 1, 1, 9, 0, 0)
"""Core-property dates of every sample, so a rebuild gives the same bytes."""

RED = "FF0000"
AMBER = "FFC000"
GREEN = "00B050"
BLUE = "0070C0"

_TCPR_ORDER = (
    "w:cnfStyle", "w:tcW", "w:gridSpan", "w:hMerge", "w:vMerge", "w:tcBorders", "w:shd",
    "w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark",
)  # fmt: skip


def new_document(*, landscape: bool, margin_cm: float = 1.5, font_pt: float = 9) -> DocumentObject:
    """A blank document with fixed core properties, Arial body text and the given orientation."""
    doc = Document()
    props = doc.core_properties
    props.author = "planingest samples"
    props.last_modified_by = "planingest samples"
    props.created = FIXED_TIME
    props.modified = FIXED_TIME
    props.last_printed = FIXED_TIME
    props.revision = 1
    section = doc.sections[0]
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    else:
        section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(margin_cm))
    normal = doc.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(font_pt)
    normal.paragraph_format.space_after = Pt(2)
    return doc


def _insert_ordered(parent: BaseOxmlElement, child: BaseOxmlElement, order: Sequence[str]) -> None:
    """Insert ``child`` into ``parent`` before the first sibling that comes later in ``order``."""
    rank = {qn(name): i for i, name in enumerate(order)}
    mine = rank[child.tag]
    for existing in parent.findall(child.tag):
        parent.remove(existing)
    for i, sibling in enumerate(parent):
        if rank.get(sibling.tag, -1) > mine:
            parent.insert(i, child)
            return
    parent.append(child)


def _tc_pr_set(cell: _Cell, name: str, **attrs: str) -> None:
    element = OxmlElement(name)
    for key, value in attrs.items():
        element.set(qn(f"w:{key}"), value)
    _insert_ordered(cell._tc.get_or_add_tcPr(), element, _TCPR_ORDER)


def text_direction(cell: _Cell, value: str = "btLr") -> None:
    _tc_pr_set(cell, "w:textDirection", val=value)


def shade(cell: _Cell, fill: str) -> None:
    _tc_pr_set(cell, "w:shd", val="clear", color="auto", fill=fill)


def repeat_as_header(table: Table, rows: int = 1) -> None:
    """Mark the first ``rows`` rows ``w:tblHeader`` so Word repeats them on every page."""
    for row in table.rows[:rows]:
        tr_pr = row._tr.get_or_add_trPr()
        tr_pr.append(OxmlElement("w:tblHeader"))


def make_table(doc: DocumentObject, n_rows: int, widths_cm: Sequence[float]) -> Table:
    """A bordered fixed-layout table whose grid and cell widths are ``widths_cm``."""
    table: Table = doc.add_table(rows=n_rows, cols=len(widths_cm))
    table.style = doc.styles["Table Grid"]
    table.autofit = False
    grid = table._tbl.tblGrid
    for col, width in zip(grid.findall(qn("w:gridCol")), widths_cm, strict=True):
        col.set(qn("w:w"), str(int(Cm(width).twips)))
    for row in table.rows:
        for cell, width in zip(row.cells, widths_cm, strict=True):
            cell.width = Cm(width)
    return table


def merge_across(row_cells: Sequence[_Cell]) -> _Cell:
    """Merge a row's cells into one (python-docx writes ``w:gridSpan``) and return it."""
    merged: _Cell = row_cells[0].merge(row_cells[-1])
    return merged


def set_paragraphs(
    cell: _Cell,
    paragraphs: Sequence[str],
    *,
    bold: bool = False,
    italic: bool = False,
) -> None:
    """Replace a cell's content with one Word paragraph per string.

    A "\\n" inside a string is a soft line break (``w:br``), not a new paragraph: a footnote
    under an action stays in the action's paragraph, as the seeds' originals had it.
    """
    first = cell.paragraphs[0]
    for extra in cell.paragraphs[1:]:
        extra._p.getparent().remove(extra._p)
    for run in list(first.runs):
        run._r.getparent().remove(run._r)
    for i, text in enumerate(paragraphs):
        paragraph = first if i == 0 else cell.add_paragraph()
        for j, line in enumerate(text.split("\n")):
            run = paragraph.add_run(line)
            if j:
                run._r.addprevious(_line_break())
            run.bold = bold or None
            run.italic = italic or None


def _line_break() -> object:
    """A ``w:r`` holding one soft line break: a new line that is not a new paragraph."""
    run = OxmlElement("w:r")
    run.append(OxmlElement("w:br"))
    return run


def bullet(paragraph: Paragraph, level: int = 0) -> None:
    """Make a paragraph a real Word bullet: List Bullet style plus explicit ``w:numPr``."""
    paragraph.style = "List Bullet"
    p_pr = paragraph._p.get_or_add_pPr()
    num_pr = OxmlElement("w:numPr")
    ilvl = OxmlElement("w:ilvl")
    ilvl.set(qn("w:val"), str(level))
    num_id = OxmlElement("w:numId")
    num_id.set(qn("w:val"), "1")
    num_pr.append(ilvl)
    num_pr.append(num_id)
    p_pr.append(num_pr)


def coloured_run(paragraph: Paragraph, text: str, colour: str, *, size_pt: float = 12) -> None:
    run = paragraph.add_run(text)
    run.font.color.rgb = RGBColor.from_string(colour)
    run.font.size = Pt(size_pt)


def page_break(doc: DocumentObject) -> None:
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def save_reproducibly(doc: DocumentObject, path: Path) -> None:
    """Save with fixed zip timestamps: python-docx stamps each zip entry with the current time."""
    buffer = io.BytesIO()
    doc.save(buffer)
    buffer.seek(0)
    out = io.BytesIO()
    with zipfile.ZipFile(buffer) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info.filename))
    path.write_bytes(out.getvalue())
