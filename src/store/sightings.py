"""Where content was seen: paths that disappear from a watched folder.

A path's sightings stay when it disappears (its editions and actions do not depend on the file
still being there); ``missing_since`` says from when it was gone. A later sighting of the path is
a new ``file_observation`` row, so a file that comes back is present again.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, SQLColumnExpression, select, update
from sqlalchemy.orm import Session

from planingest.store.models import FileObservation

_CHUNK = 500
"""Ids per UPDATE ... IN (...): well under SQLite's bound-parameter limit."""


@dataclass(frozen=True)
class MissingReport:
    """What :meth:`~planingest.store.Store.mark_missing` did."""

    gone: list[str]
    """Paths seen there before and not listed now (sorted): marked missing, unless refused."""
    refused: bool = False
    """True when the folder listed empty but paths had been seen there: nothing was marked."""


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
