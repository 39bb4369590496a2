"""The sync job's memory of the previous pass over a folder.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "sync_scan",
        sa.Column(
            "path", sa.Text(), nullable=False, comment="Absolute path of a file in a synced folder."
        ),
        sa.Column("size", sa.BigInteger(), nullable=False, comment="Size at the last pass."),
        sa.Column(
            "mtime_ns", sa.BigInteger(), nullable=False, comment="mtime (ns) at the last pass."
        ),
        sa.Column(
            "changed_at",
            sa.DateTime(timezone=True),
            nullable=False,
            comment="When size/mtime last changed.",
        ),
        sa.Column(
            "handled_sha256",
            sa.String(length=64),
            nullable=True,
            comment="The content this path was dealt with as (imported, sighted, or failed for "
            "good); null while still to do.",
        ),
        sa.PrimaryKeyConstraint("path", name=op.f("pk_sync_scan")),
        comment="What the previous sync pass saw of each file (planingest sync).",
    )


def downgrade() -> None:
    op.drop_table("sync_scan")
