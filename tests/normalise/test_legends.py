"""A plan's own legend decides what its colours mean, wherever it is printed and whatever the
colours; the RAG rating is the colour printed.

Each invented plan is written with python-docx at test time: one table whose Status cells hold
only a coloured dot (or only a fill), and a legend in the page header, a key table, or a
sentence. Its colours are deliberately not the traffic-light ones: blue means complete, orange
not started, green in progress."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from docx.document import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import RGBColor
from docx.table import _Cell

from planingest import extract, normalise
from planingest.normalise.records import Rag, Status

BLUE, ORANGE, GREEN = "0070C0", "ED7D31", "00B050"
MEANING = [(BLUE, "Complete"), (ORANGE, "Not started"), (GREEN, "In progress")]
EXPECTED = [
    (Status.COMPLETE, None),
    (Status.NOT_STARTED, Rag.AMBER),
    (Status.IN_PROGRESS, Rag.GREEN),
]


def _shade(cell: _Cell, fill: str) -> None:
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shd)


def _dot(paragraph: docx.text.paragraph.Paragraph, colour: str) -> None:
    paragraph.add_run("●").font.color.rgb = RGBColor.from_string(colour)


def _header_legend(document: Document) -> None:
    paragraph = document.sections[0].header.paragraphs[0]
    for colour, label in MEANING:
        _dot(paragraph, colour)
        paragraph.add_run(f" {label}  ")


def _key_table(document: Document) -> None:
    document.add_paragraph("Status key")
    key = document.add_table(rows=0, cols=2)
    for colour, label in MEANING:
        cells = key.add_row().cells
        _shade(cells[0], colour)
        cells[1].text = label


def _sentence(document: Document) -> None:
    document.add_paragraph(
        "Progress is shown by colour: Blue – complete; Orange – not started; Green – in progress."
    )


def _plan(path: Path, legend: Callable[[Document], None], fill_only: bool) -> Path:
    document = docx.Document()
    document.add_heading("Community Safety Plan 2024/25", level=1)
    legend(document)
    table = document.add_table(rows=1, cols=3)
    for cell, header in zip(table.rows[0].cells, ("Action", "Lead Officer", "Status"), strict=True):
        cell.text = header
    for number, (colour, _label) in enumerate(MEANING, start=1):
        cells = table.add_row().cells
        cells[0].text = f"Deliver the street lighting survey, phase {number}"
        cells[1].text = "Nadia Perrin"
        if fill_only:
            _shade(cells[2], colour)
        else:
            _dot(cells[2].paragraphs[0], colour)
    document.save(str(path))
    return path


@pytest.mark.parametrize(
    "legend", [_header_legend, _key_table, _sentence], ids=["page-header", "key-table", "sentence"]
)
@pytest.mark.parametrize("fill_only", [False, True], ids=["dots", "fills"])
def test_the_plans_legend_decides(
    tmp_path: Path, legend: Callable[[Document], None], fill_only: bool
) -> None:
    records = normalise(extract(_plan(tmp_path / "plan.docx", legend, fill_only))).records
    assert [(r.status, r.rag) for r in records] == EXPECTED
    assert all(r.status_source == "colour" for r in records)


def test_page_header_text_is_no_theme_or_title(tmp_path: Path) -> None:
    plan = normalise(extract(_plan(tmp_path / "plan.docx", _header_legend, fill_only=False)))
    assert plan.plan.title == "Community Safety Plan 2024/25"
    assert all(r.theme is None for r in plan.records)
