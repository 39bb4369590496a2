"""Read a PDF into an :class:`ExtractedDocument`.

Per page: ruled tables from the drawn grid (:mod:`pdf_grid`, read in each table's upright frame
by :mod:`pdf_page`), then borderless tables among the remaining text (camelot's ``network``
parser judged against our alignment reader, :mod:`pdf_stream`), each finder run by name from
:mod:`pdf_finders`; then the text left over as blocks (:mod:`pdf_blocks`). Pieces continued over
a page break are joined (:mod:`pdf_stitch`). Tables and blocks share one reading-order counter.
The values that tune all of this come in one :class:`PdfTuning`.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace

import playa
from playa.exceptions import PDFEncryptionError
from playa.page import Page

from planingest.errors import (
    CorruptDocument,
    EmptyDocument,
    EncryptedDocument,
    LimitExceeded,
    NeedsOCR,
    raised_by,
)
from planingest.extractor.model import (
    BBox,
    Cell,
    ExtractedDocument,
    Provenance,
    SourceInfo,
    Table,
    TextBlock,
)
from planingest.extractor.ocr_glyph import confidence
from planingest.extractor.ocr_network import with_network
from planingest.extractor.ocr_page import Scanner, scan_reason
from planingest.extractor.pdf_blocks import PlacedBlock, page_blocks
from planingest.extractor.pdf_finders import PLANS, RULED, BorderlessEngine, Step, find_tables
from planingest.extractor.pdf_layout import page_layout
from planingest.extractor.pdf_network import network_tables
from planingest.extractor.pdf_objects import PageGeometry, page_objects
from planingest.extractor.pdf_page import PageContent, Piece, page_content
from planingest.extractor.pdf_refs import check_reference_loops
from planingest.extractor.pdf_stitch import Stitched, stitch
from planingest.extractor.pdf_text import Frame, Glyph
from planingest.extractor.pdf_tuning import DEFAULT_TUNING, PdfTuning
from planingest.extractor.source import SourceFile

PARSERS = ("playa", "camelot", "pypdfium2")
"""The libraries whose errors on a malformed file mean the file is corrupt."""

__all__ = ["BorderlessEngine", "PdfTuning", "assemble_document", "read_pdf"]


def read_pdf(
    source: SourceFile,
    *,
    password: str | None = None,
    max_pages: int | None = None,
    borderless: BorderlessEngine = "network",
    tuning: PdfTuning = DEFAULT_TUNING,
    ocr: bool = True,
    ocr_languages: str = "eng",
) -> ExtractedDocument:
    """Extract the tables and text of a PDF from ``source.data``; ``borderless`` picks how
    tables without ruling are found (:data:`pdf_finders.PLANS`). With ``ocr``, each scanned page
    (:func:`ocr_page.scan_reason`) is read by OCR in ``ocr_languages`` (Tesseract's names,
    ``eng+fra``).

    Raises :class:`EncryptedDocument` (no or wrong password), :class:`CorruptDocument`
    (unparsable), :class:`LimitExceeded` (more pages than ``max_pages``), :class:`NeedsOCR`
    (images but no text on any page, OCR off) and :class:`EmptyDocument` (no pages, or nothing
    on them).
    """
    path = str(source.path)
    check_reference_loops(source.data, path)
    scanner = Scanner(source.data, ocr_languages)
    try:
        with _repairs() as repairs:
            contents = _read_pages(
                source.data, path, password, max_pages, tuning, scanner if ocr else None, borderless
            )
    finally:
        scanner.close()
    if not any(c.pieces or c.free_glyphs for c in contents):
        if scanner.glyphs:
            raise EmptyDocument("OCR read no text on the scanned pages", path=path)
        if any(c.has_images for c in contents):
            raise NeedsOCR(
                "the pages are images with no text layer; OCR is off (turn it on, or OCR "
                "them first)",
                path=path,
            )
        if repairs:  # PLAYA read round damage (a lost page, a torn stream) and found nothing
            raise CorruptDocument(f"the PDF is damaged ({repairs[-1]}); no text read", path=path)
        raise EmptyDocument("the PDF has no text on any page", path=path)
    return assemble_document(source, contents, scanner, PLANS[borderless], tuning)


def assemble_document(
    source: SourceFile,
    contents: list[PageContent],
    scanner: Scanner,
    steps: Sequence[Step] = PLANS["network"],
    tuning: PdfTuning = DEFAULT_TUNING,
) -> ExtractedDocument:
    """The document from its pages' contents, in page order (a PDF's, or an image file's
    frames): the finders of ``steps``, stitching, the text blocks, and the OCR confidence of
    each cell on a page ``scanner`` read."""
    document = _assemble(source, contents, steps, tuning)
    if not scanner.glyphs:
        return document
    return _with_ocr(document, scanner)


def _read_pages(
    data: bytes,
    path: str,
    password: str | None,
    max_pages: int | None,
    tuning: PdfTuning,
    scanner: Scanner | None,
    borderless: BorderlessEngine,
) -> list[PageContent]:
    """Every page read (:func:`_read_page`); PLAYA's and camelot's failures on the file's bytes
    sorted into encrypted or corrupt."""
    try:
        pdf = playa.parse(data, password=password or "", space="page")
    except Exception as exc:  # PLAYA's errors on malformed or encrypted bytes; sort them out
        raise _classify(exc, path, password) from exc
    with pdf:
        try:
            n_pages = len(pdf.pages)
            if n_pages == 0 and "Pages" not in pdf.catalog:
                raise CorruptDocument("the PDF has no page tree", path=path)
            if n_pages == 0:
                raise EmptyDocument("the PDF has no pages", path=path)
            if max_pages is not None and n_pages > max_pages:
                raise LimitExceeded(
                    f"{n_pages} pages, more than the limit of {max_pages}", path=path
                )
            return [
                _read_page(page, number, tuning, scanner, borderless)
                for number, page in enumerate(pdf.pages, start=1)
            ]
        except Exception as exc:
            if raised_by(exc, PARSERS):
                raise _classify(exc, path, password) from exc
            raise  # a bug of ours: the pipeline reports it as unexpected, with its traceback


@contextmanager
def _repairs() -> Iterator[list[str]]:
    """What PLAYA says it repaired while the document is read (it recovers what it can of a
    damaged file, warning as it goes: a page object lost becomes an empty page, a torn stream
    is cut short), kept rather than printed."""
    found: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            found.append(record.getMessage())

    logger, keep = logging.getLogger("playa"), Keep(logging.WARNING)
    logger.addHandler(keep)
    propagate, logger.propagate = logger.propagate, False
    try:
        yield found
    finally:
        logger.removeHandler(keep)
        logger.propagate = propagate


def _read_page(
    page: Page,
    number: int,
    tuning: PdfTuning,
    scanner: Scanner | None,
    borderless: BorderlessEngine,
) -> PageContent:
    """A page from its text layer, or (a scan, with a ``scanner``) read by OCR, with its ruled
    tables found; read once (:func:`pdf_layout.page_layout`), and camelot's ``network`` tables
    found in that same reading of an upright page (in a scan's OCR words,
    :mod:`ocr_network`)."""
    layout = page_layout(page, tuning.limits)
    geometry = PageGeometry.of(page)
    objects = page_objects(layout, geometry)
    if scanner is not None:
        reason = scan_reason(objects, geometry.width, geometry.height)
        if reason is not None:
            scanned = find_tables(scanner.read(number, reason, tuning.grid), RULED, tuning)
            if borderless == "network":
                scanned = with_network(scanned, scanner.glyphs[number])
            return scanned
    content = page_content(
        objects, number, geometry.width, geometry.height, geometry.rotation, tuning.grid
    )
    content = find_tables(content, RULED, tuning)
    if borderless == "network" and _upright(content):
        content = replace(
            content, camelot=tuple(network_tables(layout.objects, page, tuning.limits))
        )
    return content


def _with_ocr(document: ExtractedDocument, scanner: Scanner) -> ExtractedDocument:
    """The document with each cell on a scanned page given its words' OCR confidence, its
    tables marked ``pdf-ocr`` and the scans' warnings first."""
    tables = []
    for table in document.tables:
        cells = tuple(_cell_confidence(c, scanner.glyphs) for c in table.cells)
        scanned = any(p in scanner.glyphs for p in table.pages)
        tables.append(replace(table, cells=cells, engine="pdf-ocr" if scanned else table.engine))
    notes = [f"{_pages(pages)}: {w}" for w, pages in scanner.warnings.items()]
    return replace(document, tables=tuple(tables), warnings=(*notes, *document.warnings))


def _cell_confidence(cell: Cell, scans: dict[int, tuple[Glyph, ...]]) -> Cell:
    box, page = cell.provenance.bbox, cell.provenance.page
    if box is None or page not in scans:
        return cell
    inside = [g for g in scans[page] if box.x0 <= g.cx <= box.x1 and box.top <= g.cy <= box.bottom]
    return replace(cell, confidence=confidence(inside))


def _pages(numbers: list[int]) -> str:
    """``page 3``, or ``pages 1–4, 7``: runs of consecutive pages as ranges."""
    runs: list[list[int]] = []
    for n in sorted(numbers):
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    spans = [f"{r[0]}–{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs]
    return ("pages " if len(numbers) > 1 else "page ") + ", ".join(spans)


def _upright(content: PageContent) -> bool:
    return (
        content.rotation == 0
        and content.angle == 0
        and not content.scanned
        and bool(content.free_glyphs)
    )


def _classify(exc: BaseException, path: str, password: str | None) -> Exception:
    if isinstance(exc, PDFEncryptionError):
        reason = "wrong password" if password else "password-protected; give the password"
        return EncryptedDocument(reason, path=path)
    error = CorruptDocument(f"the PDF cannot be parsed ({exc!r})", path=path)
    error.details = repr(exc)
    return error


def _assemble(
    source: SourceFile, contents: list[PageContent], steps: Sequence[Step], tuning: PdfTuning
) -> ExtractedDocument:
    pieces: list[Piece] = []
    placed: list[PlacedBlock] = []
    contents = [find_tables(c, steps, tuning) for c in contents]
    for content in contents:
        number = content.number
        pieces += sorted(
            (content.placed(p) for p in content.pieces),
            key=lambda p: content.reading_top(p.box),
        )
        placed.extend(
            page_blocks(
                content.reading[1],
                number,
                content.width,
                content.height,
                content.rotation,
                content.angle,
                content.body_size,
                first_page=number == 1,
            )
        )
    logical = stitch(pieces, _separated(placed, contents), tuning.stitch)

    def key(page: int, box: BBox) -> tuple[int, float]:
        return page, contents[page - 1].reading_top(box)

    items: list[tuple[tuple[int, float], Stitched | PlacedBlock]] = [
        (key(t.pieces[0].page, t.pieces[0].box), t) for t in logical
    ]
    items += [(key(b.page, b.box), b) for b in placed]
    items.sort(key=lambda item: item[0])
    tables: list[Table] = []
    texts: list[TextBlock] = []
    warnings = [
        f"page {c.number}: {c.pictures} region(s) whose words OCR read with under "
        f"{tuning.nontable.min_confidence:.0%} confidence taken as pictures; no table or text "
        "read from them"
        for c in contents
        if c.pictures
    ]
    for order, (_, item) in enumerate(items):
        if isinstance(item, PlacedBlock):
            texts.append(_with_order(item.block, order))
            continue
        index = len(tables)
        tables.append(_table(item, index, order, contents))
        # Turned relative to the page as stored (a /Rotate page shows upright tables turned).
        turned = sorted(
            {
                (p.page, a)
                for p in item.pieces
                if (a := (p.angle - contents[p.page - 1].rotation) % 360)
            }
        )
        notes = [
            f"drawn turned {angle}° on page {page}; read in its own orientation"
            for page, angle in turned
        ]
        warnings += [f"table {index + 1}: {w}" for w in [*notes, *item.warnings]]
    return ExtractedDocument(
        source=SourceInfo(
            path=str(source.path),
            sha256=source.sha256,
            format=source.format,
            size=source.size,
            page_count=len(contents),
        ),
        tables=tuple(tables),
        texts=tuple(texts),
        warnings=tuple(warnings),
    )


_PAGE_NUMBER = re.compile(r"^(page\s*)?\d+(\s*(of|/)\s*\d+)?$", re.IGNORECASE)


def _separated(
    placed: list[PlacedBlock], contents: list[PageContent]
) -> Callable[[Piece, Piece], bool]:
    """Whether text other than page furniture sits between a piece and its would-be
    continuation: below the first on its page, or above the second on its page. Furniture is
    a page number or text repeated on several pages (running headers, footers, legends)."""

    def key(text: str) -> str:
        return re.sub(r"[\d\s]+", "", text).lower()

    pages_of: dict[str, set[int]] = {}
    for b in placed:
        pages_of.setdefault(key(b.block.text), set()).add(b.page)
    real = [
        b
        for b in placed
        if len(pages_of[key(b.block.text)]) < 2 and not _PAGE_NUMBER.match(b.block.text.strip())
    ]

    def span(page: int, box: BBox) -> BBox:
        c = contents[page - 1]
        return Frame(c.angle, c.width, c.height).forward(box)

    def separated(last: Piece, piece: Piece) -> bool:
        end = span(last.page, last.box).bottom
        start = span(piece.page, piece.box).top
        return any(
            (b.page == last.page and span(b.page, b.box).top >= end - 1)
            or (b.page == piece.page and span(b.page, b.box).bottom <= start + 1)
            for b in real
        )

    return separated


def _with_order(block: TextBlock, order: int) -> TextBlock:
    return TextBlock(
        text=block.text,
        kind=block.kind,
        order=order,
        coloured_runs=block.coloured_runs,
        provenance=block.provenance,
    )


def _table(item: Stitched, index: int, order: int, contents: list[PageContent]) -> Table:
    first = item.pieces[0]
    page = contents[first.page - 1]
    box = _unrotated(first.box, page)
    return Table(
        index=index,
        n_rows=item.n_rows,
        n_cols=item.n_cols,
        cells=tuple(sorted(item.cells, key=lambda c: (c.row, c.col))),
        pages=item.pages,
        order=order,
        engine=item.engine,
        provenance=Provenance(page=first.page, bbox=box),
    )


def _unrotated(box: BBox, page: PageContent) -> BBox:
    b = Frame(page.rotation, page.width, page.height).forward(box)
    return BBox(round(b.x0, 2), round(b.top, 2), round(b.x1, 2), round(b.bottom, 2))
