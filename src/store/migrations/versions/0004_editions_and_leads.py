"""Editions say how they were dated, a deadline nobody wrote has no kind, and leads are a view.

* ``plan_version.edition_dated_by``: the rule that dated the edition (front_matter, as_at,
  update_column, progress_text, file_name), null when the document gives no date.
* ``action_version.deadline_kind`` may be null: a plan without a deadline column has none.
* ``action_leads``: one row per action version and party (name, kind, capacity), so "who leads"
  is one SELECT, not a UNION of three link tables.
* The views name the plan's title ``plan_title`` everywhere (``action_history`` gains it) and
  ``plan_editions`` shows ``edition_dated_by``.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The views and texts of the earlier revisions, unchanged where this one does not change them
# (those files are frozen, so reading them is reading a snapshot).
_INITIAL = importlib.import_module("planingest.store.migrations.versions.0001_initial")
_COMMENTED = importlib.import_module("planingest.store.migrations.versions.0003_view_comments")

_DATED_BY = (
    "How the edition date was found: front_matter, as_at (an 'as at' line), update_column (the "
    "latest dated update column), progress_text (the latest date the progress text mentions) or "
    "file_name; null when the document gives no date."
)
_KIND = "date, range, ongoing, recurring, conditional or unparsed; null when nothing is written."
_KIND_BEFORE = "date, range, ongoing, recurring, conditional or unparsed."

VIEWS = {
    **_INITIAL.VIEWS,
    "action_history": _INITIAL.VIEWS["action_history"].replace(
        "SELECT p.plan_key, av.action_id", "SELECT p.plan_key, p.title AS plan_title, av.action_id"
    ),
    "plan_editions": _INITIAL.VIEWS["plan_editions"].replace(
        "pv.edition_date, pv.recorded_at", "pv.edition_date, pv.edition_dated_by, pv.recorded_at"
    ),
    # Who leads each action version: people, roles and teams in one list, each in the capacity
    # its column names (lead, accountable, responsible, supporting).
    "action_leads": """
        SELECT p.plan_key, p.title AS plan_title, av.action_id, av.id AS action_version_id,
            f.version_no AS from_version_no, t.version_no AS to_version_no,
            party.name, party.kind, party.capacity
        FROM (
            SELECT l.action_version_id, n.name, 'person' AS kind, l.capacity
            FROM action_version_person l JOIN person n ON n.id = l.person_id
            UNION ALL
            SELECT l.action_version_id, n.name, 'role' AS kind, l.capacity
            FROM action_version_role l JOIN role n ON n.id = l.role_id
            UNION ALL
            SELECT l.action_version_id, n.name, 'team' AS kind, l.capacity
            FROM action_version_team l JOIN team n ON n.id = l.team_id
        ) party
        JOIN action_version av ON av.id = party.action_version_id
        JOIN action a ON a.id = av.action_id
        JOIN plan p ON p.id = a.plan_id
        JOIN plan_version f ON f.id = av.valid_from_version_id
        LEFT JOIN plan_version t ON t.id = av.valid_to_version_id
    """,
}

_BEFORE: dict[str, tuple[str, dict[str, str]]] = _COMMENTED.VIEW_COMMENTS
_CURRENT = {**_BEFORE["actions_current"][1], "deadline_kind": _KIND}
VIEW_COMMENTS: dict[str, tuple[str, dict[str, str]]] = {
    "actions_current": (_BEFORE["actions_current"][0], _CURRENT),
    "overdue_actions": (_BEFORE["overdue_actions"][0], _CURRENT),
    "action_history": (
        _BEFORE["action_history"][0],
        {**_BEFORE["action_history"][1], "plan_title": _CURRENT["plan_title"]},
    ),
    "plan_editions": (
        _BEFORE["plan_editions"][0],
        {**_BEFORE["plan_editions"][1], "edition_dated_by": _DATED_BY},
    ),
    "action_leads": (
        "Who leads each action version, one row per party: the people, roles and teams its lead "
        "cells name, each in the capacity its column gives. Current leads: to_version_no null.",
        {
            "plan_key": _CURRENT["plan_key"],
            "plan_title": _CURRENT["plan_title"],
            "action_id": _CURRENT["action_id"],
            "action_version_id": "The action version the party leads.",
            "from_version_no": _BEFORE["action_history"][1]["from_version_no"],
            "to_version_no": _BEFORE["action_history"][1]["to_version_no"],
            "name": "The person's name, role title or team name, as normalised.",
            "kind": "person, role or team.",
            "capacity": "lead, accountable, responsible or supporting.",
        },
    ),
}


def _drop_views(views: dict[str, str]) -> None:
    for name in reversed(list(views)):
        op.execute(f"DROP VIEW IF EXISTS {name}")


def _create_views(views: dict[str, str]) -> None:
    for name, sql in views.items():
        op.execute(f"CREATE VIEW {name} AS {sql}")


def _deadline_kind_nullable(nullable: bool) -> None:
    """SQLite cannot alter a column; its documented way to drop or add a NOT NULL constraint
    (which changes no stored row) is to edit the table's schema text in place, rather than
    rebuild the table, which would cascade deletes to the lead tables."""
    if op.get_bind().dialect.name != "sqlite":
        op.alter_column(
            "action_version",
            "deadline_kind",
            existing_type=sa.String(length=16),
            nullable=nullable,
            comment=_KIND if nullable else _KIND_BEFORE,
            existing_comment=_KIND_BEFORE if nullable else _KIND,
        )
        return
    strict, loose = "deadline_kind VARCHAR(16) NOT NULL", "deadline_kind VARCHAR(16)"
    before, after = (strict, loose) if nullable else (loose + ",", strict + ",")
    version = op.get_bind().exec_driver_sql("PRAGMA schema_version").scalar()
    op.execute("PRAGMA writable_schema=ON")
    op.get_bind().exec_driver_sql(
        "UPDATE sqlite_master SET sql = replace(sql, ?, ?) WHERE type = 'table' AND name = ?",
        (before, after, "action_version"),
    )
    op.execute(f"PRAGMA schema_version={int(version or 0) + 1}")
    op.execute("PRAGMA writable_schema=OFF")


def upgrade() -> None:
    _drop_views(_INITIAL.VIEWS)
    op.add_column(
        "plan_version",
        sa.Column("edition_dated_by", sa.String(length=16), nullable=True, comment=_DATED_BY),
    )
    _deadline_kind_nullable(True)
    _create_views(VIEWS)
    _COMMENTED.set_comments(VIEW_COMMENTS, describe=True)


def downgrade() -> None:
    _drop_views(VIEWS)
    op.execute("UPDATE action_version SET deadline_kind = 'unparsed' WHERE deadline_kind IS NULL")
    _deadline_kind_nullable(False)
    op.drop_column("plan_version", "edition_dated_by")  # SQLite 3.35+ drops it in place
    _create_views(_INITIAL.VIEWS)
    _COMMENTED.set_comments(_BEFORE, describe=True)
