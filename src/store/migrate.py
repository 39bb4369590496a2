"""Run the store's Alembic migrations from code (no alembic.ini, no command line)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text

if TYPE_CHECKING:  # alembic loads only when a database needs migrating
    from alembic.config import Config

MIGRATIONS = Path(__file__).with_name("migrations")


def head() -> str:
    """The newest revision: each migration file is named after its revision id (``0006_...``),
    numbered in order (``tests/store/test_migrations.py`` checks this against Alembic)."""
    return max(p.name.split("_")[0] for p in (MIGRATIONS / "versions").glob("[0-9]*_*.py"))


def current(engine: Engine) -> str | None:
    """The database's revision, or None for a database never migrated."""
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def alembic_config(engine: Engine) -> Config:
    """A Config whose scripts live inside the package; the connection is opened per command."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def _run(engine: Engine, action: str, revision: str) -> None:
    from alembic import command

    config = alembic_config(engine)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        getattr(command, action)(config, revision)


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Migrate to ``revision``; a database at the newest already costs one query, not the
    second it takes to load Alembic and its scripts."""
    if revision == "head" and current(engine) == head():
        return
    _run(engine, "upgrade", revision)


def downgrade(engine: Engine, revision: str = "base") -> None:
    _run(engine, "downgrade", revision)
