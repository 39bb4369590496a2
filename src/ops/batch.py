"""Many documents: find the files, read them in parallel workers, write through one writer.

Extraction and normalisation run in worker processes (:mod:`planingest.ops.executors`: local
supervised processes or a Dask cluster); the database is written by this process alone, one
transaction per document (inside the store). A failed document is recorded against its path with a
reason and the batch goes on. Transient trouble is retried with backoff: a file that changed while
it was read is read again, a dropped database connection is reconnected and the write repeated
(the store's transaction rolled back, so nothing is half-written).
"""

from __future__ import annotations

import fnmatch
import os
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

from planingest.errors import PlanIngestError, StoreError, UnexpectedError
from planingest.names import stored
from planingest.ops.executors import Executor, open_executor
from planingest.ops.limits import WorkItem, WorkResult
from planingest.settings import Settings
from planingest.store import RunStatus, Store, Trigger
from planingest.store import open as open_store
from planingest.version import __version__

STORED_OUTCOMES = frozenset({"imported", "needs_review", "alternative"})
"""Outcomes that stored a new plan version (an alternative reading of an edition included)."""

DOCUMENT_SUFFIXES = frozenset({".pdf", ".docx", ".doc"})
IGNORED_NAMES = ("~$*", ".~lock*", "*.tmp", ".*")
"""Office lock files, temporary files and hidden files: never documents."""

RETRY_DELAYS = (0.5, 1.0, 2.0, 4.0, 8.0)
"""Backoff (seconds) between attempts at a transient failure; its length caps the attempts."""

DOCUMENT_ATTEMPTS = 3
"""Reads of a document whose failure is transient (it changed while read, an I/O error)."""

T = TypeVar("T")


def collect_files(paths: Iterable[str | Path]) -> tuple[list[Path], list[Path]]:
    """Document files under ``paths`` (folders walked recursively, sorted) and paths not found.

    A file named explicitly is taken whatever its suffix (the reader decides by its bytes); in a
    folder only ``.pdf``, ``.docx`` and ``.doc`` files are taken, lock and temp files never. A
    FIFO, socket or device with a document's name is taken too, so that the reader refuses it
    with a reason (it is never opened for reading).
    """
    found: list[Path] = []
    missing: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found.extend(
                p
                for p in sorted(path.rglob("*"))
                if _file_like(p) and is_document_name(p) and not _hidden_below(p, path)
            )
        elif _file_like(path):
            found.append(path)
        else:
            missing.append(path)
    return found, missing


def is_document_name(path: Path) -> bool:
    """A PDF or Word name that is not an Office lock file or a temporary file."""
    return path.suffix.lower() in DOCUMENT_SUFFIXES and not any(
        fnmatch.fnmatch(path.name, pattern) for pattern in IGNORED_NAMES
    )


def _file_like(path: Path) -> bool:
    """Not a folder (nor a dangling link): a file, or a special file the reader will refuse."""
    return path.exists() and not path.is_dir()


def _hidden_below(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts[:-1])


@dataclass
class DocumentReport:
    """One file's line in the summary (and in ``--json``/``--report``)."""

    path: str
    outcome: str
    """imported, needs_review, alternative, unchanged, duplicate, sighting or failed."""
    pages: int = 0
    tables: int = 0
    records: int = 0
    seconds: float = 0.0
    sha256: str | None = None
    code: str | None = None
    reason: str | None = None
    transient: bool = False
    """A failure worth retrying on the next run (the others wait until the bytes change)."""
    attempts: int = 1
    details: str | None = None
    """The traceback of an unexpected failure (shown with ``--verbose``)."""


@dataclass
class BatchSummary:
    """What a batch did, for the summary table, ``--json`` and ``--report``."""

    files: int = 0
    imported: int = 0
    """New editions (including needs_review ones)."""
    unchanged: int = 0
    """Known bytes, or a twin of a stored edition: a sighting only."""
    failed: int = 0
    retried: int = 0
    """Transient failures read again."""
    pages: int = 0
    """Pages read (PDF pages; Word sections)."""
    tables: int = 0
    records: int = 0
    """Action records stored (those of new editions)."""
    run_id: int | None = None
    seconds: float = 0.0
    peak_worker_rss_mb: float = 0.0
    failures: list[dict[str, Any]] = field(default_factory=list)
    documents: list[dict[str, Any]] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


OnReport = Callable[[DocumentReport], None]


def run_batch(
    files: list[Path],
    *,
    store_url: str,
    settings: Settings,
    plan_key: str | None = None,
    reprocess: bool = False,
    dask: str | None = None,
    on_result: OnReport | None = None,
    holds_lock: bool = False,
) -> BatchSummary:
    """Import ``files`` into the store at ``store_url``; ``on_result`` sees each file's report.

    ``holds_lock``: the caller holds the run lock (:func:`planingest.store.locks.run_lock`), so any
    run still marked running is dead and is marked abandoned at once.
    """
    summary = BatchSummary(files=len(files))
    store = retrying(lambda: open_store(store_url))
    try:
        run = RunWriter(
            store,
            summary,
            trigger="cli",
            plan_key=plan_key,
            reprocess=reprocess,
            holds_lock=holds_lock,
        )
        with run:
            executor = open_executor(settings, dask)
            try:
                run.drive(executor, (WorkItem(os.path.abspath(p)) for p in files), on_result)
            finally:
                executor.close()
    finally:
        store.close()
    return summary


class RunWriter:
    """The single writer of one import run: begins and finishes it, and stores each result."""

    def __init__(
        self,
        store: Store,
        summary: BatchSummary,
        *,
        trigger: Trigger,
        plan_key: str | None = None,
        reprocess: bool = False,
        holds_lock: bool = False,
    ) -> None:
        self.store = store
        self.holds_lock = holds_lock
        self.summary = summary
        self.trigger = trigger
        self.plan_key = plan_key
        self.reprocess = reprocess
        self.run_id = 0
        self.files_seen: int | None = None
        """Files looked at, when more than were read (a sync pass lists more than it reads)."""
        self._started = 0.0

    def __enter__(self) -> RunWriter:
        self._started = time.monotonic()
        # Under the run lock no other run is alive: one still marked running died (kill -9,
        # power cut) and is abandoned now rather than after the store's hour of silence.
        stale = {"stale_after": timedelta(0)} if self.holds_lock else {}
        self.run_id = retrying(
            lambda: self.store.begin_run(
                trigger=self.trigger, pipeline_version=__version__, **stale
            )
        )
        self.summary.run_id = self.run_id
        return self

    def __exit__(self, kind: type[BaseException] | None, *exc: object) -> None:
        self.summary.seconds = round(time.monotonic() - self._started, 3)
        status: RunStatus = "succeeded" if kind is None else "failed"
        try:
            retrying(
                lambda: self.store.finish_run(self.run_id, status=status, counts=self.counts())
            )
        except StoreError:
            if kind is None:
                raise  # the run itself went well: say that its end could not be recorded

    def drive(
        self, executor: Executor, items: Iterable[WorkItem], on_result: OnReport | None
    ) -> None:
        """Submit ``items``, then store each result as it completes (retrying transient ones)."""
        for item in items:
            executor.submit(item)
        for result in executor.completed():
            error = result.error
            if error is not None and error.transient and result.item.attempt < DOCUMENT_ATTEMPTS:
                self.summary.retried += 1
                delay = RETRY_DELAYS[result.item.attempt - 1]
                executor.submit(
                    WorkItem(
                        result.item.path,
                        result.item.expected,
                        result.item.sha256,
                        attempt=result.item.attempt + 1,
                        not_before=time.time() + delay,
                    )
                )
                continue
            report = self.write(result)
            if on_result is not None:
                on_result(report)

    def write(self, result: WorkResult) -> DocumentReport:
        """Store one result: an edition (one transaction, in the store) or a failure row."""
        summary = self.summary
        summary.peak_worker_rss_mb = max(summary.peak_worker_rss_mb, round(result.peak_rss_mb, 1))
        path = stored(result.path)
        report = DocumentReport(
            path=path,
            outcome="failed",
            pages=result.pages,
            tables=result.tables,
            seconds=round(result.seconds, 3),
            sha256=result.sha256,
            attempts=result.item.attempt,
        )
        if result.plan is not None:
            try:
                report.outcome = self._store_plan(result)
            except Exception as exc:
                if is_transient(exc):
                    raise  # retried already: the database is gone, the run fails cleanly
                result.error = UnexpectedError(
                    stored(f"could not be stored ({type(exc).__name__}: {exc})"), path=path
                )
            else:
                report.records = len(result.plan.records)
                if report.outcome in STORED_OUTCOMES:
                    summary.records += report.records  # records stored, as the run counts them
                summary.pages += report.pages
                summary.tables += report.tables
        if result.error is not None:
            self.record_failure(result.error, path, result.sha256)
            report.code, report.reason = result.error.reason_code, result.error.reason
            report.transient = result.error.transient
            report.details = result.error.details
        if report.outcome in STORED_OUTCOMES:
            summary.imported += 1
        elif report.outcome != "failed":
            summary.unchanged += 1
        summary.documents.append(asdict(report))
        return report

    def _store_plan(self, result: WorkResult) -> str:
        assert result.plan is not None
        plan = result.plan
        state = result.state
        mtime = datetime.fromtimestamp(state.mtime_ns / 1e9, tz=UTC) if state else None
        outcome = retrying(
            lambda: self.store.import_document(
                plan,
                run_id=self.run_id,
                path=stored(result.path),
                mtime=mtime,
                plan_key=self.plan_key,
                reprocess=self.reprocess,
            )
        )
        return str(getattr(outcome, "status", outcome))

    def record_failure(self, error: PlanIngestError, path: str, sha256: str | None) -> None:
        error.path = error.path or path
        self.summary.failed += 1
        self.summary.failures.append(
            {"path": path, "sha256": sha256, "code": error.reason_code, "reason": error.reason}
        )
        retrying(lambda: self.store.record_failure(self.run_id, path, sha256, error))

    def counts(self) -> dict[str, int]:
        summary = self.summary
        return {
            "files_seen": summary.files if self.files_seen is None else self.files_seen,
            "files_imported": summary.imported,
            "files_skipped": summary.unchanged,
            "files_failed": summary.failed,
            "records": summary.records,
        }


def is_transient(exc: BaseException) -> bool:
    """Worth another try: a lost database connection, or another error that says so."""
    return isinstance(exc, PlanIngestError) and exc.transient


def retrying(action: Callable[[], T], delays: tuple[float, ...] = RETRY_DELAYS) -> T:
    """``action()``, tried again after each delay while it fails transiently."""
    for delay in delays:
        try:
            return action()
        except Exception as exc:
            if not is_transient(exc):
                raise
        time.sleep(delay)
    return action()
