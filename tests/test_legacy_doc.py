"""Legacy Word .doc: converted with LibreOffice when it is installed, else refused clearly.

``tests/data/legacy_plan.doc`` is an invented two-action plan saved as .doc by LibreOffice
(written via ODT: LibreOffice's direct .docx → .doc export drops python-docx tables).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from planingest.errors import UnsupportedFormat
from planingest.extractor import extract

LEGACY = Path(__file__).with_name("data") / "legacy_plan.doc"


def test_doc_is_converted_and_read() -> None:
    assert shutil.which("soffice"), "LibreOffice is needed for this test (.ci/run installs it)"
    document = extract(LEGACY)
    assert document.source.format == "docx"
    assert document.source.size == LEGACY.stat().st_size  # identity is the .doc's own bytes
    (table,) = document.tables
    assert table.text_rows() == [
        ["Action", "Lead Officer", "Target Date"],
        ["Replant the avenue of limes", "Marta Lindqvist", "March 2022"],
        ["Open the community orchard", "Parks Team", "Summer 2021"],
    ]


def test_doc_without_libreoffice_is_refused_with_a_reason(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(UnsupportedFormat) as caught:
        extract(LEGACY)
    assert "legacy Word .doc needs LibreOffice" in str(caught.value)
    assert str(LEGACY) in str(caught.value)
