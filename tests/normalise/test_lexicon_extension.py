"""A user's own column wordings, added through ``PLANINGEST_LEXICON`` without touching code."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from docx import Document

PLANINGEST = str(Path(sys.executable).with_name("planingest"))


def _plan(path: Path) -> None:
    document = Document()
    document.add_heading("Greener Depots Plan 2025-2026", 0)
    table = document.add_table(rows=1, cols=4)
    for cell, text in zip(table.rows[0].cells, ["Ref", "Action", "Champion", "Due"], strict=True):
        cell.text = text
    for row in (["1", "Fit solar panels at Ashby depot", "Priya Lindqvist", "March 2026"],):
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = text
    document.save(str(path))


def _records(plan: Path, env: dict[str, str]) -> list[dict[str, object]]:
    out = subprocess.run(
        [PLANINGEST, "extract", str(plan), "--json"],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    return list(json.loads(out.stdout)["records"])


def test_an_extra_lexicon_maps_a_house_header_onto_lead(tmp_path: Path) -> None:
    plan = tmp_path / "plan.docx"
    _plan(plan)
    env = {k: v for k, v in os.environ.items() if k != "PLANINGEST_LEXICON"}

    (shipped,) = _records(plan, env)
    # unknown header: the column-role classifier reads a person's name in it, and says it decided
    assert shipped["lead"]["people"] == ["Priya Lindqvist"]
    assert shipped["provenance"]["lead"]["decided_by"] == "classifier"
    assert shipped["extra"] == {}

    extra = tmp_path / "our-headers.yaml"
    extra.write_text("entries:\n  - field: lead\n    headers: [Champion]\n", encoding="utf-8")
    (extended,) = _records(plan, {**env, "PLANINGEST_LEXICON": str(extra)})
    assert extended["extra"] == {}
    assert extended["lead"]["people"] == ["Priya Lindqvist"]
    assert extended["provenance"]["lead"].get("decided_by") is None  # the lexicon decided
    assert extended["action"] == "Fit solar panels at Ashby depot"
