"""Unreadable input: a one-line error naming the path and the reason, and a non-zero exit."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from planingest.cli import app

from helpers import squash

runner = CliRunner()


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    path.write_bytes(buffer.getvalue())
    return path


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.docx", b"", "file is empty (0 bytes)"),
        ("page.docx", b"<html><body>Action plan</body></html>", "HTML/MHT web page"),
        ("notes.pdf", b"just some text, no PDF header", "not a PDF, Word (.docx, .doc) or image"),
        ("truncated.docx", b"PK\x03\x04\x14\x00\x00\x00garbage", "damaged or truncated zip"),
    ],
)
def test_extract_reports_path_and_reason(
    tmp_path: Path, name: str, content: bytes, reason: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    result = runner.invoke(app, ["extract", str(path)])
    assert result.exit_code == 2
    message = squash(result.stderr)
    assert str(path) in message and reason in message


def test_workbook_is_not_a_word_document(tmp_path: Path) -> None:
    path = _zip(
        tmp_path / "plan.docx", {"[Content_Types].xml": b"<x/>", "xl/workbook.xml": b"<x/>"}
    )
    result = runner.invoke(app, ["extract", str(path)])
    assert result.exit_code == 2
    assert "an Excel or PowerPoint file" in squash(result.stderr)


def test_missing_file_is_reported(tmp_path: Path) -> None:
    result = runner.invoke(app, ["extract", str(tmp_path / "nope.pdf")])
    assert result.exit_code == 2
    message = squash(result.stderr)
    assert str(tmp_path / "nope.pdf") in message and "not found" in message


def test_import_goes_on_after_a_bad_file_and_exits_1(tmp_path: Path) -> None:
    folder = tmp_path / "plans"
    folder.mkdir()
    (folder / "empty.pdf").write_bytes(b"")
    (folder / "~$lock.docx").write_bytes(b"owner file")
    db = f"sqlite:///{tmp_path / 'p.db'}"
    result = runner.invoke(app, ["import", str(folder), "--db", db, "--json"])
    assert result.exit_code == 1
    summary = json.loads(result.stdout)
    assert (summary["files"], summary["failed"]) == (1, 1)
