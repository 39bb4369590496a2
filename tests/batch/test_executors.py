"""The supervised workers: limits hold, and a worker that dies or hangs costs one document."""

from __future__ import annotations

import fcntl
import hashlib
import os
import pickle
import signal
import struct
import termios
import threading
import time
from pathlib import Path

import pytest

from planingest.errors import LimitExceeded, SourceChanged, UnexpectedError
from planingest.ops.dask_cluster import DaskExecutor
from planingest.ops.executors import READY, ProcessExecutor, SupervisedWorker
from planingest.ops.limits import FileState, WorkItem, run_item
from planingest.settings import Settings

from . import makers
from .conftest import HungConverter, running
from .hard_pdfs import pdf_bomb
from .makers import TITLE


def test_memory_limit_breach_is_the_documents_failure(tmp_path: Path) -> None:
    bomb = pdf_bomb(tmp_path / "bomb.pdf", megabytes=700)
    good = makers.word_plan(tmp_path / "good.docx", TITLE, makers.plan_rows(2))
    worker = SupervisedWorker(Settings(max_memory_mb=600))
    try:
        failed = worker.run(WorkItem(str(bomb)))
        assert isinstance(failed.error, LimitExceeded)
        assert "more memory than the limit (600 MB" in failed.error.reason
        assert failed.sha256 is not None  # recorded so it is not retried until it changes
        after = worker.run(WorkItem(str(good)))  # a fresh worker process takes over
        assert after.error is None and after.plan is not None and len(after.plan.records) == 2
    finally:
        worker.close()


def test_a_worker_killed_mid_document_fails_that_document_only(
    tmp_path: Path, hung_converter: HungConverter
) -> None:
    old = makers.legacy_doc(tmp_path / "old.doc")  # its converter hangs: the worker waits on it
    plans = [
        makers.word_plan(tmp_path / f"plan{i}.docx", f"Plan {i}", makers.plan_rows(2, i))
        for i in range(3)
    ]
    executor = ProcessExecutor(Settings(workers=2))
    killed: list[int] = []

    def kill_the_reader() -> None:
        converter = hung_converter.wait_started()  # the event: that worker is mid-document
        if converter is None:
            return
        (reader,) = [w for w in executor.workers if w.item and w.item.path == str(old)]
        assert reader.pid is not None
        os.kill(reader.pid, signal.SIGKILL)
        os.kill(converter, signal.SIGKILL)  # the orphaned converter would sleep on
        killed.append(reader.pid)

    killer = threading.Thread(target=kill_the_reader)
    killer.start()
    try:
        for path in [old, *plans]:
            executor.submit(WorkItem(str(path)))
        results = {Path(r.path).name: r for r in executor.completed()}
    finally:
        if killer.is_alive():  # no converter ever started: end the wait, the asserts say why
            hung_converter.release()
        killer.join()
        executor.close()
    assert len(killed) == 1
    assert isinstance(results["old.doc"].error, UnexpectedError)
    assert "worker process died (signal SIGKILL)" in results["old.doc"].error.reason
    assert all(results[p.name].plan is not None for p in plans)


def test_an_answer_right_behind_ready_is_read_at_once(tmp_path: Path) -> None:
    """The worker says it is ready and answers before the supervisor reads either: both wait in
    the pipe. Reading the first must leave the second there for select() to see, not take it
    into a buffer and wait for it until the hard time limit."""
    worker = SupervisedWorker(Settings(timeout_seconds=5))
    try:
        worker.send(WorkItem(str(tmp_path / "gone.docx")))
        ready = struct.calcsize("!Q") + len(pickle.dumps(READY, protocol=pickle.HIGHEST_PROTOCOL))
        deadline = time.monotonic() + 60
        while _waiting(worker.fileno()) <= ready:  # until the answer is in the pipe too
            assert time.monotonic() < deadline, "the worker never answered"
            time.sleep(0.01)
        started = time.monotonic()
        result = worker.wait()
        assert time.monotonic() - started < 5  # read at once, not at the time limit
        assert result.error is not None and "gone.docx" in str(result.error)
        assert not isinstance(result.error, LimitExceeded)
    finally:
        worker.close()


def _waiting(fd: int) -> int:
    """Bytes waiting in the pipe ``fd``."""
    return int(struct.unpack("i", fcntl.ioctl(fd, termios.FIONREAD, b"\0" * 4))[0])


def test_a_worker_that_stops_answering_is_killed_at_the_hard_time_limit(tmp_path: Path) -> None:
    good = makers.word_plan(tmp_path / "good.docx", TITLE, makers.plan_rows(1))
    worker = SupervisedWorker(Settings(timeout_seconds=1), grace=0.5)
    try:
        assert worker.run(WorkItem(str(good))).plan is not None
        frozen = worker.pid
        assert frozen is not None
        # Frozen before the next document: it cannot answer, and not even its own alarm can run.
        os.kill(frozen, signal.SIGSTOP)
        result = worker.run(WorkItem(str(good)))
        assert isinstance(result.error, LimitExceeded)
        assert "time limit (1 s)" in result.error.reason
        assert not running(frozen)  # killed and reaped, not left stopped
        assert worker.run(WorkItem(str(good))).plan is not None
        assert worker.pid != frozen
    finally:
        worker.close()


def test_soft_time_limit_keeps_the_worker(tmp_path: Path, hung_converter: HungConverter) -> None:
    old = makers.legacy_doc(tmp_path / "old.doc")
    good = makers.word_plan(tmp_path / "good.docx", TITLE, makers.plan_rows(1))
    worker = SupervisedWorker(Settings(timeout_seconds=1))
    try:
        assert worker.run(WorkItem(str(good))).plan is not None
        pid = worker.pid
        result = worker.run(WorkItem(str(old)))  # its converter never returns
        assert isinstance(result.error, LimitExceeded)
        assert "time limit (1 s)" in result.error.reason
        assert result.sha256 == hashlib.sha256(old.read_bytes()).hexdigest()
        (converter,) = hung_converter.started()
        assert not running(converter)  # the worker stopped the converter it was waiting on
        assert worker.run(WorkItem(str(good))).plan is not None and worker.pid == pid
    finally:
        worker.close()


def test_file_that_vanishes_or_changes_while_read(tmp_path: Path) -> None:
    plan = makers.word_plan(tmp_path / "plan.docx", TITLE, makers.plan_rows(2))
    seen = FileState.of(plan)
    settings = Settings()

    plan.write_bytes(plan.read_bytes() + b"\0")  # saved again after the scan
    changed = run_item(WorkItem(str(plan), expected=seen), settings)
    assert isinstance(changed.error, SourceChanged) and changed.error.transient

    plan.unlink()
    gone = run_item(WorkItem(str(plan)), settings)
    assert isinstance(gone.error, SourceChanged) and "not found" in gone.error.reason


def _three_plans(folder: Path) -> list[WorkItem]:
    folder.mkdir()
    return [
        WorkItem(
            str(makers.word_plan(folder / f"p{n}.docx", f"Plan {n} 2024", makers.plan_rows(2)))
        )
        for n in range(3)
    ]


def test_a_local_worker_starts_once_and_reads_every_document(tmp_path: Path) -> None:
    with ProcessExecutor(Settings(workers=1)) as executor:
        for item in _three_plans(tmp_path / "drive"):
            executor.submit(item)
        results = list(executor.completed())
    assert all(r.error is None for r in results) and len(results) == 3
    assert len({r.worker_pid for r in results}) == 1


@pytest.mark.slow
def test_a_dask_worker_starts_its_worker_before_any_document(tmp_path: Path) -> None:
    from planingest.ops import dask_cluster

    items = _three_plans(tmp_path / "drive")
    with DaskExecutor("local", Settings(workers=1)) as executor:
        # register_plugin returned once every Dask worker ran the plugin's setup: its
        # supervised worker is running (loading spaCy) before any document is sent.
        pids = executor.client.run(lambda: dask_cluster._worker and dask_cluster._worker.pid)
        (started,) = pids.values()  # one Dask worker: its supervised worker's pid
        assert started
        for item in items:
            executor.submit(item)
        results = list(executor.completed())
    assert all(r.error is None for r in results)
    assert {r.worker_pid for r in results} == {started}
