"""Stage 3: keep plans, editions and action history in a SQL database (SQLAlchemy).

``open(url)`` migrates the database to the newest schema and returns a :class:`Store`, the only
thing in the project that touches the database. Each document is imported in one transaction:
a failure leaves the database exactly as it was. SQLite and PostgreSQL are both supported.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from datetime import UTC, date, datetime, timedelta
from typing import Any, Literal

import pandas as pd
from sqlalchemy import Engine, create_engine, event, func, select, update
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session

from planingest import __version__
from planingest.errors import PlanIngestError, StoreError
from planingest.normalise.records import PlanDocument
from planingest.store import links, queries, sightings
from planingest.store.migrate import upgrade
from planingest.store.models import (
    FileObservation,
    ImportFailure,
    ImportRun,
    PlanVersion,
)
from planingest.store.sightings import MissingReport
from planingest.store.versions import FailureHook, ImportOutcome, import_document

__all__ = [
    "ImportOutcome",
    "MissingReport",
    "RunStatus",
    "Store",
    "StoreError",
    "Trigger",
    "open",
    "open_store",
]

Trigger = Literal["cli", "sync", "api"]
RunStatus = Literal["running", "succeeded", "failed", "abandoned"]
COUNT_NAMES = ("files_seen", "files_imported", "files_skipped", "files_failed", "records", "errors")


def _utcnow() -> datetime:
    return datetime.now(UTC)


def _enable_sqlite_foreign_keys(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


class Store:
    """A database of plans: write editions in, read DataFrames out."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.hook: FailureHook | None = None
        """Test seam: called at named points inside an import's transaction."""

    @classmethod
    def open(cls, url: str) -> Store:
        """Connect to ``url`` and upgrade its schema to the newest migration."""
        engine = create_engine(url)
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _enable_sqlite_foreign_keys)
        upgrade(engine)
        return cls(engine)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # -- runs -----------------------------------------------------------------------------------

    def begin_run(
        self,
        trigger: Trigger = "cli",
        pipeline_version: str = __version__,
        *,
        stale_after: timedelta = timedelta(hours=1),
    ) -> int:
        """Start a run; runs still ``running`` but silent for ``stale_after`` are marked
        ``abandoned`` (their process died without finishing)."""
        now = _utcnow()
        with Session(self.engine) as session, session.begin():
            session.execute(
                update(ImportRun)
                .where(ImportRun.status == "running", ImportRun.heartbeat_at < now - stale_after)
                .values(status="abandoned", finished_at=now)
            )
            run = ImportRun(
                started_at=now,
                heartbeat_at=now,
                trigger=trigger,
                status="running",
                pipeline_version=pipeline_version,
            )
            session.add(run)
            session.flush()
            return run.id

    def finish_run(
        self, run_id: int, status: RunStatus, counts: Mapping[str, int] | None = None
    ) -> None:
        """Close a run with its tallies; without ``counts`` they are counted from what the run
        wrote (observations, editions and failures)."""
        unknown = set(counts or {}) - set(COUNT_NAMES)
        if unknown:
            raise ValueError(f"unknown run counts: {sorted(unknown)}")
        with Session(self.engine) as session, session.begin():
            run = session.get_one(ImportRun, run_id)
            tallies = dict(counts) if counts is not None else self._tally(session, run_id)
            for name, value in tallies.items():
                setattr(run, name, value)
            run.status = status
            run.finished_at = _utcnow()

    @staticmethod
    def _tally(session: Session, run_id: int) -> dict[str, int]:
        def count(query: Any) -> int:
            return int(session.scalar(query) or 0)

        seen = count(
            select(func.count(func.distinct(FileObservation.path))).where(
                FileObservation.run_id == run_id
            )
        )
        failed = count(
            select(func.count(func.distinct(ImportFailure.path))).where(
                ImportFailure.run_id == run_id
            )
        )
        imported = count(select(func.count()).where(PlanVersion.run_id == run_id))
        records = count(
            select(func.sum(PlanVersion.record_count)).where(PlanVersion.run_id == run_id)
        )
        return {
            "files_seen": seen + failed,
            "files_imported": imported,
            "files_skipped": max(seen - imported, 0),
            "files_failed": failed,
            "records": records,
            "errors": count(select(func.count()).where(ImportFailure.run_id == run_id)),
        }

    # -- writes ---------------------------------------------------------------------------------

    def import_document(
        self,
        doc: PlanDocument,
        *,
        run_id: int,
        path: str,
        mtime: datetime | None,
        plan_key: str | None = None,
        reprocess: bool = False,
    ) -> ImportOutcome:
        """Store one document in one transaction (see :class:`ImportOutcome` for what can
        happen). ``reprocess`` stores known bytes again when read by a new pipeline version."""
        now = _utcnow()
        try:
            with Session(self.engine) as session, session.begin():
                outcome = import_document(
                    session,
                    doc,
                    run_id=run_id,
                    path=path,
                    mtime=mtime,
                    plan_key=plan_key,
                    reprocess=reprocess,
                    now=now,
                    hook=self.hook or (lambda _point: None),
                )
                self._heartbeat(session, run_id, now)
                return outcome
        except SQLAlchemyError as exc:
            error = StoreError(f"could not store the document: {exc.__class__.__name__}: {exc}")
            error.path = path
            error.transient = isinstance(exc, OperationalError)
            raise error from exc

    def record_failure(
        self, run_id: int, path: str, sha256: str | None, error: PlanIngestError
    ) -> None:
        now = _utcnow()
        with Session(self.engine) as session, session.begin():
            session.add(
                ImportFailure(
                    path=path,
                    sha256=sha256,
                    reason_code=error.reason_code,
                    reason=error.reason,
                    run_id=run_id,
                    transient=error.transient,
                    at=now,
                )
            )
            self._heartbeat(session, run_id, now)

    @staticmethod
    def _heartbeat(session: Session, run_id: int, now: datetime) -> None:
        session.execute(update(ImportRun).where(ImportRun.id == run_id).values(heartbeat_at=now))

    def mark_missing(self, folder: str, present: Collection[str], run_id: int) -> MissingReport:
        """Paths under ``folder`` that were seen before and are not in ``present`` (the paths
        listed there now) are marked missing (``file_observation.missing_since``); their data
        stays. A folder that lists empty while paths were seen there is more likely an unmounted
        share than a deleted folder: nothing is marked then (``refused``)."""
        now = _utcnow()
        with Session(self.engine) as session, session.begin():
            report = sightings.mark_missing(session, folder, set(present), now)
            self._heartbeat(session, run_id, now)
            return report

    def link(self, action_id_a: int, action_id_b: int) -> int:
        """Rule that two actions of a plan are one (the later continues the earlier); kept
        across re-imports. Returns the joined action's id (the earlier action's)."""
        with Session(self.engine) as session, session.begin():
            return links.link(session, action_id_a, action_id_b, _utcnow())

    def unlink(self, action_id: int, version_no: int) -> int:
        """Rule that the action's record in edition ``version_no`` is a new action, not the
        continuation matching chose; kept across re-imports. Returns the new action's id."""
        with Session(self.engine) as session, session.begin():
            return links.unlink(session, action_id, version_no, _utcnow())

    # -- reads ----------------------------------------------------------------------------------

    def plans(self) -> pd.DataFrame:
        with self.engine.connect() as conn:
            return queries.plans(conn)

    def actions(self, as_of: date | None = None, plan: str | None = None) -> pd.DataFrame:
        with self.engine.connect() as conn:
            return queries.actions(conn, as_of, plan)

    def history(self, action_id: int) -> pd.DataFrame:
        with self.engine.connect() as conn:
            return queries.history(conn, action_id)

    def diff(self, plan_key: str, v1: int, v2: int) -> pd.DataFrame:
        with self.engine.connect() as conn:
            return queries.diff(conn, plan_key, v1, v2)

    def overdue(self, as_of: date | None = None) -> pd.DataFrame:
        """Actions past their deadline and not complete: now (as the ``overdue_actions`` view),
        or as the plans stood on ``as_of`` (see :func:`queries.overdue`)."""
        with self.engine.connect() as conn:
            return queries.overdue(conn, as_of)


def open(url: str) -> Store:  # noqa: A001 - the store's public verb, as in ``store.open(url)``
    return Store.open(url)


open_store = open
