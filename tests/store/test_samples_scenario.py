"""Two real editions of one plan (samples/seed002: October 2018 and April 2019), read by the
whole pipeline and stored. Expected values are read off ``samples/README.md`` ("002 editions:
what differs") and the two documents."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
from sqlalchemy import text

from planingest.normalise.records import PlanDocument
from planingest.store import Store

from .builders import canonical_state, raw_dump, wipe
from helpers import SAMPLES, SEED002_NEW_IN_APRIL, SEED002_UPDATES, read_plan

OCTOBER, APRIL = date(2018, 10, 1), date(2019, 4, 1)


@pytest.fixture(scope="module")
def seed002() -> dict[str, PlanDocument]:
    """Each file read once for the module (the pipeline, not the store, is the slow part)."""
    return {
        name: read_plan(SAMPLES / f"seed002_equality_progress_{name}")
        for name in ("2018-10.docx", "2019-04.docx", "2019-04.pdf")
    }


def _import(store: Store, docs: dict[str, PlanDocument], order: list[str]) -> None:
    run = store.begin_run()
    for name in order:
        store.import_document(docs[name], run_id=run, path=f"/samples/{name}", mtime=None)


def _labels(progress: list[dict[str, object]]) -> list[object]:
    return [entry["label"] for entry in progress]


def test_two_editions_make_one_history(store: Store, seed002: dict[str, PlanDocument]) -> None:
    _import(store, seed002, ["2018-10.docx", "2019-04.docx"])

    plans = store.plans()
    assert len(plans) == 1 and plans.iloc[0]["editions"] == 2
    assert plans.iloc[0]["current_edition_date"] == APRIL
    assert len(store.actions(as_of=OCTOBER)) == 6
    current = store.actions()
    assert len(current) == 7  # 2a 2c 2d 3c 3d 3d 3f: nothing removed, one added

    histories = {int(a): store.history(int(a)) for a in current["action_id"]}
    for action_id, history in histories.items():
        assert not history.empty, action_id
        assert pd.isna(history.iloc[-1]["to_version_no"]), action_id  # open: still current
    in_both = [h for h in histories.values() if h.iloc[0]["from_edition_date"] == OCTOBER]
    assert len(in_both) == 6
    for row in current.itertuples():
        assert _labels(row.progress) == SEED002_UPDATES, row.ref

    # 2a: "via an article in face" (October) became "via comms article in face" (April).
    history_2a = histories[int(current.set_index("ref").loc["2a", "action_id"])]
    assert list(history_2a["change"]) == ["added", "changed"]
    assert "via an article in face" in history_2a.iloc[0]["action_text"]
    assert "via comms article in face" in history_2a.iloc[1]["action_text"]
    assert list(history_2a["from_edition_date"]) == [OCTOBER, APRIL]
    assert _labels(history_2a.iloc[0]["progress"]) == ["October 2018 Update"]

    # 3d's second action is new in April.
    new = current[current["action_text"].str.startswith(SEED002_NEW_IN_APRIL)]
    assert list(new["ref"]) == ["3d"]
    history_new = histories[int(new.iloc[0]["action_id"])]
    assert list(history_new["change"]) == ["added"]
    assert list(history_new["from_edition_date"]) == [APRIL]

    diff = store.diff(plans.iloc[0]["plan_key"], 1, 2)
    assert sorted(diff["change"]) == ["added", *["changed"] * 6]  # every row has an April update


def test_arrival_order_and_reimport_change_nothing(
    store: Store, seed002: dict[str, PlanDocument]
) -> None:
    _import(store, seed002, ["2018-10.docx", "2019-04.docx"])
    in_order = canonical_state(store.engine)
    before = raw_dump(store.engine)
    _import(store, seed002, ["2019-04.docx", "2018-10.docx"])  # the same bytes again
    after = raw_dump(store.engine)
    for table in after:
        if table not in ("file_observation", "import_run"):
            assert after[table] == before[table], table

    wipe(store.engine)
    _import(store, seed002, ["2019-04.docx", "2018-10.docx"])
    assert canonical_state(store.engine) == in_order


def _april_readings(store: Store) -> dict[str, tuple[str, int | None]]:
    with store.engine.connect() as conn:
        rows = conn.execute(
            text("SELECT format, status, edition_seq FROM plan_editions WHERE edition_date = :d"),
            {"d": APRIL},
        ).all()
    return {fmt: (status, seq) for fmt, status, seq in rows}


def test_pdf_twin_does_not_displace_the_word_edition(
    store: Store, seed002: dict[str, PlanDocument]
) -> None:
    """The LibreOffice PDF of the April edition is the same edition read from other bytes (with
    pages, boxes and, at times, a row cut at a page break). Whichever arrives last, the Word
    reading stands for April and the PDF is kept as a replaced reading."""
    _import(store, seed002, ["2018-10.docx", "2019-04.docx", "2019-04.pdf"])
    word_last = canonical_state(store.engine)
    assert _april_readings(store) == {"docx": ("current", 2), "pdf": ("superseded", None)}
    assert len(store.actions()) == 7
    wipe(store.engine)
    _import(store, seed002, ["2019-04.pdf", "2018-10.docx", "2019-04.docx"])
    assert canonical_state(store.engine) == word_last
    assert _april_readings(store) == {"docx": ("current", 2), "pdf": ("superseded", None)}


LED_BY = """
SELECT a.plan_key, a.ref, a.action_text, a.status, a.deadline_latest, l.capacity
FROM actions_current a
JOIN action_version_person l ON l.action_version_id = a.action_version_id
JOIN person p ON p.id = l.person_id
WHERE p.name = :name
ORDER BY a.plan_key, a.ref
"""
"""The README's example: every action a person leads, across all plans, in one join."""


def test_readme_query_actions_led_by_a_person(
    store: Store, seed002: dict[str, PlanDocument]
) -> None:
    _import(store, seed002, ["2018-10.docx", "2019-04.docx"])
    with store.engine.connect() as conn:
        rows = conn.execute(text(LED_BY), {"name": "Hannah Watkins"}).all()
    assert [(r.ref, r.capacity) for r in rows] == [("2d", "lead"), ("3f", "lead")]


@pytest.fixture(scope="module")
def seed003() -> dict[str, PlanDocument]:
    """Two parts of seed 003's appendix: one title, no date, different actions."""
    return {
        name: read_plan(SAMPLES / name)
        for name in (
            "seed003_bme_traffic_light.docx",
            "seed003_bme_traffic_light.pdf",
            "seed003_appendix_2b.docx",
        )
    }


def test_two_parts_under_one_title_are_not_one_edition(
    store: Store, seed003: dict[str, PlanDocument]
) -> None:
    """Same title, both undated, but 12 and 8 different actions: not a Word/PDF pair of one
    edition, so neither part's actions may hide behind the other's as an "alternative"."""
    run = store.begin_run()
    outcomes = {
        name: store.import_document(seed003[name], run_id=run, path=f"/samples/{name}", mtime=None)
        for name in (
            "seed003_appendix_2b.docx",
            "seed003_bme_traffic_light.docx",
            "seed003_bme_traffic_light.pdf",
        )
    }
    part_2b = outcomes["seed003_appendix_2b.docx"]
    word, pdf = (outcomes[f"seed003_bme_traffic_light.{ext}"] for ext in ("docx", "pdf"))
    assert part_2b.status == word.status == "imported"
    assert word.plan_key == f"{part_2b.plan_key}~seed003-bme-traffic-light"
    # The PDF of one part is still a second reading of that part.
    assert pdf.status == "alternative" and pdf.plan_key == word.plan_key
    assert len(store.actions(plan=part_2b.plan_key)) == 8
    assert len(store.actions(plan=word.plan_key)) == 12
