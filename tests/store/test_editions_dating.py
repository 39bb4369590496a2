"""Issue 16, items 1 and 2: editions without dates, readings of part of a plan, and questions
"as of" a date. Invented editions (builders), then the real samples through the pipeline."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import text

from planingest.normalise.records import PlanDocument
from planingest.pipeline import process
from planingest.store import Store

from .builders import plan_document, record

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
D18, D19, D20 = date(2018, 10, 1), date(2019, 4, 1), date(2020, 4, 1)
BINS, TREES, LIGHTS = (
    "Replace litter bins on the high street",
    "Plant street trees on Mill Lane",
    "Fit LED street lights in the town centre",
)


def _store(store: Store, run_id: int, doc: PlanDocument, path: str) -> None:
    store.import_document(doc, run_id=run_id, path=path, mtime=None)


def test_a_dated_edition_does_not_remove_what_only_an_undated_one_carried(
    store: Store, run_id: int
) -> None:
    # no refs, no themes: only the dating rule can keep the undated reading's action
    _store(store, run_id, plan_document([record(BINS), record(TREES)], edition=None), "/p/u.docx")
    _store(store, run_id, plan_document([record(TREES), record(LIGHTS)], edition=D19), "/p/d.docx")
    assert sorted(store.actions()["action_text"]) == sorted([BINS, TREES, LIGHTS])
    # a later dated edition that drops what a dated edition carried still removes it
    _store(store, run_id, plan_document([record(LIGHTS)], edition=D20), "/p/e.docx")
    assert sorted(store.actions()["action_text"]) == sorted([BINS, LIGHTS])


def test_an_edition_covering_part_of_a_plan_does_not_close_the_other_parts(
    store: Store, run_id: int
) -> None:
    whole = [record(BINS, "1a"), record(TREES, "2a"), record(LIGHTS, "2b")]
    _store(store, run_id, plan_document(whole, edition=D18), "/p/whole.docx")
    part_two = [record(TREES + " and Station Road", "2a")]  # priority 2 only; 2b dropped
    outcome = store.import_document(
        plan_document(part_two, edition=D19), run_id=run_id, path="/p/part.docx", mtime=None
    )
    assert (outcome.changed, outcome.removed) == (1, 1)
    assert sorted(store.actions()["ref"]) == ["1a", "2a"]


def test_the_dating_rule_is_stored_with_the_edition(store: Store, run_id: int) -> None:
    doc = plan_document([record(BINS, "1a")], edition=D19, label="April 2019 Update")
    doc.plan.edition_dated_by = "update_column"
    _store(store, run_id, doc, "/p/a.docx")
    with store.engine.connect() as conn:
        row = conn.execute(text("SELECT edition_date, edition_dated_by FROM plan_editions")).one()
    assert (str(row.edition_date), row.edition_dated_by) == ("2019-04-01", "update_column")


def test_as_of_counts_an_undated_edition_from_its_recording_and_says_what_it_left_out(
    store: Store, run_id: int
) -> None:
    _store(store, run_id, plan_document([record(BINS, "1a")], edition=None), "/p/u.docx")
    later = plan_document([record(TREES, "1a")], edition=D19, title="Tidy Towns Action Plan")
    _store(store, run_id, later, "/p/t.docx")
    today = datetime.now(UTC).date()

    now = store.actions(as_of=today)
    assert sorted(now["action_text"]) == sorted([BINS, TREES]) and now.attrs["left_out"] == []
    before = store.actions(as_of=date(2019, 1, 1))
    assert list(before["action_text"]) == []
    reasons = {row["plan_key"].split("/")[-1]: row["reason"] for row in before.attrs["left_out"]}
    assert reasons["greener-estates-action-plan"].startswith("undated: counts from the day")
    assert reasons["tidy-towns-action-plan"] == "its first edition is dated 2019-04-01"
    assert store.overdue(as_of=date(2019, 1, 1)).attrs["left_out"] == before.attrs["left_out"]


@pytest.fixture(scope="module")
def samples_read() -> dict[str, PlanDocument]:
    """The equality plan's readings and the undated-by-front-matter plans, read once."""
    names = [
        "seed002_equality_progress_2018-10.docx",
        "seed002_equality_progress_2019-04.docx",
        "seed002_torn_header.docx",
        "seed000_workforce_transposed.docx",
        "seed003_appendix_2b.docx",
        "seed003_bme_traffic_light.docx",
    ]
    read = {name: process(SAMPLES / name).plan for name in names}
    return {name: doc for name, doc in read.items() if doc is not None}


@pytest.mark.parametrize("reverse", [False, True], ids=["in-order", "reversed"])
def test_samples_keep_the_torn_header_actions_and_answer_as_of_2020(
    store: Store, samples_read: dict[str, PlanDocument], reverse: bool
) -> None:
    run = store.begin_run()
    for name in sorted(samples_read, reverse=reverse):
        store.import_document(samples_read[name], run_id=run, path=f"/s/{name}", mtime=None)

    current = store.actions()
    assert {"1c", "1d", "1e", "1f", "4a", "4c"} <= set(current["ref"])
    overdue = store.overdue(as_of=date(2020, 1, 1))
    # seed000 (2013-14) and seed003 (2010), unfinished and past their deadlines by 2020:
    # 8 + 7 + 8 records so in samples/*.expected.json
    years = {str(day)[:4] for day in overdue["deadline_latest"]}
    assert len(overdue) == 23 and years <= {"2010", "2013", "2014"}
    assert overdue.attrs["left_out"] == []
