"""Corrections: a person's rulings on values as an edition read them, applied on read.

A correction never overwrites what was read. It is made on one *edition* (its edition key: the
date, or the undated title), so any reading of that edition (the same file imported again, or its
Word or PDF twin) carries it, for as long as that edition still reads the value it corrected
(``old_value``). A later edition that reads the same wrong value is *offered* the correction, not
given it: the person applies it there with a correction of its own. Accepting a value as read and
undoing a correction are corrections too (``kind`` accept / undo), so the log is the whole story.

Reads get three columns: ``corrected`` (the fields whose value is a correction), ``read_values``
(field → the value as read, for those fields) and ``offered`` (field → a value corrected on an
earlier edition that this edition reads the same wrong way).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from itertools import groupby
from typing import Any, Literal

import pandas as pd
from sqlalchemy import Connection, select
from sqlalchemy.orm import Session

from planingest.errors import NotFound, Refused
from planingest.normalise.records import Rag, Status
from planingest.store.chains import edition_key
from planingest.store.matching import Candidate, match_actions
from planingest.store.models import Action, ActionVersion, Correction, Plan, PlanVersion
from planingest.store.queries import _versions_valid_at

__all__ = [
    "CORRECTABLE",
    "Kind",
    "Ruling",
    "apply_to_actions",
    "apply_to_history",
    "log",
    "reattach",
    "record",
]

Kind = Literal["correct", "accept", "undo"]

DATE_FIELDS = frozenset({"deadline_earliest", "deadline_latest"})
CORRECTABLE = (
    "ref",
    "theme",
    "objective",
    "outcome",
    "action_text",
    "lead_text",
    "deadline_text",
    "deadline_earliest",
    "deadline_latest",
    "status",
    "rag",
    "measures",
)
"""Fields a person may correct (action_version columns)."""

PROVENANCE_FIELD = {
    "action": "action_text",
    "lead": "lead_text",
    "deadline": "deadline_text",
}
"""ActionRecord field names (as provenance and confidence name them) → action_version columns."""

ADDED_COLUMNS = ("corrected", "read_values", "offered")


@dataclass(frozen=True)
class Ruling:
    """One row of the correction log, as read."""

    id: int
    action_id: int | None
    field: str
    edition_key: str
    kind: str
    old_value: str | None
    new_value: str | None
    reason: str | None
    author: str
    created_at: datetime


def as_text(value: Any) -> str | None:
    """A value as the log keeps it: None stays None, dates ISO, the rest as text."""
    if value is None or (isinstance(value, float) and value != value):
        return None
    if value is pd.NaT or value is pd.NA:
        return None
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def checked_value(field: str, value: str | None) -> str | None:
    """``value`` for ``field`` as stored, or :class:`Refused` saying what is allowed."""
    if field not in CORRECTABLE:
        raise Refused(f"{field!r} cannot be corrected (one of: {', '.join(CORRECTABLE)})")
    text = (value or "").strip()
    if field == "status":
        allowed = [s.value for s in Status]
        if text not in allowed:
            raise Refused(f"status {text!r} is not one of: {', '.join(allowed)}")
    elif field == "rag":
        allowed = [r.value for r in Rag]
        if text and text not in allowed:
            raise Refused(f"RAG {text!r} is not one of: {', '.join(allowed)} (or empty)")
    elif field in DATE_FIELDS and text:
        try:
            date.fromisoformat(text)
        except ValueError as exc:
            raise Refused(f"{field} wants a date like 2019-04-30, not {text!r}") from exc
    elif field == "action_text" and not text:
        raise Refused("an action's text cannot be empty")
    return text or None


def _typed(field: str, text: str | None) -> Any:
    if text is None:
        return None
    return date.fromisoformat(text) if field in DATE_FIELDS else text


def _key(version: PlanVersion) -> str:
    return edition_key(version.edition_date, version.plan_meta.get("title"))


def record(
    session: Session,
    action_id: int,
    field: str,
    value: str | None,
    *,
    kind: Kind,
    reason: str | None,
    author: str,
    now: datetime,
    version_no: int | None = None,
) -> Ruling:
    """Log a ruling on ``field`` of the action as edition ``version_no`` reads it (default: the
    plan's current edition, or the last one the action is in). ``accept`` and ``undo`` keep the
    read value; ``correct`` gives ``value``."""
    action = session.get(Action, action_id)
    if action is None:
        raise NotFound(f"no action with id {action_id}", kind="action", key=action_id)
    edition, row = _reading(session, action, version_no)
    old = as_text(getattr(row, field)) if field in CORRECTABLE else None
    new = checked_value(field, value) if kind == "correct" else checked_value(field, old)
    ruling = Correction(
        plan_id=action.plan_id,
        action_id=action_id,
        anchor_ref=row.ref,
        anchor_text=row.action_text,
        field=field,
        edition_key=_key(edition),
        plan_version_id=edition.id,
        kind=kind,
        old_value=old,
        new_value=new,
        reason=(reason or "").strip() or None,
        author=author,
        created_at=now,
    )
    session.add(ruling)
    session.flush()
    return _ruling(ruling)


def _reading(
    session: Session, action: Action, version_no: int | None
) -> tuple[PlanVersion, ActionVersion]:
    """The edition a ruling is made on and the action's values in it."""
    accepted = list(
        session.scalars(
            select(PlanVersion)
            .where(PlanVersion.plan_id == action.plan_id, PlanVersion.edition_seq.is_not(None))
            .order_by(PlanVersion.edition_seq)
        )
    )
    seq_of = {v.id: v.edition_seq or 0 for v in accepted}
    rows = list(session.scalars(select(ActionVersion).where(ActionVersion.action_id == action.id)))
    for edition in reversed(accepted):
        if version_no is not None and edition.version_no != version_no:
            continue
        seq = seq_of[edition.id]
        for row in rows:
            end = seq_of.get(row.valid_to_version_id or -1)
            if seq_of[row.valid_from_version_id] <= seq and (end is None or seq < end):
                return edition, row
        if version_no is not None:
            break
    where = f" in version {version_no}" if version_no is not None else ""
    raise NotFound(f"action {action.id} has no values{where}", kind="action", key=action.id)


_COLUMNS = tuple(getattr(Correction, name) for name in Ruling.__dataclass_fields__)


def log(conn: Connection, action_ids: list[int] | None = None) -> list[Ruling]:
    """The correction log, oldest first (all of it, or of these actions)."""
    query = select(*_COLUMNS).order_by(Correction.id)
    if action_ids is not None:
        query = query.where(Correction.action_id.in_(action_ids))
    return [Ruling(**row) for row in conn.execute(query).mappings()]


def _ruling(c: Correction) -> Ruling:
    return Ruling(**{name: getattr(c, name) for name in Ruling.__dataclass_fields__})


def _rulings_by_action(
    conn: Connection, plan_keys: list[str]
) -> dict[int, dict[str, list[Ruling]]]:
    """The log of the plans' actions: action → field → rulings, oldest first."""
    query = (
        select(*_COLUMNS)
        .join(Plan, Plan.id == Correction.plan_id)
        .where(Plan.plan_key.in_(plan_keys), Correction.action_id.is_not(None))
        .order_by(Correction.id)
    )
    found: dict[int, dict[str, list[Ruling]]] = defaultdict(lambda: defaultdict(list))
    for row in conn.execute(query).mappings():
        found[row["action_id"]][row["field"]].append(Ruling(**row))
    return found


def reattach(session: Session, plan_key: str) -> int:
    """Tie the plan's corrections whose action is gone (a better reading of an edition replaced
    the one they were made on, and the plan's history was rebuilt) to the action the edition's
    new reading has in its place, matched by ref and text as the actions of two editions are.
    Returns how many were tied; the rest wait for their edition to be read again."""
    orphans = list(
        session.scalars(
            select(Correction)
            .join(Plan, Plan.id == Correction.plan_id)
            .where(Plan.plan_key == plan_key, Correction.action_id.is_(None))
        )
    )
    if not orphans:
        return 0
    conn = session.connection()
    editions = _editions(conn, [plan_key])
    tied = 0
    for key, group in groupby(
        sorted(orphans, key=lambda c: c.edition_key), lambda c: c.edition_key
    ):
        seqs = editions.loc[editions["key"] == key, "edition_seq"]
        if seqs.empty:
            continue
        rows = conn.execute(
            _versions_valid_at(int(seqs.iloc[-1])).where(Plan.plan_key == plan_key)
        ).mappings()
        actions = {r["action_id"]: Candidate(r["ref"], r["action_text"], None) for r in rows}
        waiting = list(group)
        anchors = [Candidate(c.anchor_ref, c.anchor_text, None) for c in waiting]
        for correction, match in zip(waiting, match_actions(actions, anchors), strict=True):
            if match.earlier is not None:
                correction.action_id = match.earlier
                tied += 1
    session.flush()
    return tied


def _editions(conn: Connection, plan_keys: list[str]) -> pd.DataFrame:
    """The plans' accepted editions with their keys, in business order."""
    query = (
        select(
            Plan.plan_key,
            PlanVersion.version_no,
            PlanVersion.edition_seq,
            PlanVersion.edition_date,
            PlanVersion.status,
            PlanVersion.plan_meta,
        )
        .join(Plan, Plan.id == PlanVersion.plan_id)
        .where(Plan.plan_key.in_(plan_keys), PlanVersion.edition_seq.is_not(None))
        .order_by(Plan.plan_key, PlanVersion.edition_seq)
    )
    rows = [dict(r) for r in conn.execute(query).mappings()]
    for row in rows:
        row["key"] = edition_key(row["edition_date"], (row.pop("plan_meta") or {}).get("title"))
    return pd.DataFrame(
        rows, columns=["plan_key", "version_no", "edition_seq", "edition_date", "status", "key"]
    )


def _with_empty_columns(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.copy()
    frame["corrected"] = [[] for _ in range(len(frame))]
    frame["read_values"] = [{} for _ in range(len(frame))]
    frame["offered"] = [{} for _ in range(len(frame))]
    return frame


def _standing(rulings: list[Ruling], key: str) -> Ruling | None:
    """The ruling that stands on edition ``key``: the last one made there."""
    made = [r for r in rulings if r.edition_key == key]
    return made[-1] if made else None


def apply_to_actions(
    conn: Connection, frame: pd.DataFrame, as_of: date | None = None, version_no: int | None = None
) -> pd.DataFrame:
    """Actions (as :func:`queries.actions` reads them) with the corrections that stand on the
    edition each plan is shown in (current, the one in force on ``as_of``, or edition
    ``version_no`` of a one-plan frame), and the offers."""
    frame = _with_empty_columns(frame)
    if frame.empty:
        return frame
    plan_keys = sorted(set(frame["plan_key"]))
    rulings = _rulings_by_action(conn, plan_keys)
    if not rulings:
        return frame
    editions = _editions(conn, plan_keys)
    if version_no is not None:
        shown = editions[editions["version_no"] == version_no]
    elif as_of is None:
        shown = editions[editions["status"] == "current"]
    else:
        dated = editions[editions["edition_date"].notna()]
        shown = dated[dated["edition_date"] <= as_of].groupby("plan_key").tail(1)
    key_of_plan = dict(zip(shown["plan_key"], shown["key"], strict=True))
    positions = {a: i for i, a in enumerate(frame["action_id"]) if a in rulings}
    for action_id, position in positions.items():
        key = key_of_plan.get(frame.at[frame.index[position], "plan_key"])
        if key is not None:
            _apply_row(frame, frame.index[position], rulings[action_id], key, offer=True)
    return frame


def apply_to_history(conn: Connection, frame: pd.DataFrame, plan_key: str | None) -> pd.DataFrame:
    """An action's history (as :func:`queries.history` reads it) with the corrections that stand
    on an edition inside each version's span."""
    frame = _with_empty_columns(frame)
    if frame.empty or plan_key is None:
        return frame
    rulings = _rulings_by_action(conn, [plan_key])
    if not rulings:
        return frame
    editions = _editions(conn, [plan_key])
    seq_of = dict(zip(editions["version_no"], editions["edition_seq"], strict=True))
    for index in frame.index:
        action = rulings.get(int(frame.at[index, "action_id"]))
        if not action:
            continue
        start = seq_of.get(frame.at[index, "from_version_no"])
        end_no = frame.at[index, "to_version_no"]
        end = seq_of.get(end_no) if pd.notna(end_no) else None
        keys = [
            k
            for s, k in zip(editions["edition_seq"], editions["key"], strict=True)
            if start is not None and s >= start and (end is None or s < end)
        ]
        for key in reversed(keys):  # the newest edition of the span with a ruling speaks
            if any(_standing(r, key) for r in action.values()):
                _apply_row(frame, index, action, key, offer=False)
                break
    return frame


def _apply_row(
    frame: pd.DataFrame, index: Any, rulings: dict[str, list[Ruling]], key: str, *, offer: bool
) -> None:
    corrected: list[str] = []
    read: dict[str, Any] = {}
    offered: dict[str, Any] = {}
    for field, made in rulings.items():
        if field not in frame.columns:
            continue
        value = frame.at[index, field]
        text = as_text(value)
        standing = _standing(made, key)
        if standing is not None:
            if standing.kind == "correct" and standing.old_value == text:
                frame.at[index, field] = _typed(field, standing.new_value)
                corrected.append(field)
                read[field] = value
        elif offer:
            earlier = [r for r in made if r.kind == "correct" and r.old_value == text]
            if earlier and _standing(made, earlier[-1].edition_key) == earlier[-1]:
                offered[field] = _typed(field, earlier[-1].new_value)
    frame.at[index, "corrected"] = corrected
    frame.at[index, "read_values"] = read
    frame.at[index, "offered"] = offered
