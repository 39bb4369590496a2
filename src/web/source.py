"""The source beside a value: a PDF page or an image file's page (a TIFF frame) rendered to PNG
(cached on disk by content hash), or a Word table as cells to lay out as HTML, with the cell a
value was read from.

Files are found through the paths the store saw the content at, and their bytes are checked
against the content's SHA-256 before anything is rendered: a file changed or replaced since it
was read is not shown as its source. Nothing here takes a path from a request.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from planingest.errors import NotFound
from planingest.extractor import Table, extract
from planingest.extractor.image import page_image

__all__ = ["PageImage", "PageRenderer", "WordTable", "verified_file", "word_table"]

RENDER_SCALE = 2.0
"""Pixels per PDF point of a rendered page (144 dpi): sharp enough to read a cell."""


@dataclass(frozen=True)
class PageImage:
    """A rendered page on disk and its size in PDF points (the SVG that shows it lays boxes out
    in points)."""

    path: Path
    width: float
    height: float


_verified: dict[tuple[str, int, int], str] = {}
_verified_lock = threading.Lock()


def _sha256_of(path: Path) -> str:
    """The file's SHA-256, remembered while its size and mtime stay the same."""
    stat = path.stat()
    key = (str(path), stat.st_size, stat.st_mtime_ns)
    with _verified_lock:
        known = _verified.get(key)
    if known is None:
        digest = hashlib.sha256()
        with path.open("rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
        known = digest.hexdigest()
        with _verified_lock:
            _verified[key] = known
    return known


def verified_file(sha256: str, paths: Iterable[str]) -> Path:
    """The first of ``paths`` (the store's sightings of the content) that still holds exactly
    these bytes; :class:`NotFound` naming what was tried when none does."""
    tried = []
    for name in paths:
        path = Path(name)
        try:
            if path.is_file() and _sha256_of(path) == sha256:
                return path
        except OSError:
            pass
        tried.append(name)
    raise NotFound(
        "the source file is no longer where it was read (or its bytes changed): "
        + (", ".join(tried) or "no path recorded"),
        kind="source file",
        key=sha256,
    )


class PageRenderer:
    """Renders pages into ``folder`` as ``<sha256>-p<page>.png``, once: PDF pages with
    pypdfium2, image files' frames with Pillow."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._lock = threading.Lock()

    def page(self, sha256: str, page: int, paths: Iterable[str], format: str = "pdf") -> PageImage:
        """Page ``page`` (1-based) of the content ``sha256`` (``format`` pdf or image), rendered
        if not cached yet."""
        if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
            raise ValueError(f"not a SHA-256: {sha256!r}")
        image = self.folder / f"{sha256}-p{int(page)}.png"
        meta = image.with_suffix(".json")
        if image.is_file() and meta.is_file():
            size = json.loads(meta.read_text(encoding="utf-8"))
            return PageImage(image, size["width"], size["height"])
        source = verified_file(sha256, paths)
        render = _render if format == "pdf" else _render_image
        with self._lock:  # pdfium is not thread-safe
            width, height = render(source, page, image)
        meta.write_text(json.dumps({"width": width, "height": height}), encoding="utf-8")
        return PageImage(image, width, height)


def _render(source: Path, page_no: int, target: Path) -> tuple[float, float]:
    import pypdfium2  # here: only rendering needs it

    document = pypdfium2.PdfDocument(str(source))
    try:
        if not 1 <= page_no <= len(document):
            raise NotFound(f"page {page_no} is not in the source", kind="page", key=page_no)
        page = document[page_no - 1]
        width, height = page.get_size()
        _save(page.render(scale=RENDER_SCALE).to_pil(), target)
        return float(width), float(height)
    finally:
        document.close()


def _render_image(source: Path, page_no: int, target: Path) -> tuple[float, float]:
    """An image file's frame as PNG at :data:`RENDER_SCALE` pixels per point, and its size in
    points at the resolution it was read at."""
    found = page_image(str(source), page_no)
    if found is None:
        raise NotFound(f"page {page_no} is not in the source", kind="page", key=page_no)
    frame, dpi = found
    width, height = (v * 72 / dpi for v in frame.size)
    size = (max(1, round(width * RENDER_SCALE)), max(1, round(height * RENDER_SCALE)))
    _save(frame.resize(size) if size != frame.size else frame, target)
    return width, height


def _save(image: Any, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.{os.getpid()}.{threading.get_ident()}")
    image.save(partial, format="PNG")
    partial.replace(target)  # atomic: a reader never sees half an image


@dataclass(frozen=True)
class WordTable:
    """A Word table as a grid of cells (text, spans) to render as HTML."""

    rows: list[list[dict[str, Any]]]


@lru_cache(maxsize=32)
def _tables(path: str, sha256: str) -> tuple[Table, ...]:
    return extract(path).tables


def word_table(sha256: str, paths: Iterable[str], table_index: int) -> WordTable:
    """Table ``table_index`` of the Word content ``sha256``: one list of cells per row, each
    cell's ``row``, ``col``, ``text``, ``rowspan``, ``colspan``."""
    source = verified_file(sha256, paths)
    tables = {t.index: t for t in _tables(str(source), sha256)}
    table = tables.get(table_index)
    if table is None:
        raise NotFound(f"table {table_index} is not in the source", kind="table", key=table_index)
    rows: list[list[dict[str, Any]]] = [[] for _ in range(table.n_rows)]
    for cell in sorted(table.cells, key=lambda c: (c.row, c.col)):
        rows[cell.row].append(
            {
                "row": cell.row,
                "col": cell.col,
                "text": cell.text,
                "rowspan": cell.rowspan,
                "colspan": cell.colspan,
                "header": cell.is_header,
            }
        )
    return WordTable(rows)
