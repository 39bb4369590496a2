"""The layering contracts in pyproject.toml hold, and really fail on a wrong import."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _lint(package_parent: Path) -> subprocess.CompletedProcess[str]:
    """lint-imports with the project's contracts, on the package found under ``package_parent``."""
    env = {**os.environ, "PYTHONPATH": str(package_parent)}
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(ROOT / "pyproject.toml"), "--no-cache"],
        cwd=package_parent,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def _copy(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "src", tmp_path / "planingest", ignore=shutil.ignore_patterns("*.pyc"))
    return tmp_path / "planingest"


def test_contracts_hold_on_the_code(tmp_path: Path) -> None:
    _copy(tmp_path)
    result = _lint(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_extractor_importing_the_store_breaks_the_layers(tmp_path: Path) -> None:
    package = _copy(tmp_path)
    model = package / "extractor" / "model.py"
    model.write_text(model.read_text(encoding="utf-8") + "\nimport planingest.store  # wrong\n")
    result = _lint(tmp_path)
    assert result.returncode == 1
    assert "planingest.extractor.model -> planingest.store" in result.stdout


def test_sqlalchemy_outside_the_store_breaks_a_contract(tmp_path: Path) -> None:
    package = _copy(tmp_path)
    sync = package / "ops" / "sync.py"
    sync.write_text(sync.read_text(encoding="utf-8") + "\nimport sqlalchemy  # wrong\n")
    result = _lint(tmp_path)
    assert result.returncode == 1
    assert "Only the store touches the database BROKEN" in result.stdout
