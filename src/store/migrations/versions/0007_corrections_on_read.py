"""Corrections applied on read in the database itself, so the views show them as the Python API
does; lead parties become correctable.

* ``plan_version.edition_key``: which edition a reading is (its date, or ``undated:`` + title),
  the key corrections are made on; backfilled here, written by the importer from now on.
* ``correction_party``: the parties (name, kind, capacity) a correction of an action's leads
  gives.
* ``corrections_applied``: one row per value a standing correction changes, with the value read,
  the value given and who gave it when. The one place the rule lives: the last ruling on a
  field of an edition stands, and a correction holds while that edition reads ``old_value``.
* ``action_readings``: every action version as each edition of its span reads it, corrections
  applied (``corrected_fields`` names them). ``actions_current``, ``overdue_actions``,
  ``action_history`` and ``action_leads`` are now read from it, and gain ``corrected_fields``
  (``action_leads``: ``corrected``); the read values stay in ``action_version`` and its lead
  tables, joined on ``action_version_id``.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_BEFORE = importlib.import_module("planingest.store.migrations.versions.0004_editions_and_leads")
_COMMENTED = importlib.import_module("planingest.store.migrations.versions.0003_view_comments")

_TEXT_FIELDS = ("ref", "theme", "objective", "outcome", "action_text", "lead_text")
_TEXT_FIELDS_2 = ("deadline_text", "status", "rag", "measures")
_DATE_FIELDS = ("deadline_earliest", "deadline_latest")
_VALUE_FIELDS = (*_TEXT_FIELDS, *_TEXT_FIELDS_2, *_DATE_FIELDS)
"""The action_version columns a person may correct (as of this revision)."""
_FIELDS = (*_VALUE_FIELDS, "leads")
"""...and ``leads``: the parties, whose correction holds while the lead cells read the same."""

_EDITION_KEY = (
    "Which edition this reading is: its edition date (ISO), or 'undated:' + its title; two "
    "readings with one key are one edition, and corrections are made on it."
)


def _read_value() -> str:
    """SQL: the value of ``c.field`` as read in ``av``, as text (dates ISO)."""
    whens = [f"WHEN '{name}' THEN av.{name}" for name in (*_TEXT_FIELDS, *_TEXT_FIELDS_2)]
    whens += [f"WHEN '{name}' THEN CAST(av.{name} AS TEXT)" for name in _DATE_FIELDS]
    whens.append("WHEN 'leads' THEN av.lead_text")
    return "CASE c.field " + " ".join(whens) + " END"


def _views(dialect: str) -> dict[str, str]:
    """The views of this revision. Portable SQL but for one thing: a corrected date is ISO text,
    which SQLite keeps dates as and PostgreSQL must cast."""

    def as_date(sql: str) -> str:
        return f"CAST({sql} AS DATE)" if dialect == "postgresql" else sql

    pivot = ", ".join(
        f"MAX(CASE WHEN field = '{name}' THEN 1 ELSE 0 END) AS c_{name}, "
        f"MAX(CASE WHEN field = '{name}' THEN value END) AS v_{name}"
        for name in _FIELDS
    )
    values = ", ".join(
        f"CASE WHEN k.c_{name} = 1 THEN "
        f"{as_date(f'k.v_{name}') if name in _DATE_FIELDS else f'k.v_{name}'} "
        f"ELSE av.{name} END AS {name}"
        for name in _VALUE_FIELDS
    )
    flags = " || ".join(f"CASE WHEN k.c_{name} = 1 THEN ' {name}' ELSE '' END" for name in _FIELDS)
    current = """
        r.plan_key, r.plan_title, r.action_id, r.action_version_id,
        r.ref, r.theme, r.objective, r.outcome, r.action_text,
        r.deadline_text, r.deadline_earliest, r.deadline_latest, r.deadline_precision,
        r.deadline_kind, r.status, r.rag, r.status_text, r.measures, r.lead_text,
        r.since_version_no, r.since_edition_date, r.corrected_fields
    """
    return {
        # One row per value a standing correction changes in an edition's reading of an action.
        "corrections_applied": f"""
            SELECT x.plan_id, x.action_id, x.action_version_id, x.plan_version_id, x.version_no,
                x.field, x.read_value, x.new_value AS value, x.correction_id, x.author,
                x.created_at, x.reason
            FROM (
                SELECT c.plan_id, av.action_id, av.id AS action_version_id,
                    e.id AS plan_version_id, e.version_no, c.field, c.old_value, c.new_value,
                    c.id AS correction_id, c.author, c.created_at, c.reason,
                    {_read_value()} AS read_value
                FROM correction c
                JOIN action_version av ON av.action_id = c.action_id
                JOIN plan_version f ON f.id = av.valid_from_version_id
                LEFT JOIN plan_version t ON t.id = av.valid_to_version_id
                JOIN plan_version e ON e.plan_id = c.plan_id AND e.edition_key = c.edition_key
                    AND e.edition_seq >= f.edition_seq
                    AND (t.id IS NULL OR e.edition_seq < t.edition_seq)
                WHERE c.kind = 'correct' AND NOT EXISTS (
                    SELECT 1 FROM correction n
                    WHERE n.action_id = c.action_id AND n.field = c.field
                      AND n.edition_key = c.edition_key AND n.id > c.id
                )
            ) x
            WHERE x.read_value = x.old_value OR (x.read_value IS NULL AND x.old_value IS NULL)
        """,
        # Every action version as each accepted edition of its span [since, to) reads it.
        "action_readings": f"""
            SELECT p.plan_key, p.title AS plan_title, a.plan_id, av.action_id,
                av.id AS action_version_id,
                e.id AS plan_version_id, e.version_no, e.edition_seq, e.edition_date,
                e.edition_key, e.status AS edition_status,
                f.version_no AS since_version_no, f.edition_seq AS since_edition_seq,
                f.edition_date AS since_edition_date,
                t.version_no AS to_version_no, t.edition_seq AS to_edition_seq,
                t.edition_date AS to_edition_date,
                av.change, av.match_method, av.match_score,
                {values},
                av.deadline_precision, av.deadline_kind, av.deadline_parts, av.status_text,
                av.status_source, av.progress, av.extra,
                NULLIF(TRIM({flags}), '') AS corrected_fields
            FROM action_version av
            JOIN action a ON a.id = av.action_id
            JOIN plan p ON p.id = a.plan_id
            JOIN plan_version f ON f.id = av.valid_from_version_id
            LEFT JOIN plan_version t ON t.id = av.valid_to_version_id
            JOIN plan_version e ON e.plan_id = a.plan_id AND e.edition_seq >= f.edition_seq
                AND (t.id IS NULL OR e.edition_seq < t.edition_seq)
            LEFT JOIN (
                SELECT action_version_id, plan_version_id, {pivot}
                FROM corrections_applied GROUP BY action_version_id, plan_version_id
            ) k ON k.action_version_id = av.id AND k.plan_version_id = e.id
        """,
        "actions_current": f"""
            SELECT {current} FROM action_readings r WHERE r.edition_status = 'current'
        """,
        "overdue_actions": f"""
            SELECT {current} FROM action_readings r
            WHERE r.edition_status = 'current' AND r.deadline_latest < CURRENT_DATE
              AND r.status NOT IN ('complete', 'cancelled')
        """,
        # Each version as the newest edition of its span reads it.
        "action_history": """
            SELECT r.plan_key, r.plan_title, r.action_id, r.action_version_id,
                r.since_version_no AS from_version_no, r.since_edition_seq AS from_edition_seq,
                r.since_edition_date AS from_edition_date,
                r.to_version_no, r.to_edition_seq, r.to_edition_date,
                r.change, r.match_method, r.match_score,
                r.ref, r.action_text, r.outcome, r.deadline_text, r.deadline_latest,
                r.status, r.rag, r.status_text, r.lead_text,
                r.theme, r.objective, r.deadline_earliest, r.measures,
                r.version_no AS read_in_version_no, r.plan_version_id, r.corrected_fields
            FROM action_readings r
            WHERE r.edition_seq = (
                SELECT MAX(x.edition_seq) FROM plan_version x
                WHERE x.plan_id = r.plan_id AND x.edition_seq IS NOT NULL
                  AND (r.to_edition_seq IS NULL OR x.edition_seq < r.to_edition_seq)
            )
        """,
        "action_leads": """
            SELECT h.plan_key, h.plan_title, h.action_id, h.action_version_id,
                h.from_version_no, h.to_version_no, party.name, party.kind, party.capacity,
                party.corrected
            FROM action_history h
            JOIN (
                SELECT l.action_version_id, CAST(NULL AS INTEGER) AS plan_version_id, n.name,
                    'person' AS kind, l.capacity, 0 AS corrected
                FROM action_version_person l JOIN person n ON n.id = l.person_id
                UNION ALL
                SELECT l.action_version_id, NULL, n.name, 'role', l.capacity, 0
                FROM action_version_role l JOIN role n ON n.id = l.role_id
                UNION ALL
                SELECT l.action_version_id, NULL, n.name, 'team', l.capacity, 0
                FROM action_version_team l JOIN team n ON n.id = l.team_id
                UNION ALL
                SELECT ca.action_version_id, ca.plan_version_id, cp.name, cp.kind, cp.capacity, 1
                FROM corrections_applied ca
                JOIN correction_party cp ON cp.correction_id = ca.correction_id
                WHERE ca.field = 'leads'
            ) party ON party.action_version_id = h.action_version_id
            WHERE (party.corrected = 1 AND party.plan_version_id = h.plan_version_id)
               OR (party.corrected = 0
                   AND ' ' || COALESCE(h.corrected_fields, '') || ' ' NOT LIKE '% leads %')
        """,
    }


_OLD = _BEFORE.VIEW_COMMENTS
_CURRENT = _OLD["actions_current"][1]
_CORRECTED_FIELDS = (
    "The fields whose value shown is a person's correction, space-separated (null when none); "
    "the values as read are in action_version (join on action_version_id)."
)
_FLAGGED = {"corrected_fields": _CORRECTED_FIELDS}
_SHOWN = {
    **{name: _CURRENT[name] for name in ("theme", "objective", "deadline_earliest", "measures")},
    "read_in_version_no": "The edition (version number) whose reading is shown: the newest of "
    "the span; corrections standing on it are applied.",
    "plan_version_id": "The reading (plan_version id) shown.",
    "corrected_fields": _CORRECTED_FIELDS,
}
VIEW_COMMENTS: dict[str, tuple[str, dict[str, str]]] = {
    "corrections_applied": (
        "Each value a person's correction changes: per action version, edition reading and "
        "field, the value read and the value given. A correction stands when it is the last "
        "ruling on that field of that edition, and holds while the edition reads old_value.",
        {
            "plan_id": "The plan (plan.id).",
            "action_id": _CURRENT["action_id"],
            "action_version_id": "The action version whose value is corrected.",
            "plan_version_id": "The reading (plan_version id) the correction applies in.",
            "version_no": "That reading's version number.",
            "field": "The field corrected (an action_version column, or leads: the parties).",
            "read_value": "The value as read (text; dates ISO; for leads the lead cells' text).",
            "value": "The value given (text; dates ISO; for leads the parties as written in "
            "correction_party).",
            "correction_id": "The correction (correction.id).",
            "author": "Who made it.",
            "created_at": "When it was made.",
            "reason": "Why, in the person's words.",
        },
    ),
    "action_readings": (
        "Every action version as each accepted edition of its span reads it, corrections "
        "applied: one row per action version and edition.",
        {
            **_CURRENT,
            "plan_id": "The plan (plan.id).",
            "plan_version_id": "The edition's reading (plan_version id) this row is read in.",
            "version_no": "That reading's version number.",
            "edition_seq": "That edition's business position.",
            "edition_date": "That edition's date.",
            "edition_key": _EDITION_KEY,
            "edition_status": "current or superseded.",
            "since_edition_seq": "Business position of the first edition with these values.",
            "to_version_no": _OLD["action_history"][1]["to_version_no"],
            "to_edition_seq": _OLD["action_history"][1]["to_edition_seq"],
            "to_edition_date": _OLD["action_history"][1]["to_edition_date"],
            "change": _OLD["action_history"][1]["change"],
            "match_method": _OLD["action_history"][1]["match_method"],
            "match_score": _OLD["action_history"][1]["match_score"],
            "deadline_parts": "Dated milestones in the deadline (JSON).",
            "status_source": "stated, colour or inferred.",
            "progress": "Progress updates (JSON: label, as_of, text).",
            "extra": "Unmapped columns by their original header (JSON).",
            "corrected_fields": _CORRECTED_FIELDS,
        },
    ),
    "actions_current": (_OLD["actions_current"][0], {**_CURRENT, **_FLAGGED}),
    "overdue_actions": (_OLD["overdue_actions"][0], {**_CURRENT, **_FLAGGED}),
    "plan_editions": _OLD["plan_editions"],
    "action_history": (
        _OLD["action_history"][0] + " Values as the newest edition of the span reads them.",
        {**_OLD["action_history"][1], **_SHOWN},
    ),
    "action_leads": (
        _OLD["action_leads"][0] + " A person's correction of the parties replaces those read.",
        {
            **_OLD["action_leads"][1],
            "corrected": "1 when the party comes from a person's correction of the leads (the "
            "parties read are then left out), else 0.",
        },
    ),
}


def _drop_views(views: Sequence[str]) -> None:
    for name in reversed(list(views)):
        op.execute(f"DROP VIEW IF EXISTS {name}")


def _create_views(views: dict[str, str]) -> None:
    for name, sql in views.items():
        op.execute(f"CREATE VIEW {name} AS {sql}")


def _backfill_edition_keys() -> None:
    """The key as the importer computes it: the date, or the title lower-cased, spaces
    collapsed (a frozen copy of ``chains.edition_key``)."""
    bind = op.get_bind()
    versions = sa.table(
        "plan_version",
        sa.column("id", sa.Integer),
        sa.column("edition_date", sa.Date),
        sa.column("plan_meta", sa.JSON),
        sa.column("edition_key", sa.Text),
    )
    rows = bind.execute(sa.select(versions.c.id, versions.c.edition_date, versions.c.plan_meta))
    for row_id, day, meta in list(rows):
        title = " ".join(str((meta or {}).get("title") or "").lower().split())
        key = day.isoformat() if day is not None else "undated:" + title
        bind.execute(versions.update().where(versions.c.id == row_id).values(edition_key=key))


_REPLACED = ("actions_current", "overdue_actions", "action_history", "action_leads")


def upgrade() -> None:
    _drop_views(_REPLACED)
    op.add_column(
        "plan_version", sa.Column("edition_key", sa.Text(), nullable=True, comment=_EDITION_KEY)
    )
    _backfill_edition_keys()
    op.create_index(
        op.f("ix_plan_version_edition_key"), "plan_version", ["edition_key"], unique=False
    )
    op.create_table(
        "correction_party",
        sa.Column("correction_id", sa.Integer(), nullable=False, comment="The correction."),
        sa.Column("position", sa.Integer(), nullable=False, comment="Its place in the list."),
        sa.Column("name", sa.String(length=200), nullable=False, comment="The party's name."),
        sa.Column("kind", sa.String(length=8), nullable=False, comment="person, role or team."),
        sa.Column(
            "capacity",
            sa.String(length=12),
            nullable=False,
            comment="lead, accountable, responsible or supporting.",
        ),
        sa.CheckConstraint(
            "kind IN ('person', 'role', 'team')", name=op.f("ck_correction_party_kind")
        ),
        sa.ForeignKeyConstraint(
            ["correction_id"],
            ["correction.id"],
            name=op.f("fk_correction_party_correction_id_correction"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("correction_id", "position", name=op.f("pk_correction_party")),
        comment="The parties a correction of an action's leads gives, in order.",
    )
    _create_views(_views(op.get_bind().dialect.name))
    _COMMENTED.set_comments(VIEW_COMMENTS, describe=True)


def downgrade() -> None:
    _drop_views(list(_views(op.get_bind().dialect.name)))
    op.drop_table("correction_party")
    op.drop_index(op.f("ix_plan_version_edition_key"), table_name="plan_version")
    op.drop_column("plan_version", "edition_key")
    _create_views({name: _BEFORE.VIEWS[name] for name in _REPLACED})
    _COMMENTED.set_comments(_BEFORE.VIEW_COMMENTS, describe=True)
