"""Hostile Word packages: markup hidden by name or encoding, spans past the grid, encryption."""

from __future__ import annotations

import re
import time
import zipfile
from pathlib import Path

import pytest

from planingest.errors import EncryptedDocument, LimitExceeded, UnsafeDocument
from planingest.extractor import extract

from . import makers

DOCTYPE = b'<!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'


@pytest.fixture
def good(tmp_path: Path) -> Path:
    return makers.word_plan(tmp_path / "good.docx", "Climate Action Plan", makers.plan_rows(3))


def _with_doctype(document: bytes) -> bytes:
    head, _, body = document.partition(b"?>")
    return head + b"?>" + DOCTYPE + body


def test_a_utf32_part_declaring_entities_is_refused(tmp_path: Path, good: Path) -> None:
    members = makers.docx_members(good)
    text = _with_doctype(members["word/document.xml"]).decode("utf-8")
    text = text.replace('encoding="UTF-8"', 'encoding="UTF-32"')
    members["word/document.xml"] = "\ufeff".encode("utf-32-be") + text.encode("utf-32-be")
    hostile = makers.zip_file(tmp_path / "utf32.docx", members)

    with pytest.raises(UnsafeDocument, match="word/document.xml declares DOCTYPE"):
        extract(hostile)


def test_a_part_with_any_name_is_checked(tmp_path: Path, good: Path) -> None:
    members = makers.docx_members(good)
    members["word/styles.dat"] = _with_doctype(members["word/styles.xml"])
    hostile = makers.zip_file(tmp_path / "renamed.docx", members)

    with pytest.raises(UnsafeDocument, match="word/styles.dat declares DOCTYPE"):
        extract(hostile)


@pytest.mark.parametrize(
    ("attribute", "element", "value"),
    [
        ("w:gridSpan", b"<w:tcPr>", 3_000_000),
        ("w:gridSpan", b"<w:tcPr>", 100_000),
        ("w:gridBefore", b"<w:trPr>", 10**9),
        ("w:gridAfter", b"<w:trPr>", 10**9),
    ],
)
def test_spans_past_the_grid_are_refused_by_name(
    tmp_path: Path, good: Path, attribute: str, element: bytes, value: int
) -> None:
    members = makers.docx_members(good)
    document = members["word/document.xml"]
    if element == b"<w:trPr>" and element not in document:
        document = re.sub(rb"<w:tr( [^>]*)?>", rb"\g<0><w:trPr></w:trPr>", document, count=1)
    tag = f'<{attribute} w:val="{value}"/>'.encode()
    members["word/document.xml"] = document.replace(element, element + tag, 1)
    hostile = makers.zip_file(tmp_path / "span.docx", members)

    started = time.monotonic()
    with pytest.raises(LimitExceeded, match=attribute) as raised:
        extract(hostile)
    assert f"{value:,}" in raised.value.reason
    assert time.monotonic() - started < 5  # refused before any cell is laid out


def test_a_zip_entry_flagged_encrypted_is_an_encrypted_document(tmp_path: Path, good: Path) -> None:
    data = bytearray(good.read_bytes())
    with zipfile.ZipFile(good) as archive:
        info = archive.getinfo("word/document.xml")
    data[info.header_offset + 6] |= 0x1  # the local header's flags...
    central = data.index(b"PK\x01\x02")
    name = info.filename.encode()
    while data[central + 46 : central + 46 + len(name)] != name:
        central = data.index(b"PK\x01\x02", central + 4)
    data[central + 8] |= 0x1  # ...and the central directory's
    hostile = tmp_path / "flagged.docx"
    hostile.write_bytes(bytes(data))

    with pytest.raises(EncryptedDocument, match="word/document.xml .* is encrypted"):
        extract(hostile)
