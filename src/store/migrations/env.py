"""Alembic environment: runs on the connection the store hands over in ``config.attributes``.

There is no alembic.ini: :mod:`planingest.store.migrate` builds the Config in code, so the
migrations ship inside the package and run wherever the package is installed.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

from planingest.store.models import Base

connection: Connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
