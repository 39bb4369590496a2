"""Corrections in the store and on the command line: applied on read beside the read value,
kept through re-reading an edition, offered (not applied) to the next edition that reads the
same wrong value, undone by a correction; bad values refused."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from store.builders import plan_document, record
from typer.testing import CliRunner

from planingest import store as store_module
from planingest.cli import app
from planingest.cli.app import err, out
from planingest.errors import Refused
from planingest.normalise.records import PlanDocument

SPRING, AUTUMN = date(2019, 4, 1), date(2019, 10, 1)


def _edition(day: date, status: str, **kwargs: Any) -> PlanDocument:
    return plan_document(
        [
            record("Replace the depot boilers", ref="1.1", status=status),
            record("Plant street trees on Mill Lane", ref="1.2", status="not_started"),
        ],
        edition=day,
        **kwargs,
    )


@pytest.fixture
def opened(database_url: str) -> Iterator[store_module.Store]:
    with store_module.open(database_url) as store:
        yield store


def _import(store: store_module.Store, doc: PlanDocument) -> str:
    run = store.begin_run(trigger="api", pipeline_version="test-1")
    outcome = store.import_document(doc, run_id=run, path=f"/plans/{run}.docx", mtime=None)
    store.finish_run(run, "succeeded")
    return outcome.status


def _boilers(store: store_module.Store, as_of: date | None = None) -> dict[str, object]:
    frame = store.actions(as_of=as_of)
    return dict(frame[frame["ref"] == "1.1"].iloc[0])


def test_applied_kept_offered_and_undone(opened: store_module.Store) -> None:
    assert _import(opened, _edition(SPRING, "in_progress")) == "imported"
    action_id = int(_boilers(opened)["action_id"])
    ruling = opened.correct(
        action_id, "status", "complete", author="Avery Quill", reason="site visit"
    )
    assert (ruling.old_value, ruling.new_value, ruling.edition_key) == (
        "in_progress",
        "complete",
        "2019-04-01",
    )
    row = _boilers(opened)
    assert row["status"] == "complete" and row["corrected"] == ["status"]
    assert row["read_values"] == {"status": "in_progress"} and row["offered"] == {}
    history = opened.history(action_id)
    assert history["status"].tolist() == ["complete"]

    # The same edition read again from other bytes (a PDF twin, ranked below): still corrected.
    assert _import(opened, _edition(SPRING, "in_progress", salt="twin", format="pdf")) in (
        "alternative",
        "duplicate",
    )
    assert _boilers(opened)["status"] == "complete"

    # The next edition reads the same wrong value: offered, not applied.
    assert _import(opened, _edition(AUTUMN, "in_progress")) == "imported"
    row = _boilers(opened)
    assert row["status"] == "in_progress" and row["corrected"] == []
    assert row["offered"] == {"status": "complete"}
    assert _boilers(opened, as_of=date(2019, 5, 1))["status"] == "complete"  # spring as corrected

    opened.correct(action_id, "status", "complete", author="Avery Quill")  # applied here too
    assert _boilers(opened)["corrected"] == ["status"]
    opened.correct(action_id, "status", None, author="Avery Quill", kind="undo")
    row = _boilers(opened)
    assert row["status"] == "in_progress" and row["corrected"] == [] and row["offered"] == {}
    kinds = [(r.kind, r.edition_key, r.author) for r in opened.corrections([action_id])]
    assert kinds == [
        ("correct", "2019-04-01", "Avery Quill"),
        ("correct", "2019-10-01", "Avery Quill"),
        ("undo", "2019-10-01", "Avery Quill"),
    ]


def test_a_better_reading_of_the_edition_keeps_the_correction(opened: store_module.Store) -> None:
    _import(opened, _edition(SPRING, "in_progress", format="pdf"))
    old_id = int(_boilers(opened)["action_id"])
    opened.correct(old_id, "status", "on_hold", author="Avery Quill")
    # The Word file of the edition (one more record, so not an identical twin) replaces it.
    better = plan_document(
        [
            record("Replace the depot boilers", ref="1.1", status="in_progress"),
            record("Plant street trees on Mill Lane", ref="1.2", status="not_started"),
            record("Survey the harbour wall", ref="1.3"),
        ],
        edition=SPRING,
    )
    assert _import(opened, better) == "imported"
    row = _boilers(opened)
    assert row["status"] == "on_hold" and row["corrected"] == ["status"]
    # The action keeps its id (and so its address in the review pages) through the replacement.
    assert int(row["action_id"]) == old_id
    assert [r.action_id for r in opened.corrections()] == [old_id]
    assert opened.action_reading(old_id)["edition"]["format"] == "docx"


def test_bad_corrections_are_refused(opened: store_module.Store) -> None:
    _import(opened, _edition(SPRING, "in_progress"))
    action_id = int(_boilers(opened)["action_id"])
    with pytest.raises(Refused, match="not one of"):
        opened.correct(action_id, "status", "finished", author="a")
    with pytest.raises(Refused, match="cannot be corrected"):
        opened.correct(action_id, "value_hash", "x", author="a")
    with pytest.raises(Refused, match="wants a date"):
        opened.correct(action_id, "deadline_latest", "next March", author="a")
    assert opened.corrections() == []


def test_cli_correct_and_corrections(opened: store_module.Store, database_url: str) -> None:
    widths = out.width, err.width
    out.width = err.width = 250  # the CLI's consoles are made at import: rows stay whole
    try:
        _cli_correct(opened, database_url)
    finally:
        out.width, err.width = widths


def _cli_correct(opened: store_module.Store, database_url: str) -> None:
    _import(opened, _edition(SPRING, "in_progress"))
    action_id = str(_boilers(opened)["action_id"])
    runner = CliRunner()
    done = runner.invoke(
        app,
        ["correct", action_id, "rag", "red", "--reason", "budget cut", "--by", "Avery Quill"]
        + ["--db", database_url],
    )
    assert done.exit_code == 0, done.output
    assert "action" in done.output and "'red'" in done.output
    listed = runner.invoke(app, ["corrections", "--db", database_url])
    assert "budget cut" in listed.output and "Avery Quill" in listed.output
    shown = runner.invoke(app, ["actions", "--db", database_url])
    assert "rag" in shown.output and "red" in shown.output
    refused = runner.invoke(app, ["correct", action_id, "status", "--db", database_url])
    assert refused.exit_code == 2 and "give the right VALUE" in refused.output
