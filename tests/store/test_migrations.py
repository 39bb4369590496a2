"""The migrations build exactly the schema the models describe, and come down again."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, inspect, text

from planingest.store.migrate import alembic_config, current, downgrade, head, upgrade
from planingest.store.models import Base

FIRST_VIEWS = {"actions_current", "action_history", "plan_editions", "overdue_actions"}
VIEWS = FIRST_VIEWS | {"action_leads", "corrections_applied", "action_readings"}


def _view_descriptions(conn: Connection, views: set[str] = VIEWS) -> dict[str, str | None]:
    """PostgreSQL: the comment on every view (``view``) and view column (``view.column``)."""
    found: dict[str, str | None] = {}
    for view in views:
        params = {"v": view}
        found[view] = conn.execute(
            text("SELECT obj_description(CAST(:v AS regclass), 'pg_class')"), params
        ).scalar()
        columns = conn.execute(
            text(
                "SELECT attname, col_description(attrelid, attnum) FROM pg_attribute "
                "WHERE attrelid = CAST(:v AS regclass) AND attnum > 0 AND NOT attisdropped"
            ),
            params,
        )
        for name, comment in columns:
            found[f"{view}.{name}"] = comment
    return found


def _documented_views(engine: Engine) -> dict[str, str]:
    """The texts the newest migration that comments views writes, keyed as
    :func:`_view_descriptions`."""
    revision = ScriptDirectory.from_config(alembic_config(engine)).get_revision("0007")
    assert revision is not None
    module = revision.module
    expected: dict[str, str] = {}
    for view, (comment, columns) in module.VIEW_COMMENTS.items():
        expected[view] = comment
        expected.update({f"{view}.{column}": note for column, note in columns.items()})
    return expected


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


def test_views_and_their_columns_are_documented(database_url: str) -> None:
    engine = create_engine(database_url)
    upgrade(engine)
    if engine.dialect.name != "postgresql":
        # SQLite has no comments: the migration is a no-op there, and comes down cleanly.
        downgrade(engine, "0002")
        upgrade(engine)
        engine.dispose()
        return
    with engine.connect() as conn:
        described = _view_descriptions(conn)
    # Every view and every view column, and exactly the texts the migration carries (quotes too).
    assert all(described.values()), [name for name, note in described.items() if not note]
    assert described == _documented_views(engine)

    downgrade(engine, "0002")
    with engine.connect() as conn:
        assert set(inspect(conn).get_view_names()) == FIRST_VIEWS
        assert set(_view_descriptions(conn, FIRST_VIEWS).values()) == {None}

    upgrade(engine)
    with engine.connect() as conn:
        assert _view_descriptions(conn) == described
    engine.dispose()


def test_the_head_read_from_file_names_is_alembics_head(database_url: str) -> None:
    """``upgrade`` skips Alembic when the database is at ``head()``: the two must agree."""
    engine = create_engine(database_url)
    assert head() == ScriptDirectory.from_config(alembic_config(engine)).get_current_head()
    assert current(engine) is None
    upgrade(engine)
    assert current(engine) == head()
    upgrade(engine)  # at head already: one query
    assert current(engine) == head()
