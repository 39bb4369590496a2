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
from sqlalchemy import Connection, Integer, column, select, table
from sqlalchemy.orm import Session

from planingest.errors import NotFound, Refused
from planingest.normalise.records import (
    LeadEntry,
    Rag,
    Status,
    leads_text,
    parse_leads,
)
from planingest.store.chains import edition_key
from planingest.store.matching import Candidate, match_actions
from planingest.store.models import (
    Action,
    ActionVersion,
    ActionVersionPerson,
    ActionVersionRole,
    ActionVersionTeam,
    Correction,
    CorrectionParty,
    Person,
    Plan,
    PlanVersion,
    Role,
    Team,
)
from planingest.store.queries import _versions_valid_at

__all__ = [
    "CORRECTABLE",
    "Kind",
    "Ruling",
    "Party",
    "annotate",
    "log",
    "parse_parties",
    "parties_text",
    "read_parties",
    "reattach",
    "record",
    "shown_parties",
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
    "leads",
    "deadline_text",
    "deadline_earliest",
    "deadline_latest",
    "status",
    "rag",
    "measures",
)
"""Fields a person may correct: action_version columns, and ``leads``, the parties (people,
roles, teams) the lead cells name, which a correction gives as :data:`LEADS_SYNTAX` says."""

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
    elif field == "leads":
        return parties_text(parse_parties(text)) or None
    return text or None


Party = LeadEntry
"""One party leading an action (name, kind, capacity)."""


def parse_parties(text: str) -> list[Party]:
    """The parties ``text`` names (see :data:`LEADS_SYNTAX`), or :class:`Refused` saying why."""
    try:
        return parse_leads(text)
    except ValueError as exc:
        raise Refused(f"leads: {exc}") from exc


parties_text = leads_text


def read_parties(conn: Connection, action_version_ids: list[int]) -> dict[int, list[Party]]:
    """The parties the lead cells of these action versions were read as, people first."""
    found: dict[int, list[Party]] = defaultdict(list)
    for kind, link, named, key in (
        ("person", ActionVersionPerson, Person, ActionVersionPerson.person_id),
        ("role", ActionVersionRole, Role, ActionVersionRole.role_id),
        ("team", ActionVersionTeam, Team, ActionVersionTeam.team_id),
    ):
        query = (
            select(link.action_version_id, named.name, link.capacity)
            .join(named, named.id == key)
            .where(link.action_version_id.in_(action_version_ids))
            .order_by(link.action_version_id, named.name)
        )
        for version_id, name, capacity in conn.execute(query):
            found[version_id].append(Party(kind=kind, name=name, capacity=capacity))
    return found


APPLIED = table(
    "corrections_applied",
    *(column(name, Integer) for name in ("action_version_id", "plan_version_id", "correction_id")),
    column("field"),
)
"""Of the ``corrections_applied`` view (migration 0007): which correction changes which value."""


def shown_parties(
    conn: Connection, action_version_id: int, plan_version_id: int, corrected: bool
) -> list[Party]:
    """The parties leading an action version as a reading shows them: a standing correction's
    (``corrected``, as ``action_readings`` says), else those read."""
    if not corrected:
        return read_parties(conn, [action_version_id]).get(action_version_id, [])
    query = (
        select(CorrectionParty.kind, CorrectionParty.name, CorrectionParty.capacity)
        .join(APPLIED, APPLIED.c.correction_id == CorrectionParty.correction_id)
        .where(
            APPLIED.c.action_version_id == action_version_id,
            APPLIED.c.plan_version_id == plan_version_id,
            APPLIED.c.field == "leads",
        )
        .order_by(CorrectionParty.position)
    )
    return [Party(kind=k, name=n, capacity=c) for k, n, c in conn.execute(query)]


def _typed(field: str, text: str | None) -> Any:
    if text is None:
        return None
    return date.fromisoformat(text) if field in DATE_FIELDS else text


def _key(version: PlanVersion) -> str:
    return version.edition_key or edition_key(version.edition_date, version.plan_meta.get("title"))


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
    if field not in CORRECTABLE:
        raise Refused(f"{field!r} cannot be corrected (one of: {', '.join(CORRECTABLE)})")
    edition, row = _reading(session, action, version_no)
    # leads: the correction holds while the edition reads the same lead cells
    old = as_text(getattr(row, "lead_text" if field == "leads" else field))
    if kind == "correct":
        new = checked_value(field, value)
    else:
        new = old if field == "leads" else checked_value(field, old)
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
    if field == "leads" and kind == "correct":
        session.add_all(
            CorrectionParty(correction_id=ruling.id, position=i, **party.model_dump())
            for i, party in enumerate(parse_parties(new or ""))
        )
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


def _standing(rulings: list[Ruling], key: str) -> Ruling | None:
    """The ruling that stands on edition ``key``: the last one made there."""
    made = [r for r in rulings if r.edition_key == key]
    return made[-1] if made else None


def annotate(conn: Connection, frame: pd.DataFrame, *, offer: bool = True) -> pd.DataFrame:
    """Rows read through ``action_readings`` (see :func:`queries.readings`), whose values are
    corrected already, with the ``corrected``, ``read_values`` and (``offer``) ``offered``
    columns in place of the view's ``corrected_fields``, ``edition_key`` and ``version_no``."""
    frame = frame.copy()
    fields = frame.pop("corrected_fields") if "corrected_fields" in frame else None
    keys = frame.pop("edition_key") if "edition_key" in frame else None
    frame = frame.drop(columns=["version_no"], errors="ignore")
    listed = [None] * len(frame) if fields is None else fields.tolist()
    corrected = [f.split() if isinstance(f, str) else [] for f in listed]
    frame["corrected"] = corrected
    frame["read_values"] = [{} for _ in range(len(frame))]
    frame["offered"] = [{} for _ in range(len(frame))]
    if frame.empty or keys is None:
        return frame
    rulings = _rulings_by_action(conn, sorted(set(frame["plan_key"])))
    touched = [
        i
        for i, action in enumerate(frame["action_id"])
        if corrected[i] or (offer and int(action) in rulings)
    ]
    raw = _read(conn, [int(frame["action_version_id"].iloc[i]) for i in touched])
    for i in touched:
        read = raw[int(frame["action_version_id"].iloc[i])]
        frame.at[frame.index[i], "read_values"] = {name: read[name] for name in corrected[i]}
        if offer:
            made = rulings.get(int(frame["action_id"].iloc[i]), {})
            frame.at[frame.index[i], "offered"] = _offers(made, str(keys.iloc[i]), read)
    return frame


def _offers(rulings: dict[str, list[Ruling]], key: str, read: dict[str, Any]) -> dict[str, Any]:
    """Corrections made on an earlier edition, still standing there, of a value this edition
    (with no ruling of its own on the field) reads the same."""
    offered: dict[str, Any] = {}
    for field, made in rulings.items():
        if _standing(made, key) is not None:
            continue
        text = as_text(read["lead_text" if field == "leads" else field])
        earlier = [r for r in made if r.kind == "correct" and r.old_value == text]
        if earlier and _standing(made, earlier[-1].edition_key) == earlier[-1]:
            offered[field] = _typed(field, earlier[-1].new_value)
    return offered


def _read(conn: Connection, action_version_ids: list[int]) -> dict[int, dict[str, Any]]:
    """The values as read of these action versions (``leads``: the parties, as text)."""
    if not action_version_ids:
        return {}
    columns = [getattr(ActionVersion, name) for name in CORRECTABLE if name != "leads"]
    query = select(ActionVersion.id, *columns).where(ActionVersion.id.in_(action_version_ids))
    found = {row["id"]: dict(row) for row in conn.execute(query).mappings()}
    parties = read_parties(conn, action_version_ids)
    for version_id, values in found.items():
        values["leads"] = parties_text(parties.get(version_id, []))
    return found
