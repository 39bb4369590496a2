"""Helpers shared by the test modules: paths, text and table comparisons, the database, and
the events a test waits on instead of seconds (a reader arriving, a file being opened)."""

from __future__ import annotations

import ctypes
import os
import re
import select
import struct
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, func
from sqlalchemy import select as sql_select
from sqlalchemy.orm import Session

from planingest.extractor.model import ExtractedDocument, Table
from planingest.extractor.pdf import read_pdf
from planingest.extractor.source import libreoffice_convert, read_source
from planingest.normalise.records import PlanDocument
from planingest.pipeline import process

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
CORPORA = ROOT.parent / "shared" / "corpora"
"""Public fixtures with known answers, read in place (never copied into the repo)."""

SEED002_UPDATES = ["October 2018 Update", "April 2019 Update"]
"""The progress columns of samples/seed002's April 2019 edition (its October one has the first)."""
SEED002_NEW_IN_APRIL = "Increase the opportunities for LAC and care leavers"
"""The action the April 2019 edition of seed002 adds (ref 3d)."""


# --- text and tables --------------------------------------------------------------------------


def squash(text: str) -> str:
    """Whitespace collapsed to single spaces: what a reader wraps or pads is not content."""
    return " ".join(text.split())


def squash_rows(rows: list[list[str]]) -> list[list[str]]:
    return [[squash(cell) for cell in row] for row in rows]


Layout = list[tuple[int, int, int, int, str]]


def layout(table: Table, *, spaced: bool = True) -> Layout:
    """Every cell's anchor, spans and text, in reading order. ``spaced=False`` drops whitespace
    altogether, for comparing a PDF (which wraps and hyphenates lines) with its Word original."""
    text = squash if spaced else (lambda t: re.sub(r"\s", "", t))
    return [
        (c.row, c.col, c.rowspan, c.colspan, text(c.text))
        for c in sorted(table.cells, key=lambda c: (c.row, c.col))
    ]


def pdf_twin(docx: Path, outdir: Path) -> Path:
    """The LibreOffice PDF of a Word file, written into ``outdir`` (never kept in the repo)."""
    pdf = libreoffice_convert(docx, outdir, "pdf", timeout=300)
    assert pdf is not None, f"LibreOffice could not make a PDF of {docx}"
    return pdf


def read_pdf_file(path: Path) -> ExtractedDocument:
    """The PDF reader alone (no sniffing by the dispatcher), as the PDF tests want it."""
    return read_pdf(read_source(path))


def read_plan(path: Path) -> PlanDocument:
    """The whole pipeline on one file that must read."""
    result = process(path)
    assert result.plan is not None, result.error
    return result.plan


# --- the database -----------------------------------------------------------------------------


@contextmanager
def session_on(url: str) -> Iterator[Session]:
    """A session on a store the code under test wrote, its engine disposed afterwards."""
    engine = create_engine(url)
    try:
        with Session(engine) as session:
            yield session
    finally:
        engine.dispose()


def count_rows(url: str, model: type) -> int:
    with session_on(url) as session:
        return int(session.scalar(sql_select(func.count()).select_from(model)) or 0)


# --- events to wait on ------------------------------------------------------------------------


_IN_OPEN = 0x20
_EVENT = struct.Struct("iIII")  # struct inotify_event: wd, mask, cookie, len; then the name


class OpenWatch:
    """Names of files opened in one folder, as the kernel reports each open (Linux inotify):
    a test reacts to a reader opening a file instead of guessing when it will."""

    def __init__(self, folder: Path) -> None:
        libc = ctypes.CDLL(None, use_errno=True)
        self.fd = libc.inotify_init1(os.O_CLOEXEC)
        if self.fd < 0 or libc.inotify_add_watch(self.fd, bytes(folder), _IN_OPEN) < 0:
            raise OSError(ctypes.get_errno(), "inotify is not available")

    def opened(self, stop: int) -> Iterator[str]:
        """Each name opened, until the file descriptor ``stop`` becomes readable."""
        while True:
            ready, _, _ = select.select([self.fd, stop], [], [])
            if stop in ready:
                return
            data = os.read(self.fd, 64 * 1024)
            offset = 0
            while offset < len(data):
                _, _, _, size = _EVENT.unpack_from(data, offset)
                name = data[offset + _EVENT.size : offset + _EVENT.size + size].rstrip(b"\0")
                offset += _EVENT.size + size
                yield os.fsdecode(name)

    def close(self) -> None:
        os.close(self.fd)
