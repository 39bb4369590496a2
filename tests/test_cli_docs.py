"""Every CLI command has help text and a section in the README (sqlite-utils' habit)."""

from __future__ import annotations

import pytest
import typer
from typer.testing import CliRunner

import planingest
from planingest.cli import app

from helpers import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
COMMANDS = sorted(typer.main.get_command(app).commands)  # type: ignore[attr-defined]


def test_there_are_commands() -> None:
    assert {"extract", "import", "eval", "schema"} <= set(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
def test_command_has_help_and_readme_section(command: str) -> None:
    result = CliRunner().invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert "Usage:" in result.stdout
    assert f"### `planingest {command}" in README, f"README has no section for `{command}`"


def test_version_alone_prints_the_version() -> None:
    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.strip() == f"planingest {planingest.__version__}"
