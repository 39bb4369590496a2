"""Invented plan documents and a canonical dump of the store for comparing states."""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Any, Literal

from sqlalchemy import Engine, delete, text

from planingest.normalise.records import ActionRecord, PlanDocument, PlanMeta, SourceRef
from planingest.store import Store
from planingest.store.models import Base


def record(action: str, ref: str | None = None, **fields: Any) -> ActionRecord:
    return ActionRecord(action=action, ref=ref, **fields)


def plan_document(
    records: list[ActionRecord],
    *,
    edition: date | None,
    title: str = "Greener Estates Action Plan",
    organisation: str = "Harrowfield District Council",
    label: str | None = None,
    pipeline_version: str = "test-1",
    salt: str = "",
    format: Literal["docx", "pdf"] = "docx",
    warnings: list[str] | None = None,
) -> PlanDocument:
    """An invented edition; its 'bytes' (sha256) follow from its content unless salted."""
    body = "|".join(r.model_dump_json() for r in records) + f"{edition}{title}{salt}{format}"
    sha = hashlib.sha256(body.encode()).hexdigest()
    return PlanDocument(
        source=SourceRef(
            path=f"/plans/{sha[:8]}.{format}", sha256=sha, format=format, size=len(body)
        ),
        plan=PlanMeta(
            title=f"{title} {label or ''}".strip(),
            organisation=organisation,
            edition_date=edition,
            edition_label=label,
        ),
        records=records,
        pipeline_version=pipeline_version,
        warnings=warnings or [],
    )


HISTORY_SQL = """
SELECT av.action_id, f.edition_date AS valid_from, t.edition_date AS valid_to, av.value_hash,
       av.change, av.match_method, av.ref, av.action_text, av.status
FROM action_version av
JOIN plan_version f ON f.id = av.valid_from_version_id
LEFT JOIN plan_version t ON t.id = av.valid_to_version_id
"""


def canonical_state(engine: Engine) -> dict[str, Any]:
    """What the store knows, free of surrogate ids, timestamps and recorded order: plans, their
    editions, each action as its chain of versions, leads, provenance and reviews."""
    with engine.connect() as conn:

        def rows(sql: str) -> list[tuple[Any, ...]]:
            return [tuple(r) for r in conn.execute(text(sql))]

        chains: dict[int, list[tuple[Any, ...]]] = {}
        for action_id, *values in rows(HISTORY_SQL):
            chains.setdefault(action_id, []).append(tuple(str(v) for v in values))
        return {
            "plans": sorted(rows("SELECT plan_key, title, organisation FROM plan")),
            "editions": sorted(
                (str(d), h, s, q or 0, n, p, sha)
                for d, h, s, q, n, p, sha in rows(
                    "SELECT pv.edition_date, pv.content_hash, pv.status, pv.edition_seq, "
                    "pv.record_count, pv.pipeline_version, sf.sha256 FROM plan_version pv "
                    "JOIN source_file sf ON sf.id = pv.source_file_id"
                )
            ),
            "actions": sorted(sorted(chain) for chain in chains.values()),
            "leads": sorted(
                rows(
                    "SELECT av.value_hash, f.edition_date, p.name, l.capacity "
                    "FROM action_version_person l JOIN person p ON p.id = l.person_id "
                    "JOIN action_version av ON av.id = l.action_version_id "
                    "JOIN plan_version f ON f.id = av.valid_from_version_id"
                )
            ),
            "provenance": sorted(
                rows(
                    "SELECT pv.edition_date, fp.field, fp.page, fp.row, fp.col, fp.confidence "
                    "FROM field_provenance fp JOIN plan_version pv ON pv.id = fp.plan_version_id"
                )
            ),
            "reviews": sorted(
                rows(
                    "SELECT pv.edition_date, mr.record_no, mr.score FROM match_review mr "
                    "JOIN plan_version pv ON pv.id = mr.plan_version_id"
                )
            ),
        }


def raw_dump(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, ids and all."""
    with engine.connect() as conn:
        return {
            table.name: sorted(
                (tuple(repr(v) for v in row) for row in conn.execute(table.select())), key=str
            )
            for table in Base.metadata.sorted_tables
        }


def wipe(engine: Engine) -> None:
    """Empty every table (a fresh database without paying for a new schema)."""
    with engine.begin() as conn:
        for table in reversed(Base.metadata.sorted_tables):
            conn.execute(delete(table))


def action_ids(store: Store) -> dict[str, int]:
    """Each current action's text and the id it is stored under."""
    return {r.action_text: int(r.action_id) for r in store.actions().itertuples()}
