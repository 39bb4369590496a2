"""``planingest sync`` / ``watch`` / ``failures`` on a folder standing in for the shared drive."""

from __future__ import annotations

import hashlib
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from planingest.store.locks import run_lock
from planingest.store.models import FileObservation, PlanVersion

from . import makers
from .conftest import invoke, invoke_json
from .makers import TITLE
from helpers import count_rows, session_on, squash


def _listing(folder: Path) -> list[tuple[str, int, int]]:
    return sorted(
        (str(p), p.stat().st_size, p.stat().st_mtime_ns) for p in [folder, *folder.rglob("*")]
    )


@pytest.fixture
def drive(tmp_path: Path) -> Iterator[Path]:
    """A folder of plans, made read-only like a share mounted for reading (restored after)."""
    folder = tmp_path / "drive"
    (folder / "2024").mkdir(parents=True)
    makers.word_plan(folder / "2024" / "climate.docx", TITLE, makers.plan_rows(3))
    makers.word_plan(folder / "housing.docx", "Housing Plan 2024", makers.plan_rows(2, 5))
    (folder / "empty.docx").write_bytes(b"")
    (folder / "~$housing.docx").write_bytes(b"lock file of an open document")
    (folder / ".~lock.housing.docx#").write_bytes(b"LibreOffice lock")
    (folder / "upload.tmp").write_bytes(b"half a file")
    yield folder
    for path in [folder, *folder.rglob("*")]:
        if path.is_dir():
            path.chmod(stat.S_IRWXU)


def _read_only(folder: Path) -> None:
    for path in [*folder.rglob("*"), folder]:
        path.chmod(stat.S_IRUSR | stat.S_IXUSR if path.is_dir() else stat.S_IRUSR)


def _observations(url: str) -> dict[str, bool]:
    """Path -> present (True) or missing (False), for each path ever seen."""
    with session_on(url) as session:
        rows = session.execute(select(FileObservation.path, FileObservation.missing_since))
        seen: dict[str, bool] = {}
        for path, missing_since in rows:
            seen[Path(path).name] = seen.get(Path(path).name, False) or missing_since is None
    return seen


def sync(folder: Path, db_url: str, *extra: str) -> tuple[int, Any]:
    return invoke_json("sync", str(folder), "--db", db_url, "--min-age", "0", "-w", "1", *extra)


def test_a_file_is_taken_once_stable_and_the_drive_is_never_written(
    drive: Path, db_url: str
) -> None:
    # Read-only as mounted; root ignores permission bits, so the listing comparison (names,
    # sizes, mtimes before and after) is the check that holds everywhere.
    _read_only(drive)
    before = _listing(drive)

    code, first = sync(drive, db_url)
    assert code == 0
    assert (first["listed"], first["waiting"], first["batch"]["imported"]) == (3, 3, 0)

    code, second = sync(drive, db_url)
    assert code == 1  # empty.docx failed
    batch = second["batch"]
    assert (batch["imported"], batch["failed"], batch["records"]) == (2, 1, 5)
    assert batch["failures"][0]["code"] == "empty"
    assert _listing(drive) == before

    code, third = sync(drive, db_url)
    assert code == 0  # nothing new; the empty file is not tried again
    assert (third["known"], third["batch"]["files"], third["batch"]["failed"]) == (3, 0, 0)


def test_min_age_holds_back_fresh_files(drive: Path, db_url: str) -> None:
    args = ("sync", str(drive), "--db", db_url, "--min-age", "3600", "-w", "1")
    invoke_json(*args)
    code, summary = invoke_json(*args)
    assert code == 0 and summary["waiting"] == 3 and summary["batch"]["imported"] == 0


def test_move_is_a_sighting_and_removal_marks_missing(drive: Path, db_url: str) -> None:
    sync(drive, db_url)
    sync(drive, db_url)
    (drive / "2024" / "climate.docx").rename(drive / "climate-final.docx")
    (drive / "housing.docx").unlink()

    code, moved = sync(drive, db_url)  # the new path is new to the scan: it must settle first
    assert moved["missing"] == 2
    code, settled = sync(drive, db_url)
    assert settled["sightings"] == 1 and settled["batch"]["files"] == 0

    seen = _observations(db_url)
    assert seen == {"climate.docx": False, "housing.docx": False, "climate-final.docx": True}
    assert count_rows(db_url, PlanVersion) == 2  # the data of the removed plan is kept


def test_failed_bytes_wait_until_they_change(drive: Path, db_url: str) -> None:
    sync(drive, db_url)
    sync(drive, db_url)
    code, rows = invoke_json("failures", "--db", db_url)
    assert [(Path(r["path"]).name, r["code"], r["transient"]) for r in rows] == [
        ("empty.docx", "empty", False)
    ]
    assert rows[0]["sha256"] == hashlib.sha256(b"").hexdigest()
    assert "empty.docx" in invoke("failures", "--db", db_url).stdout

    makers.word_plan(drive / "empty.docx", "Parks Plan 2024", makers.plan_rows(2, 9))
    sync(drive, db_url)
    code, fixed = sync(drive, db_url)
    assert code == 0 and fixed["batch"]["imported"] == 1
    code, rows = invoke_json("failures", "--db", db_url)
    assert rows == []


def test_a_second_run_finds_the_lock_taken_and_exits_0(drive: Path, db_url: str) -> None:
    with run_lock(db_url) as held:
        assert held
        result = invoke("sync", str(drive), "--db", db_url, "--min-age", "0")
    assert result.exit_code == 0
    assert "another planingest run is importing" in squash(result.stderr)


def test_postgres_advisory_lock(drive: Path, pg_url: str) -> None:
    with run_lock(pg_url) as held:
        assert held
        with run_lock(pg_url) as again:
            assert not again
        result = invoke("import", str(drive), "--db", pg_url)
    assert result.exit_code == 4 and "another planingest run" in squash(result.stderr)
    with run_lock(pg_url) as held:
        assert held  # released when the first holder ended


def test_watch_runs_passes(drive: Path, db_url: str) -> None:
    result = invoke(
        "watch", str(drive), "--db", db_url, "--min-age", "0", "--interval", "0.1",
        "--passes", "2", "-w", "1",
    )  # fmt: skip
    assert result.exit_code == 0
    logged = [line.split() for line in result.stderr.splitlines()]
    imported = [Path(w[1].rstrip(":")).name for w in logged if w and w[0] == "imported"]
    assert sorted(imported) == ["climate.docx", "housing.docx"]  # each once


def test_sync_on_postgres(drive: Path, pg_url: str) -> None:
    sync(drive, pg_url)
    code, second = sync(drive, pg_url)
    assert code == 1 and (second["batch"]["imported"], second["batch"]["failed"]) == (2, 1)
    (drive / "housing.docx").unlink()
    code, third = sync(drive, pg_url)
    assert code == 0 and third["missing"] == 1 and third["known"] == 2
    assert _observations(pg_url) == {"climate.docx": True, "housing.docx": False}
