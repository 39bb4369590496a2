"""One transaction per document: a failure anywhere leaves the database exactly as it was."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from planingest.errors import CorruptDocument
from planingest.store import Store, StoreError
from planingest.store.models import ImportFailure, ImportRun

from .builders import plan_document, raw_dump, record
from .editions import document

D19, D20 = date(2019, 4, 1), date(2020, 4, 1)


def test_constraint_violation_mid_write_rolls_back(store: Store, run_id: int) -> None:
    store.import_document(document(D19), run_id=run_id, path="a", mtime=None)
    before = raw_dump(store.engine)
    # The last record's confidence breaks the field_provenance CHECK (0..1), after the source
    # file, the plan version and the earlier actions have been written.
    records = [record(f"Survey bus stop {n} on Quarry Lane", f"{n}") for n in range(5)]
    records.append(record("Audit street lighting", "9", confidence={"action": 1.5}))
    bad = plan_document(records, edition=D20)

    with pytest.raises(StoreError) as caught:
        store.import_document(bad, run_id=run_id, path="/plans/bad.docx", mtime=None)

    assert caught.value.path == "/plans/bad.docx" and not caught.value.transient
    assert raw_dump(store.engine) == before


def test_failure_raised_mid_write_rolls_back(store: Store, run_id: int) -> None:
    store.import_document(document(D19), run_id=run_id, path="a", mtime=None)
    before = raw_dump(store.engine)
    written: list[str] = []

    def fail_after_two_actions(point: str) -> None:
        written.append(point)
        if written.count("action") == 2:
            raise RuntimeError("disk full")

    store.hook = fail_after_two_actions
    with pytest.raises(RuntimeError, match="disk full"):
        store.import_document(document(D20), run_id=run_id, path="b", mtime=None)
    assert "plan_version" in written
    assert raw_dump(store.engine) == before

    store.hook = None
    outcome = store.import_document(document(D20), run_id=run_id, path="b", mtime=None)
    assert outcome.status == "imported"


def test_runs_failures_and_tallies(store: Store) -> None:
    stale = store.begin_run(trigger="sync")
    run = store.begin_run(trigger="cli", stale_after=timedelta(0))
    store.import_document(document(D19), run_id=run, path="a.docx", mtime=None)
    store.import_document(document(D19), run_id=run, path="copy-of-a.docx", mtime=None)
    store.record_failure(run, "broken.pdf", "ab" * 32, CorruptDocument("truncated xref table"))
    store.finish_run(run, "succeeded")

    with store.engine.connect() as conn:
        runs = {r.id: r for r in conn.execute(select(ImportRun)).all()}
        failure = conn.execute(select(ImportFailure)).one()
    assert runs[stale].status == "abandoned" and runs[stale].finished_at is not None
    done = runs[run]
    assert done.status == "succeeded" and done.finished_at.tzinfo is not None
    counts = (done.files_seen, done.files_imported, done.files_skipped, done.files_failed)
    assert counts == (3, 1, 1, 1)
    assert done.records == 4 and done.errors == 1
    assert (failure.reason_code, failure.reason, failure.transient) == (
        "corrupt",
        "truncated xref table",
        False,
    )


def test_finish_run_with_given_counts(store: Store) -> None:
    run = store.begin_run(trigger="api", pipeline_version="9.9")
    store.finish_run(run, "failed", {"files_seen": 7, "errors": 2})
    with store.engine.connect() as conn:
        row = conn.execute(select(ImportRun)).one()
    assert (row.status, row.files_seen, row.errors, row.pipeline_version) == ("failed", 7, 2, "9.9")
    with pytest.raises(ValueError, match="unknown run counts"):
        store.finish_run(run, "failed", {"pages": 3})
