"""Fixtures: a fresh, migrated store on SQLite (a temporary file) and on PostgreSQL (a schema
of its own per test, dropped afterwards)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from planingest import store as store_module

BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A URL to an empty database of the backend the test is parametrised with."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"
    return str(request.getfixturevalue("pg_schema_url"))


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
