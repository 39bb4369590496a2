"""Read an image file (PNG, JPEG, a TIFF of one page or many) as a scanned plan.

Each frame is a page, read by OCR (:meth:`ocr_page.Scanner.read_image`) into the page content a
scanned PDF page gives, and the pages are assembled as a PDF's are
(:func:`pdf.assemble_document`): the same finders, stitching and normaliser.

A small file can declare a huge image (a 30000 × 30000 PNG header is 2.7 GB of RGB pixels) or
thousands of frames, so both are checked from the headers before any pixel is decoded, and
frames are decoded one at a time.

An image's resolution sets the page size in points the finders measure in, and how large its
letters are for Tesseract. One that records none (or one that would make the page longer than
A3) is taken as an A4 page; one under :data:`UPSCALE_BELOW` dpi (a 72 dpi export, a poor
scan) is upscaled for OCR, with a warning that it reads worse, and one over
:data:`DOWNSCALE_ABOVE` dpi brought down, which reads as well and much faster.
"""

from __future__ import annotations

import io
import math
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
from planingest.extractor.ocr_network import with_network
from planingest.extractor.ocr_page import Scanner
from planingest.extractor.pdf import assemble_document
from planingest.extractor.pdf_finders import RULED, find_tables
from planingest.extractor.pdf_tuning import DEFAULT_TUNING
from planingest.extractor.source import SourceFile

MAX_PIXELS = 80_000_000
"""Pixels of one frame at most: an A3 page at 600 dpi is 70 million. Below Pillow's own warning
bound (89 million), which is also taken as this limit."""

A4_INCHES = 297 / 25.4
"""The long side of an A4 page: what an image is taken to show when its resolution is unknown."""

MAX_PAGE_INCHES = 17.5
"""A recorded resolution that makes the page longer than this (A3 is 16.5 inches) is not
believed: many programs write 72 dpi whatever the scan's resolution was."""

UPSCALE_BELOW = 150.0
"""Resolution under which a frame is upscaled (Lanczos) to the OCR resolution of PDF pages before
it is read. Measured on the climate plan's page: at 100 dpi field accuracy 0.84 as it is, 1.00
upscaled; at 72 dpi record F1 0.00 as it is, 1.00 upscaled (accuracy 0.94)."""

DOWNSCALE_ABOVE = 300.0
"""Resolution a finer frame is brought down to before it is read. The climate plan's page at 600
dpi took 23.5 s read as it is (field accuracy 0.95) and 9.9 s brought down to 300 (0.97), on a
loaded machine; 300 dpi itself 3.9–6.6 s."""

MAX_UPSCALED_PIXELS = 16_000_000
"""Pixels of an upscaled frame at most (A3 at 200 dpi is 7.8 million)."""


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
                contents = []
                for number, frame in _frames(image, path):
                    frame, dpi, notes = _for_ocr(frame)
                    page = scanner.read_image(frame, number, "an image file", grid, dpi)
                    found = find_tables(page, RULED, DEFAULT_TUNING)
                    contents.append(with_network(found, scanner.glyphs[number]))
                    for note in notes:
                        scanner.warnings.setdefault(note, []).append(number)
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
    """Page ``number`` (the 1-based frame) of an image file as it was read (RGB, square pixels),
    with the resolution it was read at (so a box in points, as provenance gives it, lands on it);
    None when the file has fewer frames. The size limit holds here as when reading."""
    with Image.open(path) as image:
        try:
            image.seek(number - 1)
        except (EOFError, ValueError):
            return None
        _check_size(image, number, path)
        image.load()
        frame, dpi, _ = _for_ocr(image)
        return frame, dpi


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


def _frames(image: Image.Image, path: str) -> Iterator[tuple[int, Image.Image]]:
    """Each frame (its size checked before it is decoded) with its number."""
    for number, frame in enumerate(ImageSequence.Iterator(image), start=1):
        _check_size(frame, number, path)
        try:
            frame.load()
        except OSError as exc:
            raise CorruptDocument(
                f"page {number} of the image is truncated or damaged ({exc})", path=path
            ) from exc
        yield number, frame


def _for_ocr(frame: Image.Image) -> tuple[Image.Image, float, list[str]]:
    """A frame as RGB with square pixels at a resolution Tesseract reads well (from
    :data:`UPSCALE_BELOW` to :data:`DOWNSCALE_ABOVE` dpi), that resolution, and what was guessed
    or changed to get there. A fax is 204 × 98 dpi: its rows are stretched to square pixels
    before it is read, not squashed letters."""
    from planingest.extractor.ocr import OCR_DPI

    rgb = frame.convert("RGB")
    (x_dpi, y_dpi), notes = _resolution(frame)
    recorded = max(x_dpi, y_dpi)
    dpi = OCR_DPI if recorded < UPSCALE_BELOW else min(recorded, DOWNSCALE_ABOVE)
    width, height = rgb.size
    scale_x, scale_y = dpi / x_dpi, dpi / y_dpi
    most = max(width * height, MAX_UPSCALED_PIXELS)
    cap = min(1.0, math.sqrt(most / (width * height * scale_x * scale_y)))
    size = (round(width * scale_x * cap), round(height * scale_y * cap))
    dpi = x_dpi * size[0] / width
    if recorded < UPSCALE_BELOW:
        upscaled = f", upscaled to {dpi:.0f} dpi for OCR" if size[0] > width else ""
        notes.append(f"a low resolution ({recorded:.0f} dpi){upscaled}: expect misread words")
    if size != rgb.size:
        rgb = rgb.resize(size, Image.Resampling.LANCZOS)
    return rgb, dpi, notes


def _resolution(frame: Image.Image) -> tuple[tuple[float, float], list[str]]:
    """The frame's horizontal and vertical resolution as the file records them, or, when it
    records none or a nonsense one (a JPEG without a JFIF density says 1 or 0; 72 dpi on an A4
    scan is a program's default), the square resolution that makes it an A4 page, with a note
    saying so."""
    dpi = frame.info.get("dpi")
    try:
        x_dpi, y_dpi = (float(dpi[0]), float(dpi[1])) if dpi else (0.0, 0.0)
    except (TypeError, ValueError, IndexError):
        x_dpi = y_dpi = 0.0
    inches = max(frame.width / x_dpi, frame.height / y_dpi) if min(x_dpi, y_dpi) >= 50 else 0.0
    if 0 < inches <= MAX_PAGE_INCHES:
        return (x_dpi, y_dpi), []
    guessed = max(frame.size) / A4_INCHES
    said = (
        f"records {x_dpi:.0f} dpi, which would make the page {inches:.0f} inches long"
        if inches
        else "records no resolution"
    )
    return (guessed, guessed), [f"the image {said}: taken as an A4 page ({guessed:.0f} dpi)"]
