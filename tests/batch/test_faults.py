"""Fault tolerance: the importer killed with SIGKILL mid-batch, the database connection cut.

Either way the database holds whole documents only, and a re-run ends where an uninterrupted run
ends (compared as a canonical dump of every table).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url

from planingest.ops.batch import DocumentReport, collect_files, run_batch
from planingest.settings import Settings
from planingest.store.models import ImportRun, PlanVersion

from . import makers
from .dump import Dump, canonical_dump
from .makers import TITLE
from helpers import session_on

PLANINGEST = str(Path(sys.executable).with_name("planingest"))
HANG_GUARD = 600
"""Seconds after which a run that never ends fails the test: a guard, not a measurement."""


def _editions(folder: Path) -> Path:
    """Three editions of one plan (an action completed, one added, one dropped), two other
    plans and a bad file: the history a re-run must rebuild exactly."""
    folder.mkdir()
    rows = makers.plan_rows(4)
    makers.word_plan(folder / "a1.docx", TITLE, rows, updated="January 2024")
    june = [rows[0][:4] + ("Complete",), *rows[1:], *makers.plan_rows(1, 4)]
    makers.word_plan(folder / "a2.docx", TITLE, june, updated="June 2024")
    makers.word_plan(folder / "a3.docx", TITLE, june[1:], updated="December 2024")
    makers.word_plan(folder / "b.docx", "Housing Plan 2024", makers.plan_rows(3, 6))
    (folder / "c-empty.docx").write_bytes(b"")
    makers.word_plan(folder / "d.docx", "Roads Plan 2025", makers.plan_rows(2, 9))
    return folder


def _import(folder: Path, db_url: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [PLANINGEST, "import", str(folder), "--db", db_url, "--workers", "1"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def _run_to_the_end(folder: Path, db_url: str) -> int:
    """An import run to completion (its log read as it comes), and its exit code."""
    process = _import(folder, db_url)
    process.communicate(timeout=HANG_GUARD)
    return process.returncode


@pytest.fixture(scope="module")
def uninterrupted(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Dump]:
    """The folder, and the dump of a run over it that nothing interrupted."""
    tmp_path = tmp_path_factory.mktemp("uninterrupted")
    folder = _editions(tmp_path / "drive")
    baseline = f"sqlite:///{tmp_path / 'baseline.db'}"
    assert _run_to_the_end(folder, baseline) == 1  # the empty file fails
    return folder, canonical_dump(baseline)


@pytest.mark.slow
@pytest.mark.parametrize("lines_before_kill", [1, 4])
def test_kill_9_then_rerun_ends_as_an_uninterrupted_run(
    tmp_path: Path, uninterrupted: tuple[Path, Dump], lines_before_kill: int
) -> None:
    folder, baseline = uninterrupted
    killed = f"sqlite:///{tmp_path / 'killed.db'}"
    process = _import(folder, killed)
    assert process.stderr is not None
    for _ in range(lines_before_kill):  # one log line per stored document: the event
        assert process.stderr.readline()
    os.kill(process.pid, signal.SIGKILL)  # wherever the next document is, being read or stored
    process.wait()
    assert process.returncode == -signal.SIGKILL

    # Each of the first four files is a whole edition once its log line is out.
    assert len(canonical_dump(killed)["plan_version"]) >= lines_before_kill

    assert _run_to_the_end(folder, killed) == 1
    assert canonical_dump(killed) == baseline
    with session_on(killed) as session:  # the killed run is not left "running" for ever
        statuses = session.scalars(select(ImportRun.status).order_by(ImportRun.id)).all()
    assert statuses == ["abandoned", "succeeded"]


def test_database_connection_cut_mid_run_is_retried(
    tmp_path: Path, pg_url: str, postgres: str
) -> None:
    folder = _editions(tmp_path / "drive")
    files = collect_files([folder]).files
    name = make_url(pg_url).query["application_name"]
    cuts: list[int] = []

    def cut_after_first(report: DocumentReport) -> None:
        if cuts:
            return
        admin = create_engine(postgres)
        with admin.begin() as connection:
            killed = connection.execute(
                text(
                    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                    "WHERE application_name = :name"
                ),
                {"name": name},
            ).scalar_one()
        admin.dispose()
        cuts.append(killed)

    summary = run_batch(
        files, store_url=pg_url, settings=Settings(workers=1), on_result=cut_after_first
    )

    assert cuts and cuts[0] >= 1  # the writer's connection really was cut
    assert (summary.imported, summary.failed) == (5, 1)
    with session_on(pg_url) as session:
        versions = session.scalar(select(func.count()).select_from(PlanVersion))
        sources = session.scalar(select(func.count(func.distinct(PlanVersion.source_file_id))))
    assert versions == sources == 5
