"""A shared folder with hostile names and files beside good plans: ``import`` and ``sync`` store
the good ones, report each bad one once with a reason, exit 1 and print their summary.

The tests run as root, which reads any file whatever its mode; the CLI is run with the two
capabilities that let root ignore file modes dropped (``setpriv``), so ``chmod 000`` really makes
a file unreadable to it and to its workers.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from planingest.names import from_stored
from planingest.store.models import FileObservation, ImportFailure, PlanVersion

from . import makers

BAD_NAME = b"bad\xff\xfebytes.docx"
BAD_SHOWN = "bad\\xff\\xfebytes.docx"
PLANINGEST = str(Path(sys.executable).with_name("planingest"))


def _hostile_folder(root: Path) -> Path:
    folder = root / "share"
    folder.mkdir()
    makers.word_plan(folder / "good.docx", "Climate Action Plan 2024", makers.plan_rows(3))
    odd = makers.word_plan(folder / "odd.docx", "Housing Plan 2024", makers.plan_rows(4, 3))
    os.rename(odd, os.fsencode(folder) + b"/" + BAD_NAME)
    (folder / "x[").mkdir()  # a name cannot hold '/', so '[/b]' spans a folder and a file
    makers.word_plan(folder / "x[" / "b].docx", "Roads [bold]Plan[/] 2025", makers.plan_rows(2, 8))
    locked = makers.word_plan(folder / "locked.docx", "Parks Plan 2024", makers.plan_rows(2, 12))
    locked.chmod(0)
    os.mkfifo(folder / "pipe.pdf")
    return folder


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    assert shutil.which("setpriv"), "setpriv (util-linux) is needed to drop root's file override"
    command = [PLANINGEST, *args, "--workers", "1"]
    if os.geteuid() == 0:
        drop = "-dac_override,-dac_read_search"
        command = ["setpriv", "--bounding-set", drop, "--inh-caps", drop, *command]
    env = {**os.environ, "COLUMNS": "200"}
    return subprocess.run(command, capture_output=True, text=True, timeout=300, env=env)


def _url(database: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    if database == "postgresql":
        return str(request.getfixturevalue("pg_url"))
    return f"sqlite:///{tmp_path / 'plans.db'}"


def _failed_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("failed")]


def _assert_reported_once(result: subprocess.CompletedProcess[str]) -> None:
    failed = _failed_lines(result.stderr)
    assert len(failed) == 2, result.stderr
    assert sum("locked.docx: [unsupported] permission denied" in line for line in failed) == 1
    assert sum("pipe.pdf: [unsupported] is a FIFO" in line for line in failed) == 1
    assert "Traceback" not in result.stderr + result.stdout


def _stored_state(url: str) -> tuple[set[str], set[str]]:
    engine = create_engine(url)
    try:
        with Session(engine) as session:
            paths = set(session.scalars(select(FileObservation.path)))
            failed = set(session.scalars(select(ImportFailure.path)))
            assert session.scalars(select(PlanVersion)).all()
    finally:
        engine.dispose()
    return paths, failed


def _check_store(url: str, folder: Path) -> None:
    paths, failed = _stored_state(url)
    names = {Path(path).relative_to(folder).as_posix() for path in paths}
    assert names == {"good.docx", BAD_SHOWN, "x[/b].docx"}
    assert {Path(path).name for path in failed} == {"locked.docx", "pipe.pdf"}
    # The stored form of the odd name leads back to the file.
    (odd,) = (path for path in paths if BAD_SHOWN in path)
    assert os.fsencode(from_stored(odd)) == os.fsencode(folder) + b"/" + BAD_NAME
    assert Path(from_stored(odd)).is_file()


@pytest.mark.parametrize("database", ["sqlite", "postgresql"])
def test_import_stores_good_files_and_reports_each_bad_one(
    tmp_path: Path, database: str, request: pytest.FixtureRequest
) -> None:
    url = _url(database, tmp_path, request)
    folder = _hostile_folder(tmp_path)

    result = _run("import", str(folder), "--db", url)

    assert result.returncode == 1, result.stderr
    _assert_reported_once(result)
    assert f"imported     {folder}/{BAD_SHOWN}: 4 records" in result.stderr
    assert f"imported     {folder}/x[/b].docx: 2 records" in result.stderr
    summary = " ".join(result.stdout.split())
    assert "5 files: 3 imported, 0 unchanged, 2 failed" in summary
    assert "outcome" in result.stdout  # the summary table is printed (its names fold)
    _check_store(url, folder)


@pytest.mark.parametrize("database", ["sqlite", "postgresql"])
def test_sync_stores_good_files_and_reports_each_bad_one(
    tmp_path: Path, database: str, request: pytest.FixtureRequest
) -> None:
    url = _url(database, tmp_path, request)
    folder = _hostile_folder(tmp_path)

    first = _run("sync", str(folder), "--db", url, "--min-age", "0")
    assert first.returncode == 0, first.stderr
    assert "5 files, 0 read" in first.stdout and "5 waiting to settle" in first.stdout

    second = _run("sync", str(folder), "--db", url, "--min-age", "0")
    assert second.returncode == 1, second.stderr
    _assert_reported_once(second)
    summary = " ".join(second.stdout.split())
    assert "5 files: 3 imported, 0 unchanged, 2 failed" in summary
    assert "5 files, 5 read, 0 known" in summary and "0 waiting to settle" in summary
    _check_store(url, folder)
