"""Fixtures: a fresh, migrated store on SQLite (a temporary file) and on PostgreSQL (a schema
of its own per test, dropped afterwards)."""

from __future__ import annotations

import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from planingest import store as store_module

PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
BACKENDS = ["sqlite", "postgresql"]


def _postgres_ready() -> bool:
    try:
        with create_engine(PG_URL).connect() as conn:
            conn.execute(text("SELECT 1"))
        return True
    except Exception:
        return False


@pytest.fixture(scope="session")
def postgres() -> str:
    """The PostgreSQL server's URL, starting the local cluster if it is down."""
    if not _postgres_ready():
        clusters = sorted(p.name for p in Path("/etc/postgresql").iterdir())
        for version in clusters:
            subprocess.run(
                ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "start"],
                check=False,
            )
    if not _postgres_ready():
        pytest.fail(f"PostgreSQL is not reachable at {PG_URL}")
    return PG_URL


@pytest.fixture
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A URL to an empty database of the backend the test is parametrised with."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.db'}"
        return
    base = request.getfixturevalue("postgres")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base)
    with admin.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    try:
        url = make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "database_url" in metafunc.fixturenames:
        metafunc.parametrize("database_url", BACKENDS, indirect=True)


@pytest.fixture
def store(database_url: str) -> Iterator[store_module.Store]:
    opened = store_module.open(database_url)
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture
def run_id(store: store_module.Store) -> int:
    return store.begin_run(trigger="api", pipeline_version="test-1")
