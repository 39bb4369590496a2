"""Fixtures for the batch tests: databases (SQLite in tmp, a fresh PostgreSQL schema), the CLI."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from planingest.cli import app


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'plans.db'}"


@pytest.fixture
def pg_url(pg_schema_url: str) -> str:
    """A PostgreSQL URL in a fresh schema of its own (see the suite's conftest)."""
    return pg_schema_url


def invoke(*args: str, env: dict[str, str] | None = None) -> Result:
    """Run the real CLI in-process (workers are still separate processes)."""
    return CliRunner().invoke(app, list(args), catch_exceptions=False, env=env)


def invoke_json(*args: str, env: dict[str, str] | None = None) -> tuple[int, Any]:
    result = invoke(*args, "--json", env=env)
    return result.exit_code, json.loads(result.stdout)
