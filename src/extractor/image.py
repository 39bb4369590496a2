"""Read an image file (PNG, JPEG, a TIFF of one page or many) as a scanned plan.

Each frame is a page, read by OCR (:meth:`ocr_page.Scanner.read_image`) into the page content a
scanned PDF page gives, and the pages are assembled as a PDF's are
(:func:`pdf.assemble_document`): the same finders, stitching and normaliser.

A small file can declare a huge image (a 30000 × 30000 PNG header is 2.7 GB of RGB pixels) or
thousands of frames, so both are checked from the headers before any pixel is decoded, and
frames are decoded one at a time.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Iterator

from PIL import Image, ImageSequence

from planingest.errors import (
    CorruptDocument,
    EmptyDocument,
    LimitExceeded,
    NeedsOCR,
    PlanIngestError,
    raised_by,
)
from planingest.extractor.model import ExtractedDocument
from planingest.extractor.ocr_page import Scanner
from planingest.extractor.pdf import assemble_document
from planingest.extractor.pdf_finders import RULED, find_tables
from planingest.extractor.pdf_tuning import DEFAULT_TUNING
from planingest.extractor.source import SourceFile

MAX_PIXELS = 80_000_000
"""Pixels of one frame at most: an A3 page at 600 dpi is 70 million. Below Pillow's own warning
bound (89 million), which is also taken as this limit."""

DEFAULT_DPI = 200.0
"""Resolution assumed when the file does not say (the OCR resolution of PDF pages)."""


def read_image(
    source: SourceFile,
    *,
    max_pages: int | None = None,
    ocr: bool = True,
    ocr_languages: str = "eng",
) -> ExtractedDocument:
    """Read the frames of an image file by OCR in ``ocr_languages`` into a document.

    Raises :class:`LimitExceeded` (a frame over :data:`MAX_PIXELS`, more frames than
    ``max_pages``), :class:`CorruptDocument` (unreadable or truncated), :class:`NeedsOCR` (``ocr``
    off) and :class:`EmptyDocument` (OCR read no text).
    """
    path = str(source.path)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(source.data))
            with image:
                _check_frames(image, max_pages, path)
                if not ocr:
                    raise NeedsOCR(
                        "an image file has no text layer; OCR is off (turn it on to read it)",
                        path=path,
                    )
                scanner = Scanner(b"", ocr_languages)
                grid = DEFAULT_TUNING.grid
                contents = [
                    find_tables(
                        scanner.read_image(frame, number, "an image file", grid, dpi),
                        RULED,
                        DEFAULT_TUNING,
                    )
                    for number, frame, dpi in _frames(image, path)
                ]
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise LimitExceeded(f"an image too large to decode ({exc})", path=path) from exc
    except PlanIngestError:
        raise
    except Exception as exc:
        if raised_by(exc, ("PIL",)):
            raise CorruptDocument(f"the image cannot be read ({exc})", path=path) from exc
        raise
    if not any(c.pieces or c.free_glyphs for c in contents):
        raise EmptyDocument("OCR read no text in the image", path=path)
    return assemble_document(source, contents, scanner)


def page_image(path: str, number: int) -> tuple[Image.Image, float] | None:
    """Page ``number`` (the 1-based frame) of an image file as RGB, with the resolution it was
    read at (so a box in points, as provenance gives it, lands on it); None when the file has
    fewer frames. The size limit holds here as when reading."""
    with Image.open(path) as image:
        try:
            image.seek(number - 1)
        except (EOFError, ValueError):
            return None
        _check_size(image, number, path)
        image.load()
        return image.convert("RGB"), _dpi(image)


def _check_frames(image: Image.Image, max_pages: int | None, path: str) -> None:
    """Refuse more frames than ``max_pages`` (seeking just past the limit, so a TIFF of 10,000
    pages is not walked to its end) and a first frame over :data:`MAX_PIXELS`."""
    _check_size(image, 1, path)
    if max_pages is None:
        return
    try:
        image.seek(max_pages)
    except EOFError:
        image.seek(0)
        return
    raise LimitExceeded(f"more than {max_pages} pages (frames), the limit", path=path)


def _check_size(frame: Image.Image, number: int, path: str) -> None:
    width, height = frame.size
    if width * height > MAX_PIXELS:
        raise LimitExceeded(
            f"page {number} is {width} × {height} pixels, more than the limit of {MAX_PIXELS:,}",
            path=path,
        )


def _frames(image: Image.Image, path: str) -> Iterator[tuple[int, Image.Image, float]]:
    """Each frame (its size checked before it is decoded) as RGB, with its number and dpi."""
    for number, frame in enumerate(ImageSequence.Iterator(image), start=1):
        _check_size(frame, number, path)
        try:
            frame.load()
        except OSError as exc:
            raise CorruptDocument(
                f"page {number} of the image is truncated or damaged ({exc})", path=path
            ) from exc
        yield number, frame.convert("RGB"), _dpi(frame)


def _dpi(frame: Image.Image) -> float:
    """The horizontal resolution the file records, or :data:`DEFAULT_DPI` when it records none
    or a nonsense one (a JPEG without a JFIF density says 1 or 0)."""
    dpi = frame.info.get("dpi")
    try:
        value = float(dpi[0]) if dpi else 0.0
    except (TypeError, ValueError, IndexError):
        value = 0.0
    return value if value >= 50 else DEFAULT_DPI
