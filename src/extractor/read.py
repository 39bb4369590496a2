"""Pick the reader for a file by its bytes and run it."""

from __future__ import annotations

from pathlib import Path

from planingest.extractor.model import ExtractedDocument
from planingest.extractor.source import SourceFile, read_source


def extract(
    path: str | Path | SourceFile,
    *,
    password: str | None = None,
    max_pages: int | None = None,
    ocr: bool = True,
    ocr_languages: str = "eng",
) -> ExtractedDocument:
    """Read one PDF, Word or image file into an :class:`ExtractedDocument`.

    Raises a :class:`~planingest.errors.PlanIngestError` subclass (with the path and a reason) for
    anything that cannot be read: empty, corrupt, encrypted, image-only (with ``ocr`` off),
    unsupported, unsafe. Scanned PDF pages and image files are read by OCR in ``ocr_languages``.
    """
    source = path if isinstance(path, SourceFile) else read_source(path)
    if source.format == "docx":
        from planingest.extractor.docx import read_docx

        return read_docx(source)
    if source.format == "image":
        from planingest.extractor.image import read_image

        return read_image(source, max_pages=max_pages, ocr=ocr, ocr_languages=ocr_languages)
    from planingest.extractor.pdf import read_pdf

    return read_pdf(
        source, password=password, max_pages=max_pages, ocr=ocr, ocr_languages=ocr_languages
    )
