"""Read a Word (.docx) file into an :class:`ExtractedDocument`.

The body is walked in document order (through content controls, in every section), so tables and
the headings between them keep their reading order. Tables come out with true spans (see
:mod:`planingest.extractor.docx_table`) and cells keep what plans encode in formatting: bullets,
shading, coloured status dots and rotated text.
"""

from __future__ import annotations

import io
import zipfile
import zlib

import docx
from docx.document import Document as DocxDocument
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.section import _BaseHeaderFooter as _HeaderFooter
from lxml import etree

from planingest.errors import CorruptDocument, UnsupportedFormat
from planingest.extractor.docx_safety import check_package
from planingest.extractor.docx_table import cell_direction, cell_fill, table_grid
from planingest.extractor.docx_text import (
    Element,
    Paragraph,
    Styles,
    dominant_colour,
    heading_level,
    read_paragraph,
)
from planingest.extractor.model import (
    BlockKind,
    Cell,
    ExtractedDocument,
    NestedIn,
    SourceInfo,
    Table,
    TextBlock,
)
from planingest.extractor.source import SourceFile

_P, _TBL, _SECTPR = qn("w:p"), qn("w:tbl"), qn("w:sectPr")
_BLOCK_WRAPPERS = {qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml")}


def read_docx(source: SourceFile) -> ExtractedDocument:
    """Extract the tables and text of a Word document from ``source.data``.

    Raises :class:`UnsafeDocument` (zip bomb, DOCTYPE/ENTITY in a part) before parsing, and
    :class:`CorruptDocument` when the package or its XML cannot be read.
    """
    path = str(source.path)
    check_package(source.data, path)
    try:
        document = docx.Document(io.BytesIO(source.data))
        styles = Styles(document.styles.element)
    except (zipfile.BadZipFile, zlib.error, KeyError, etree.XMLSyntaxError) as exc:
        raise CorruptDocument(f"the Word package cannot be read ({exc})", path=path) from exc
    except PackageNotFoundError as exc:
        raise CorruptDocument("not a readable Word package", path=path) from exc
    except ValueError as exc:
        # python-docx refuses templates (.dotx) and macro documents (.docm) by content type.
        raise UnsupportedFormat(
            f"a kind of Word file python-docx does not open ({exc})", path=path
        ) from exc
    body = document.element.body
    if body is None:
        raise CorruptDocument("the main document part has no body", path=path)
    reader = _BodyReader(styles)
    reader.read_blocks(body)
    reader.read_page_furniture(document)
    tables = tuple(sorted(reader.tables, key=lambda t: t.index))
    return ExtractedDocument(
        source=SourceInfo(
            path=path,
            sha256=source.sha256,
            format="docx",
            size=source.size,
            page_count=_section_count(body),
        ),
        tables=tables,
        texts=tuple(reader.texts),
        warnings=tuple(reader.warnings),
    )


def _section_count(body: Element) -> int:
    """Sections end at a paragraph's ``w:sectPr`` or at the body's last one."""
    ends = [s for s in body.iter(_SECTPR) if s.getparent().tag in (qn("w:pPr"), qn("w:body"))]
    return max(len(ends), 1)


class _BodyReader:
    """Walks block content in order, numbering tables and blocks as it meets them."""

    def __init__(self, styles: Styles) -> None:
        self.styles = styles
        self.tables: list[Table] = []
        self.texts: list[TextBlock] = []
        self.warnings: list[str] = []
        self._order = 0
        self._table_count = 0

    def _next_order(self) -> int:
        self._order += 1
        return self._order - 1

    def read_blocks(self, container: Element) -> None:
        for child in container:
            if child.tag == _P:
                self._read_text_block(child)
            elif child.tag == _TBL:
                self._read_table(child, None)
            elif child.tag in _BLOCK_WRAPPERS:
                self.read_blocks(child)

    def read_page_furniture(self, document: DocxDocument) -> None:
        """Each section's own header and footer text, after the body. A header linked to the
        previous section's has no text of its own; the same text twice is kept once."""
        seen: set[tuple[str, str]] = set()
        for section in document.sections:
            furniture: tuple[tuple[_HeaderFooter, BlockKind], ...] = (
                (section.header, "page_header"),
                (section.footer, "page_footer"),
            )
            for part, kind in furniture:
                if part.is_linked_to_previous:
                    continue
                for p in part._element.iter(_P):  # paragraphs in header tables too
                    paragraph = read_paragraph(p, self.styles)
                    text = "\n".join(paragraph.lines)
                    if text and (kind, text) not in seen:
                        seen.add((kind, text))
                        self._add_text(paragraph, kind, None)

    def _read_text_block(self, p: Element) -> None:
        paragraph = read_paragraph(p, self.styles)
        if not paragraph.lines:
            return
        kind, level = heading_level(paragraph)
        self._add_text(paragraph, kind, level)

    def _add_text(self, paragraph: Paragraph, kind: BlockKind, level: int | None) -> None:
        self.texts.append(
            TextBlock(
                text="\n".join(paragraph.lines),
                kind=kind,
                order=self._next_order(),
                style=paragraph.style,
                level=level,
                coloured_runs=tuple(paragraph.coloured),
            )
        )

    def _read_table(self, tbl: Element, nested_in: NestedIn | None) -> None:
        index = self._table_count
        self._table_count += 1
        order = self._next_order()
        grid = table_grid(tbl)
        self.warnings.extend(f"table {index + 1}: {warning}" for warning in grid.warnings)
        cells: list[Cell] = []
        for grid_cell in grid.cells:
            paragraphs: list[Paragraph] = []
            for part in grid_cell.parts:
                self._read_cell_content(
                    part, paragraphs, NestedIn(index, grid_cell.row, grid_cell.col)
                )
            direction, rotation = cell_direction(grid_cell.parts[0])
            lines: list[str] = []
            bullets: list[int] = []
            for paragraph in paragraphs:
                bullets.extend(len(lines) + i for i in paragraph.bullets)
                lines.extend(paragraph.lines)
            runs = [run for paragraph in paragraphs for run in paragraph.runs]
            cells.append(
                Cell(
                    row=grid_cell.row,
                    col=grid_cell.col,
                    text="\n".join(lines),
                    rowspan=grid_cell.rowspan,
                    colspan=grid_cell.colspan,
                    direction=direction,
                    rotation=rotation,
                    text_colour=dominant_colour(runs),
                    fill_colour=cell_fill(grid_cell.parts[0]),
                    coloured_runs=tuple(c for paragraph in paragraphs for c in paragraph.coloured),
                    bullets=tuple(bullets),
                    is_header=grid_cell.is_header,
                )
            )
        self.tables.append(
            Table(
                index=index,
                n_rows=grid.n_rows,
                n_cols=grid.n_cols,
                cells=tuple(cells),
                pages=(),
                order=order,
                engine="docx",
                nested_in=nested_in,
            )
        )

    def _read_cell_content(
        self, container: Element, paragraphs: list[Paragraph], here: NestedIn
    ) -> None:
        """Collect a cell's own paragraphs; a table inside it becomes a table of its own."""
        for child in container:
            if child.tag == _P:
                paragraphs.append(read_paragraph(child, self.styles))
            elif child.tag == _TBL:
                self._read_table(child, here)
            elif child.tag in _BLOCK_WRAPPERS:
                self._read_cell_content(child, paragraphs, here)
