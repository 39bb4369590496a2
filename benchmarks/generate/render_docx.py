"""Draw a :class:`Layout` as a Word document with python-docx (and the samples' OOXML helpers):
real merged cells, ``w:textDirection`` for turned text, ``w:shd`` fills, coloured runs,
``w:tblHeader`` repeated header rows, ``w:cantSplit`` rows and a page header/footer legend."""

from __future__ import annotations

from pathlib import Path

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import _Cell
from docx.text.paragraph import Paragraph as DocxParagraph

from ._samples import ooxml
from .layout import Heading, Layout, PageBreak, Paragraph, Table, Text

FONT_PT = 9


def _runs(paragraph: DocxParagraph, runs: Paragraph) -> None:
    for run in runs:
        r = paragraph.add_run(run.text)
        r.bold = run.bold or None
        if run.colour:
            r.font.color.rgb = RGBColor.from_string(run.colour)


def _fill_cell(cell: _Cell, paragraphs: list[Paragraph]) -> None:
    first = cell.paragraphs[0]
    for i, runs in enumerate(paragraphs):
        _runs(first if i == 0 else cell.add_paragraph(), runs)


def _table(doc: object, table: Table, text_width_cm: float) -> None:
    total = sum(table.widths)
    widths = [w * text_width_cm / total for w in table.widths]
    out = ooxml.make_table(doc, len(table.rows), widths)  # type: ignore[arg-type]
    n_header = 0
    for r, row in enumerate(table.rows):
        tr_pr = out.rows[r]._tr.get_or_add_trPr()
        if not table.split_rows:
            tr_pr.append(OxmlElement("w:cantSplit"))
        if row.header and any(c.turned for c in row.cells):
            height = OxmlElement("w:trHeight")
            height.set(qn("w:val"), str(int(Cm(3.2).twips)))
            height.set(qn("w:hRule"), "atLeast")
            tr_pr.append(height)
        n_header += row.header
        col = 0
        for cell in row.cells:
            target = out.cell(r, col)
            if cell.span > 1:
                target = target.merge(out.cell(r, col + cell.span - 1))
            if cell.merge_down:
                above = out.cell(r - 1, col)
                target = above.merge(target)
            else:
                _fill_cell(target, cell.paragraphs)
                if cell.fill:
                    ooxml.shade(target, cell.fill)
                if cell.turned:
                    ooxml.text_direction(target)
            col += cell.span
    if table.repeat_header and n_header:
        ooxml.repeat_as_header(out, rows=n_header)


def render_docx(layout: Layout, path: Path) -> None:
    doc = ooxml.new_document(landscape=layout.landscape, font_pt=FONT_PT)
    section = doc.sections[0]
    text_width_cm = (section.page_width - section.left_margin - section.right_margin) / Cm(1)
    if layout.page_header:
        _runs(section.header.paragraphs[0], layout.page_header)
    if layout.page_footer:
        _runs(section.footer.paragraphs[0], layout.page_footer)
    for block in layout.blocks:
        if isinstance(block, Heading):
            heading = doc.add_heading(level=1 if block.size >= 14 else 2)
            run = heading.add_run(block.text)
            run.font.size = Pt(block.size)
        elif isinstance(block, Text):
            _runs(doc.add_paragraph(), block.runs)
        elif isinstance(block, PageBreak):
            ooxml.page_break(doc)
        else:
            _table(doc, block, text_width_cm)
            doc.add_paragraph()
    doc.core_properties.title = layout.title
    ooxml.save_reproducibly(doc, path)
