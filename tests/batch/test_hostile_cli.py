"""Databases named in hostile ways: a second path to one SQLite file, a folder that is not
there, a server that stays down."""

from __future__ import annotations

from pathlib import Path

from planingest.store import run_lock

from .conftest import invoke

DOWN = "postgresql+psycopg://postgres@127.0.0.1:9/nothing?connect_timeout=2"
"""A PostgreSQL URL whose port (discard) has no server: connections are refused at once."""


def test_a_symlink_to_the_database_shares_its_lock(tmp_path: Path) -> None:
    real = tmp_path / "data" / "plans.db"
    real.parent.mkdir()
    real.touch()
    (tmp_path / "alias").symlink_to(real.parent)
    with run_lock(f"sqlite:///{real}") as held:
        assert held
        with run_lock(f"sqlite:///{tmp_path / 'alias' / 'plans.db'}") as again:
            assert not again  # the same file by another path: the run must not start
    with run_lock(f"sqlite:///{tmp_path / 'alias' / 'plans.db'}") as after:
        assert after


def test_a_sqlite_url_never_creates_folders(tmp_path: Path) -> None:
    plan = tmp_path / "plan.docx"
    plan.write_bytes(b"not read")
    url = f"sqlite:///{tmp_path / 'no' / 'such' / 'plans.db'}"

    result = invoke("import", str(plan), "--db", url)

    assert result.exit_code == 2
    assert "does not exist" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "no").exists()


def test_an_unknown_driver_is_one_line_naming_the_supported_ones(tmp_path: Path) -> None:
    plan = tmp_path / "plan.docx"
    plan.write_bytes(b"not read")

    result = invoke("import", str(plan), "--db", "mysql://someone@localhost/plans")

    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        "error: database URL: 'mysql' is not supported (use sqlite:// or postgresql://)"
    ]


def test_watch_exits_3_when_the_database_stays_unreachable(tmp_path: Path) -> None:
    folder = tmp_path / "share"
    folder.mkdir()

    result = invoke("watch", str(folder), "--db", DOWN, "--interval", "0.1", "--passes", "10")

    assert result.exit_code == 3
    assert result.stderr.count("database unavailable") == 3  # three passes, then it gives up


def test_a_postgres_url_without_a_driver_works_like_postgresql(pg_schema_url: str) -> None:
    """``postgres://`` (Heroku and libpq spell it so) and ``postgresql://`` name no driver:
    planingest uses psycopg 3, the driver it installs."""
    bare = "postgres://" + pg_schema_url.split("://", 1)[1]

    result = invoke("plans", "--db", bare)

    assert result.exit_code == 0, result.stderr
    assert "Plans: nothing to show" in result.stdout
