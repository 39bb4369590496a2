"""Read side for reviewing records against their source: plan summaries, editions, one action
as an edition reads it with where each value was read, the provenance of one value, and the
queue of values read with low confidence.

Each function takes an open connection and returns plain data (DataFrames, dicts); the review
application (``planingest.web``) reaches them through :class:`~planingest.store.Store`.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pandas as pd
from sqlalchemy import Connection, String, and_, case, cast, exists, func, or_, select

from planingest.errors import NotFound
from planingest.store.corrections import PROVENANCE_FIELD, parties_text, shown_parties
from planingest.store.models import (
    Action,
    ActionVersion,
    Correction,
    FieldProvenanceRow,
    FileObservation,
    Plan,
    PlanVersion,
    SourceFile,
)
from planingest.store.queries import READINGS, _frame, plan_overview, readings

__all__ = [
    "action_reading",
    "edition_actions",
    "editions",
    "lowest_confidence",
    "plan_summaries",
    "provenance",
    "review_queue",
]


def plan_summaries(conn: Connection, search: str | None = None) -> pd.DataFrame:
    """Every plan (or those whose key, title or organisation holds ``search``, any case) with
    its editions (counted as ``planingest plans`` counts them), current edition, records, readings
    awaiting review and last import."""
    query = plan_overview()
    if search and search.strip():
        pattern = f"%{search.strip().lower()}%"
        query = query.where(
            or_(
                func.lower(Plan.plan_key).like(pattern),
                func.lower(func.coalesce(Plan.title, "")).like(pattern),
                func.lower(func.coalesce(Plan.organisation, "")).like(pattern),
            )
        )
    frame = _frame(conn, query).rename(
        columns={"plan_title": "title", "current_record_count": "records"}
    )
    frame["last_import"] = frame["last_import"].map(_aware)
    return frame


def _aware(value: Any) -> Any:
    """SQLite hands back an aggregate's timestamp as text: parse it (it is UTC)."""
    if isinstance(value, str):
        return datetime.fromisoformat(value)
    return value


def editions(conn: Connection, plan_key: str) -> pd.DataFrame:
    """A plan's editions in recorded order, with the bytes each was read from."""
    query = (
        select(
            PlanVersion.id.label("plan_version_id"),
            PlanVersion.version_no,
            PlanVersion.edition_seq,
            PlanVersion.edition_date,
            PlanVersion.edition_label,
            PlanVersion.status,
            PlanVersion.record_count,
            PlanVersion.recorded_at,
            PlanVersion.warnings,
            SourceFile.format,
            SourceFile.sha256,
        )
        .join(Plan, Plan.id == PlanVersion.plan_id)
        .join(SourceFile, SourceFile.id == PlanVersion.source_file_id)
        .where(Plan.plan_key == plan_key)
        .order_by(PlanVersion.version_no)
    )
    frame = _frame(conn, query)
    if frame.empty and conn.scalar(select(Plan.id).where(Plan.plan_key == plan_key)) is None:
        raise NotFound(f"no plan {plan_key!r}", kind="plan", key=plan_key)
    frame["warnings"] = frame["warnings"].map(len)
    return frame


def edition_actions(conn: Connection, plan_key: str, version_no: int) -> pd.DataFrame:
    """The plan's actions as the accepted edition ``version_no`` reads them, corrections
    applied (columns as :func:`queries.readings`)."""
    r = READINGS.c
    query = readings(and_(r.plan_key == plan_key, r.version_no == version_no))
    return _frame(conn, query.order_by(r.action_id))


def lowest_confidence(conn: Connection, plan_key: str) -> dict[int, float]:
    """Per action version of the plan, the lowest confidence any of its values was read with
    (versions with no confidence are left out)."""
    query = (
        select(FieldProvenanceRow.action_version_id, func.min(FieldProvenanceRow.confidence))
        .join(ActionVersion, ActionVersion.id == FieldProvenanceRow.action_version_id)
        .join(Action, Action.id == ActionVersion.action_id)
        .join(Plan, Plan.id == Action.plan_id)
        .where(Plan.plan_key == plan_key, FieldProvenanceRow.confidence.is_not(None))
        .group_by(FieldProvenanceRow.action_version_id)
    )
    return {int(row[0]): float(row[1] or 0.0) for row in conn.execute(query)}


def action_reading(conn: Connection, action_id: int, version_no: int | None) -> dict[str, Any]:
    """One action as edition ``version_no`` of its plan reads it (default: the newest accepted
    edition that has it), corrections applied: the plan, the edition and its source, the
    values (``leads``: the parties, as :func:`corrections.parties_text` writes them), and per
    field where it was read (``provenance``: id, page, table, row, col, box, raw text,
    confidence)."""
    plan = conn.execute(
        select(Plan.plan_key, Plan.title)
        .join(Action, Action.plan_id == Plan.id)
        .where(Action.id == action_id)
    ).first()
    if plan is None:
        raise NotFound(f"no action with id {action_id}", kind="action", key=action_id)
    r = READINGS.c
    query = readings(r.action_id == action_id).add_columns(
        r.plan_version_id, r.match_method, r.match_score
    )
    if version_no is not None:
        query = query.where(r.version_no == version_no)
    found = conn.execute(query.order_by(r.edition_seq.desc()).limit(1)).mappings().first()
    if found is None:
        where = f" in version {version_no}" if version_no is not None else ""
        raise NotFound(f"action {action_id} has no values{where}", kind="action", key=action_id)
    values = dict(found)
    shown = editions(conn, plan.plan_key)
    edition = shown[shown["version_no"] == values["version_no"]].iloc[0].to_dict()
    values["leads"] = parties_text(
        shown_parties(
            conn,
            int(values["action_version_id"]),
            int(values["plan_version_id"]),
            "leads" in (values["corrected_fields"] or "").split(),
        )
    )
    return {
        "plan_key": plan.plan_key,
        "plan_title": plan.title,
        "action_id": action_id,
        "edition": edition,
        "values": values,
        "provenance": _provenance_of(
            conn, int(values["action_version_id"]), int(values["plan_version_id"])
        ),
    }


_WHERE_READ = (
    FieldProvenanceRow.id,
    FieldProvenanceRow.field,
    FieldProvenanceRow.page,
    FieldProvenanceRow.table_index,
    FieldProvenanceRow.row,
    FieldProvenanceRow.col,
    FieldProvenanceRow.x0,
    FieldProvenanceRow.top,
    FieldProvenanceRow.x1,
    FieldProvenanceRow.bottom,
)
"""A value's place in its document: page, table, cell and box."""


def _provenance_of(
    conn: Connection, action_version_id: int, plan_version_id: int
) -> dict[str, Any]:
    query = select(*_WHERE_READ, FieldProvenanceRow.raw_text, FieldProvenanceRow.confidence).where(
        FieldProvenanceRow.action_version_id == action_version_id,
        FieldProvenanceRow.plan_version_id == plan_version_id,
    )
    return {
        PROVENANCE_FIELD.get(row["field"], row["field"]): dict(row)
        for row in conn.execute(query).mappings()
    }


def provenance(conn: Connection, provenance_id: int) -> dict[str, Any]:
    """Where one value was read, with the bytes it was read from (sha256, format) and every
    path those bytes were seen at, present ones and the newest first."""
    row = (
        conn.execute(
            select(
                *_WHERE_READ,
                SourceFile.id.label("source_file_id"),
                SourceFile.sha256,
                SourceFile.format,
            )
            .join(PlanVersion, PlanVersion.id == FieldProvenanceRow.plan_version_id)
            .join(SourceFile, SourceFile.id == PlanVersion.source_file_id)
            .where(FieldProvenanceRow.id == provenance_id)
        )
        .mappings()
        .first()
    )
    if row is None:
        raise NotFound(
            f"no provenance record {provenance_id}", kind="provenance", key=provenance_id
        )
    paths = conn.scalars(
        select(FileObservation.path)
        .where(FileObservation.source_file_id == row["source_file_id"])
        .order_by(FileObservation.missing_since.is_not(None), FileObservation.seen_at.desc())
    )
    return {**row, "paths": list(dict.fromkeys(paths))}


def review_queue(
    conn: Connection, threshold: float, limit: int, offset: int = 0
) -> tuple[pd.DataFrame, int]:
    """Values of the current editions read with confidence under ``threshold`` and not yet
    ruled on (accepted or corrected) for that edition: oldest import first. Returns one page of
    them and how many there are."""
    column = case(
        *((FieldProvenanceRow.field == name, column) for name, column in PROVENANCE_FIELD.items()),
        else_=FieldProvenanceRow.field,
    )
    ruled = exists().where(
        Correction.action_id == ActionVersion.action_id,
        Correction.field == column,
        or_(
            Correction.plan_version_id == PlanVersion.id,
            Correction.edition_key == cast(PlanVersion.edition_date, String),
        ),
    )
    base = (
        select(
            FieldProvenanceRow.id.label("provenance_id"),
            ActionVersion.action_id,
            Plan.plan_key,
            PlanVersion.version_no,
            PlanVersion.recorded_at,
            column.label("field"),
            FieldProvenanceRow.confidence,
            ActionVersion.ref,
            ActionVersion.action_text,
            ActionVersion.status,
            ActionVersion.rag,
            ActionVersion.status_text,
            ActionVersion.theme,
            ActionVersion.lead_text,
            ActionVersion.deadline_text,
        )
        .join(ActionVersion, ActionVersion.id == FieldProvenanceRow.action_version_id)
        .join(PlanVersion, PlanVersion.id == FieldProvenanceRow.plan_version_id)
        .join(Plan, Plan.id == PlanVersion.plan_id)
        .where(
            PlanVersion.status == "current",
            ActionVersion.valid_to_version_id.is_(None),
            FieldProvenanceRow.confidence < threshold,
            ~ruled,
        )
    )
    total = int(conn.scalar(select(func.count()).select_from(base.subquery())) or 0)
    page = _frame(
        conn,
        base.order_by(PlanVersion.recorded_at, ActionVersion.action_id, FieldProvenanceRow.field)
        .limit(limit)
        .offset(offset),
    )
    return page, total
