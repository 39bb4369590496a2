"""The supervised workers: limits hold, and a worker that dies or hangs costs one document."""

from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path

from planingest.errors import LimitExceeded, SourceChanged, UnexpectedError
from planingest.ops.executors import ProcessExecutor, SupervisedWorker
from planingest.ops.limits import FileState, WorkItem, run_item
from planingest.settings import Settings

from . import makers
from .hard_pdfs import pdf_bomb, slow_pdf

TITLE = "Climate Action Plan 2024-2026"


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


def test_a_worker_killed_mid_document_fails_that_document_only(tmp_path: Path) -> None:
    slow = slow_pdf(tmp_path / "slow.pdf")
    plans = [
        makers.word_plan(tmp_path / f"plan{i}.docx", f"Plan {i}", makers.plan_rows(2, i))
        for i in range(3)
    ]
    executor = ProcessExecutor(Settings(workers=2))

    def kill_the_slow_one() -> None:
        for _ in range(200):
            for worker in executor.workers:
                if worker.item is not None and worker.item.path == str(slow) and worker.pid:
                    time.sleep(0.3)
                    os.kill(worker.pid, signal.SIGKILL)
                    return
            time.sleep(0.05)

    killer = threading.Thread(target=kill_the_slow_one)
    try:
        for path in [slow, *plans]:
            executor.submit(WorkItem(str(path)))
        killer.start()
        results = {Path(r.path).name: r for r in executor.completed()}
    finally:
        killer.join()
        executor.close()
    assert isinstance(results["slow.pdf"].error, UnexpectedError)
    assert "worker process died (signal SIGKILL)" in results["slow.pdf"].error.reason
    assert all(results[p.name].plan is not None for p in plans)


def test_a_hung_worker_is_killed_at_the_hard_time_limit(tmp_path: Path) -> None:
    slow = slow_pdf(tmp_path / "slow.pdf")
    good = makers.word_plan(tmp_path / "good.docx", TITLE, makers.plan_rows(1))
    worker = SupervisedWorker(Settings(timeout_seconds=1), grace=0.5)
    try:
        assert worker.run(WorkItem(str(good))).plan is not None
        pid = worker.pid
        assert pid is not None
        # Frozen mid-document: not even the worker's own alarm can run.
        freezer = threading.Timer(0.3, os.kill, (pid, signal.SIGSTOP))
        freezer.start()
        started = time.monotonic()
        result = worker.run(WorkItem(str(slow)))
        assert 1.4 < time.monotonic() - started < 4
        assert isinstance(result.error, LimitExceeded)
        assert "time limit (1 s)" in result.error.reason
        assert worker.run(WorkItem(str(good))).plan is not None
        assert worker.pid != pid
    finally:
        worker.close()


def test_soft_time_limit_keeps_the_worker(tmp_path: Path) -> None:
    slow = slow_pdf(tmp_path / "slow.pdf")
    good = makers.word_plan(tmp_path / "good.docx", TITLE, makers.plan_rows(1))
    worker = SupervisedWorker(Settings(timeout_seconds=1))
    try:
        assert worker.run(WorkItem(str(good))).plan is not None
        pid = worker.pid
        result = worker.run(WorkItem(str(slow)))
        assert isinstance(result.error, LimitExceeded) and "time limit" in result.error.reason
        assert 1 <= result.seconds < 3
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
