"""A run stopped by a signal (Ctrl-C, SIGTERM) is ``interrupted``, not ``failed``: what it stored
is whole and running the command again finishes the job.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_BEFORE = "'running', 'succeeded', 'failed', 'abandoned'"
_AFTER = "'running', 'succeeded', 'failed', 'abandoned', 'interrupted'"
_COMMENT_BEFORE = "running, succeeded, failed or abandoned."
_COMMENT_AFTER = (
    "running, succeeded, failed, abandoned (its process died) or interrupted (stopped by Ctrl-C "
    "or SIGTERM: what it stored is whole; running the command again finishes the job)."
)
_NAME = "ck_import_run_status"


def _allow(before: str, after: str, comment_before: str, comment_after: str) -> None:
    """SQLite cannot alter a constraint; as 0004 does for a NOT NULL, its documented way is to
    edit the table's schema text in place (a rebuild would cascade to the tables that refer to
    the run)."""
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        op.drop_constraint(op.f(_NAME), "import_run", type_="check")
        op.create_check_constraint(op.f(_NAME), "import_run", f"status IN ({after})")
        op.alter_column(
            "import_run",
            "status",
            existing_type=sa.String(length=12),
            existing_nullable=False,
            comment=comment_after,
            existing_comment=comment_before,
        )
        return
    version = bind.exec_driver_sql("PRAGMA schema_version").scalar()
    op.execute("PRAGMA writable_schema=ON")
    bind.exec_driver_sql(
        "UPDATE sqlite_master SET sql = replace(sql, ?, ?) WHERE type = 'table' AND name = ?",
        (f"status IN ({before})", f"status IN ({after})", "import_run"),
    )
    op.execute(f"PRAGMA schema_version={int(version or 0) + 1}")
    op.execute("PRAGMA writable_schema=OFF")


def upgrade() -> None:
    _allow(_BEFORE, _AFTER, _COMMENT_BEFORE, _COMMENT_AFTER)


def downgrade() -> None:
    op.execute("UPDATE import_run SET status = 'failed' WHERE status = 'interrupted'")
    _allow(_AFTER, _BEFORE, _COMMENT_AFTER, _COMMENT_BEFORE)
