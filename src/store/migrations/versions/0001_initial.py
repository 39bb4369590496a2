"""Initial schema: content identity, runs, plans and editions, versioned actions, leads,
provenance, and the views data teams query.

Revision ID: 0001
Revises:
Create Date: 2026-11-23 09:47:08.798686
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_CURRENT_COLUMNS = """
    p.plan_key, p.title AS plan_title, av.action_id, av.id AS action_version_id,
    av.ref, av.theme, av.objective, av.outcome, av.action_text,
    av.deadline_text, av.deadline_earliest, av.deadline_latest, av.deadline_precision,
    av.deadline_kind, av.status, av.rag, av.status_text, av.measures, av.lead_text,
    f.version_no AS since_version_no, f.edition_date AS since_edition_date
"""

# Portable SQL (SQLite and PostgreSQL): dates compare as ISO text on SQLite, as dates on PG.
VIEWS = {
    # The values every action holds now: its open version, in the plan's newest accepted edition.
    "actions_current": f"""
        SELECT {_CURRENT_COLUMNS}
        FROM action_version av
        JOIN action a ON a.id = av.action_id
        JOIN plan p ON p.id = a.plan_id
        JOIN plan_version f ON f.id = av.valid_from_version_id
        WHERE av.valid_to_version_id IS NULL
    """,
    # Every version of every action, with the editions bounding it ([from, to); to null = now).
    "action_history": """
        SELECT p.plan_key, av.action_id, av.id AS action_version_id,
            f.version_no AS from_version_no, f.edition_seq AS from_edition_seq,
            f.edition_date AS from_edition_date,
            t.version_no AS to_version_no, t.edition_seq AS to_edition_seq,
            t.edition_date AS to_edition_date,
            av.change, av.match_method, av.match_score,
            av.ref, av.action_text, av.outcome, av.deadline_text, av.deadline_latest,
            av.status, av.rag, av.status_text, av.lead_text
        FROM action_version av
        JOIN action a ON a.id = av.action_id
        JOIN plan p ON p.id = a.plan_id
        JOIN plan_version f ON f.id = av.valid_from_version_id
        LEFT JOIN plan_version t ON t.id = av.valid_to_version_id
    """,
    # Every edition of every plan, with the bytes it came from.
    "plan_editions": """
        SELECT p.plan_key, p.title AS plan_title, p.organisation,
            pv.id AS plan_version_id, pv.version_no, pv.edition_seq, pv.edition_label,
            pv.edition_date, pv.recorded_at, pv.status, pv.record_count,
            pv.pipeline_version, pv.content_hash, pv.run_id, sf.sha256, sf.format
        FROM plan_version pv
        JOIN plan p ON p.id = pv.plan_id
        JOIN source_file sf ON sf.id = pv.source_file_id
    """,
    # As of today (CURRENT_DATE when queried) by the newest accepted edition's word: the latest
    # date the deadline can mean has passed, and the action is neither complete nor cancelled.
    "overdue_actions": f"""
        SELECT {_CURRENT_COLUMNS}
        FROM action_version av
        JOIN action a ON a.id = av.action_id
        JOIN plan p ON p.id = a.plan_id
        JOIN plan_version f ON f.id = av.valid_from_version_id
        WHERE av.valid_to_version_id IS NULL
          AND av.deadline_latest < CURRENT_DATE
          AND av.status NOT IN ('complete', 'cancelled')
    """,
}


def upgrade() -> None:

    op.create_table(
        "import_run",
        sa.Column("id", sa.Integer(), nullable=False, comment="Surrogate key; the run id."),
        sa.Column(
            "started_at", sa.DateTime(timezone=True), nullable=False, comment="When the run began."
        ),
        sa.Column(
            "finished_at",
            sa.DateTime(timezone=True),
            nullable=True,
            comment="When it ended; null if not.",
        ),
        sa.Column(
            "heartbeat_at",
            sa.DateTime(timezone=True),
            nullable=False,
            comment=(
                "Last sign of life; a running run silent for long is abandoned by the next run."
            ),
        ),
        sa.Column(
            "trigger",
            sa.String(length=8),
            nullable=False,
            comment="What started it: cli, sync or api.",
        ),
        sa.Column(
            "status",
            sa.String(length=12),
            nullable=False,
            comment="running, succeeded, failed or abandoned.",
        ),
        sa.Column(
            "pipeline_version",
            sa.String(length=40),
            nullable=False,
            comment="Version of the pipeline that ran.",
        ),
        sa.Column("files_seen", sa.Integer(), nullable=False, comment="Files looked at."),
        sa.Column(
            "files_imported", sa.Integer(), nullable=False, comment="Files that made an edition."
        ),
        sa.Column(
            "files_skipped",
            sa.Integer(),
            nullable=False,
            comment="Files already known (a sighting only).",
        ),
        sa.Column("files_failed", sa.Integer(), nullable=False, comment="Files that failed."),
        sa.Column("records", sa.Integer(), nullable=False, comment="Action records imported."),
        sa.Column("errors", sa.Integer(), nullable=False, comment="Errors raised during the run."),
        sa.CheckConstraint(
            "status IN ('running', 'succeeded', 'failed', 'abandoned')",
            name=op.f("ck_import_run_status"),
        ),
        sa.CheckConstraint("trigger IN ('cli', 'sync', 'api')", name=op.f("ck_import_run_trigger")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_run")),
        comment="One import run (a CLI batch, a sync pass, an API call) and its tallies.",
    )
    op.create_table(
        "person",
        sa.Column("id", sa.Integer(), nullable=False, comment="Surrogate key."),
        sa.Column("name", sa.String(length=200), nullable=False, comment="Name as normalised."),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person")),
        sa.UniqueConstraint("name", name=op.f("uq_person_name")),
        comment="A person named as lead, across all plans.",
    )
    op.create_table(
        "plan",
        sa.Column("id", sa.Integer(), nullable=False, comment="Surrogate key."),
        sa.Column(
            "plan_key",
            sa.String(length=200),
            nullable=False,
            comment="Lineage key: organisation + title without edition words, or given explicitly.",
        ),
        sa.Column("title", sa.Text(), nullable=True, comment="Title of the newest edition."),
        sa.Column(
            "organisation", sa.Text(), nullable=True, comment="Organisation of the newest edition."
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan")),
        sa.UniqueConstraint("plan_key", name=op.f("uq_plan_plan_key")),
        comment="One plan across all its editions.",
    )
    op.create_table(
        "role",
        sa.Column("id", sa.Integer(), nullable=False, comment="Surrogate key."),
        sa.Column("name", sa.String(length=200), nullable=False, comment="Role title."),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_role")),
        sa.UniqueConstraint("name", name=op.f("uq_role_name")),
        comment="A role title named as lead, across all plans.",
    )
    op.create_table(
        "source_file",
        sa.Column("id", sa.Integer(), nullable=False, comment="Surrogate key."),
        sa.Column(
            "sha256",
            sa.String(length=64),
            nullable=False,
            comment="SHA-256 of the file's bytes (hex).",
        ),
        sa.Column("size", sa.BigInteger(), nullable=False, comment="Size in bytes."),
        sa.Column(
            "format",
            sa.String(length=8),
            nullable=False,
            comment="docx or pdf, from the magic bytes.",
        ),
        sa.Column(
            "first_seen_at",
            sa.DateTime(timezone=True),
            nullable=False,
            comment="When these bytes were first seen.",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_source_file")),
        sa.UniqueConstraint("sha256", name=op.f("uq_source_file_sha256")),
        comment="Content identity of a document: one row per distinct sha256.",
    )
    op.create_table(
        "team",
        sa.Column("id", sa.Integer(), nullable=False, comment="Surrogate key."),
        sa.Column("name", sa.String(length=200), nullable=False, comment="Team name."),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_team")),
        sa.UniqueConstraint("name", name=op.f("uq_team_name")),
        comment="A team or body named as lead, across all plans.",
    )
    op.create_table(
        "file_observation",
        sa.Column("id", sa.Integer(), nullable=False, comment="Surrogate key."),
        sa.Column("source_file_id", sa.Integer(), nullable=False, comment="The content seen."),
        sa.Column("path", sa.Text(), nullable=False, comment="Where it was seen."),
        sa.Column(
            "mtime",
            sa.DateTime(timezone=True),
            nullable=True,
            comment="The file's modification time.",
        ),
        sa.Column(
            "size", sa.BigInteger(), nullable=False, comment="Size in bytes at that sighting."
        ),
        sa.Column("run_id", sa.Integer(), nullable=False, comment="The run that saw it."),
        sa.Column(
            "seen_at", sa.DateTime(timezone=True), nullable=False, comment="When it was seen."
        ),
        sa.Column(
            "missing_since",
            sa.DateTime(timezone=True),
            nullable=True,
            comment="When the path was found gone; null while present.",
        ),
        sa.ForeignKeyConstraint(
            ["run_id"],
            ["import_run.id"],
            name=op.f("fk_file_observation_run_id_import_run"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["source_file_id"],
            ["source_file.id"],
            name=op.f("fk_file_observation_source_file_id_source_file"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_file_observation")),
        comment="Each sighting of some content at a path: renames and copies are sightings.",
    )
    op.create_index(
        op.f("ix_file_observation_run_id"), "file_observation", ["run_id"], unique=False
    )
    op.create_index(
        op.f("ix_file_observation_source_file_id"),
        "file_observation",
        ["source_file_id"],
        unique=False,
    )

    op.create_table(
        "import_failure",
        sa.Column("id", sa.Integer(), nullable=False, comment="Surrogate key."),
        sa.Column("path", sa.Text(), nullable=False, comment="The document's path."),
        sa.Column(
            "sha256",
            sa.String(length=64),
            nullable=True,
            comment="SHA-256 of its bytes, if they could be read.",
        ),
        sa.Column(
            "reason_code",
            sa.String(length=24),
            nullable=False,
            comment="Machine code of the error (corrupt, encrypted, needs_ocr...).",
        ),
        sa.Column("reason", sa.Text(), nullable=False, comment="What went wrong, for a person."),
        sa.Column("run_id", sa.Integer(), nullable=False, comment="The run it failed in."),
        sa.Column(
            "transient",
            sa.Boolean(),
            nullable=False,
            comment="True if retrying could help; false until the bytes change.",
        ),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False, comment="When it failed."),
        sa.ForeignKeyConstraint(
            ["run_id"],
            ["import_run.id"],
            name=op.f("fk_import_failure_run_id_import_run"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_failure")),
        comment="A document that could not be imported, and why.",
    )
    op.create_index(op.f("ix_import_failure_run_id"), "import_failure", ["run_id"], unique=False)

    op.create_table(
        "plan_version",
        sa.Column("id", sa.Integer(), nullable=False, comment="Surrogate key."),
        sa.Column("plan_id", sa.Integer(), nullable=False, comment="The plan."),
        sa.Column(
            "version_no",
            sa.Integer(),
            nullable=False,
            comment="1, 2, 3... in the order editions were recorded; never renumbered.",
        ),
        sa.Column(
            "edition_seq",
            sa.Integer(),
            nullable=True,
            comment=(
                "Position in business order among the editions that shape action history (by "
                "edition_date, then recorded order); null for needs_review or replaced editions."
            ),
        ),
        sa.Column(
            "source_file_id", sa.Integer(), nullable=False, comment="The bytes it was read from."
        ),
        sa.Column(
            "edition_label",
            sa.Text(),
            nullable=True,
            comment="The wording the edition date came from.",
        ),
        sa.Column(
            "edition_date",
            sa.Date(),
            nullable=True,
            comment="Business time: when the edition says it was written.",
        ),
        sa.Column(
            "recorded_at",
            sa.DateTime(timezone=True),
            nullable=False,
            comment="System time: when it was recorded.",
        ),
        sa.Column(
            "pipeline_version",
            sa.String(length=40),
            nullable=False,
            comment="Pipeline version that produced the records.",
        ),
        sa.Column(
            "content_hash",
            sa.String(length=64),
            nullable=False,
            comment="SHA-256 of the normalised records as canonical JSON.",
        ),
        sa.Column("run_id", sa.Integer(), nullable=False, comment="The run that recorded it."),
        sa.Column(
            "status",
            sa.String(length=12),
            nullable=False,
            comment="current, superseded or needs_review (record count collapsed).",
        ),
        sa.Column(
            "record_count", sa.Integer(), nullable=False, comment="Number of action records."
        ),
        sa.Column("plan_meta", sa.JSON(), nullable=False, comment="PlanMeta as JSON."),
        sa.Column(
            "records",
            sa.JSON(),
            nullable=False,
            comment=(
                "The normalised ActionRecords as JSON, so history can be rebuilt without re-"
                "extraction."
            ),
        ),
        sa.Column("warnings", sa.JSON(), nullable=False, comment="Normaliser warnings."),
        sa.CheckConstraint(
            "status IN ('current', 'superseded', 'needs_review')",
            name=op.f("ck_plan_version_status"),
        ),
        sa.CheckConstraint("record_count >= 0", name=op.f("ck_plan_version_record_count")),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["plan.id"], name=op.f("fk_plan_version_plan_id_plan"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["run_id"],
            ["import_run.id"],
            name=op.f("fk_plan_version_run_id_import_run"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["source_file_id"],
            ["source_file.id"],
            name=op.f("fk_plan_version_source_file_id_source_file"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_version")),
        sa.UniqueConstraint("plan_id", "version_no", name=op.f("uq_plan_version_plan_id")),
        comment="One edition of a plan, as imported (with its normalised records).",
    )
    op.create_index(op.f("ix_plan_version_plan_id"), "plan_version", ["plan_id"], unique=False)
    op.create_index(op.f("ix_plan_version_run_id"), "plan_version", ["run_id"], unique=False)
    op.create_index(
        op.f("ix_plan_version_source_file_id"), "plan_version", ["source_file_id"], unique=False
    )

    op.create_table(
        "action",
        sa.Column("id", sa.Integer(), nullable=False, comment="Surrogate key; the action id."),
        sa.Column("plan_id", sa.Integer(), nullable=False, comment="The plan."),
        sa.Column(
            "first_plan_version_id",
            sa.Integer(),
            nullable=False,
            comment="The edition (business order) it first appears in.",
        ),
        sa.Column(
            "first_record_no",
            sa.Integer(),
            nullable=False,
            comment="Its position (0-based) among that edition's records.",
        ),
        sa.ForeignKeyConstraint(
            ["first_plan_version_id"],
            ["plan_version.id"],
            name=op.f("fk_action_first_plan_version_id_plan_version"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["plan.id"], name=op.f("fk_action_plan_id_plan"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_action")),
        comment="Stable identity of one action across a plan's editions.",
    )
    op.create_index(
        op.f("ix_action_first_plan_version_id"), "action", ["first_plan_version_id"], unique=False
    )
    op.create_index(op.f("ix_action_plan_id"), "action", ["plan_id"], unique=False)

    op.create_table(
        "manual_link",
        sa.Column("id", sa.Integer(), nullable=False, comment="Surrogate key."),
        sa.Column("plan_id", sa.Integer(), nullable=False, comment="The plan."),
        sa.Column("kind", sa.String(length=8), nullable=False, comment="link or unlink."),
        sa.Column(
            "earlier_version_id",
            sa.Integer(),
            nullable=False,
            comment="Edition of the earlier record.",
        ),
        sa.Column(
            "earlier_record_no", sa.Integer(), nullable=False, comment="Earlier record's position."
        ),
        sa.Column(
            "later_version_id", sa.Integer(), nullable=False, comment="Edition of the later record."
        ),
        sa.Column(
            "later_record_no", sa.Integer(), nullable=False, comment="Later record's position."
        ),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            nullable=False,
            comment="When the ruling was made.",
        ),
        sa.CheckConstraint("kind IN ('link', 'unlink')", name=op.f("ck_manual_link_kind")),
        sa.ForeignKeyConstraint(
            ["earlier_version_id"],
            ["plan_version.id"],
            name=op.f("fk_manual_link_earlier_version_id_plan_version"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["later_version_id"],
            ["plan_version.id"],
            name=op.f("fk_manual_link_later_version_id_plan_version"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["plan.id"], name=op.f("fk_manual_link_plan_id_plan"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_manual_link")),
        comment=(
            "A person's ruling that two records are (link) or are not (unlink) the same action; "
            "applied on every (re)build, so it survives re-imports."
        ),
    )
    op.create_index(
        op.f("ix_manual_link_earlier_version_id"),
        "manual_link",
        ["earlier_version_id"],
        unique=False,
    )
    op.create_index(
        op.f("ix_manual_link_later_version_id"), "manual_link", ["later_version_id"], unique=False
    )
    op.create_index(op.f("ix_manual_link_plan_id"), "manual_link", ["plan_id"], unique=False)

    op.create_table(
        "action_version",
        sa.Column("id", sa.Integer(), nullable=False, comment="Surrogate key."),
        sa.Column("action_id", sa.Integer(), nullable=False, comment="The action."),
        sa.Column(
            "valid_from_version_id",
            sa.Integer(),
            nullable=False,
            comment="First edition with these values.",
        ),
        sa.Column(
            "valid_to_version_id",
            sa.Integer(),
            nullable=True,
            comment="First edition without them (changed or removed); null while current.",
        ),
        sa.Column(
            "value_hash",
            sa.String(length=64),
            nullable=False,
            comment="SHA-256 of the values (not provenance): equal hash, unchanged.",
        ),
        sa.Column("ref", sa.Text(), nullable=True, comment="The action's reference (1.2, A3...)."),
        sa.Column("theme", sa.Text(), nullable=True, comment="Theme or priority heading."),
        sa.Column("objective", sa.Text(), nullable=True, comment="Objective it serves."),
        sa.Column("outcome", sa.Text(), nullable=True, comment="Intended outcome."),
        sa.Column("action_text", sa.Text(), nullable=False, comment="What is to be done."),
        sa.Column("deadline_text", sa.Text(), nullable=False, comment="The deadline as written."),
        sa.Column(
            "deadline_earliest",
            sa.Date(),
            nullable=True,
            comment="Earliest date the deadline can mean.",
        ),
        sa.Column(
            "deadline_latest",
            sa.Date(),
            nullable=True,
            comment="Latest date the deadline can mean.",
        ),
        sa.Column(
            "deadline_precision",
            sa.String(length=16),
            nullable=True,
            comment="day, month, quarter, season, half, year or financial_year.",
        ),
        sa.Column(
            "deadline_kind",
            sa.String(length=16),
            nullable=False,
            comment="date, range, ongoing, recurring, conditional or unparsed.",
        ),
        sa.Column(
            "status",
            sa.String(length=16),
            nullable=False,
            comment="not_started, in_progress, complete, ongoing, on_hold, cancelled...",
        ),
        sa.Column("rag", sa.String(length=8), nullable=True, comment="green, amber or red."),
        sa.Column("status_text", sa.Text(), nullable=True, comment="The status as written."),
        sa.Column(
            "status_source",
            sa.String(length=12),
            nullable=True,
            comment="stated, colour or inferred.",
        ),
        sa.Column("measures", sa.Text(), nullable=True, comment="Measures of success."),
        sa.Column(
            "progress", sa.JSON(), nullable=False, comment="Progress updates (label, as_of, text)."
        ),
        sa.Column(
            "extra", sa.JSON(), nullable=False, comment="Unmapped columns by their original header."
        ),
        sa.Column(
            "deadline_parts", sa.JSON(), nullable=False, comment="Dated milestones in the deadline."
        ),
        sa.Column("lead_text", sa.Text(), nullable=False, comment="The lead cells' raw text."),
        sa.Column(
            "match_method",
            sa.String(length=8),
            nullable=False,
            comment="How it was tied to its earlier self: ref, fuzzy, manual or new.",
        ),
        sa.Column(
            "match_score",
            sa.Float(),
            nullable=True,
            comment="Similarity 0..100 of the match; null for new actions.",
        ),
        sa.Column(
            "change",
            sa.String(length=8),
            nullable=False,
            comment="added (first version) or changed (values differ from the previous).",
        ),
        sa.CheckConstraint("change IN ('added', 'changed')", name=op.f("ck_action_version_change")),
        sa.CheckConstraint(
            "match_method IN ('ref', 'fuzzy', 'manual', 'new')",
            name=op.f("ck_action_version_match_method"),
        ),
        sa.CheckConstraint(
            "match_score >= 0 AND match_score <= 100", name=op.f("ck_action_version_match_score")
        ),
        sa.ForeignKeyConstraint(
            ["action_id"],
            ["action.id"],
            name=op.f("fk_action_version_action_id_action"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["valid_from_version_id"],
            ["plan_version.id"],
            name=op.f("fk_action_version_valid_from_version_id_plan_version"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["valid_to_version_id"],
            ["plan_version.id"],
            name=op.f("fk_action_version_valid_to_version_id_plan_version"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_action_version")),
        comment="An action's values over a span of editions [valid_from, valid_to).",
    )
    op.create_index(
        op.f("ix_action_version_action_id"), "action_version", ["action_id"], unique=False
    )
    op.create_index(
        op.f("ix_action_version_valid_from_version_id"),
        "action_version",
        ["valid_from_version_id"],
        unique=False,
    )
    op.create_index(
        op.f("ix_action_version_valid_to_version_id"),
        "action_version",
        ["valid_to_version_id"],
        unique=False,
    )

    op.create_table(
        "match_review",
        sa.Column("id", sa.Integer(), nullable=False, comment="Surrogate key."),
        sa.Column("plan_version_id", sa.Integer(), nullable=False, comment="The edition matched."),
        sa.Column(
            "action_id", sa.Integer(), nullable=False, comment="The action the record was tied to."
        ),
        sa.Column(
            "record_no",
            sa.Integer(),
            nullable=False,
            comment="The record's position in that edition.",
        ),
        sa.Column("score", sa.Float(), nullable=False, comment="Similarity 0..100."),
        sa.ForeignKeyConstraint(
            ["action_id"],
            ["action.id"],
            name=op.f("fk_match_review_action_id_action"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["plan_version_id"],
            ["plan_version.id"],
            name=op.f("fk_match_review_plan_version_id_plan_version"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_match_review")),
        comment="Fuzzy matches accepted with a score between 70 and 90: a person should check.",
    )
    op.create_index(op.f("ix_match_review_action_id"), "match_review", ["action_id"], unique=False)
    op.create_index(
        op.f("ix_match_review_plan_version_id"), "match_review", ["plan_version_id"], unique=False
    )

    op.create_table(
        "action_version_person",
        sa.Column("action_version_id", sa.Integer(), nullable=False, comment="The action version."),
        sa.Column("person_id", sa.Integer(), nullable=False, comment="The person."),
        sa.Column(
            "capacity",
            sa.String(length=12),
            nullable=False,
            comment="lead, accountable, responsible or supporting.",
        ),
        sa.ForeignKeyConstraint(
            ["action_version_id"],
            ["action_version.id"],
            name=op.f("fk_action_version_person_action_version_id_action_version"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_action_version_person_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "action_version_id", "person_id", "capacity", name=op.f("pk_action_version_person")
        ),
        comment="Who (people) leads an action version, in which capacity.",
    )
    op.create_index(
        op.f("ix_action_version_person_person_id"),
        "action_version_person",
        ["person_id"],
        unique=False,
    )

    op.create_table(
        "action_version_role",
        sa.Column("action_version_id", sa.Integer(), nullable=False, comment="The action version."),
        sa.Column("role_id", sa.Integer(), nullable=False, comment="The role."),
        sa.Column(
            "capacity",
            sa.String(length=12),
            nullable=False,
            comment="lead, accountable, responsible or supporting.",
        ),
        sa.ForeignKeyConstraint(
            ["action_version_id"],
            ["action_version.id"],
            name=op.f("fk_action_version_role_action_version_id_action_version"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["role_id"],
            ["role.id"],
            name=op.f("fk_action_version_role_role_id_role"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "action_version_id", "role_id", "capacity", name=op.f("pk_action_version_role")
        ),
        comment="Which role titles lead an action version, in which capacity.",
    )
    op.create_index(
        op.f("ix_action_version_role_role_id"), "action_version_role", ["role_id"], unique=False
    )

    op.create_table(
        "action_version_team",
        sa.Column("action_version_id", sa.Integer(), nullable=False, comment="The action version."),
        sa.Column("team_id", sa.Integer(), nullable=False, comment="The team."),
        sa.Column(
            "capacity",
            sa.String(length=12),
            nullable=False,
            comment="lead, accountable, responsible or supporting.",
        ),
        sa.ForeignKeyConstraint(
            ["action_version_id"],
            ["action_version.id"],
            name=op.f("fk_action_version_team_action_version_id_action_version"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["team_id"],
            ["team.id"],
            name=op.f("fk_action_version_team_team_id_team"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "action_version_id", "team_id", "capacity", name=op.f("pk_action_version_team")
        ),
        comment="Which teams lead an action version, in which capacity.",
    )
    op.create_index(
        op.f("ix_action_version_team_team_id"), "action_version_team", ["team_id"], unique=False
    )

    op.create_table(
        "field_provenance",
        sa.Column("id", sa.Integer(), nullable=False, comment="Surrogate key."),
        sa.Column("action_version_id", sa.Integer(), nullable=False, comment="The action version."),
        sa.Column(
            "plan_version_id", sa.Integer(), nullable=False, comment="The edition it was read from."
        ),
        sa.Column(
            "field", sa.String(length=40), nullable=False, comment="ActionRecord field name."
        ),
        sa.Column("page", sa.Integer(), nullable=True, comment="Page (PDF); null for Word."),
        sa.Column(
            "table_index", sa.Integer(), nullable=True, comment="Table index in the document."
        ),
        sa.Column("row", sa.Integer(), nullable=True, comment="Row in the table."),
        sa.Column("col", sa.Integer(), nullable=True, comment="Column in the table."),
        sa.Column("x0", sa.Float(), nullable=True, comment="Cell box left, PDF points."),
        sa.Column("top", sa.Float(), nullable=True, comment="Cell box top, PDF points."),
        sa.Column("x1", sa.Float(), nullable=True, comment="Cell box right, PDF points."),
        sa.Column("bottom", sa.Float(), nullable=True, comment="Cell box bottom, PDF points."),
        sa.Column(
            "raw_text",
            sa.Text(),
            nullable=True,
            comment="Raw cell text, when it differs from the value.",
        ),
        sa.Column(
            "confidence", sa.Float(), nullable=True, comment="How sure the normaliser was, 0..1."
        ),
        sa.CheckConstraint(
            "confidence >= 0 AND confidence <= 1", name=op.f("ck_field_provenance_confidence")
        ),
        sa.ForeignKeyConstraint(
            ["action_version_id"],
            ["action_version.id"],
            name=op.f("fk_field_provenance_action_version_id_action_version"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["plan_version_id"],
            ["plan_version.id"],
            name=op.f("fk_field_provenance_plan_version_id_plan_version"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_field_provenance")),
        comment="Where each value of an action was read, in each edition that carries it.",
    )
    op.create_index(
        op.f("ix_field_provenance_action_version_id"),
        "field_provenance",
        ["action_version_id"],
        unique=False,
    )
    op.create_index(
        op.f("ix_field_provenance_plan_version_id"),
        "field_provenance",
        ["plan_version_id"],
        unique=False,
    )
    for name, sql in VIEWS.items():
        op.execute(f"CREATE VIEW {name} AS {sql}")


def downgrade() -> None:
    for name in reversed(list(VIEWS)):
        op.execute(f"DROP VIEW {name}")
    op.drop_table("field_provenance")
    op.drop_table("action_version_team")
    op.drop_table("action_version_role")
    op.drop_table("action_version_person")
    op.drop_table("match_review")
    op.drop_table("action_version")
    op.drop_table("manual_link")
    op.drop_table("action")
    op.drop_table("plan_version")
    op.drop_table("import_failure")
    op.drop_table("file_observation")
    op.drop_table("team")
    op.drop_table("source_file")
    op.drop_table("role")
    op.drop_table("plan")
    op.drop_table("person")
    op.drop_table("import_run")
