"""Shared test options and the PostgreSQL server.

Golden baselines are ratcheted by hand, never on CI. The PostgreSQL tests are part of the suite,
not an option: a missing server is a failure (the local cluster is started if it is down).
"""

from __future__ import annotations

import os
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

PG_URL = os.environ.get(
    "PLANINGEST_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-baseline",
        action="store_true",
        help="Raise tests/golden-baseline.json to the current scores (refused when CI is set).",
    )


@pytest.fixture(scope="session")
def update_baseline(request: pytest.FixtureRequest) -> bool:
    wanted = bool(request.config.getoption("--update-baseline"))
    if wanted and os.environ.get("CI"):
        raise pytest.UsageError("--update-baseline is refused on CI: baselines move by hand")
    return wanted


def _postgres_ready() -> bool:
    try:
        with create_engine(PG_URL).connect() as conn:
            conn.execute(text("SELECT 1"))
        return True
    except Exception:  # noqa: BLE001 - any failure to connect means "not ready"
        return False


@pytest.fixture(scope="session")
def postgres() -> str:
    """The PostgreSQL server's URL, starting the local cluster if it is down."""
    if not _postgres_ready() and Path("/etc/postgresql").is_dir():
        for version in sorted(p.name for p in Path("/etc/postgresql").iterdir()):
            subprocess.run(
                ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "start"],
                check=False,
            )
    if not _postgres_ready():
        pytest.fail(f"PostgreSQL is not reachable at {PG_URL} (set PLANINGEST_TEST_PG_URL)")
    return PG_URL


@pytest.fixture
def pg_schema_url(postgres: str) -> Iterator[str]:
    """A URL whose connections live in a fresh schema of their own (dropped afterwards); its
    ``application_name`` is the schema's name, so a test can find its own backends."""
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(postgres)
    with admin.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    try:
        url = make_url(postgres).update_query_dict(
            {"options": f"-csearch_path={schema}", "application_name": schema}
        )
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()
