"""Read side: plans, actions as of a date, an action's history, and the diff of two editions,
each as a pandas DataFrame.

"As of" is business time: the state a plan was in according to its newest accepted edition
dated on or before that day. An edition the document does not date counts from the day it was
recorded (:func:`effective_date`). Plans with no edition by then are left out of the answer, and
the answer says so: ``frame.attrs["left_out"]`` lists them with the reason (:func:`left_out`).
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd
from sqlalchemy import (
    Connection,
    Date,
    Executable,
    Float,
    Integer,
    Select,
    and_,
    case,
    column,
    func,
    or_,
    select,
    table,
    text,
)
from sqlalchemy.orm import aliased

from planingest.errors import NotFound
from planingest.store.models import Action, ActionVersion, Plan, PlanVersion

VALUE_FIELDS = (
    "ref",
    "theme",
    "objective",
    "outcome",
    "action_text",
    "deadline_text",
    "deadline_earliest",
    "deadline_latest",
    "deadline_precision",
    "deadline_kind",
    "deadline_parts",
    "status",
    "rag",
    "status_text",
    "status_source",
    "measures",
    "progress",
    "extra",
    "lead_text",
)
"""Columns of action_version that hold an action's values (what a diff compares)."""

_TYPED: dict[str, Any] = {
    "edition_date": Date,
    "since_edition_date": Date,
    "to_edition_date": Date,
    "match_score": Float,
}
_TYPED |= {
    name: Integer
    for name in (
        "plan_id",
        "action_id",
        "action_version_id",
        "plan_version_id",
        "version_no",
        "edition_seq",
        "since_version_no",
        "since_edition_seq",
        "to_version_no",
        "to_edition_seq",
    )
}
READINGS = table(
    "action_readings",
    *(column(name, type_) for name, type_ in _TYPED.items()),
    *(column(name) for name in ("plan_key", "plan_title", "edition_key", "edition_status")),
    *(column(name) for name in ("change", "match_method", "corrected_fields")),
    *(column(name, ActionVersion.__table__.c[name].type) for name in VALUE_FIELDS),
)
"""The ``action_readings`` view (migration 0007): every action version as each edition of its
span reads it, corrections applied. Every read of action values goes through it, so the views
and the Python API show one thing."""
HISTORY = table(
    "action_history",
    *(column(name, Integer) for name in ("action_version_id", "plan_version_id")),
)
"""Of the ``action_history`` view, what picks the reading shown for each version."""


def plans(conn: Connection) -> pd.DataFrame:
    """One row per plan: ``editions`` counts the editions that shape its history (a Word file
    and its PDF export are one edition), ``readings`` every stored reading."""
    frame = _frame(conn, plan_overview()).drop(columns=["last_import", "needs_review"])
    return _integers(frame, "current_version_no", "current_record_count")


def plan_overview() -> Select[Any]:
    """Each plan with its counts and current edition (the columns of :func:`plans`), then the
    time of its last import (``last_import``) and its readings awaiting review
    (``needs_review``). The one query behind :func:`plans` and the review pages' plan list, so
    both count alike."""
    editions = (
        select(
            PlanVersion.plan_id,
            func.count(PlanVersion.edition_seq).label("editions"),
            func.count().label("readings"),
            func.max(PlanVersion.edition_date).label("latest_edition_date"),
            func.max(PlanVersion.recorded_at).label("last_import"),
            func.sum(case((PlanVersion.status == "needs_review", 1), else_=0)).label(
                "needs_review"
            ),
        )
        .group_by(PlanVersion.plan_id)
        .subquery()
    )
    current = aliased(PlanVersion)
    return (
        select(
            Plan.id.label("plan_id"),
            Plan.plan_key,
            Plan.title.label("plan_title"),
            Plan.organisation,
            editions.c.editions,
            editions.c.readings,
            editions.c.latest_edition_date,
            current.version_no.label("current_version_no"),
            current.edition_date.label("current_edition_date"),
            current.record_count.label("current_record_count"),
            editions.c.last_import,
            editions.c.needs_review,
        )
        .outerjoin(editions, editions.c.plan_id == Plan.id)
        .outerjoin(current, and_(current.plan_id == Plan.id, current.status == "current"))
        .order_by(Plan.plan_key)
    )


def editions(conn: Connection, plan_key: str) -> pd.DataFrame:
    """Every stored reading of a plan's editions, in business order then recorded order: version
    number, dates, how it was dated, status, the file it was read from."""
    query = text(
        "SELECT version_no, edition_seq, edition_date, edition_dated_by, edition_label, "
        "status, record_count, recorded_at, format, sha256, "
        "(SELECT path FROM file_observation o JOIN plan_version v ON v.source_file_id = "
        " o.source_file_id WHERE v.id = e.plan_version_id ORDER BY o.seen_at DESC, o.id DESC "
        " LIMIT 1) AS path "
        "FROM plan_editions e WHERE plan_key = :plan "
        "ORDER BY edition_seq IS NULL, edition_seq, version_no"
    )
    return _integers(_frame(conn, query, {"plan": plan_key}), "edition_seq")


def leads(conn: Connection, plan_key: str | None = None, current: bool = True) -> pd.DataFrame:
    """Who leads each action version (the ``action_leads`` view): one row per party, with its
    name, kind (person, role, team), capacity and whether it is a person's correction
    (``corrected``); only the actions' current versions unless ``current`` is False."""
    where = ["1 = 1"]
    if current:
        where.append("to_version_no IS NULL")
    if plan_key is not None:
        where.append("plan_key = :plan")
    query = text(
        f"SELECT * FROM action_leads WHERE {' AND '.join(where)} "  # noqa: S608 - fixed clauses
        "ORDER BY plan_key, action_id, from_version_no, kind, name"
    )
    frame = _integers(_frame(conn, query, {"plan": plan_key}), "to_version_no")
    frame["corrected"] = frame["corrected"].astype(bool)
    return frame


def effective_date() -> Any:
    """SQL for the day an edition counts from in as-of questions: its edition date, else the day
    it was recorded (``date()`` is a function on SQLite and PostgreSQL alike)."""
    return func.coalesce(PlanVersion.edition_date, func.date(PlanVersion.recorded_at))


def actions(conn: Connection, as_of: date | None = None, plan: str | None = None) -> pd.DataFrame:
    """Each action's values now (``as_of`` None), or as the plan stood on ``as_of``."""
    query = _actions_query(as_of)
    if plan is not None:
        query = query.where(READINGS.c.plan_key == plan)
    frame = _frame(conn, query.order_by(READINGS.c.plan_key, READINGS.c.action_id))
    return _with_left_out(conn, frame, as_of, plan)


def left_out(conn: Connection, as_of: date, plan: str | None = None) -> list[dict[str, Any]]:
    """The plans an answer as of ``as_of`` leaves out, each with why: none of its editions that
    shape history counts from that day or earlier."""
    first = (
        select(
            PlanVersion.plan_id,
            func.min(effective_date()).label("first_date"),
            func.min(PlanVersion.edition_date).label("first_dated"),
        )
        .where(PlanVersion.edition_seq.is_not(None))
        .group_by(PlanVersion.plan_id)
        .subquery()
    )
    query = (
        select(
            Plan.plan_key, Plan.title.label("plan_title"), first.c.first_date, first.c.first_dated
        )
        .outerjoin(first, first.c.plan_id == Plan.id)
        .where(or_(first.c.first_date.is_(None), first.c.first_date > as_of))
        .order_by(Plan.plan_key)
    )
    if plan is not None:
        query = query.where(Plan.plan_key == plan)
    rows = []
    for row in conn.execute(query).mappings():
        first_date, first_dated = row["first_date"], row["first_dated"]
        if first_date is None:
            reason = "no edition shapes its history (all held for review)"
        elif first_dated is not None and str(first_dated) == str(first_date):
            reason = f"its first edition is dated {first_date}"
        else:
            reason = f"undated: counts from the day it was recorded, {first_date}"
        rows.append(
            {"plan_key": row["plan_key"], "plan_title": row["plan_title"], "reason": reason}
        )
    return rows


def _with_left_out(
    conn: Connection, frame: pd.DataFrame, as_of: date | None, plan: str | None
) -> pd.DataFrame:
    if as_of is not None:
        frame.attrs["left_out"] = left_out(conn, as_of, plan)
    return frame


OVERDUE_EXEMPT = ("complete", "cancelled")
"""Statuses that are never overdue: the action is done or dropped."""


def overdue(conn: Connection, as_of: date | None = None) -> pd.DataFrame:
    """Actions whose deadline has passed and that are not complete (nor cancelled).

    Without ``as_of``: the current state (as the ``overdue_actions`` view), against the
    database's ``CURRENT_DATE``. With ``as_of``: the plans as they stood on that day (see
    :func:`actions`), against that day. "Passed" means the latest date the deadline can mean is
    before the day: "March 2019" is overdue from 1 April 2019; open-ended deadlines (ongoing,
    recurring, conditional, unparsed) have no latest date and are never overdue.
    """
    r = READINGS.c
    query = _actions_query(as_of).where(
        r.deadline_latest < (as_of if as_of is not None else func.current_date()),
        r.status.not_in(OVERDUE_EXEMPT),
    )
    frame = _frame(conn, query.order_by(r.deadline_latest, r.plan_key, r.action_id))
    return _with_left_out(conn, frame, as_of, None)


def history(conn: Connection, action_id: int) -> pd.DataFrame:
    """Every version of one action, oldest first, with the editions bounding each, as the
    ``action_history`` view shows it: read in the newest edition of its span."""
    r = READINGS.c
    query = (
        select(
            r.plan_key,
            r.action_id,
            r.action_version_id,
            r.since_version_no.label("from_version_no"),
            r.since_edition_date.label("from_edition_date"),
            r.to_version_no,
            r.to_edition_date,
            r.change,
            r.match_method,
            r.match_score,
            *(r[name] for name in VALUE_FIELDS),
            r.version_no,
            r.edition_key,
            r.corrected_fields,
        )
        .join(
            HISTORY,
            and_(
                HISTORY.c.action_version_id == r.action_version_id,
                HISTORY.c.plan_version_id == r.plan_version_id,
            ),
        )
        .where(r.action_id == action_id)
        .order_by(r.since_edition_seq)
    )
    return _integers(_frame(conn, query), "to_version_no")


def diff(conn: Connection, plan_key: str, v1: int, v2: int) -> pd.DataFrame:
    """What changed between editions ``v1`` and ``v2`` (version numbers) of a plan: one row per
    action added, removed or changed, with the names of the fields that changed."""
    seqs = dict(
        conn.execute(
            select(PlanVersion.version_no, PlanVersion.edition_seq)
            .join(Plan, Plan.id == PlanVersion.plan_id)
            .where(Plan.plan_key == plan_key, PlanVersion.version_no.in_([v1, v2]))
        ).all()
    )
    states = []
    for version_no in (v1, v2):
        seq = seqs.get(version_no)
        if seq is None:
            raise NotFound(
                f"{plan_key} v{version_no}: no such edition, or one that shapes no history "
                "(needs_review or replaced)",
                kind="plan version",
                key=(plan_key, version_no),
            )
        states.append(_state(conn, plan_key, version_no))
    before, after = states
    rows = []
    for action_id in sorted(before.keys() | after.keys()):
        old, new = before.get(action_id), after.get(action_id)
        if old is None or new is None:
            shown = new if old is None else old
            assert shown is not None
            change, fields = ("added" if old is None else "removed"), []
        else:
            shown, change = new, "changed"
            fields = [name for name in VALUE_FIELDS if old[name] != new[name]]
            if not fields:
                continue
        rows.append(
            {
                "action_id": action_id,
                "change": change,
                "ref": shown["ref"],
                "action_text": shown["action_text"],
                "fields": fields,
            }
        )
    return pd.DataFrame(rows, columns=["action_id", "change", "ref", "action_text", "fields"])


def readings(condition: Any) -> Select[Any]:
    """Actions as editions read them, corrections applied (columns as :func:`actions` gives,
    with the reading's ``version_no`` and ``edition_key`` and the ``corrected_fields``)."""
    r = READINGS.c
    return select(
        r.plan_key,
        r.plan_title,
        r.action_id,
        r.action_version_id,
        *(r[name] for name in VALUE_FIELDS),
        r.since_version_no,
        r.since_edition_date,
        r.version_no,
        r.edition_key,
        r.corrected_fields,
    ).where(condition)


def _actions_query(as_of: date | None) -> Select[Any]:
    if as_of is None:
        return readings(READINGS.c.edition_status == "current")
    effective = (
        select(PlanVersion.plan_id, func.max(PlanVersion.edition_seq).label("seq"))
        .where(PlanVersion.edition_seq.is_not(None), effective_date() <= as_of)
        .group_by(PlanVersion.plan_id)
        .subquery()
    )
    return readings(READINGS.c.edition_seq == effective.c.seq).join(
        effective, effective.c.plan_id == READINGS.c.plan_id
    )


def _state(conn: Connection, plan_key: str, version_no: int) -> dict[int, dict[str, Any]]:
    r = READINGS.c
    query = readings(and_(r.plan_key == plan_key, r.version_no == version_no))
    return {row["action_id"]: dict(row) for row in conn.execute(query).mappings()}


def _versions_valid_at(seq: Any) -> Select[Any]:
    """Action versions whose span [valid_from, valid_to) covers business position ``seq``."""
    start, end = aliased(PlanVersion), aliased(PlanVersion)
    return (
        _versions(start.edition_seq <= seq, start=start)
        .outerjoin(end, end.id == ActionVersion.valid_to_version_id)
        .where(or_(end.id.is_(None), end.edition_seq > seq))
    )


def _versions(condition: Any, start: Any = None) -> Select[Any]:
    """Action versions with their plan and first edition, filtered by ``condition``."""
    start = start if start is not None else aliased(PlanVersion)
    columns = [getattr(ActionVersion, name) for name in VALUE_FIELDS]
    return (
        select(
            Plan.plan_key,
            Plan.title.label("plan_title"),
            ActionVersion.action_id,
            ActionVersion.id.label("action_version_id"),
            *columns,
            start.version_no.label("since_version_no"),
            start.edition_date.label("since_edition_date"),
        )
        .join(Action, Action.id == ActionVersion.action_id)
        .join(Plan, Plan.id == Action.plan_id)
        .join(start, start.id == ActionVersion.valid_from_version_id)
        .where(condition)
    )


def _integers(frame: pd.DataFrame, *columns: str) -> pd.DataFrame:
    """Whole numbers that may be missing (a version still current has no ``to_version_no``) as
    pandas' nullable Int64, not floats: 2, not 2.0."""
    for name in columns:
        frame[name] = frame[name].astype("Int64")
    return frame


def _frame(
    conn: Connection, query: Executable, params: dict[str, Any] | None = None
) -> pd.DataFrame:
    result = conn.execute(query, params or {})
    return pd.DataFrame(result.mappings().all(), columns=list(result.keys()))
