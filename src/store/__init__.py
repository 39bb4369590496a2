"""Stage 3: keep plans, editions and action history in a SQL database (SQLAlchemy).

``open(url)`` migrates the database to the newest schema and returns a :class:`Store`, the only
thing in the project that touches the database. Each document is imported in one transaction:
a failure leaves the database exactly as it was. SQLite and PostgreSQL are both supported.

Nothing of SQLAlchemy or a database driver escapes: a database that cannot be reached raises
:class:`~planingest.errors.StoreUnavailable`, a refused write
:class:`~planingest.errors.StoreError`, a question about a plan, version or action it does not
hold :class:`~planingest.errors.NotFound`.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Collection, Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any, Literal, ParamSpec, TypeVar

import pandas as pd
from sqlalchemy import Engine, create_engine, delete, event, func, select, update
from sqlalchemy.engine import make_url
from sqlalchemy.exc import (
    ArgumentError,
    DBAPIError,
    InterfaceError,
    NoSuchModuleError,
    OperationalError,
    SQLAlchemyError,
)
from sqlalchemy.orm import Session

from planingest.errors import NotFound, PlanIngestError, Refused, StoreError, StoreUnavailable
from planingest.normalise.records import PlanDocument
from planingest.store import corrections, links, locks, queries, review, scans, sightings
from planingest.store.corrections import Kind, Ruling
from planingest.store.migrate import upgrade
from planingest.store.models import (
    FileObservation,
    ImportFailure,
    ImportRun,
    PlanVersion,
)
from planingest.store.scans import FileStamp, Triage
from planingest.store.sightings import Hashed, MissingReport
from planingest.store.versions import FailureHook, ImportOutcome, import_document
from planingest.version import __version__

__all__ = [
    "FileStamp",
    "Hashed",
    "Kind",
    "Ruling",
    "ImportOutcome",
    "MissingReport",
    "RunStatus",
    "Store",
    "StoreError",
    "StoreUnavailable",
    "Triage",
    "Trigger",
    "open",
    "open_store",
    "run_lock",
]

SUPPORTED_BACKENDS = ("sqlite", "postgresql")
P = ParamSpec("P")
R = TypeVar("R")

Trigger = Literal["cli", "sync", "api"]
RunStatus = Literal["running", "succeeded", "failed", "abandoned", "interrupted"]
COUNT_NAMES = ("files_seen", "files_imported", "files_skipped", "files_failed", "records", "errors")


def _utcnow() -> datetime:
    return datetime.now(UTC)


def translate(exc: SQLAlchemyError) -> StoreError:
    """The project's error for a SQLAlchemy or driver error: a lost or refused connection is
    :class:`StoreUnavailable` (transient), anything else a :class:`StoreError`."""
    if isinstance(exc, OperationalError | InterfaceError) or (
        isinstance(exc, DBAPIError) and exc.connection_invalidated
    ):
        orig = exc.orig if isinstance(exc, DBAPIError) else None
        lines = str(orig or exc).strip().splitlines()
        return StoreUnavailable(lines[0] if lines else type(exc).__name__)
    return StoreError(f"{exc.__class__.__name__}: {exc}")


@contextmanager
def database_errors() -> Iterator[None]:
    """Translate SQLAlchemy and driver errors raised inside into the project's errors."""
    try:
        yield
    except SQLAlchemyError as exc:
        raise translate(exc) from exc


def _guarded(method: Callable[P, R]) -> Callable[P, R]:
    @functools.wraps(method)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with database_errors():
            return method(*args, **kwargs)

    return wrapper


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
    def open(cls, url: str, *, existing: bool = False) -> Store:
        """Connect to ``url`` and upgrade its schema to the newest migration. A URL that is no
        URL, or names a backend we do not support, is :class:`Refused`; so is, with
        ``existing`` (a reader's question), a SQLite file that does not exist: asking it must
        not create an empty database."""
        checked = _checked_url(url)
        if existing:
            _refuse_missing_sqlite_file(checked)
        engine = create_engine(checked)
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _enable_sqlite_foreign_keys)
        try:
            with database_errors():
                upgrade(engine)
        except StoreError as exc:
            engine.dispose()
            if isinstance(exc, StoreUnavailable):
                exc.url = engine.url.render_as_string(hide_password=True)
            raise
        return cls(engine)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # -- runs -----------------------------------------------------------------------------------

    @_guarded
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

    @_guarded
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

    @_guarded
    def discard_run(self, run_id: int) -> bool:
        """Delete a run that recorded nothing (an idle sync pass), so that idle passes leave no
        rows; False, and the run kept, if anything refers to it."""
        with Session(self.engine) as session, session.begin():
            for model in (FileObservation, ImportFailure, PlanVersion):
                if session.scalar(select(model.id).where(model.run_id == run_id).limit(1)):
                    return False
            session.execute(delete(ImportRun).where(ImportRun.id == run_id))
            return True

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
                if outcome.rebuilt or outcome.status == "imported":
                    corrections.reattach(session, outcome.plan_key or "")
                self._heartbeat(session, run_id, now)
                return outcome
        except SQLAlchemyError as exc:
            error = translate(exc)
            error.reason = f"could not store the document: {error.reason}"
            error.path = path
            raise error from exc

    @_guarded
    def sight_known(
        self, run_id: int, files: Collection[Hashed], *, reprocess: bool = False
    ) -> set[str]:
        """Record a sighting of each file whose bytes are stored already, in one transaction,
        so that an unchanged file costs a hash and no reading; the paths sighted (see
        :func:`sightings.sight_known`)."""
        now = _utcnow()
        with Session(self.engine) as session, session.begin():
            sighted = sightings.sight_known(
                session, run_id, files, pipeline_version=__version__, reprocess=reprocess, now=now
            )
            self._heartbeat(session, run_id, now)
            return sighted

    @_guarded
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

    @_guarded
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

    @_guarded
    def link(self, action_id_a: int, action_id_b: int) -> int:
        """Rule that two actions of a plan are one (the later continues the earlier); kept
        across re-imports. Returns the joined action's id (the earlier action's)."""
        with Session(self.engine) as session, session.begin():
            return links.link(session, action_id_a, action_id_b, _utcnow())

    @_guarded
    def unlink(self, action_id: int, version_no: int) -> int:
        """Rule that the action's record in edition ``version_no`` is a new action, not the
        continuation matching chose; kept across re-imports. Returns the new action's id."""
        with Session(self.engine) as session, session.begin():
            return links.unlink(session, action_id, version_no, _utcnow())

    # -- a shared folder's sync passes (see planingest.ops.sync) ---------------------------------

    @_guarded
    def triage(
        self,
        run_id: int,
        root: str,
        listing: Mapping[str, FileStamp],
        *,
        min_age: float,
        retry_failed: bool,
        hash_file: Callable[[str, FileStamp], str | None],
    ) -> Triage:
        """One pass's decision per listed file under ``root`` (see :func:`scans.triage`), in
        one transaction: sightings of known content are recorded, what is to be read returned."""
        with Session(self.engine) as session, session.begin():
            return scans.triage(
                session,
                run_id,
                root,
                listing,
                min_age=min_age,
                retry_failed=retry_failed,
                hash_file=hash_file,
            )

    @_guarded
    def note_handled(self, path: str, sha256: str, *, stored: bool) -> None:
        """The pass has dealt with ``path``'s content: it is not hashed again until it changes."""
        with Session(self.engine) as session, session.begin():
            scans.note_handled(session, path, sha256, stored)

    @_guarded
    def forget_scans(self, root: str, present: Collection[str]) -> None:
        """Drop what the passes remembered of paths under ``root`` no longer listed."""
        with Session(self.engine) as session, session.begin():
            scans.forget(session, root, present)

    @_guarded
    def failures(self) -> list[dict[str, Any]]:
        """Each path's latest failure, unless the path was imported or sighted since."""
        with Session(self.engine) as session:
            return scans.latest_failures(session)

    # -- reads ----------------------------------------------------------------------------------

    @_guarded
    def plans(self) -> pd.DataFrame:
        with self.engine.connect() as conn:
            return queries.plans(conn)

    @_guarded
    def editions(self, plan_key: str) -> pd.DataFrame:
        """A plan's stored readings: version numbers, dates, how each was dated, files."""
        with self.engine.connect() as conn:
            frame = queries.editions(conn, plan_key)
        if frame.empty:
            raise NotFound(f"no plan {plan_key!r}", kind="plan", key=plan_key)
        return frame

    @_guarded
    def leads(self, plan: str | None = None, current: bool = True) -> pd.DataFrame:
        """One row per action version and party that leads it, a person's correction of the
        parties in place of those read (see :func:`queries.leads`)."""
        with self.engine.connect() as conn:
            return queries.leads(conn, plan, current)

    @_guarded
    def actions(self, as_of: date | None = None, plan: str | None = None) -> pd.DataFrame:
        """Each action's values now (or as of a day), corrections applied: see
        :mod:`planingest.store.corrections` for the ``corrected``, ``read_values`` and
        ``offered`` columns."""
        with self.engine.connect() as conn:
            return corrections.annotate(conn, queries.actions(conn, as_of, plan))

    @_guarded
    def history(self, action_id: int) -> pd.DataFrame:
        """Every version of one action, corrections applied (as :meth:`actions`)."""
        with self.engine.connect() as conn:
            return corrections.annotate(conn, queries.history(conn, action_id), offer=False)

    @_guarded
    def diff(self, plan_key: str, v1: int, v2: int) -> pd.DataFrame:
        with self.engine.connect() as conn:
            return queries.diff(conn, plan_key, v1, v2)

    @_guarded
    def overdue(self, as_of: date | None = None) -> pd.DataFrame:
        """Actions past their deadline and not complete: now (as the ``overdue_actions`` view),
        or as the plans stood on ``as_of`` (see :func:`queries.overdue`)."""
        with self.engine.connect() as conn:
            return corrections.annotate(conn, queries.overdue(conn, as_of))

    # -- review (see planingest.web) ---------------------------------------------------------------

    @_guarded
    def plan_summaries(self, search: str | None = None) -> pd.DataFrame:
        with self.engine.connect() as conn:
            return review.plan_summaries(conn, search)

    @_guarded
    def edition_timeline(self, plan_key: str) -> pd.DataFrame:
        """A plan's editions for the review pages: each with its source's format and sha256."""
        with self.engine.connect() as conn:
            return review.editions(conn, plan_key)

    @_guarded
    def edition_actions(self, plan_key: str, version_no: int) -> pd.DataFrame:
        """The plan's actions as one accepted edition reads them, corrections applied."""
        with self.engine.connect() as conn:
            found = review.editions(conn, plan_key)
            seq = found.loc[found["version_no"] == version_no, "edition_seq"].dropna()
            if seq.empty:
                raise NotFound(
                    f"{plan_key} v{version_no}: no such edition, or one that shapes no history",
                    kind="plan version",
                    key=(plan_key, version_no),
                )
            return corrections.annotate(conn, review.edition_actions(conn, plan_key, version_no))

    @_guarded
    def lowest_confidence(self, plan_key: str) -> dict[int, float]:
        with self.engine.connect() as conn:
            return review.lowest_confidence(conn, plan_key)

    @_guarded
    def action_reading(self, action_id: int, version_no: int | None = None) -> dict[str, Any]:
        """One action as an edition reads it, with where each value was read and the
        corrections standing on it (see :func:`review.action_reading`)."""
        with self.engine.connect() as conn:
            reading = review.action_reading(conn, action_id, version_no)
            frame = corrections.annotate(conn, pd.DataFrame([reading["values"]]))
            reading["values"] = frame.iloc[0].to_dict()
            return reading

    @_guarded
    def provenance(self, provenance_id: int) -> dict[str, Any]:
        with self.engine.connect() as conn:
            return review.provenance(conn, provenance_id)

    @_guarded
    def review_queue(
        self, threshold: float, limit: int = 50, offset: int = 0
    ) -> tuple[pd.DataFrame, int]:
        with self.engine.connect() as conn:
            return review.review_queue(conn, threshold, limit, offset)

    @_guarded
    def correct(
        self,
        action_id: int,
        field: str,
        value: str | None,
        *,
        author: str,
        reason: str | None = None,
        kind: Kind = "correct",
        version_no: int | None = None,
    ) -> Ruling:
        """Log a correction (or an acceptance, or an undo) of one value of an action as an
        edition reads it; what was read is kept (see :mod:`planingest.store.corrections`)."""
        with Session(self.engine) as session, session.begin():
            return corrections.record(
                session,
                action_id,
                field,
                value,
                kind=kind,
                reason=reason,
                author=author,
                now=_utcnow(),
                version_no=version_no,
            )

    @_guarded
    def corrections(self, action_ids: list[int] | None = None) -> list[Ruling]:
        """The correction log, oldest first."""
        with self.engine.connect() as conn:
            return corrections.log(conn, action_ids)


def open(url: str, *, existing: bool = False) -> Store:  # noqa: A001 - as in ``store.open(url)``
    return Store.open(url, existing=existing)


def _refuse_missing_sqlite_file(url: str) -> None:
    parsed = make_url(url)
    path = parsed.database or ""
    in_memory = path in ("", ":memory:") or path.startswith("file:")
    if parsed.get_backend_name() == "sqlite" and not in_memory and not Path(path).exists():
        raise NotFound(
            f"no database at {path} (import documents first, or give --db)",
            kind="database",
            key=path,
        )


@contextmanager
def run_lock(url: str, *, wait: bool = False) -> Iterator[bool]:
    """Hold the database's import lock for a run: yields False when another run holds it, or
    with ``wait`` blocks until it is free (see :mod:`planingest.store.locks`)."""
    with database_errors(), locks.run_lock(_checked_url(url), wait=wait) as held:
        yield held


def _checked_url(url: str) -> str:
    """``url`` if it names a backend we support. ``postgres://`` and ``postgresql://`` with no
    driver named mean our PostgreSQL driver, psycopg 3 (SQLAlchemy would pick psycopg2, which
    planingest does not install)."""
    for bare in ("postgres://", "postgresql://"):
        if url.startswith(bare):
            url = "postgresql+psycopg://" + url[len(bare) :]
    try:
        backend = make_url(url).get_backend_name()
    except ArgumentError as exc:
        raise Refused(f"database URL {url!r} is not a URL: {exc}") from exc
    if backend not in SUPPORTED_BACKENDS:
        raise Refused(
            f"database URL: {backend!r} is not supported (use "
            + " or ".join(f"{name}://" for name in SUPPORTED_BACKENDS)
            + ")"
        )
    try:
        make_url(url).get_dialect().import_dbapi()  # the driver the URL names
    except (NoSuchModuleError, ImportError) as exc:
        raise Refused(f"database URL: its driver is not installed ({exc})") from exc
    return url


open_store = open
