"""Where content was seen: paths that disappear from a watched folder.

A path's sightings stay when it disappears (its editions and actions do not depend on the file
still being there); ``missing_since`` says from when it was gone. A later sighting of the path is
a new ``file_observation`` row, so a file that comes back is present again.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import ColumnElement, SQLColumnExpression, select, update
from sqlalchemy.orm import Session

from planingest.store.models import FileObservation, PlanVersion, SourceFile

_CHUNK = 500
"""Ids per UPDATE ... IN (...): well under SQLite's bound-parameter limit."""


@dataclass(frozen=True)
class MissingReport:
    """What :meth:`~planingest.store.Store.mark_missing` did."""

    gone: list[str]
    """Paths seen there before and not listed now (sorted): marked missing, unless refused."""
    refused: bool = False
    """True when the folder listed empty but paths had been seen there: nothing was marked."""


@dataclass(frozen=True)
class Hashed:
    """A file hashed before it is read: where it is, its bytes' sha256, size and mtime."""

    path: str
    sha256: str
    size: int
    mtime_ns: int


def sight_known(
    session: Session,
    run_id: int,
    files: Iterable[Hashed],
    *,
    pipeline_version: str,
    reprocess: bool,
    now: datetime,
) -> set[str]:
    """Record a sighting of each file whose bytes the store holds already (as an import of them
    would, without reading them again); the paths sighted. With ``reprocess`` bytes count as
    known only when this pipeline version has read them."""
    sighted: set[str] = set()
    for file in files:
        query = select(SourceFile.id).where(SourceFile.sha256 == file.sha256)
        if reprocess:
            query = query.join(PlanVersion, PlanVersion.source_file_id == SourceFile.id).where(
                PlanVersion.pipeline_version == pipeline_version
            )
        source_id = session.scalars(query.limit(1)).first()
        if source_id is None:
            continue
        session.add(
            FileObservation(
                source_file_id=source_id,
                path=file.path,
                mtime=datetime.fromtimestamp(file.mtime_ns / 1e9, tz=UTC),
                size=file.size,
                run_id=run_id,
                seen_at=now,
            )
        )
        sighted.add(file.path)
    return sighted


def under(column: SQLColumnExpression[str], folder: str) -> ColumnElement[bool]:
    """Paths inside ``folder`` (not a sibling sharing its prefix: /a/plans vs /a/plans-old)."""
    return column.startswith(folder.rstrip(os.sep) + os.sep, autoescape=True)


def mark_missing(session: Session, folder: str, present: set[str], now: datetime) -> MissingReport:
    open_rows = session.execute(
        select(FileObservation.id, FileObservation.path).where(
            under(FileObservation.path, folder), FileObservation.missing_since.is_(None)
        )
    ).all()
    gone = [row for row in open_rows if row.path not in present]
    paths = sorted({row.path for row in gone})
    if gone and not present:
        return MissingReport(paths, refused=True)
    ids = [row.id for row in gone]
    for start in range(0, len(ids), _CHUNK):
        session.execute(
            update(FileObservation)
            .where(FileObservation.id.in_(ids[start : start + _CHUNK]))
            .values(missing_since=now)
        )
    return MissingReport(paths)
