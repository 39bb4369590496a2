"""What a sync pass remembers of a shared folder, and the sightings and failures it reads.

The ``sync_scan`` table holds, per path, the size and mtime the previous pass saw and the sha256
once that content was dealt with, so any machine running the pass sees the same state and an
unchanged file is not hashed again. The file system itself is the caller's (``ops.sync``): these
functions are handed what it listed and a way to hash a file, and keep the database side.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Protocol, cast

from sqlalchemy import Table, delete, select, update
from sqlalchemy.orm import Session

from planingest.store.models import FileObservation, ImportFailure, SourceFile, SyncScan
from planingest.store.sightings import under

sync_scan = cast(Table, SyncScan.__table__)  # a mapped class's table is a Table at run time


class FileStamp(Protocol):
    """What a listing knows of a file without reading it."""

    @property
    def size(self) -> int: ...

    @property
    def mtime_ns(self) -> int: ...


@dataclass
class Triage:
    """A pass's decision per listed file: the paths to read (with their sha256), and counts of
    the rest."""

    to_read: list[tuple[str, str]] = field(default_factory=list)
    waiting: int = 0
    """Files too new or still changing: taken on a later pass."""
    known: int = 0
    """Files already dealt with in an earlier pass (not hashed again)."""
    sightings: int = 0
    skipped_failed: int = 0
    """Content that failed before for reasons tied to its bytes."""


def triage(
    session: Session,
    run_id: int,
    root: str,
    listing: Mapping[str, FileStamp],
    *,
    min_age: float,
    retry_failed: bool,
    hash_file: Callable[[str, FileStamp], str | None],
) -> Triage:
    """Decide per file: wait, skip, note a sighting, or read it. ``hash_file`` returns the
    file's sha256, or None when it changed while being hashed."""
    now = datetime.now(UTC)
    result = Triage()
    seen = {
        row.path: row
        for row in session.execute(select(sync_scan).where(under(sync_scan.c.path, root)))
    }
    for path, stamp in listing.items():
        row = seen.get(path)
        if row is None or (row.size, row.mtime_ns) != (stamp.size, stamp.mtime_ns):
            _remember(session, path, stamp, now, row is None)
            result.waiting += 1
            continue
        if now.timestamp() - stamp.mtime_ns / 1e9 < min_age:
            result.waiting += 1
            continue
        if row.handled_sha256 is not None:
            result.known += 1
            continue
        sha256 = hash_file(path, stamp)
        if sha256 is None:
            result.waiting += 1  # changed while hashed (or vanished): next pass
            continue
        source_id = session.scalar(select(SourceFile.id).where(SourceFile.sha256 == sha256))
        if source_id is not None:
            result.sightings += _sight(session, run_id, path, stamp, source_id, now)
        elif not retry_failed and (failure := _failed_for_good(session, sha256)) is not None:
            _failed_here(session, run_id, path, failure, now)
            result.skipped_failed += 1
        else:
            result.to_read.append((path, sha256))
            continue
        _handled(session, path, sha256)
    return result


def note_handled(session: Session, path: str, sha256: str, stored: bool) -> None:
    """A document read by the pass is dealt with: stored (so what the path held before is gone
    from there) or failed for good."""
    if stored:
        source_id = session.scalar(select(SourceFile.id).where(SourceFile.sha256 == sha256))
        if source_id is not None:
            _retire_other_content(session, path, source_id, datetime.now(UTC))
    _handled(session, path, sha256)


def forget(session: Session, root: str, present: Iterable[str]) -> None:
    """Forget what the scan remembered of paths under ``root`` that are no longer listed."""
    listed = set(present)
    known = session.scalars(select(sync_scan.c.path).where(under(sync_scan.c.path, root)))
    gone = [p for p in known if p not in listed]
    for start in range(0, len(gone), 500):
        session.execute(delete(sync_scan).where(sync_scan.c.path.in_(gone[start : start + 500])))


def latest_failures(session: Session) -> list[dict[str, Any]]:
    """Each path's latest failure, unless the path has been imported or sighted since."""
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


def _remember(session: Session, path: str, stamp: FileStamp, now: datetime, new: bool) -> None:
    values = {"size": stamp.size, "mtime_ns": stamp.mtime_ns, "changed_at": now}
    if new:
        session.execute(sync_scan.insert().values(path=path, **values))
    else:
        session.execute(
            update(sync_scan).where(sync_scan.c.path == path).values(handled_sha256=None, **values)
        )


def _handled(session: Session, path: str, sha256: str) -> None:
    session.execute(update(sync_scan).where(sync_scan.c.path == path).values(handled_sha256=sha256))


def _sight(
    session: Session, run_id: int, path: str, stamp: FileStamp, source_id: int, now: datetime
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
            mtime=datetime.fromtimestamp(stamp.mtime_ns / 1e9, tz=UTC),
            size=stamp.size,
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


def _failed_for_good(session: Session, sha256: str) -> ImportFailure | None:
    """The latest failure of these bytes, if it was tied to them (not worth retrying)."""
    latest = session.scalars(
        select(ImportFailure)
        .where(ImportFailure.sha256 == sha256)
        .order_by(ImportFailure.at.desc(), ImportFailure.id.desc())
        .limit(1)
    ).first()
    return latest if latest is not None and not latest.transient else None


def _failed_here(
    session: Session, run_id: int, path: str, failure: ImportFailure, now: datetime
) -> None:
    """Bytes that failed elsewhere are at ``path`` too: the path fails for the same reason (so
    ``failures`` lists every path holding them), unless that is on record already."""
    if failure.path == path:
        return
    session.add(
        ImportFailure(
            path=path,
            sha256=failure.sha256,
            reason_code=failure.reason_code,
            reason=failure.reason,
            run_id=run_id,
            transient=False,
            at=now,
        )
    )
