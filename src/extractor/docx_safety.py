"""Check a Word package before any XML parser sees it.

A .docx is a zip of XML parts, so two classic attacks apply: a zip bomb (a few kilobytes that
inflate to gigabytes) and XML entity tricks (billion laughs, external entities). Word itself never
writes a DOCTYPE, so any part that declares one is refused outright rather than parsed carefully.
Every part is looked at, whatever its name (a renamed main part is still parsed), and markup is
found in any of the encodings an XML parser accepts (UTF-8, UTF-16 and UTF-32, either byte
order), not only the ones Word writes.
"""

from __future__ import annotations

import io
import zipfile
import zlib

from planingest.errors import CorruptDocument, EncryptedDocument, UnsafeDocument

MAX_TOTAL_UNCOMPRESSED = 200 * 1024 * 1024
"""Bytes the whole package may inflate to."""
MAX_RATIO = 100
"""Compression ratio above which a large member is treated as a bomb..."""
RATIO_MIN_SIZE = 10 * 1024 * 1024
"""...when it also inflates to more than this many bytes."""

_FORBIDDEN = ("<!DOCTYPE", "<!ENTITY")
_ENCODINGS = ("utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")
_ENCRYPTED_FLAG = 0x1
"""Bit 0 of a zip entry's general purpose flags: the entry is encrypted."""


def check_package(data: bytes, path: str) -> None:
    """Raise :class:`UnsafeDocument` or :class:`CorruptDocument` if ``data`` must not be parsed."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            _check_sizes(members, path)
            for member in members:
                if member.flag_bits & _ENCRYPTED_FLAG:
                    raise EncryptedDocument(
                        f"part {member.filename} of the Word package is encrypted (zip "
                        "encryption, which Word never writes); save an unprotected copy",
                        path=path,
                    )
                # ZipExtFile never yields more than the declared file_size, so the size
                # check above also bounds what this read can inflate to.
                _check_markup(archive.read(member), member.filename, path)
    except zipfile.BadZipFile as exc:
        raise CorruptDocument(f"damaged or truncated zip container ({exc})", path=path) from exc
    except (zlib.error, EOFError, NotImplementedError, ValueError, OSError) as exc:
        raise CorruptDocument(f"a part of the zip cannot be inflated ({exc})", path=path) from exc


def _check_sizes(members: list[zipfile.ZipInfo], path: str) -> None:
    total = sum(member.file_size for member in members)
    if total > MAX_TOTAL_UNCOMPRESSED:
        raise UnsafeDocument(
            f"refused as a possible zip bomb: it would inflate to {total // 2**20} MB "
            f"(limit {MAX_TOTAL_UNCOMPRESSED // 2**20} MB)",
            path=path,
        )
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if ratio > MAX_RATIO and member.file_size > RATIO_MIN_SIZE:
            raise UnsafeDocument(
                f"refused as a possible zip bomb: part {member.filename} inflates "
                f"{ratio:.0f}-fold to {member.file_size // 2**20} MB",
                path=path,
            )


def _check_markup(content: bytes, part: str, path: str) -> None:
    for encoding in _ENCODINGS:
        for marker in _FORBIDDEN:
            if marker.encode(encoding) in content:
                raise UnsafeDocument(
                    f"refused for safety: part {part} declares {marker[2:]} "
                    "(Word never writes one; it can hide entity expansion attacks)",
                    path=path,
                )
