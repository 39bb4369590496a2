"""Issue 16 in the normaliser: status words beat colour, no deadline column means no deadline
kind, and an edition the front matter leaves undated is dated from what the document says."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import RGBColor

from planingest.normalise.plan_meta import date_edition
from planingest.normalise.records import ActionRecord, PlanMeta, ProgressEntry, Rag, Status
from planingest.normalise.status import status_from_cell
from planingest.pipeline import process

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
AMBER = "FFC000"


def _plan(path: Path, header: list[str], rows: list[list[tuple[str, str | None]]]) -> Path:
    """A one-table Word plan; each cell is (text, fill colour or None)."""
    document = docx.Document()
    document.add_paragraph("Tidy Streets Action Plan")
    table = document.add_table(rows=1 + len(rows), cols=len(header))
    for col, name in enumerate(header):
        table.cell(0, col).text = name
    for r, row in enumerate(rows, start=1):
        for col, (text, fill) in enumerate(row):
            cell = table.cell(r, col)
            cell.text = text
            if fill:
                shading = OxmlElement("w:shd")
                shading.set(qn("w:val"), "clear")
                shading.set(qn("w:fill"), fill)
                cell._tc.get_or_add_tcPr().append(shading)
    document.save(str(path))
    return path


def test_words_state_the_status_and_the_fill_rates_it(tmp_path: Path) -> None:
    path = _plan(
        tmp_path / "tidy.docx",
        ["Ref", "Action", "Status"],
        [
            [("1", None), ("Replace litter bins on the high street", None), ("Complete", AMBER)],
            [("2", None), ("Survey fly-tipping hot spots", None), ("", AMBER)],
        ],
    )
    result = process(path)
    assert result.plan is not None
    first, second = result.plan.records
    assert (first.status, first.rag, first.status_source) == (Status.COMPLETE, Rag.AMBER, "stated")
    # a fill alone is still read as the colour it is
    assert (second.status, second.rag, second.status_source) == (
        Status.IN_PROGRESS,
        Rag.AMBER,
        "colour",
    )


def test_a_status_dot_beside_words_rates_them_and_a_bullet_does_not(tmp_path: Path) -> None:
    # Issue 13 (colour legends): a "●" left beside the word when the word was updated still
    # carries the printed colour; a coloured list bullet only marks the words.
    document = docx.Document()
    document.add_paragraph("Tidy Streets Action Plan")
    table = document.add_table(rows=3, cols=2)
    for col, name in enumerate(("Action", "Status")):
        table.cell(0, col).text = name
    for row, (action, mark, words) in enumerate(
        [("Replace litter bins", "●", " Complete"), ("Survey fly-tipping", "•", " Not started")], 1
    ):
        table.cell(row, 0).text = action
        paragraph = table.cell(row, 1).paragraphs[0]
        paragraph.add_run(mark).font.color.rgb = RGBColor.from_string("ED7D31")
        paragraph.add_run(words)
    document.save(str(tmp_path / "dots.docx"))
    result = process(tmp_path / "dots.docx")
    assert result.plan is not None
    dot, bullet = result.plan.records
    assert (dot.status, dot.rag, dot.status_source) == (Status.COMPLETE, Rag.AMBER, "stated")
    assert (bullet.status, bullet.rag) == (Status.NOT_STARTED, None)


def test_status_from_cell_keeps_a_stated_rag_and_reads_colour_words_as_colour() -> None:
    stated = status_from_cell("On track", [AMBER])
    assert stated is not None and (stated.status, stated.rag) == (Status.IN_PROGRESS, Rag.GREEN)
    rated = status_from_cell("Amber", [AMBER])
    assert rated is not None and rated.source == "colour"
    assert status_from_cell("", []) is None


def test_no_deadline_column_means_no_deadline_kind(tmp_path: Path) -> None:
    path = _plan(
        tmp_path / "tidy.docx",
        ["Ref", "Action", "Lead"],
        [[("1", None), ("Replace litter bins on the high street", None), ("Street Scene", None)]],
    )
    result = process(path)
    assert result.plan is not None
    (only,) = result.plan.records
    assert only.deadline.kind is None and only.deadline.text == ""


def _progress(*entries: tuple[str, date | None, str]) -> ActionRecord:
    return ActionRecord(
        action="Replace litter bins",
        progress=[
            ProgressEntry(label=label, as_of=as_of, text=text) for label, as_of, text in entries
        ],
    )


@pytest.mark.parametrize(
    ("texts", "records", "path", "expected"),
    [
        (
            ["Tidy Streets", "Position as at 30 June 2021"],
            [],
            "p.docx",
            (date(2021, 6, 30), "as_at"),
        ),
        (
            ["Tidy Streets"],
            [
                _progress(("October 2018 Update", date(2018, 10, 1), "Bins ordered.")),
                _progress(("April 2019 Update", date(2019, 4, 1), "Bins fitted.")),
            ],
            "p.docx",
            (date(2019, 4, 1), "update_column"),
        ),
        (
            ["Tidy Streets"],
            [_progress(("Progress", None, "Ordered in May 2012; fitted by 3 August 2012."))],
            "p.docx",
            (date(2012, 8, 3), "progress_text"),
        ),
        (["Tidy Streets"], [], "/plans/tidy_streets_2017-09.docx", (date(2017, 9, 1), "file_name")),
        (
            ["Tidy Streets"],
            [],
            "/plans/Tidy Streets March 2016.pdf",
            (date(2016, 3, 1), "file_name"),
        ),
        (["Tidy Streets"], [], "/plans/tidy_streets.docx", (None, None)),
    ],
)
def test_an_undated_edition_is_dated_by_the_first_rule_that_finds_a_date(
    texts: list[str],
    records: list[ActionRecord],
    path: str,
    expected: tuple[date | None, str | None],
) -> None:
    meta = PlanMeta(title="Tidy Streets")
    date_edition(meta, texts, records, path)
    assert (meta.edition_date, meta.edition_dated_by) == expected


def test_a_front_matter_date_is_kept() -> None:
    meta = PlanMeta(edition_date=date(2020, 1, 9), edition_dated_by="front_matter")
    date_edition(meta, ["as at 1 May 2021"], [], "plan_2019-04.docx")
    assert (meta.edition_date, meta.edition_dated_by) == (date(2020, 1, 9), "front_matter")


def test_the_torn_header_sample_is_dated_by_its_april_2019_update_column() -> None:
    result = process(SAMPLES / "seed002_torn_header.docx")
    assert result.plan is not None
    meta = result.plan.plan
    assert (meta.edition_date, meta.edition_dated_by, meta.edition_label) == (
        date(2019, 4, 1),
        "update_column",
        "April 2019 Update",
    )
