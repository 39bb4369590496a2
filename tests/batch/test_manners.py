"""The command line's manners in a run: Ctrl-C, a lock held by another run, idle passes, honest
counts, and known bytes never read again."""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import select as sql_select

from planingest.store.locks import run_lock
from planingest.store.models import FileObservation, ImportRun

from . import makers
from .conftest import HungConverter, invoke, invoke_json
from .makers import TITLE
from helpers import session_on, squash

PLANINGEST = str(Path(sys.executable).with_name("planingest"))
HANG_GUARD = 600
"""Seconds after which a run that never ends fails the test: a guard, not a measurement."""


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'plans.db'}"
    return str(request.getfixturevalue("pg_url"))


def _statuses(url: str) -> list[str]:
    with session_on(url) as session:
        return list(session.scalars(sql_select(ImportRun.status).order_by(ImportRun.id)))


def _exited(pidfd: int) -> bool:
    """Block until the process (not our child) has ended: its pidfd becomes readable."""
    try:
        ready, _, _ = select.select([pidfd], [], [], HANG_GUARD)
        return bool(ready)
    finally:
        os.close(pidfd)


def _stuck_folder(folder: Path) -> Path:
    """A plan that imports, then a legacy ``.doc`` whose (hung) converter keeps the worker busy."""
    folder.mkdir()
    makers.word_plan(folder / "a-climate.docx", TITLE, makers.plan_rows(3))
    makers.legacy_doc(folder / "b-old.doc")
    return folder


COMMANDS = {
    "import": ["import", "{folder}", "--db", "{db}", "-w", "1"],
    "sync": ["sync", "{folder}", "--db", "{db}", "-w", "1", "--min-age", "0"],
    "watch": ["watch", "{folder}", "--db", "{db}", "-w", "1", "--min-age", "0", "--interval",
              "0.1"],
}  # fmt: skip


def _interrupt(args: list[str], hung_converter: HungConverter) -> tuple[int, str, int]:
    """Run the command until the hung converter starts, press Ctrl-C: its exit code, the line
    it said so in, and a pidfd of the converter (taken while it runs: no pid reuse)."""
    process = subprocess.Popen(
        [PLANINGEST, *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    try:
        converter = hung_converter.wait_started()  # the event: the .doc is being read
        assert converter is not None
        converter = os.pidfd_open(converter)
        os.kill(process.pid, signal.SIGINT)
        _, stderr = process.communicate(timeout=HANG_GUARD)
    finally:
        hung_converter.release()
        if process.poll() is None:
            process.kill()
    (line,) = [squash(text) for text in stderr.splitlines() if "interrupted" in text]
    return process.returncode, line, converter


def _check_interrupted(code: int, line: str, converter: int, db: str) -> None:
    assert code == 130
    assert "1 imported" in line and "marked interrupted" in line
    assert "running the same command again finishes the job" in line
    assert _exited(converter)  # the worker and what it started are gone
    assert _statuses(db)[-1] == "interrupted"


@pytest.mark.parametrize("command", ["import", "sync", "watch"])
def test_ctrl_c_stops_cleanly_and_marks_the_run_interrupted(
    tmp_path: Path, db_url: str, hung_converter: HungConverter, command: str
) -> None:
    folder = _stuck_folder(tmp_path / "drive")
    args = [a.format(folder=folder, db=db_url) for a in COMMANDS[command]]
    if command == "sync":  # a first pass notes the files; the second reads them
        assert invoke(*args).exit_code == 0
    _check_interrupted(*_interrupt(args, hung_converter), db_url)


def test_ctrl_c_on_postgres(tmp_path: Path, pg_url: str, hung_converter: HungConverter) -> None:
    folder = _stuck_folder(tmp_path / "drive")
    args = [a.format(folder=folder, db=pg_url) for a in COMMANDS["import"]]
    _check_interrupted(*_interrupt(args, hung_converter), pg_url)
    assert _statuses(pg_url) == ["interrupted"]


def test_import_finds_the_lock_held_and_exits_4_unless_told_to_wait(
    tmp_path: Path, store_url: str
) -> None:
    plan = makers.word_plan(tmp_path / "climate.docx", TITLE, makers.plan_rows(2))
    with run_lock(store_url) as held:
        assert held
        busy = invoke("import", str(plan), "--db", store_url, "-w", "1")
        assert busy.exit_code == 4
        assert "another planingest run is importing" in squash(busy.stderr)
        assert "--wait" in busy.stderr
        waiting = subprocess.Popen(
            [PLANINGEST, "import", str(plan), "--db", store_url, "-w", "1", "--wait"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert waiting.stderr is not None
        assert "waiting for it to end" in waiting.stderr.readline()  # the event: it is blocked
    stdout, _ = waiting.communicate(timeout=HANG_GUARD)  # the lock was let go above
    assert waiting.returncode == 0
    assert "1 files: 1 imported, 0 unchanged, 0 failed" in squash(stdout)


def test_an_idle_pass_leaves_no_run_row(tmp_path: Path, store_url: str) -> None:
    folder = tmp_path / "drive"
    folder.mkdir()
    makers.word_plan(folder / "climate.docx", TITLE, makers.plan_rows(2))

    result = invoke(
        "watch", str(folder), "--db", store_url, "--min-age", "0", "--interval", "0.1",
        "--passes", "4", "-w", "1",
    )  # fmt: skip

    assert result.exit_code == 0
    # Pass 1 notes the file (nothing stored), pass 2 imports it, passes 3 and 4 find nothing.
    assert _statuses(store_url) == ["succeeded"]
    lines = [squash(line) for line in result.stdout.splitlines() if line.startswith("sync ")]
    assert [("nothing to record" in line) for line in lines] == [True, False, True, True]


def test_the_summary_counts_every_path_given_by_outcome(tmp_path: Path, db_url: str) -> None:
    folder = tmp_path / "drive"
    folder.mkdir()
    rows = makers.plan_rows(3)
    makers.word_plan(folder / "a-climate.docx", TITLE, rows)
    makers.pdf_plan(folder / "b-climate.pdf", TITLE, rows)  # the same edition, read from a PDF
    makers.word_plan(folder / "c-housing.docx", "Housing Plan 2024", makers.plan_rows(2, 3))
    (folder / "d-copy.docx").write_bytes((folder / "c-housing.docx").read_bytes())
    (folder / "e-empty.docx").write_bytes(b"")
    (folder / "notes.txt").write_text("minutes")
    (folder / "budget.xlsx").write_bytes(b"PK")
    (folder / "README").write_text("about the folder")
    (folder / "~$a-climate.docx").write_bytes(b"lock file: not counted")
    gone = tmp_path / "gone.docx"

    code, summary = invoke_json("import", str(folder), str(gone), "--db", db_url, "-w", "1")

    assert code == 1
    outcomes = {Path(d["path"]).name: d["outcome"] for d in summary["documents"]}
    assert outcomes["a-climate.docx"] == outcomes["c-housing.docx"] == "imported"
    assert outcomes["b-climate.pdf"] in ("alternative", "duplicate")
    assert outcomes["d-copy.docx"] == "unchanged"  # the same bytes as c-housing.docx
    assert outcomes["e-empty.docx"] == "failed" and outcomes["gone.docx"] == "missing"
    counted = Counter(outcomes.values())
    assert summary["files"] == len(outcomes) == 6
    for outcome in ("imported", "alternative", "duplicate", "unchanged", "failed", "missing"):
        assert summary[outcome] == counted[outcome], outcome
    assert summary["unsupported"] == {".txt": 1, ".xlsx": 1, "no extension": 1}

    result = invoke("import", str(folder), str(gone), "--db", db_url, "-w", "1")
    err = squash(result.stderr)
    assert (
        "skipped 3 not PDF, Word or scanned image files (.pdf, .docx, .doc, .png, .jpg, .tif): "
        "1 .txt, 1 .xlsx" in err
    )
    assert "gone.docx: [not_found] no such file or folder" in err
    assert "6 files: 0 imported, 4 unchanged, 1 failed, 1 missing" in squash(result.stdout)


def test_known_bytes_are_sighted_without_being_read(tmp_path: Path, store_url: str) -> None:
    folder = tmp_path / "drive"
    folder.mkdir()
    makers.word_plan(folder / "climate.docx", TITLE, makers.plan_rows(3))
    makers.pdf_plan(folder / "housing.pdf", "Housing Plan 2024", makers.plan_rows(2, 3))
    code, first = invoke_json("import", str(folder), "--db", store_url, "-w", "1")
    assert code == 0 and first["imported"] == 2 and first["peak_worker_rss_mb"] > 0

    code, again = invoke_json("import", str(folder), "--db", store_url, "-w", "1")

    assert code == 0 and again["unchanged"] == 2
    assert again["peak_worker_rss_mb"] == 0  # no worker ever started
    assert all(d["pages"] == 0 and d["sha256"] for d in again["documents"])
    with session_on(store_url) as session:
        seen = session.scalars(
            sql_select(FileObservation.run_id).order_by(FileObservation.id)
        ).all()
    assert seen[2:] == [again["run_id"]] * 2  # each file's sighting by the second run


def test_failures_lists_every_path_holding_the_failed_bytes(tmp_path: Path, db_url: str) -> None:
    folder = tmp_path / "drive"
    folder.mkdir()
    (folder / "empty.docx").write_bytes(b"")
    args = ("sync", str(folder), "--db", db_url, "--min-age", "0", "-w", "1")
    invoke(*args)
    invoke(*args)  # empty.docx fails
    (folder / "copy").mkdir()
    (folder / "copy" / "empty.docx").write_bytes(b"")
    invoke(*args)  # noted
    code, second = invoke_json(*args)  # the same bytes: not read again, but failed here too
    assert second["skipped_failed"] == 1

    code, rows = invoke_json("failures", "--db", db_url)

    paths = sorted(str(Path(r["path"]).relative_to(folder)) for r in rows)
    assert paths == ["copy/empty.docx", "empty.docx"]
    assert {r["code"] for r in rows} == {"empty"}
