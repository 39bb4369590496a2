"""One import at a time per database: overlapping runs (a slow cron pass and the next one, a
person's ``import`` during a ``sync``) must never both write.

PostgreSQL: a session advisory lock (``pg_try_advisory_lock``) keyed on the database and schema,
held by a connection kept open for the run, so it vanishes with the process however it dies.
SQLite: an ``flock`` on a file beside the database file, released by the kernel when the
process dies. The lock is named from the file's real path (symlinks resolved), so two spellings
of one database share one lock. The second run is told the lock is taken and does nothing, or,
asked to wait, blocks on the lock itself (``pg_advisory_lock``, a blocking ``flock``) until the
first run ends: no polling.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from planingest.errors import Refused


@contextmanager
def run_lock(db_url: str, *, wait: bool = False) -> Iterator[bool]:
    """Yield True while this process holds the database's import lock, False if another has it
    (with ``wait``: block until it is free, then True)."""
    url = make_url(db_url)
    if url.get_backend_name() == "postgresql":
        with _pg_lock(db_url, wait) as held:
            yield held
    elif url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        with _file_lock(sqlite_lock_path(url.database), wait) as held:
            yield held
    else:
        yield True  # an in-memory database is private to this process


@contextmanager
def _file_lock(path: Path, wait: bool) -> Iterator[bool]:
    """An exclusive ``flock`` on ``path`` (created if need be; never deleted, so every process
    locks the same inode)."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        yield True  # closing the descriptor (below, or the process ending) releases the lock
    finally:
        os.close(fd)


def sqlite_lock_path(database: str) -> Path:
    """The lock file of a SQLite database: beside the real file, named after it. Its folder must
    exist already: a mistyped URL is refused, never answered with new folders."""
    real = Path(database).resolve()
    if not real.parent.is_dir():
        raise Refused(
            f"database URL: the folder {real.parent} does not exist (planingest never creates "
            "folders for a database; create it, or correct the URL)"
        )
    return real.with_name(real.name + ".lock")


@contextmanager
def _pg_lock(db_url: str, wait: bool) -> Iterator[bool]:
    engine = create_engine(db_url, pool_pre_ping=True)
    try:
        with engine.connect() as connection:
            schema = connection.execute(
                text("SELECT current_database() || '.' || current_schema()")
            )
            key = lock_key(str(schema.scalar_one()))
            if wait:  # blocks in the server until the holder's session lets go
                connection.execute(text("SELECT pg_advisory_lock(:k)"), {"k": key})
                held = True
            else:
                held = bool(
                    connection.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": key}).scalar()
                )
            connection.commit()
            try:
                yield held
            finally:
                if held and not connection.invalidated:
                    with suppress(DBAPIError):  # a lost connection has dropped the lock already
                        connection.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": key})
                        connection.commit()
    finally:
        engine.dispose()


def lock_key(name: str) -> int:
    """A stable signed 64-bit key for ``pg_try_advisory_lock`` from the database and schema."""
    digest = hashlib.sha256(f"planingest-import:{name}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)
