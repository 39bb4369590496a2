"""The read commands (``plans``, ``actions``, ``history``, ``diff``, ``export``, ``overdue``)
through the real CLI, on the two Word editions of samples/seed002 (October 2018, April 2019) and
one invented edition with a dated deadline (for ``overdue``), on SQLite and on PostgreSQL.

The documents are read once for the module and stored once per backend: every test here only
reads. Expected values come from the samples' golden files (``*.expected.json``)."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from typer.testing import CliRunner, Result

from planingest.cli import app
from planingest.cli.app import err, out
from planingest.normalise.records import PlanDocument
from planingest.store import open as open_store

from .editions import CYCLES
from .editions import document as harrowfield
from helpers import SAMPLES, SEED002_NEW_IN_APRIL, SEED002_UPDATES, read_plan

EDITIONS = ("2018-10", "2019-04")
HARROWFIELD_2019 = date(2019, 4, 1)  # "1.1" (CYCLES) is due Dec 2019 and still in progress
runner = CliRunner()


def _golden(edition: str) -> list[dict[str, Any]]:
    path = SAMPLES / f"seed002_equality_progress_{edition}.expected.json"
    records: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))["records"]
    return records


def _golden_status(edition: str, ref: str) -> str:
    (status,) = {r["status"] for r in _golden(edition) if r["ref"] == ref}
    return str(status)


@dataclass(frozen=True)
class Seeded:
    url: str
    plan: str
    """The seed002 plan's key, as the store made it."""


@pytest.fixture(scope="module")
def seed002() -> list[PlanDocument]:
    """Both Word editions read once for the module (the pipeline is the slow part)."""
    return [read_plan(SAMPLES / f"seed002_equality_progress_{e}.docx") for e in EDITIONS]


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def seeded(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    seed002: list[PlanDocument],
) -> Iterator[Seeded]:
    """A database holding both seed002 editions (October first: versions 1 and 2) and the 2019
    Harrowfield edition, once per backend for the module."""
    schema = None
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('cli') / 'store.db'}"
    else:
        server = str(request.getfixturevalue("postgres"))
        schema = f"t_{uuid.uuid4().hex[:12]}"
        admin = create_engine(server)
        with admin.begin() as conn:
            conn.execute(text(f"CREATE SCHEMA {schema}"))
        url = (
            make_url(server)
            .update_query_dict({"options": f"-csearch_path={schema}"})
            .render_as_string(hide_password=False)
        )
    try:
        store = open_store(url)
        try:
            run = store.begin_run(trigger="api", pipeline_version="test-1")
            for edition, doc in zip(EDITIONS, seed002, strict=True):
                store.import_document(doc, run_id=run, path=f"/samples/{edition}", mtime=None)
            store.import_document(
                harrowfield(HARROWFIELD_2019), run_id=run, path="/plans/h", mtime=None
            )
            plans = store.plans()
        finally:
            store.close()
        (key,) = plans.loc[plans["plan_title"].str.contains("Equality Action Plan"), "plan_key"]
        yield Seeded(url, str(key))
    finally:
        if schema is not None:
            with admin.begin() as conn:
                conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
            admin.dispose()


@pytest.fixture(autouse=True)
def wide_console() -> Iterator[None]:
    """A wide console: rows stay whole, only long texts fold (at 60 characters). The CLI's
    consoles are made at import, so ``COLUMNS`` set for one invocation comes too late."""
    widths = out.width, err.width
    out.width = err.width = 250
    yield
    out.width, err.width = widths


def _invoke(seeded: Seeded, *args: str) -> Result:
    return runner.invoke(app, [*args, "--db", seeded.url])


def _ok(seeded: Seeded, *args: str) -> Result:
    result = _invoke(seeded, *args)
    assert result.exit_code == 0, (result.output, result.exception)
    assert result.stderr == ""
    return result


def _table(output: str) -> list[dict[str, str]]:
    """The rows of the rich table in ``output``, a cell folded over lines joined again."""
    header: list[str] = []
    rows: list[list[str]] = []
    for line in output.splitlines():
        line = line.strip()
        if line.startswith("┃"):
            cells = [c.strip() for c in line.strip("┃").split("┃")]
            header = [f"{a}{b}" for a, b in zip(header, cells, strict=True)] if header else cells
        elif line.startswith("│"):
            cells = [c.strip() for c in line.strip("│").split("│")]
            if cells[0] or not rows:
                rows.append(cells)
            else:
                rows[-1] = [f"{a} {b}".strip() for a, b in zip(rows[-1], cells, strict=True)]
    return [dict(zip(header, row, strict=True)) for row in rows]


def _by_ref(rows: list[dict[str, str]], ref: str) -> dict[str, str]:
    (row,) = [r for r in rows if r["ref"] == ref]
    return row


def test_plans_lists_the_plan_with_two_editions(seeded: Seeded) -> None:
    rows = {r["plan_key"]: r for r in _table(_ok(seeded, "plans").stdout)}
    assert len(rows) == 2
    plan = rows[seeded.plan]
    assert plan["plan_title"].startswith("Progress update on Equality Action Plan 2018/19")
    assert plan["editions"] == "2"
    assert plan["current_version_no"] == "2"
    assert plan["current_edition_date"] == "2019-04-01"
    assert plan["current_record_count"] == str(len(_golden("2019-04")))


def test_actions_lists_the_current_actions(seeded: Seeded) -> None:
    rows = _table(_ok(seeded, "actions", "--plan", seeded.plan).stdout)
    assert sorted(r["ref"] for r in rows) == sorted(r["ref"] for r in _golden("2019-04"))
    assert _by_ref(rows, "2c")["status"] == _golden_status("2019-04", "2c") == "complete"
    assert len({r["action_id"] for r in rows}) == len(rows)

    october = _table(_ok(seeded, "actions", "--plan", seeded.plan, "--as-of", "2018-12-01").stdout)
    assert sorted(r["ref"] for r in october) == sorted(r["ref"] for r in _golden("2018-10"))
    assert _by_ref(october, "2c")["status"] == _golden_status("2018-10", "2c") == "in_progress"

    complete = _table(_ok(seeded, "actions", "--plan", seeded.plan, "--status", "complete").stdout)
    assert [r["ref"] for r in complete] == ["2c"]


def test_history_of_an_action_shows_both_editions(seeded: Seeded) -> None:
    current = _table(_ok(seeded, "actions", "--plan", seeded.plan).stdout)
    action_id = _by_ref(current, "2c")["action_id"]
    result = _ok(seeded, "history", action_id)
    assert f"History of action {action_id}" in result.stdout
    rows = _table(result.stdout)
    assert [(r["from_version_no"], r["to_version_no"]) for r in rows] == [("1", "2"), ("2", "")]
    assert [r["change"] for r in rows] == ["added", "changed"]
    assert [r["status"] for r in rows] == [
        _golden_status("2018-10", "2c"),
        _golden_status("2019-04", "2c"),
    ]
    assert rows[0]["action_text"] == rows[1]["action_text"]


def test_diff_shows_changed_actions_with_their_fields(seeded: Seeded) -> None:
    """The regression: an action with two or more changed fields crashed the table."""
    result = _ok(seeded, "diff", seeded.plan, "1", "2")
    assert "Traceback" not in result.output
    rows = _table(result.stdout)
    changed_2c = _by_ref(rows, "2c")
    assert changed_2c["change"] == "changed"
    assert changed_2c["fields"] == "status, progress"  # joined, not a Python list
    assert "action_text" in _by_ref(rows, "2a")["fields"].split(", ")
    (added,) = [r for r in rows if r["change"] == "added"]
    assert added["ref"] == "3d" and added["action_text"].startswith(SEED002_NEW_IN_APRIL)
    assert added["fields"] == ""
    assert {r["change"] for r in rows} == {"changed", "added"}  # nothing removed

    store = open_store(seeded.url)
    try:
        expected = store.diff(seeded.plan, 1, 2)
    finally:
        store.close()
    assert [r["fields"] for r in rows] == [", ".join(f) for f in expected["fields"]]


@pytest.mark.parametrize(
    ("format_", "read"),
    [("csv", pd.read_csv), ("parquet", pd.read_parquet), ("xlsx", pd.read_excel)],
)
def test_export_writes_a_file_pandas_reads_back(
    seeded: Seeded, tmp_path: Path, format_: str, read: Any
) -> None:
    out_file = tmp_path / f"actions.{format_}"
    result = _ok(seeded, "export", str(out_file), "--format", format_, "--plan", seeded.plan)
    golden = _golden("2019-04")
    assert f"wrote {len(golden)} actions" in result.stdout
    frame = read(out_file)
    assert len(frame) == len(golden)
    assert sorted(frame["ref"]) == sorted(r["ref"] for r in golden)
    assert set(frame["plan_key"]) == {seeded.plan}
    for progress in frame["progress"]:  # lists become JSON text
        assert [entry["label"] for entry in json.loads(progress)] == SEED002_UPDATES

    everything = tmp_path / f"all.{format_}"
    _ok(seeded, "export", str(everything), "--format", format_)
    assert len(read(everything)) == len(golden) + len(harrowfield(HARROWFIELD_2019).records)


def test_overdue_now_and_as_of(seeded: Seeded) -> None:
    """seed002 has no dated deadlines; Harrowfield's 1.1 is due Dec 2019, still in progress."""
    (row,) = _table(_ok(seeded, "overdue").stdout)
    assert row["ref"] == "1.1" and row["action_text"] == CYCLES
    assert row["deadline_latest"] == "2019-12-31" and row["status"] == "in_progress"
    assert row["plan_key"] != seeded.plan

    before = _ok(seeded, "overdue", "--as-of", "2019-06-01")
    assert before.stdout.strip() == "Overdue actions as of 2019-06-01: nothing to show"
    (after,) = _table(_ok(seeded, "overdue", "--as-of", "2020-01-01").stdout)
    assert after["ref"] == "1.1"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["diff", "{plan}", "1", "9"], "{plan} v9: no such edition"),
        (["diff", "no-such-plan", "1", "2"], "no plan 'no-such-plan'"),
        (["history", "999999"], "no action with id 999999"),
        (["actions", "--plan", "no-such-plan"], "no plan 'no-such-plan'"),
        (["export", "{tmp}/x.csv", "--plan", "no-such-plan"], "no plan 'no-such-plan'"),
        (["actions", "--as-of", "2019-13-01"], "--as-of wants a date like 2019-04-30"),
        (["link", "999998", "999999"], "no action 99999"),
        (["unlink", "999999", "2"], "no action 999999"),
    ],
    ids=[
        "diff-version",
        "diff-plan",
        "history",
        "actions-plan",
        "export-plan",
        "as-of",
        "link",
        "unlink",
    ],
)
def test_unknown_things_are_one_line_and_exit_2(
    seeded: Seeded, tmp_path: Path, args: list[str], message: str
) -> None:
    filled = [a.format(plan=seeded.plan, tmp=tmp_path) for a in args]
    result = _invoke(seeded, *filled)
    assert result.exit_code == 2, (result.output, result.exception)
    (line,) = result.stderr.splitlines()
    assert line.startswith("error: ")
    assert message.format(plan=seeded.plan) in line
    assert result.stdout == ""
    assert not (tmp_path / "x.csv").exists()


def test_editions_lists_version_numbers_dates_rules_and_files(seeded: Seeded) -> None:
    rows = _table(_ok(seeded, "editions", seeded.plan).stdout)
    assert [(r["version_no"], r["edition_date"], r["edition_dated_by"]) for r in rows] == [
        ("1", "2018-10-01", "front_matter"),
        ("2", "2019-04-01", "front_matter"),
    ]
    assert [r["path"] for r in rows] == ["/samples/2018-10", "/samples/2019-04"]
    assert [r["status"] for r in rows] == ["superseded", "current"]
    missing = _invoke(seeded, "editions", "no-such-plan")
    assert missing.exit_code == 2 and "no plan 'no-such-plan'" in missing.stderr


def test_actions_across_plans_show_the_plan_and_history_shows_dates(seeded: Seeded) -> None:
    rows = _table(_ok(seeded, "actions").stdout)
    assert {r["plan_key"] for r in rows} == {seeded.plan, harrowfield_key(seeded)}
    (row,) = [r for r in rows if r["ref"] == "2c"]
    history = _table(_ok(seeded, "history", row["action_id"]).stdout)
    assert [(h["from_version_no"], h["from_edition_date"]) for h in history] == [
        ("1", "2018-10-01"),
        ("2", "2019-04-01"),
    ]  # 2c: in progress in October, complete in April (the goldens)
    assert history[0]["to_version_no"] == "2" and history[0]["to_edition_date"] == "2019-04-01"


def harrowfield_key(seeded: Seeded) -> str:
    with open_store(seeded.url) as store:
        keys = set(store.plans()["plan_key"]) - {seeded.plan}
    (key,) = keys
    return key


def test_the_api_speaks_integers_plan_title_and_leads_as_rows(seeded: Seeded) -> None:
    with open_store(seeded.url) as store:
        actions = store.actions(plan=seeded.plan)
        (two_c,) = actions.loc[actions["ref"] == "2c", "action_id"]
        history = store.history(int(two_c))
        leads = store.leads(plan=seeded.plan)
        plans = store.plans()
    assert str(history["from_version_no"].dtype) == "int64"
    assert str(history["to_version_no"].dtype) == "Int64"  # a current version has none
    assert history["to_version_no"].iloc[0] == 2 and history["from_version_no"].iloc[1] == 2
    assert "plan_title" in actions and "plan_title" in plans and "plan_title" in leads
    assert set(leads["kind"]) <= {"person", "role", "team"}
    # seed002 has Lead Service Area, Lead Officer and Supporting Services columns
    assert set(leads["capacity"]) == {"lead", "supporting"}
    # each current action's people, roles and teams, one row each, as its golden lead says
    golden = {r["ref"]: r["lead"] for r in _golden("2019-04")}
    refs = dict(zip(actions["action_id"], actions["ref"], strict=True))
    for action_id, rows in leads.groupby("action_id"):
        lead = golden[refs[action_id]]
        want = {("person", n) for n in lead.get("people", [])}
        want |= {("role", n) for n in lead.get("roles", [])}
        want |= {("team", n) for n in lead.get("teams", [])}
        assert set(zip(rows["kind"], rows["name"], strict=True)) == want


@pytest.mark.parametrize(
    ("name", "given", "message"),
    [
        ("out.xlsx", "csv", "out.xlsx: the extension says xlsx, --format says csv"),
        ("out.txt", None, "out.txt: cannot tell the format"),
    ],
)
def test_export_takes_the_format_from_the_extension_and_refuses_a_mismatch(
    seeded: Seeded, tmp_path: Path, name: str, given: str | None, message: str
) -> None:
    target = tmp_path / name
    result = _invoke(seeded, "export", str(target), *(["--format", given] if given else []))
    assert result.exit_code == 2 and message in result.stderr
    assert not target.exists()
    excel = tmp_path / "out.xlsx"
    _ok(seeded, "export", str(excel))
    assert len(pd.read_excel(excel)) == len(_golden("2019-04")) + len(
        harrowfield(HARROWFIELD_2019).records
    )


def test_an_as_of_answer_says_which_plans_it_left_out(seeded: Seeded) -> None:
    result = _ok(seeded, "overdue", "--as-of", "2019-01-01")
    assert "left out 1 plan with no edition by 2019-01-01" in result.stdout
    assert "its first edition is dated 2019-04-01" in result.stdout


@pytest.mark.parametrize(
    "args",
    [
        ["plans"],
        ["actions"],
        ["history", "1"],
        ["diff", "p", "1", "2"],
        ["overdue"],
        ["editions", "p"],
        ["export", "{tmp}/out.csv"],
    ],
    ids=lambda args: args[0],
)
def test_reading_a_sqlite_file_that_does_not_exist_creates_nothing(
    tmp_path: Path, args: list[str]
) -> None:
    missing = tmp_path / "typo.db"
    filled = [a.format(tmp=tmp_path) for a in args]
    result = runner.invoke(app, [*filled, "--db", f"sqlite:///{missing}"])
    assert result.exit_code == 2, (result.output, result.exception)
    assert f"no database at {missing}" in result.stderr
    assert not missing.exists() and not (tmp_path / "out.csv").exists()


def test_an_unknown_status_lists_the_valid_ones(seeded: Seeded) -> None:
    result = _invoke(seeded, "actions", "--status", "bogus", "--status", "complete")
    assert result.exit_code == 2
    assert "--status bogus: not a status (valid: not_started, in_progress, complete" in (
        result.stderr
    )
