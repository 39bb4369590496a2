"""Keep the database in step with a shared folder: one read-only pass, for cron or ``watch``.

A pass lists the folder, and takes a file only when it is *stable*: older than ``min_age`` and
the same size and mtime as the previous pass saw (someone may still be saving it). Stable files
are hashed (and re-statted: bytes that changed while hashed wait for the next pass); new content
goes through the pipeline, known content at a new path is a *sighting*, content that failed for
reasons tied to its bytes is not tried again until the bytes change. Paths gone from the folder
are marked missing (``file_observation.missing_since``); their data stays. The folder is never
written to.

What the previous pass saw lives in the database (the store's ``sync_scan`` table: path, size,
mtime, and the sha256 once that content was dealt with), so any machine running the pass sees the
same state and an unchanged file is not hashed again.
"""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from planingest.errors import PlanIngestError, UnexpectedError
from planingest.extractor.source import open_regular
from planingest.names import stored
from planingest.ops.batch import (
    BatchSummary,
    DocumentReport,
    OnReport,
    RunWriter,
    collect_files,
    open_executor,
    retrying,
)
from planingest.ops.limits import FileState, WorkItem, WorkResult, sha256_if_unchanged
from planingest.settings import Settings
from planingest.store import FileStamp, Store
from planingest.store import open as open_store


@dataclass
class SyncSummary:
    """One pass: the folder's files and what became of them."""

    folder: str
    listed: int = 0
    waiting: int = 0
    """Files too new or still changing: taken on a later pass."""
    known: int = 0
    """Files already dealt with in an earlier pass (not hashed again)."""
    sightings: int = 0
    skipped_failed: int = 0
    """Content that failed before for reasons tied to its bytes."""
    missing: int = 0
    warnings: list[str] = field(default_factory=list)
    batch: BatchSummary = field(default_factory=BatchSummary)

    def as_json(self) -> dict[str, Any]:
        return asdict(self)

    def idle(self) -> bool:
        """Nothing read, sighted or marked missing: a pass that leaves no ``import_run`` row."""
        return not (self.batch.files or self.sightings or self.missing)

    def scan_line(self) -> str:
        run = "nothing to record" if self.batch.run_id is None else f"run {self.batch.run_id}"
        return (
            f"sync {self.folder} ({run}): {self.listed} files, "
            f"{self.batch.files} read, {self.known} known, {self.sightings} new sightings, "
            f"{self.waiting} waiting to settle, {self.skipped_failed} skipped (failed before), "
            f"{self.missing} newly missing"
        )


def sync_folder(
    folder: str | Path,
    *,
    store_url: str,
    settings: Settings,
    min_age: float = 60.0,
    retry_failed: bool = False,
    dask: str | None = None,
    on_result: OnReport | None = None,
    holds_lock: bool = False,
) -> SyncSummary:
    """One sync pass over ``folder`` into the store at ``store_url``. Passes must never overlap:
    the caller holds the run lock (``holds_lock``: see :func:`~planingest.ops.batch.run_batch`)."""
    root = os.path.abspath(folder)
    summary = SyncSummary(folder=stored(root))
    store = retrying(lambda: open_store(store_url))
    try:
        with RunWriter(
            store, summary.batch, trigger="sync", holds_lock=holds_lock, idle=summary.idle
        ) as run:
            listing = _list(root)
            summary.listed = len(listing)
            refused: dict[str, PlanIngestError] = {}
            todo = retrying(
                lambda: _triage(store, run.run_id, listing, min_age, retry_failed, summary, refused)
            )
            summary.batch.files = len(todo) + len(refused)
            for path, error in sorted(refused.items()):
                report = run.write(WorkResult(WorkItem(path), error=error))
                if on_result is not None:
                    on_result(report)
            if todo:
                tracker = _Tracker(store, on_result)
                executor = open_executor(settings, dask)
                try:
                    run.drive(executor, todo, tracker)
                finally:
                    executor.close()
            retrying(lambda: _mark_missing(store, run.run_id, summary.folder, listing, summary))
            run.files_seen = summary.listed
    finally:
        store.close()
    return summary


@dataclass(frozen=True)
class _Listed:
    """A listed file: what the scan saw, and where it is (the name the store keys on is its
    stored form, :func:`planingest.names.stored`; this is the file system form)."""

    size: int
    mtime_ns: int
    path: str


def _list(root: str) -> dict[str, _Listed]:
    """The folder's document files, keyed by their stored names."""
    files = collect_files([root]).files
    listing: dict[str, _Listed] = {}
    for path in files:
        try:
            state = FileState.of(path)
        except FileNotFoundError:
            continue  # gone between the walk and the stat: the next pass sees it gone
        listing[stored(path)] = _Listed(state.size, state.mtime_ns, str(path))
    return listing


def _triage(
    store: Store,
    run_id: int,
    listing: dict[str, _Listed],
    min_age: float,
    retry_failed: bool,
    summary: SyncSummary,
    refused: dict[str, PlanIngestError],
) -> list[WorkItem]:
    """Decide per file (in the store): wait, skip, note a sighting, or read it (returned).

    A settled file that cannot be read at all (permission denied, a FIFO or device) goes into
    ``refused`` with its reason, to be reported as failed, not left waiting for ever."""
    refused.clear()  # a retried triage starts afresh

    def hash_file(name: str, stamp: FileStamp) -> str | None:
        listed = listing[name]
        try:
            open_regular(listed.path).close()
        except PlanIngestError as exc:
            if exc.transient:
                return None  # gone meanwhile: the next pass sees it gone
            exc.path = name
            refused[name] = exc
            return None
        except OSError as exc:
            refused[name] = UnexpectedError(stored(f"cannot be read ({exc})"), path=name)
            return None
        return sha256_if_unchanged(listed.path, FileState(listed.size, listed.mtime_ns))

    triage = store.triage(
        run_id,
        summary.folder,
        listing,
        min_age=min_age,
        retry_failed=retry_failed,
        hash_file=hash_file,
    )
    summary.waiting += triage.waiting - len(refused)
    summary.known += triage.known
    summary.sightings += triage.sightings
    summary.skipped_failed += triage.skipped_failed
    return [
        WorkItem(
            listing[name].path,
            expected=FileState(listing[name].size, listing[name].mtime_ns),
            sha256=sha,
        )
        for name, sha in triage.to_read
    ]


class _Tracker:
    """After each document is stored: note the path as dealt with (unless worth a retry)."""

    def __init__(self, store: Store, forward: OnReport | None) -> None:
        self.store = store
        self.forward = forward

    def __call__(self, report: DocumentReport) -> None:
        sha256 = report.sha256
        if sha256 is not None and not report.transient:
            stored = report.outcome != "failed"
            retrying(lambda: self.store.note_handled(report.path, sha256, stored=stored))
        if self.forward is not None:
            self.forward(report)


def _mark_missing(
    store: Store, run_id: int, root: str, listing: dict[str, _Listed], summary: SyncSummary
) -> None:
    """Paths under ``root`` seen before and not listed now: missing (data kept); and what the
    scan remembered of them is forgotten."""
    report = store.mark_missing(root, listing.keys(), run_id)
    if report.refused:
        summary.warnings.append(
            f"{root} is empty but {len(report.gone)} files were seen there before: is the share "
            "mounted? Not marking them missing."
        )
        return
    summary.missing = len(report.gone)
    store.forget_scans(root, listing.keys())


def list_failures(store_url: str) -> list[dict[str, Any]]:
    """Each path's latest failure, unless the path has been imported or sighted since."""
    with open_store(store_url) as store:  # brings the schema up to date
        return store.failures()
