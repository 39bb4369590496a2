"""Fixtures for the batch tests: databases (SQLite in tmp, a fresh PostgreSQL schema), the CLI,
a converter that never returns."""

from __future__ import annotations

import json
import os
from contextlib import suppress
from dataclasses import dataclass
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


@dataclass(frozen=True)
class HungConverter:
    """A ``soffice`` first on PATH that never returns (as LibreOffice can hang on one file): a
    legacy ``.doc`` then keeps its worker busy until the time limit, whatever the machine's
    speed. It writes its pid to ``pids`` as it starts, so a test can see it was stopped."""

    pids: Path
    announce: Path
    """A FIFO the converter writes its pid into as it starts: reading it waits for that event."""

    def started(self) -> list[int]:
        return [int(line) for line in self.pids.read_text().split()] if self.pids.exists() else []

    def wait_started(self) -> int | None:
        """Block until a converter starts (a worker is then mid-document); its pid, or None when
        :meth:`release` ended the wait first."""
        with open(self.announce, encoding="ascii") as fifo:
            text = fifo.read().strip()
        return int(text) if text else None

    def release(self) -> None:
        """End a :meth:`wait_started` that no converter will answer (a failing test must end)."""
        with suppress(OSError):
            os.close(os.open(self.announce, os.O_WRONLY | os.O_NONBLOCK))


@pytest.fixture
def hung_converter(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> HungConverter:
    """Workers started while the fixture is active find the hung ``soffice`` (they inherit the
    test process's environment)."""
    folder = tmp_path / "hung-bin"
    folder.mkdir()
    converter = HungConverter(tmp_path / "converter.pids", tmp_path / "converter.fifo")
    os.mkfifo(converter.announce)
    script = folder / "soffice"
    script.write_text(
        f'#!/bin/sh\necho $$ >> "{converter.pids}"\necho $$ > "{converter.announce}"\n'
        "exec sleep 3600\n"
    )
    script.chmod(0o755)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")
    return converter


def running(pid: int) -> bool:
    """Whether ``pid`` is a live (not reaped, not zombie) process."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"
