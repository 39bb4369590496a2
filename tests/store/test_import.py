"""Importing editions: sightings, new editions, history, ordering, collapse, reprocessing."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import func, select, text

from planingest.store import Store
from planingest.store.models import Action, ActionVersion, FileObservation, PlanVersion

from .builders import canonical_state, plan_document, raw_dump, record, wipe
from .editions import CAR_SHARE, CYCLES, FLEET, FLEET_REWORDED, KEY, SURVEY, document

D19, D20, D21 = date(2019, 4, 1), date(2020, 4, 1), date(2021, 4, 1)


def _count(store: Store, model: type) -> int:
    with store.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(model)).scalar_one())


def test_same_bytes_again_is_a_sighting_only(store: Store, run_id: int) -> None:
    doc = document(D19)
    first = store.import_document(doc, run_id=run_id, path="/plans/a.docx", mtime=None)
    assert first.status == "imported" and first.plan_key == KEY and first.added == 4
    before = raw_dump(store.engine)

    mtime = datetime(2024, 5, 1, 9, 30, tzinfo=UTC)
    again = store.import_document(doc, run_id=run_id, path="/plans/renamed.docx", mtime=mtime)

    assert again.status == "unchanged"
    after = raw_dump(store.engine)
    for table in after:
        if table not in ("file_observation", "import_run"):
            assert after[table] == before[table], table
    with store.engine.connect() as conn:
        paths = conn.execute(select(FileObservation.path, FileObservation.mtime)).all()
    assert sorted(p for p, _ in paths) == ["/plans/a.docx", "/plans/renamed.docx"]
    assert dict(paths)["/plans/renamed.docx"] == mtime


def test_new_edition_builds_history(store: Store, run_id: int) -> None:
    store.import_document(document(D19), run_id=run_id, path="/p/2019.docx", mtime=None)
    outcome = store.import_document(document(D20), run_id=run_id, path="/p/2020.docx", mtime=None)

    # 1.1 status changed, 1.2 reworded, 2.1 the same, 2.2 new, 1.3 gone.
    assert (outcome.added, outcome.changed, outcome.unchanged, outcome.removed) == (1, 2, 1, 1)
    assert outcome.version_no == 2 and not outcome.rebuilt
    current = store.actions(plan=KEY)
    assert sorted(current["ref"]) == ["1.1", "1.2", "2.1", "2.2"]
    cycles = current[current["ref"] == "1.1"].iloc[0]
    assert cycles["status"] == "complete"

    history = store.history(int(cycles["action_id"]))
    assert list(history["status"]) == ["in_progress", "complete"]
    assert list(history["change"]) == ["added", "changed"]
    assert list(history["match_method"]) == ["new", "ref"]
    assert list(history["from_version_no"]) == [1, 2]
    assert history["to_version_no"].iloc[0] == 2
    assert history["to_version_no"].isna().iloc[1]

    editions = store.plans()
    assert editions["current_version_no"].tolist() == [2]
    with store.engine.connect() as conn:
        statuses = dict(conn.execute(select(PlanVersion.version_no, PlanVersion.status)).all())
    assert statuses == {1: "superseded", 2: "current"}


def test_unchanged_action_keeps_its_version(store: Store, run_id: int) -> None:
    store.import_document(document(D19), run_id=run_id, path="/p/2019.docx", mtime=None)
    trees = store.actions(plan=KEY).set_index("ref").loc["2.1"]
    store.import_document(document(D20), run_id=run_id, path="/p/2020.docx", mtime=None)
    still = store.actions(plan=KEY).set_index("ref").loc["2.1"]
    assert still["action_version_id"] == trees["action_version_id"]
    assert still["since_version_no"] == 1


def test_removed_action_is_closed_not_deleted(store: Store, run_id: int) -> None:
    store.import_document(document(D19), run_id=run_id, path="/p/2019.docx", mtime=None)
    fleet_id = int(store.actions(plan=KEY).set_index("ref").loc["1.3", "action_id"])
    store.import_document(document(D20), run_id=run_id, path="/p/2020.docx", mtime=None)

    assert fleet_id not in set(store.actions(plan=KEY)["action_id"])
    history = store.history(fleet_id)
    assert len(history) == 1
    assert history.iloc[0]["action_text"] == FLEET
    assert history.iloc[0]["to_version_no"] == 2
    assert _count(store, Action) == 5  # four of 2019 and the car share scheme


def test_fuzzy_match_in_review_band_is_flagged(store: Store, run_id: int) -> None:
    before = [record(CYCLES, "A"), record(FLEET, "B")]
    after = [record(CYCLES, "A"), record(FLEET_REWORDED, "Z")]  # new ref: text must carry it
    store.import_document(plan_document(before, edition=D19), run_id=run_id, path="a", mtime=None)
    store.import_document(plan_document(after, edition=D20), run_id=run_id, path="b", mtime=None)

    fleet = store.actions().set_index("ref").loc["Z"]
    history = store.history(int(fleet["action_id"]))
    assert list(history["action_text"]) == [FLEET, FLEET_REWORDED]
    assert history.iloc[1]["match_method"] == "fuzzy"
    assert 70 <= history.iloc[1]["match_score"] < 90
    with store.engine.connect() as conn:
        reviews = conn.execute(text("SELECT action_id, record_no FROM match_review")).all()
    assert reviews == [(int(fleet["action_id"]), 1)]


def test_renumbered_refs_follow_the_text(store: Store, run_id: int) -> None:
    """Refs shift when an action is inserted: the wording, not the ref, decides."""
    before = [record(CYCLES, "1"), record(SURVEY, "2")]
    after = [record(CAR_SHARE, "1"), record(CYCLES, "2"), record(SURVEY, "3")]
    store.import_document(plan_document(before, edition=D19), run_id=run_id, path="a", mtime=None)
    outcome = store.import_document(
        plan_document(after, edition=D20), run_id=run_id, path="b", mtime=None
    )
    assert (outcome.added, outcome.changed, outcome.removed) == (1, 2, 0)
    first = store.actions(as_of=D19).set_index("action_text")["action_id"]
    now = store.actions().set_index("action_text")["action_id"]
    assert now[CYCLES] == first[CYCLES] and now[SURVEY] == first[SURVEY]


def test_twin_with_same_records_is_a_duplicate(store: Store, run_id: int) -> None:
    store.import_document(document(D19), run_id=run_id, path="/p/plan.docx", mtime=None)
    twin = document(D19, salt="the PDF export")
    outcome = store.import_document(twin, run_id=run_id, path="/p/plan.pdf", mtime=None)
    assert outcome.status == "duplicate"
    assert _count(store, PlanVersion) == 1 and _count(store, FileObservation) == 2


def test_out_of_order_import_equals_in_order(store: Store, run_id: int) -> None:
    for edition in (D19, D20, D21):
        store.import_document(document(edition), run_id=run_id, path=str(edition), mtime=None)
    in_order = canonical_state(store.engine)
    in_order_ids = store.actions()[["action_text", "action_id"]]
    wipe(store.engine)

    run = store.begin_run()
    outcomes = [
        store.import_document(document(edition), run_id=run, path=str(edition), mtime=None)
        for edition in (D21, D19, D20)
    ]
    assert [o.rebuilt for o in outcomes] == [False, True, True]
    assert canonical_state(store.engine) == in_order
    assert len(in_order_ids) == 5
    # In business order the 2021 edition is current whatever arrived last.
    assert store.plans()["current_edition_date"].tolist() == [D21]


def test_collapsed_edition_needs_review_and_retires_nothing(store: Store, run_id: int) -> None:
    store.import_document(document(D19), run_id=run_id, path="a", mtime=None)
    ten = [
        record(f"Insulate block {n} of the Linbrook estate", f"{n % 2 + 1}.{n + 5}")
        for n in range(10)
    ]  # parts 1 and 2, as the 2019 edition: a whole edition, not a part
    store.import_document(plan_document(ten, edition=D20), run_id=run_id, path="b", mtime=None)
    collapsed = plan_document(ten[:1], edition=D21)
    outcome = store.import_document(collapsed, run_id=run_id, path="c", mtime=None)
    empty = store.import_document(
        plan_document([], edition=date(2022, 4, 1)), run_id=run_id, path="d", mtime=None
    )

    assert outcome.status == "needs_review" and empty.status == "needs_review"
    with store.engine.connect() as conn:
        statuses = dict(conn.execute(select(PlanVersion.version_no, PlanVersion.status)).all())
    assert statuses == {1: "superseded", 2: "current", 3: "needs_review", 4: "needs_review"}
    assert len(store.actions()) == 10


def test_reprocess_with_newer_pipeline_makes_a_new_version(store: Store, run_id: int) -> None:
    store.import_document(document(D19), run_id=run_id, path="a", mtime=None)
    newer = document(D19, pipeline_version="test-2")
    plain = store.import_document(newer, run_id=run_id, path="a", mtime=None)
    assert plain.status == "unchanged"

    outcome = store.import_document(newer, run_id=run_id, path="a", mtime=None, reprocess=True)
    assert outcome.status == "imported" and outcome.version_no == 2
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(PlanVersion.version_no, PlanVersion.pipeline_version, PlanVersion.status)
        ).all()
    assert sorted(rows) == [(1, "test-1", "superseded"), (2, "test-2", "current")]
    assert len(store.actions()) == 4
    # The same pipeline version again is nothing new, reprocess or not.
    again = store.import_document(newer, run_id=run_id, path="a", mtime=None, reprocess=True)
    assert again.status == "unchanged"


def test_action_versions_are_bounded_by_plan_versions(store: Store, run_id: int) -> None:
    for edition in (D20, D19):
        store.import_document(document(edition), run_id=run_id, path=str(edition), mtime=None)
    with store.engine.connect() as conn:
        open_versions = conn.execute(
            select(func.count()).where(ActionVersion.valid_to_version_id.is_(None))
        ).scalar_one()
    assert open_versions == 4
