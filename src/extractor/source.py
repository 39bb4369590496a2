"""Identify a file by its bytes: format, size and sha256, before any reader touches it.

File names lie (a ``.docx`` that is really a saved web page, a ``.pdf`` that is a Word file), so
the format comes from the magic bytes. The sha256 is the content identity the store keys on.
"""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import stat
import subprocess
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from planingest.errors import (
    CorruptDocument,
    EmptyDocument,
    EncryptedDocument,
    SourceChanged,
    UnsupportedFormat,
)
from planingest.extractor.model import DocumentFormat

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_OOXML = "EncryptionInfo".encode("utf-16-le")
"""The stream a password-protected .docx keeps (as an OLE container) beside its encrypted
package: such a file is refused as encrypted, not handed to LibreOffice as a legacy .doc."""
_IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")
"""PNG, JPEG and TIFF (little- and big-endian): read as scanned pages."""
_HTML_STARTS = (b"<html", b"<!doctype html", b"<?xml", b"mime-version:", b"<head", b"<body")


@dataclass(frozen=True)
class SourceFile:
    """A file's identity, read once: the readers work from ``data`` so that what was hashed is
    exactly what was parsed, even if the file changes on the shared drive meanwhile."""

    path: Path
    format: DocumentFormat
    sha256: str
    """Of the file's own bytes (for a converted legacy .doc, of the .doc)."""
    size: int
    data: bytes
    """The bytes the reader parses (for a legacy .doc, the converted .docx)."""


_SPECIAL_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


def read_source(path: str | Path) -> SourceFile:
    """Read ``path`` and work out its format; raise a :class:`PlanIngestError` if it has none."""
    path = Path(path)
    data = read_regular(path)
    if not data:
        raise EmptyDocument("file is empty (0 bytes)", path=str(path))
    digest = sha256_hex(data)
    if is_legacy_doc(data) and _ENCRYPTED_OOXML in data:
        raise EncryptedDocument(
            "a password-protected Word document (an encrypted package); save an unprotected "
            "copy to import it",
            path=str(path),
        )
    if is_legacy_doc(data):
        converted = convert_legacy_doc(path, data)
        return SourceFile(path=path, format="docx", sha256=digest, size=len(data), data=converted)
    fmt = sniff_format(data, path)
    return SourceFile(path=path, format=fmt, sha256=digest, size=len(data), data=data)


def read_regular(path: str | Path) -> bytes:
    """The bytes of the regular file at ``path``; a FIFO, socket or device is refused without
    reading it (opened non-blocking, so a FIFO with no writer cannot hang the reader)."""
    with open_regular(path) as stream:
        return stream.read()


def open_regular(path: str | Path) -> io.BufferedReader:
    """Open a regular file for reading, or raise :class:`UnsupportedFormat` /
    :class:`SourceChanged` with a reason (never blocks on a special file)."""
    where = str(path)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError as exc:
        raise SourceChanged("file not found (moved or deleted?)", path=where) from exc
    except IsADirectoryError as exc:
        raise UnsupportedFormat("is a folder, not a file", path=where) from exc
    except PermissionError as exc:
        raise UnsupportedFormat(
            "permission denied: the file cannot be read by this user", path=where
        ) from exc
    except OSError as exc:  # a socket (ENXIO), a device that is gone, an I/O error...
        try:
            mode = os.stat(path).st_mode
        except OSError:
            mode = stat.S_IFREG
        if not stat.S_ISREG(mode):
            raise _not_regular(mode, where) from exc
        raise UnsupportedFormat(
            f"cannot be opened ({os.strerror(exc.errno or 0) or exc})", path=where
        ) from exc
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        raise _not_regular(mode, where)
    os.set_blocking(fd, True)
    return os.fdopen(fd, "rb")


def _not_regular(mode: int, where: str) -> UnsupportedFormat:
    kind = next((name for test, name in _SPECIAL_KINDS if test(mode)), "a special file")
    return UnsupportedFormat(f"is {kind}, not a regular file; not read", path=where)


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sniff_format(data: bytes, path: Path) -> DocumentFormat:
    """``pdf``, ``docx`` or ``image`` from the bytes; anything else raises with a reason."""
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if data.startswith(_IMAGE_MAGIC):
        return "image"
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return _sniff_zip(data, path)
    lowered = head.lstrip().lower()
    if lowered.startswith(_HTML_STARTS):
        raise UnsupportedFormat(
            "an HTML/MHT web page saved with a Word or PDF name, not a real Word or PDF file",
            path=str(path),
        )
    raise UnsupportedFormat(
        "not a PDF, Word (.docx, .doc) or image (.png, .jpg, .tif) file", path=str(path)
    )


def _sniff_zip(data: bytes, path: Path) -> DocumentFormat:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except zipfile.BadZipFile as exc:
        raise CorruptDocument(
            f"damaged or truncated zip container ({exc})", path=str(path)
        ) from exc
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names or "ppt/presentation.xml" in names:
        raise UnsupportedFormat("an Excel or PowerPoint file, not a Word document", path=str(path))
    raise UnsupportedFormat("a zip archive that is not a Word document", path=str(path))


def is_legacy_doc(data: bytes) -> bool:
    return data.startswith(_OLE_MAGIC)


def convert_legacy_doc(path: Path, data: bytes) -> bytes:
    """Convert a legacy ``.doc`` to ``.docx`` bytes with LibreOffice, if it is installed."""
    with tempfile.TemporaryDirectory(prefix="planingest-doc-") as tmp:
        src = Path(tmp) / "input.doc"
        src.write_bytes(data)
        out = libreoffice_convert(src, Path(tmp), "docx", path=path, what="legacy Word .doc")
        if out is None:
            raise CorruptDocument("LibreOffice could not convert this .doc file", path=str(path))
        return out.read_bytes()


def libreoffice_convert(
    src: Path,
    outdir: Path,
    target: str,
    *,
    path: Path | None = None,
    what: str = "this file",
    timeout: float = 180,
) -> Path | None:
    """``src`` converted by LibreOffice into ``outdir`` as ``target`` (``docx``, ``pdf``): the
    file written, or None when it could not convert. Each call has a LibreOffice profile of its
    own: two conversions sharing the default profile (two workers, two test processes) make one
    of them fail."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise UnsupportedFormat(
            f"{what} needs LibreOffice (`soffice`) to convert it, and it is not installed",
            path=str(path or src),
        )
    with tempfile.TemporaryDirectory(prefix="planingest-lo-") as profile:
        result = subprocess.run(
            [
                soffice,
                f"-env:UserInstallation={Path(profile).as_uri()}",
                "--headless",
                "--convert-to",
                target,
                "--outdir",
                str(outdir),
                str(src),
            ],
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    out = outdir / f"{src.stem}.{target}"
    return out if result.returncode == 0 and out.exists() else None
