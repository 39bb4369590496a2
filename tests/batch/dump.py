"""A canonical dump of a store: every table's rows as sorted tuples, without the columns that
name a run or a wall-clock time, so two databases that hold the same history compare equal."""

from __future__ import annotations

from typing import Any

from sqlalchemy import MetaData, create_engine, select

VOLATILE = {
    "run_id",
    "recorded_at",
    "seen_at",
    "first_seen_at",
    "at",
    "changed_at",
    "started_at",
    "finished_at",
    "heartbeat_at",
}
SKIPPED_TABLES = {"import_run", "alembic_version", "sync_scan"}
DISTINCT = {
    "file_observation": ("path", "source_file_id", "missing_since"),
    "import_failure": ("path", "sha256", "reason_code", "reason", "transient"),
}
"""Every run that sees a file adds a sighting (or failure) row: compared as distinct facts."""


Dump = dict[str, list[tuple[Any, ...]]]


def canonical_dump(url: str) -> Dump:
    engine = create_engine(url)
    metadata = MetaData()
    metadata.reflect(engine)
    dump: Dump = {}
    try:
        with engine.connect() as connection:
            for name, table in sorted(metadata.tables.items()):
                if name in SKIPPED_TABLES:
                    continue
                columns = [c for c in table.columns if c.name not in VOLATILE]
                if name in DISTINCT:
                    columns = [c for c in columns if c.name in DISTINCT[name]]
                rows = [tuple(map(repr, row)) for row in connection.execute(select(*columns))]
                dump[name] = sorted(set(rows)) if name in DISTINCT else sorted(rows)
    finally:
        engine.dispose()
    return dump
