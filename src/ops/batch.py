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
import signal
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

from planingest.errors import PlanIngestError, StoreError, UnexpectedError
from planingest.names import stored
from planingest.ops.executors import Executor, ProcessExecutor
from planingest.ops.limits import FileState, WorkItem, WorkResult, sha256_if_unchanged
from planingest.settings import Settings
from planingest.store import Hashed, RunStatus, Store, Trigger
from planingest.store import open as open_store
from planingest.version import __version__

STORED_OUTCOMES = frozenset({"imported", "needs_review", "alternative"})
"""Outcomes that stored a new plan version (an alternative reading of an edition included)."""

DOCUMENT_SUFFIXES = frozenset({".pdf", ".docx", ".doc", ".png", ".jpg", ".jpeg", ".tif", ".tiff"})
"""Taken from a folder; images (``.png``, ``.jpg``, ``.tif``) are scanned pages read by OCR."""
IGNORED_NAMES = ("~$*", ".~lock*", "*.tmp", ".*")
"""Office lock files, temporary files and hidden files: never documents."""

RETRY_DELAYS = (0.5, 1.0, 2.0, 4.0, 8.0)
"""Backoff (seconds) between attempts at a transient failure; its length caps the attempts."""

DOCUMENT_ATTEMPTS = 3
"""Reads of a document whose failure is transient (it changed while read, an I/O error)."""

T = TypeVar("T")


class Collected(NamedTuple):
    """What :func:`collect_files` found under the paths it was given."""

    files: list[Path]
    missing: list[Path]
    """Paths given that do not exist."""
    unsupported: dict[str, int]
    """Files in the folders walked that are not documents, by kind (``.txt``, ``.xlsx``; ``no
    extension``): skipped, and said so. Lock, temporary and hidden files are not counted."""


def collect_files(paths: Iterable[str | Path]) -> Collected:
    """Document files under ``paths`` (folders walked recursively, sorted), paths not found, and
    what was skipped as not a document.

    A file named explicitly is taken whatever its suffix (the reader decides by its bytes); in a
    folder only :data:`DOCUMENT_SUFFIXES` are taken, lock and temp files never. A
    FIFO, socket or device with a document's name is taken too, so that the reader refuses it
    with a reason (it is never opened for reading).
    """
    found = Collected([], [], {})
    unsupported: Counter[str] = Counter()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for p in sorted(path.rglob("*")):
                if not _file_like(p) or _hidden_below(p, path) or _ignored(p):
                    continue
                if p.suffix.lower() in DOCUMENT_SUFFIXES:
                    found.files.append(p)
                else:
                    unsupported[p.suffix.lower() or "no extension"] += 1
        elif _file_like(path):
            found.files.append(path)
        else:
            found.missing.append(path)
    found.unsupported.update(sorted(unsupported.items()))
    return found


def _ignored(path: Path) -> bool:
    """An Office lock file, a temporary or a hidden file: never a document, never reported."""
    return any(fnmatch.fnmatch(path.name, pattern) for pattern in IGNORED_NAMES)


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
    """One of :data:`OUTCOMES`."""
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


OUTCOMES = (
    "imported",
    "needs_review",
    "alternative",
    "duplicate",
    "unchanged",
    "failed",
    "missing",
)
"""What became of a path, in the order the summary counts them: ``unchanged`` bytes were stored
already (not read again), a ``duplicate`` is new bytes reading the same as a stored edition, an
``alternative`` another reading of a stored edition (kept, shaping no history), ``missing`` a
path given that does not exist (see :class:`~planingest.store.ImportOutcome` for the rest)."""


@dataclass
class BatchSummary:
    """What a batch did, for the summary table, ``--json`` and ``--report``. ``files`` counts
    every path given (a missing one too) and is the sum of the outcome counts."""

    files: int = 0
    imported: int = 0
    """New editions, or better readings of stored ones."""
    needs_review: int = 0
    """Stored, but shaping no history until someone looks (the record count collapsed)."""
    alternative: int = 0
    duplicate: int = 0
    unchanged: int = 0
    failed: int = 0
    missing: int = 0
    retried: int = 0
    """Transient failures read again."""
    pages: int = 0
    """Pages read (PDF pages; Word sections)."""
    tables: int = 0
    records: int = 0
    """Action records stored (those of new editions)."""
    unsupported: dict[str, int] = field(default_factory=dict)
    """Files in the folders given that were skipped as not PDF or Word, by kind."""
    run_id: int | None = None
    seconds: float = 0.0
    peak_worker_rss_mb: float = 0.0
    failures: list[dict[str, Any]] = field(default_factory=list)
    documents: list[dict[str, Any]] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return asdict(self)

    @property
    def stored(self) -> int:
        """Files that stored a plan version (an edition, or a reading kept beside one)."""
        return sum(getattr(self, outcome) for outcome in STORED_OUTCOMES)

    def outcome_counts(self) -> str:
        """``3 imported, 1 alternative, 2 unchanged, 0 failed``: each outcome that happened
        (imported, unchanged and failed always), so the figures add up to ``files``."""
        always = {"imported", "unchanged", "failed"}
        return ", ".join(
            f"{getattr(self, o)} {o.replace('_', ' ')}"
            for o in OUTCOMES
            if getattr(self, o) or o in always
        )

    def count(self, report: DocumentReport) -> None:
        """Add one file's outcome (and what it read) to the tallies."""
        setattr(self, report.outcome, getattr(self, report.outcome) + 1)
        if report.outcome in STORED_OUTCOMES:
            self.records += report.records  # records stored, as the run counts them
        if report.outcome not in ("failed", "missing"):
            self.pages += report.pages
            self.tables += report.tables
        self.documents.append(asdict(report))


class Interrupted(KeyboardInterrupt):
    """A run stopped by a signal (Ctrl-C is SIGINT; systemd and ``kill`` send SIGTERM). Raised
    out of a run with its ``summary`` so far: every document it stored is whole, and running the
    same command again finishes the job."""

    def __init__(self, signum: int = signal.SIGINT, summary: BatchSummary | None = None) -> None:
        super().__init__(signum)
        self.signum = signum
        self.summary = summary


OnReport = Callable[[DocumentReport], None]


def open_executor(settings: Settings, dask: str | None = None, documents: int = 0) -> Executor:
    """A Dask executor when ``dask`` names a scheduler (or ``local``), else local processes,
    workers for up to ``documents`` of them started at once (:meth:`ProcessExecutor.start`)."""
    if dask:
        from planingest.ops.dask_cluster import DaskExecutor  # distributed loads only then

        return DaskExecutor(dask, settings)
    executor = ProcessExecutor(settings)
    try:
        executor.start(documents)
    except BaseException:  # a failed start or Ctrl-C part way: stop those already started
        executor.close()
        raise
    return executor


def run_batch(
    files: list[Path] | Collected,
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

    Given what :func:`collect_files` found, the summary counts the missing paths and the files
    skipped as not documents too. Each file is hashed first: bytes the store holds already are a
    sighting (``unchanged``) and are not read again. Local workers start before the store is
    opened, their start-up (imports, the spaCy model) beside its and the hashing; they are
    stopped unused when no file needs reading. A Dask cluster is reached only when one does.

    ``holds_lock``: the caller holds the run lock (:func:`planingest.store.locks.run_lock`), so any
    run still marked running is dead and is marked abandoned at once.
    """
    found = files if isinstance(files, Collected) else Collected(files, [], {})
    summary = BatchSummary(files=len(found.files) + len(found.missing))
    summary.unsupported = dict(found.unsupported)
    executor = open_executor(settings, documents=len(found.files)) if not dask else None
    try:
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
                for path in found.missing:
                    run.report(_missing(path), on_result)
                todo = run.sight_known([os.path.abspath(p) for p in found.files], on_result)
                if todo:
                    executor = executor or open_executor(settings, dask)
                    run.drive(executor, (WorkItem(path) for path in todo), on_result)
        finally:
            store.close()
    finally:
        if executor is not None:
            executor.close()
    return summary


def _missing(path: Path) -> DocumentReport:
    return DocumentReport(
        path=stored(os.path.abspath(path)),
        outcome="missing",
        code="not_found",
        reason="no such file or folder",
    )


HASH_BATCH = 100
"""Files hashed, then looked up in the store in one transaction."""


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
        idle: Callable[[], bool] | None = None,
    ) -> None:
        self.store = store
        self.holds_lock = holds_lock
        self.summary = summary
        self.trigger = trigger
        self.plan_key = plan_key
        self.reprocess = reprocess
        self.idle = idle
        """Whether the run did nothing worth a row (an idle sync pass): then it leaves none."""
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

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, *_: object
    ) -> None:
        self.summary.seconds = round(time.monotonic() - self._started, 3)
        idle = kind is None and self.idle is not None and self.idle()
        if idle and retrying(lambda: self.store.discard_run(self.run_id)):
            self.summary.run_id = None
            return
        stopped = isinstance(error, KeyboardInterrupt)
        status: RunStatus = "succeeded" if kind is None else "interrupted" if stopped else "failed"
        try:
            retrying(
                lambda: self.store.finish_run(self.run_id, status=status, counts=self.counts())
            )
        except StoreError:
            if kind is None:
                raise  # the run itself went well: say that its end could not be recorded
        if stopped:
            signum = getattr(error, "signum", signal.SIGINT)
            raise Interrupted(signum, self.summary) from error

    def sight_known(self, paths: list[str], on_result: OnReport | None) -> list[str]:
        """Hash each file and record a sighting of those whose bytes are stored already (reported
        ``unchanged``, never read); the paths left to read. A file that cannot be hashed is left
        to the reader, which says why."""
        todo: list[str] = []
        for start in range(0, len(paths), HASH_BATCH):
            chunk = paths[start : start + HASH_BATCH]
            hashed = {path: _hashed(path) for path in chunk}
            known = self._sight([file for file, _ in hashed.values() if file is not None])
            for path in chunk:
                file, seconds = hashed[path]
                if file is None or file.path not in known:
                    todo.append(path)
                    continue
                report = DocumentReport(file.path, "unchanged", seconds=seconds, sha256=file.sha256)
                self.report(report, on_result)
        return todo

    def _sight(self, files: list[Hashed]) -> set[str]:
        return retrying(
            lambda: self.store.sight_known(self.run_id, files, reprocess=self.reprocess)
        )

    def report(self, report: DocumentReport, on_result: OnReport | None) -> None:
        self.summary.count(report)
        if on_result is not None:
            on_result(report)

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
        if result.error is not None:
            self.record_failure(result.error, path, result.sha256)
            report.outcome = "failed"
            report.code, report.reason = result.error.reason_code, result.error.reason
            report.transient = result.error.transient
            report.details = result.error.details
        summary.count(report)
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
        self.summary.failures.append(
            {"path": path, "sha256": sha256, "code": error.reason_code, "reason": error.reason}
        )
        retrying(lambda: self.store.record_failure(self.run_id, path, sha256, error))

    def counts(self) -> dict[str, int]:
        summary = self.summary
        return {
            "files_seen": summary.files if self.files_seen is None else self.files_seen,
            "files_imported": summary.stored,
            "files_skipped": summary.unchanged + summary.duplicate,
            "files_failed": summary.failed + summary.missing,
            "records": summary.records,
        }


def _hashed(path: str) -> tuple[Hashed | None, float]:
    """``path``'s size, mtime and sha256 (None when it cannot be hashed, or changed meanwhile),
    and the seconds that took."""
    began = time.monotonic()
    try:
        state = FileState.of(path)
    except OSError:
        return None, 0.0
    sha256 = sha256_if_unchanged(path, state)
    seconds = round(time.monotonic() - began, 3)
    if sha256 is None:
        return None, seconds
    return Hashed(stored(path), sha256, state.size, state.mtime_ns), seconds


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
