"""Comments on the views and their columns, so PostgreSQL documents the views data teams query
as it does the tables (``\\d+ actions_current``). SQLite has no comments: nothing to do there.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The texts live here, not imported from application code: a migration is a frozen snapshot of the
# schema at its revision (as 0001 keeps its own view SQL), so a later change is a new migration.

_CURRENT_COLUMNS = {
    "plan_key": "The plan's key (organisation + title without edition words).",
    "plan_title": "The plan's title (of its newest edition).",
    "action_id": "The action's stable id (use it with history, link, unlink).",
    "action_version_id": (
        "The version shown (join action_version_person/_role/_team and field_provenance on it)."
    ),
    "ref": "The action's reference as printed (1.2, 3d, A3...), or null.",
    "theme": "Theme or priority heading.",
    "objective": "Objective it serves.",
    "outcome": "Intended outcome.",
    "action_text": "What is to be done.",
    "deadline_text": "The deadline as written.",
    "deadline_earliest": (
        "The earliest date the deadline can mean (Q3 2023/24 gives 2023-10-01); "
        "null when open-ended."
    ),
    "deadline_latest": (
        "The latest date the deadline can mean (Q3 2023/24 gives 2023-12-31); null when open-ended."
    ),
    "deadline_precision": "day, month, quarter, season, half, year or financial_year.",
    "deadline_kind": "date, range, ongoing, recurring, conditional or unparsed.",
    "status": "not_started, in_progress, complete, ongoing, on_hold, cancelled or unknown.",
    "rag": "green, amber, red, or null.",
    "status_text": "The status as written.",
    "measures": "Measures of success.",
    "lead_text": (
        "The lead cells' raw text (the parsed people, roles and teams are in the link tables)."
    ),
    "since_version_no": "The plan version these values first appeared in.",
    "since_edition_date": "The edition date of the plan version these values first appeared in.",
}

_HISTORY_KEYS = ("plan_key", "action_id", "action_version_id")
_SPAN_VALUES = (
    "ref",
    "action_text",
    "outcome",
    "deadline_text",
    "deadline_latest",
    "status",
    "rag",
    "status_text",
    "lead_text",
)

# view -> (comment on the view, {column: comment on the column}); every column of every view.
VIEW_COMMENTS: dict[str, tuple[str, dict[str, str]]] = {
    "actions_current": (
        "Every action as it stands now (its open version), one row per action.",
        _CURRENT_COLUMNS,
    ),
    "action_history": (
        "Every version of every action, one row per span of editions [from, to); an action that "
        "was dropped has a last row with a to_ edition and no open row.",
        {
            **{name: _CURRENT_COLUMNS[name] for name in _HISTORY_KEYS},
            "from_version_no": "Version number of the first edition holding these values.",
            "from_edition_seq": "Business position (edition_seq) of the first edition holding "
            "these values.",
            "from_edition_date": "Edition date of the first edition holding these values.",
            "to_version_no": "Version number of the first edition without these values (changed "
            "or dropped); null while current.",
            "to_edition_seq": "Business position (edition_seq) of the first edition without these "
            "values; null while current.",
            "to_edition_date": "Edition date of the first edition without these values; null "
            "while current.",
            "change": "added (the action's first version) or changed.",
            "match_method": "How this version was tied to the action's earlier self: ref, fuzzy, "
            "manual (a person's link) or new.",
            "match_score": "Similarity 0-100 of that match; null for new.",
            **{name: _CURRENT_COLUMNS[name] for name in _SPAN_VALUES},  # over that span
        },
    ),
    "plan_editions": (
        "Every stored reading of every edition, one row per plan_version.",
        {
            "plan_key": _CURRENT_COLUMNS["plan_key"],
            "plan_title": _CURRENT_COLUMNS["plan_title"],
            "organisation": "The plan's organisation (of its newest edition).",
            "plan_version_id": "The reading (plan_version id).",
            "version_no": "The reading's number in recorded order (1, 2, 3...); never renumbered.",
            "edition_seq": "Position in business order among the editions that shape history; "
            "null for a replaced reading or one held for review.",
            "edition_label": "The wording the edition date came from.",
            "edition_date": "The edition date (business time); null if the document gives none.",
            "recorded_at": "When it was stored (system time).",
            "status": "current (the edition now in force), superseded (an older edition, or, "
            "with edition_seq null, a reading replaced by a better one of the same edition) or "
            "needs_review (its record count collapsed: shapes no history).",
            "record_count": "Action records read.",
            "pipeline_version": "The pipeline version that read it.",
            "content_hash": "SHA-256 of the records as canonical JSON.",
            "run_id": "The run that stored it.",
            "sha256": "SHA-256 of the bytes it was read from.",
            "format": "Format of the bytes it was read from: docx or pdf.",
        },
    ),
    "overdue_actions": (
        "The columns of actions_current, for the actions whose deadline_latest is before today "
        "(CURRENT_DATE) and whose status is neither complete nor cancelled, by the newest "
        "edition's word. Undated and open-ended deadlines are never overdue.",
        _CURRENT_COLUMNS,
    ),
}


def set_comments(view_comments: dict[str, tuple[str, dict[str, str]]], describe: bool) -> None:
    """Write (or, not ``describe``, clear) the comments of ``view_comments`` on PostgreSQL; later
    revisions that recreate a view call it with their texts."""
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    quote = bind.dialect.identifier_preparer.quote

    def comment_on(target: str, words: str) -> None:
        # COMMENT takes no bind parameters: an inline literal, its colons escaped from text().
        literal = "'" + words.replace("'", "''") + "'" if describe else "NULL"
        op.execute(sa.text(f"COMMENT ON {target} IS {literal}".replace(":", "\\:")))

    for view, (comment, columns) in view_comments.items():
        comment_on(f"VIEW {quote(view)}", comment)
        for column, words in columns.items():
            comment_on(f"COLUMN {quote(view)}.{quote(column)}", words)


def upgrade() -> None:
    set_comments(VIEW_COMMENTS, describe=True)


def downgrade() -> None:
    set_comments(VIEW_COMMENTS, describe=False)
