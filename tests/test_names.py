"""File names as data: the stored form round-trips, the shown form is one safe line."""

from __future__ import annotations

import os

import pytest

from planingest.names import from_stored, shown, shown_text, stored


@pytest.mark.parametrize(
    "raw",
    [b"/share/bad\xff\xfebytes.docx", b"/share/caf\xe9.pdf", b"/share/plain.docx", b"/a/\xc3"],
)
def test_stored_form_is_utf8_and_round_trips(raw: bytes) -> None:
    name = os.fsdecode(raw)
    text = stored(name)
    text.encode("utf-8")  # strict: what any database and JSON take
    assert os.fsencode(from_stored(text)) == raw
    assert stored(raw) == text


def test_valid_names_are_stored_unchanged() -> None:
    for name in ("/share/Plan 2024 – draft.docx", "/share/x[/b].docx", "/a/\\x41 \\xc3\\xa9.pdf"):
        assert stored(name) == name
        assert from_stored(name) == name
    # The documented ambiguity: a valid name spelling an escape of a byte that is not UTF-8.
    assert os.fsencode(from_stored("/a/\\xff.pdf")) == b"/a/\xff.pdf"
    assert stored(os.fsdecode(b"/s/bad\xff.docx")) == "/s/bad\\xff.docx"


def test_shown_form_is_one_line() -> None:
    forged = "/share/a.docx: 3 records\nimported     /share/evil.docx"
    assert shown(forged) == "/share/a.docx: 3 records\\nimported     /share/evil.docx"
    assert "\n" not in shown_text(f"cannot open {forged}\x1b[31m")
    assert shown_text("plain [bold] text") == "plain [bold] text"
    assert shown_text("lone \ud800 surrogate") == "lone \\ud800 surrogate"
