"""Keep the database in step with a shared folder: one read-only pass, for cron or ``watch``.

A pass lists the folder, and takes a file only when it is *stable*: older than ``min_age`` and
the same size and mtime as the previous pass saw (someone may still be saving it). Stable files
are hashed (and re-statted: bytes that changed while hashed wait for the next pass); new content
goes through the pipeline, known content at a new path is a *sighting*, content that failed for
reasons tied to its bytes is not tried again until the bytes change. Paths gone from the folder
are marked missing (``file_observation.missing_since``); their data stays. The folder is never
written to.

What the previous pass saw lives in the database, in the ``sync_scan`` table (path, size, mtime,
and the sha256 once that content was dealt with), so any machine running the pass sees the same
state and an unchanged file is not hashed again.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Engine, Table, delete, select, update
from sqlalchemy.orm import Session

from planingest.batch import (
    BatchSummary,
    DocumentReport,
    OnReport,
    RunWriter,
    collect_files,
    retrying,
)
from planingest.executors import open_executor
from planingest.limits import FileState, WorkItem, sha256_if_unchanged
from planingest.settings import Settings
from planingest.store import Store
from planingest.store import open as open_store
from planingest.store.models import FileObservation, ImportFailure, SourceFile, SyncScan

sync_scan = cast(Table, SyncScan.__table__)  # a mapped class's table is a Table at run time


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

    def scan_line(self) -> str:
        return (
            f"sync {self.folder} (run {self.batch.run_id}): {self.listed} files, "
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
    the caller holds the run lock (``holds_lock``: see :func:`~planingest.batch.run_batch`)."""
    root = os.path.abspath(folder)
    summary = SyncSummary(folder=root)
    store = retrying(lambda: open_store(store_url))
    engine = store.engine
    try:
        with RunWriter(store, summary.batch, trigger="sync", holds_lock=holds_lock) as run:
            listing = _list(root)
            summary.listed = len(listing)
            todo = retrying(
                lambda: _triage(engine, run.run_id, root, listing, min_age, retry_failed, summary)
            )
            summary.batch.files = len(todo)
            if todo:
                tracker = _Tracker(engine, on_result)
                executor = open_executor(settings, dask)
                try:
                    run.drive(executor, todo, tracker)
                finally:
                    executor.close()
            retrying(lambda: _mark_missing(store, run.run_id, root, listing, summary))
            run.files_seen = summary.listed
    finally:
        store.close()
    return summary


def _list(root: str) -> dict[str, FileState]:
    files, _ = collect_files([root])
    listing: dict[str, FileState] = {}
    for path in files:
        try:
            listing[str(path)] = FileState.of(path)
        except FileNotFoundError:
            continue  # gone between the walk and the stat: the next pass sees it gone
    return listing


def _triage(
    engine: Engine,
    run_id: int,
    root: str,
    listing: dict[str, FileState],
    min_age: float,
    retry_failed: bool,
    summary: SyncSummary,
) -> list[WorkItem]:
    """Decide per file: wait, skip, note a sighting, or read it (returned)."""
    now = datetime.now(UTC)
    todo: list[WorkItem] = []
    with Session(engine) as session, session.begin():
        seen = {
            row.path: row
            for row in session.execute(select(sync_scan).where(_under(sync_scan.c.path, root)))
        }
        for path, state in listing.items():
            row = seen.get(path)
            if row is None or (row.size, row.mtime_ns) != (state.size, state.mtime_ns):
                _remember(session, path, state, now, row is None)
                summary.waiting += 1
                continue
            if now.timestamp() - state.mtime_ns / 1e9 < min_age:
                summary.waiting += 1
                continue
            if row.handled_sha256 is not None:
                summary.known += 1
                continue
            sha256 = sha256_if_unchanged(path, state)
            if sha256 is None:
                summary.waiting += 1  # changed while hashed (or vanished): next pass
                continue
            source_id = session.scalar(select(SourceFile.id).where(SourceFile.sha256 == sha256))
            if source_id is not None:
                summary.sightings += _sight(session, run_id, path, state, source_id, now)
            elif not retry_failed and _failed_for_good(session, sha256):
                summary.skipped_failed += 1
            else:
                todo.append(WorkItem(path, expected=state, sha256=sha256))
                continue
            _handled(session, path, sha256)
    return todo


def _remember(session: Session, path: str, state: FileState, now: datetime, new: bool) -> None:
    values = {"size": state.size, "mtime_ns": state.mtime_ns, "changed_at": now}
    if new:
        session.execute(sync_scan.insert().values(path=path, **values))
    else:
        session.execute(
            update(sync_scan).where(sync_scan.c.path == path).values(handled_sha256=None, **values)
        )


def _handled(session: Session, path: str, sha256: str) -> None:
    session.execute(update(sync_scan).where(sync_scan.c.path == path).values(handled_sha256=sha256))


def _sight(
    session: Session, run_id: int, path: str, state: FileState, source_id: int, now: datetime
) -> int:
    """Known content at ``path``: record the sighting unless it is already the path's content."""
    _retire_other_content(session, path, source_id, now)
    present = session.scalar(
        select(FileObservation.id).where(
            FileObservation.path == path,
            FileObservation.source_file_id == source_id,
            FileObservation.missing_since.is_(None),
        )
    )
    if present is not None:
        return 0
    session.add(
        FileObservation(
            source_file_id=source_id,
            path=path,
            mtime=datetime.fromtimestamp(state.mtime_ns / 1e9, tz=UTC),
            size=state.size,
            run_id=run_id,
            seen_at=now,
        )
    )
    return 1


def _retire_other_content(session: Session, path: str, source_id: int, now: datetime) -> None:
    """The path now holds other bytes: what it held before is gone from there."""
    session.execute(
        update(FileObservation)
        .where(
            FileObservation.path == path,
            FileObservation.source_file_id != source_id,
            FileObservation.missing_since.is_(None),
        )
        .values(missing_since=now)
    )


def _failed_for_good(session: Session, sha256: str) -> bool:
    latest = session.execute(
        select(ImportFailure.transient)
        .where(ImportFailure.sha256 == sha256)
        .order_by(ImportFailure.at.desc(), ImportFailure.id.desc())
        .limit(1)
    ).scalar_one_or_none()
    return latest is False


class _Tracker:
    """After each document is stored: note the path as dealt with (unless worth a retry)."""

    def __init__(self, engine: Engine, forward: OnReport | None) -> None:
        self.engine = engine
        self.forward = forward

    def __call__(self, report: DocumentReport) -> None:
        if report.sha256 is not None and not report.transient:
            retrying(lambda: self._note(report))
        if self.forward is not None:
            self.forward(report)

    def _note(self, report: DocumentReport) -> None:
        assert report.sha256 is not None
        with Session(self.engine) as session, session.begin():
            if report.outcome != "failed":
                source_id = session.scalar(
                    select(SourceFile.id).where(SourceFile.sha256 == report.sha256)
                )
                if source_id is not None:
                    _retire_other_content(session, report.path, source_id, datetime.now(UTC))
            _handled(session, report.path, report.sha256)


def _mark_missing(
    store: Store, run_id: int, root: str, listing: dict[str, FileState], summary: SyncSummary
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
    with Session(store.engine) as session, session.begin():
        known = session.scalars(select(sync_scan.c.path).where(_under(sync_scan.c.path, root)))
        for chunk in _chunks([p for p in known if p not in listing], 500):
            session.execute(delete(sync_scan).where(sync_scan.c.path.in_(chunk)))


def _under(column: Any, root: str) -> Any:
    return column.startswith(root.rstrip(os.sep) + os.sep, autoescape=True)


def _chunks(items: list[Any], size: int) -> Iterable[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def list_failures(store_url: str) -> list[dict[str, Any]]:
    """Each path's latest failure, unless the path has been imported or sighted since."""
    store = open_store(store_url)  # brings the schema up to date
    try:
        with Session(store.engine) as session:
            latest: dict[str, ImportFailure] = {}
            for failure in session.scalars(
                select(ImportFailure).order_by(ImportFailure.at, ImportFailure.id)
            ):
                latest[failure.path] = failure
            rows = []
            for path, failure in sorted(latest.items()):
                since = session.scalar(
                    select(FileObservation.id).where(
                        FileObservation.path == path, FileObservation.seen_at > failure.at
                    )
                )
                if since is None:
                    rows.append(
                        {
                            "path": path,
                            "sha256": failure.sha256,
                            "code": failure.reason_code,
                            "reason": failure.reason,
                            "transient": failure.transient,
                            "at": failure.at.isoformat(),
                            "run_id": failure.run_id,
                        }
                    )
            return rows
    finally:
        store.close()
