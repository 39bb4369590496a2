"""Corrections: a person's rulings on values as read (correct, accept, undo), kept beside what
was read and applied on read.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "correction",
        sa.Column("id", sa.Integer(), nullable=False, comment="Surrogate key."),
        sa.Column("plan_id", sa.Integer(), nullable=False, comment="The plan."),
        sa.Column(
            "action_id",
            sa.Integer(),
            nullable=True,
            comment="The action corrected; null while a re-read of its edition is matched to it "
            "again (by anchor_ref and anchor_text).",
        ),
        sa.Column(
            "anchor_ref",
            sa.Text(),
            nullable=True,
            comment="The action's ref as the edition read it (to find it again).",
        ),
        sa.Column(
            "anchor_text",
            sa.Text(),
            nullable=False,
            comment="The action's text as the edition read it (to find it again).",
        ),
        sa.Column(
            "field",
            sa.String(length=40),
            nullable=False,
            comment="The field (action_version column).",
        ),
        sa.Column(
            "edition_key",
            sa.Text(),
            nullable=False,
            comment="The edition it was made on: its date (ISO), or 'undated:' + title; any "
            "reading of that edition carries it.",
        ),
        sa.Column(
            "plan_version_id",
            sa.Integer(),
            nullable=True,
            comment="The reading shown when it was made (null once that reading is gone).",
        ),
        sa.Column(
            "kind",
            sa.String(length=8),
            nullable=False,
            comment="correct, accept (the read value is right) or undo.",
        ),
        sa.Column(
            "old_value",
            sa.Text(),
            nullable=True,
            comment="The value as read (text; dates ISO); the correction holds while read so.",
        ),
        sa.Column("new_value", sa.Text(), nullable=True, comment="The value the person gave."),
        sa.Column("reason", sa.Text(), nullable=True, comment="Why, in the person's words."),
        sa.Column("author", sa.String(length=200), nullable=False, comment="Who made it."),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), nullable=False, comment="When it was made."
        ),
        sa.CheckConstraint(
            "kind IN ('correct', 'accept', 'undo')", name=op.f("ck_correction_kind")
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["plan.id"], name=op.f("fk_correction_plan_id_plan"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["action_id"],
            ["action.id"],
            name=op.f("fk_correction_action_id_action"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["plan_version_id"],
            ["plan_version.id"],
            name=op.f("fk_correction_plan_version_id_plan_version"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_correction")),
        comment="A person's ruling on one value of an action as one edition read it: corrected, "
        "accepted as read, or a correction undone. Never overwrites what was read; applied on "
        "read while the edition still reads old_value.",
    )
    op.create_index(op.f("ix_correction_plan_id"), "correction", ["plan_id"], unique=False)
    op.create_index(op.f("ix_correction_action_id"), "correction", ["action_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_correction_plan_id"), table_name="correction")
    op.drop_index(op.f("ix_correction_action_id"), table_name="correction")
    op.drop_table("correction")
