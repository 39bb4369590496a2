"""The migrations build exactly the schema the models describe, and come down again."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect, text

from planingest.store.migrate import alembic_config, downgrade, upgrade
from planingest.store.models import Base

VIEWS = {"actions_current", "action_history", "plan_editions", "overdue_actions"}


def test_upgrade_from_empty_matches_the_models(database_url: str) -> None:
    engine = create_engine(database_url)
    upgrade(engine)
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []
        inspector = inspect(conn)
        assert set(inspector.get_table_names()) == {*Base.metadata.tables, "alembic_version"}
        assert set(inspector.get_view_names()) == VIEWS
        if conn.dialect.name == "postgresql":
            # PostgreSQL carries the documentation for data teams.
            for table in Base.metadata.tables:
                assert inspector.get_table_comment(table)["text"], table
                for column in inspector.get_columns(table):
                    assert column["comment"], f"{table}.{column['name']}"
    engine.dispose()


def test_every_table_and_column_is_documented() -> None:
    for table in Base.metadata.tables.values():
        assert table.comment, table.name
        for column in table.columns:
            assert column.comment, f"{table.name}.{column.name}"


def test_downgrade_to_base_and_up_again(database_url: str) -> None:
    engine = create_engine(database_url)
    upgrade(engine)
    downgrade(engine, "base")
    with engine.connect() as conn:
        inspector = inspect(conn)
        assert set(inspector.get_table_names()) == {"alembic_version"}
        assert inspector.get_view_names() == []
    upgrade(engine)
    with engine.connect() as conn:
        head = ScriptDirectory.from_config(alembic_config(engine)).get_current_head()
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == head
    engine.dispose()
