"""Fixtures for the batch tests: databases (SQLite in tmp, a fresh PostgreSQL schema), the CLI."""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text
from typer.testing import CliRunner, Result

from planingest.cli import app

PG_URL = os.environ.get(
    "PLANINGEST_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'plans.db'}"


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A URL whose connections live in a fresh schema (dropped afterwards)."""
    try:
        admin = create_engine(PG_URL)
        with admin.begin() as connection:
            schema = f"batch_{uuid.uuid4().hex[:10]}"
            connection.execute(text(f"CREATE SCHEMA {schema}"))
    except Exception as exc:  # noqa: BLE001 - no server here: the PostgreSQL tests are skipped
        pytest.skip(f"PostgreSQL not reachable at {PG_URL}: {exc}")
    sep = "&" if "?" in PG_URL else "?"
    try:
        yield f"{PG_URL}{sep}options=-csearch_path%3D{schema}&application_name={schema}"
    finally:
        with admin.begin() as connection:
            connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


def invoke(*args: str, env: dict[str, str] | None = None) -> Result:
    """Run the real CLI in-process (workers are still separate processes)."""
    return CliRunner().invoke(app, list(args), catch_exceptions=False, env=env)


def invoke_json(*args: str, env: dict[str, str] | None = None) -> tuple[int, Any]:
    result = invoke(*args, "--json", env=env)
    return result.exit_code, json.loads(result.stdout)
